using Midjourney.Sdk.Http;

namespace Midjourney.Sdk.Providers.GoApi;

/// <summary>The typed GoAPI v2 endpoints over the shared <see cref="JsonApiClient"/>.</summary>
internal sealed class GoApiV2Api(JsonApiClient http) : IGoApiV2Api
{
    private static GoApiJsonContext Json => GoApiJsonContext.Default;

    public Task<ApiResponse<GoApiSubmitResponse>> ImagineAsync(GoApiImagineBody body, CancellationToken cancellationToken) =>
        http.PostAsync("mj/v2/imagine", body, Json.GoApiImagineBody, Json.GoApiSubmitResponse, ApiCallKind.Submit, cancellationToken);

    public Task<ApiResponse<GoApiSubmitResponse>> RerollAsync(GoApiRerollBody body, CancellationToken cancellationToken) =>
        http.PostAsync("mj/v2/reroll", body, Json.GoApiRerollBody, Json.GoApiSubmitResponse, ApiCallKind.Submit, cancellationToken);

    public Task<ApiResponse<GoApiSubmitResponse>> UpscaleAsync(GoApiUpscaleBody body, CancellationToken cancellationToken) =>
        http.PostAsync("mj/v2/upscale", body, Json.GoApiUpscaleBody, Json.GoApiSubmitResponse, ApiCallKind.Submit, cancellationToken);

    public Task<ApiResponse<GoApiSubmitResponse>> VariationAsync(GoApiVariationBody body, CancellationToken cancellationToken) =>
        http.PostAsync("mj/v2/variation", body, Json.GoApiVariationBody, Json.GoApiSubmitResponse, ApiCallKind.Submit, cancellationToken);

    public Task<ApiResponse<GoApiSubmitResponse>> InpaintAsync(GoApiInpaintBody body, CancellationToken cancellationToken) =>
        http.PostAsync("mj/v2/inpaint", body, Json.GoApiInpaintBody, Json.GoApiSubmitResponse, ApiCallKind.Submit, cancellationToken);

    public Task<ApiResponse<GoApiSubmitResponse>> OutpaintAsync(GoApiOutpaintBody body, CancellationToken cancellationToken) =>
        http.PostAsync("mj/v2/outpaint", body, Json.GoApiOutpaintBody, Json.GoApiSubmitResponse, ApiCallKind.Submit, cancellationToken);

    public Task<ApiResponse<GoApiSubmitResponse>> PanAsync(GoApiPanBody body, CancellationToken cancellationToken) =>
        http.PostAsync("mj/v2/pan", body, Json.GoApiPanBody, Json.GoApiSubmitResponse, ApiCallKind.Submit, cancellationToken);

    public Task<ApiResponse<GoApiSubmitResponse>> DescribeAsync(GoApiDescribeBody body, CancellationToken cancellationToken) =>
        http.PostAsync("mj/v2/describe", body, Json.GoApiDescribeBody, Json.GoApiSubmitResponse, ApiCallKind.Submit, cancellationToken);

    public Task<ApiResponse<GoApiSubmitResponse>> BlendAsync(GoApiBlendBody body, CancellationToken cancellationToken) =>
        http.PostAsync("mj/v2/blend", body, Json.GoApiBlendBody, Json.GoApiSubmitResponse, ApiCallKind.Submit, cancellationToken);

    public Task<ApiResponse<GoApiTask>> FetchAsync(GoApiFetchBody body, CancellationToken cancellationToken) =>
        http.PostAsync("mj/v2/fetch", body, Json.GoApiFetchBody, Json.GoApiTask, ApiCallKind.Read, cancellationToken);

    public Task<ApiResponse<GoApiMultiFetchResponse>> MultiFetchAsync(GoApiMultiFetchBody body, CancellationToken cancellationToken) =>
        http.PostAsync("mj/v2/multi_fetch", body, Json.GoApiMultiFetchBody, Json.GoApiMultiFetchResponse, ApiCallKind.Read, cancellationToken);
}
