using Midjourney.Sdk.Http;

namespace Midjourney.Sdk.Providers.GoApi;

/// <summary>GoAPI's Midjourney API v2, one method per endpoint (all <c>POST</c> with a JSON body).</summary>
internal interface IGoApiV2Api
{
    Task<ApiResponse<GoApiSubmitResponse>> ImagineAsync(GoApiImagineBody body, CancellationToken cancellationToken);

    Task<ApiResponse<GoApiSubmitResponse>> RerollAsync(GoApiRerollBody body, CancellationToken cancellationToken);

    Task<ApiResponse<GoApiSubmitResponse>> UpscaleAsync(GoApiUpscaleBody body, CancellationToken cancellationToken);

    Task<ApiResponse<GoApiSubmitResponse>> VariationAsync(GoApiVariationBody body, CancellationToken cancellationToken);

    Task<ApiResponse<GoApiSubmitResponse>> InpaintAsync(GoApiInpaintBody body, CancellationToken cancellationToken);

    Task<ApiResponse<GoApiSubmitResponse>> OutpaintAsync(GoApiOutpaintBody body, CancellationToken cancellationToken);

    Task<ApiResponse<GoApiSubmitResponse>> PanAsync(GoApiPanBody body, CancellationToken cancellationToken);

    Task<ApiResponse<GoApiSubmitResponse>> DescribeAsync(GoApiDescribeBody body, CancellationToken cancellationToken);

    Task<ApiResponse<GoApiSubmitResponse>> BlendAsync(GoApiBlendBody body, CancellationToken cancellationToken);

    /// <summary>A POST, but a read: safe to retry.</summary>
    Task<ApiResponse<GoApiTask>> FetchAsync(GoApiFetchBody body, CancellationToken cancellationToken);

    Task<ApiResponse<GoApiMultiFetchResponse>> MultiFetchAsync(GoApiMultiFetchBody body, CancellationToken cancellationToken);
}
