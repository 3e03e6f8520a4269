using Refit;

namespace Midjourney.Sdk.Providers.GoApi;

/// <summary>
/// GoAPI's Midjourney API v2 (PROTOCOLS.md section 1), one method per endpoint: every one a <c>POST</c> with a JSON body.
/// Implemented by Refit's source generator; <see cref="Http.ApiCaller"/> runs each call and reads its answer
/// (<see cref="GoApiSubmitResponse"/> for submits, <see cref="GoApiTask"/> for fetch). The key is a parameter, so it
/// travels on each request and never on a client's default headers.
/// </summary>
[Headers("Accept: application/json")]
internal interface IGoApiV2Api
{
    [Post("mj/v2/imagine")]
    Task<HttpResponseMessage> ImagineAsync([Header("X-API-KEY")] string apiKey, [Body] GoApiImagineBody body, CancellationToken cancellationToken);

    [Post("mj/v2/reroll")]
    Task<HttpResponseMessage> RerollAsync([Header("X-API-KEY")] string apiKey, [Body] GoApiRerollBody body, CancellationToken cancellationToken);

    [Post("mj/v2/upscale")]
    Task<HttpResponseMessage> UpscaleAsync([Header("X-API-KEY")] string apiKey, [Body] GoApiUpscaleBody body, CancellationToken cancellationToken);

    [Post("mj/v2/variation")]
    Task<HttpResponseMessage> VariationAsync([Header("X-API-KEY")] string apiKey, [Body] GoApiVariationBody body, CancellationToken cancellationToken);

    [Post("mj/v2/inpaint")]
    Task<HttpResponseMessage> InpaintAsync([Header("X-API-KEY")] string apiKey, [Body] GoApiInpaintBody body, CancellationToken cancellationToken);

    [Post("mj/v2/outpaint")]
    Task<HttpResponseMessage> OutpaintAsync([Header("X-API-KEY")] string apiKey, [Body] GoApiOutpaintBody body, CancellationToken cancellationToken);

    [Post("mj/v2/pan")]
    Task<HttpResponseMessage> PanAsync([Header("X-API-KEY")] string apiKey, [Body] GoApiPanBody body, CancellationToken cancellationToken);

    [Post("mj/v2/describe")]
    Task<HttpResponseMessage> DescribeAsync([Header("X-API-KEY")] string apiKey, [Body] GoApiDescribeBody body, CancellationToken cancellationToken);

    [Post("mj/v2/blend")]
    Task<HttpResponseMessage> BlendAsync([Header("X-API-KEY")] string apiKey, [Body] GoApiBlendBody body, CancellationToken cancellationToken);

    /// <summary>A POST, but a read: safe to retry.</summary>
    [Post("mj/v2/fetch")]
    Task<HttpResponseMessage> FetchAsync([Header("X-API-KEY")] string apiKey, [Body] GoApiFetchBody body, CancellationToken cancellationToken);

    /// <summary>Several tasks in one read: <c>{"data": {"id": task or null}}</c>.</summary>
    [Post("mj/v2/multi_fetch")]
    Task<HttpResponseMessage> MultiFetchAsync([Header("X-API-KEY")] string apiKey, [Body] GoApiMultiFetchBody body, CancellationToken cancellationToken);
}
