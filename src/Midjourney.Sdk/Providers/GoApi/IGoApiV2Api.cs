using Refit;

namespace Midjourney.Sdk.Providers.GoApi;

/// <summary>
/// GoAPI's Midjourney API v2 (PROTOCOLS.md section 1), one method per endpoint: every one a <c>POST</c> with a JSON body.
/// Implemented by Refit's source generator; <see cref="Http.ApiCaller"/> runs each call and reads its answer
/// (<see cref="GoApiSubmitResponse"/> for submits, <see cref="GoApiTask"/> for fetch).
/// </summary>
[Headers("Accept: application/json")]
internal interface IGoApiV2Api
{
    [Post("mj/v2/imagine")]
    Task<HttpResponseMessage> ImagineAsync([Body] GoApiImagineBody body, CancellationToken cancellationToken);

    [Post("mj/v2/reroll")]
    Task<HttpResponseMessage> RerollAsync([Body] GoApiRerollBody body, CancellationToken cancellationToken);

    [Post("mj/v2/upscale")]
    Task<HttpResponseMessage> UpscaleAsync([Body] GoApiUpscaleBody body, CancellationToken cancellationToken);

    [Post("mj/v2/variation")]
    Task<HttpResponseMessage> VariationAsync([Body] GoApiVariationBody body, CancellationToken cancellationToken);

    [Post("mj/v2/inpaint")]
    Task<HttpResponseMessage> InpaintAsync([Body] GoApiInpaintBody body, CancellationToken cancellationToken);

    [Post("mj/v2/outpaint")]
    Task<HttpResponseMessage> OutpaintAsync([Body] GoApiOutpaintBody body, CancellationToken cancellationToken);

    [Post("mj/v2/pan")]
    Task<HttpResponseMessage> PanAsync([Body] GoApiPanBody body, CancellationToken cancellationToken);

    [Post("mj/v2/describe")]
    Task<HttpResponseMessage> DescribeAsync([Body] GoApiDescribeBody body, CancellationToken cancellationToken);

    [Post("mj/v2/blend")]
    Task<HttpResponseMessage> BlendAsync([Body] GoApiBlendBody body, CancellationToken cancellationToken);

    /// <summary>A POST, but a read: safe to retry.</summary>
    [Post("mj/v2/fetch")]
    Task<HttpResponseMessage> FetchAsync([Body] GoApiFetchBody body, CancellationToken cancellationToken);

    /// <summary>Several tasks in one read: <c>{"data": {"id": task or null}}</c>.</summary>
    [Post("mj/v2/multi_fetch")]
    Task<HttpResponseMessage> MultiFetchAsync([Body] GoApiMultiFetchBody body, CancellationToken cancellationToken);
}
