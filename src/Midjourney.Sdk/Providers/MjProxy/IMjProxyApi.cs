using Refit;

namespace Midjourney.Sdk.Providers.MjProxy;

/// <summary>
/// The MJ-Proxy endpoints (PROTOCOLS.md section 2), one method per endpoint. Implemented by Refit's source generator;
/// <see cref="Http.ApiCaller"/> runs each call and reads its answer (<see cref="MjProxySubmitResponse"/> for submits,
/// <see cref="MjProxyTask"/> for fetch). <c>lane</c> is the optional path before <c>mj/</c> that selects a relay's speed
/// lane: empty for none, else the segments with a trailing slash (<c>mj-fast/</c>); see <see cref="MjProxyLanes"/>.
/// </summary>
/// <remarks>
/// The key goes in one of two headers (<see cref="MjProxyAuthHeader"/>): <c>authorization</c> (<c>Bearer &lt;key&gt;</c>) or
/// <c>apiSecret</c>, the other null (Refit leaves a null header out). Parameters, so the key travels on each request only.
/// </remarks>
[Headers("Accept: application/json")]
internal interface IMjProxyApi
{
    [Post("{**lane}mj/submit/imagine")]
    Task<HttpResponseMessage> ImagineAsync(
        [Header("Authorization")] string? authorization,
        [Header("mj-api-secret")] string? apiSecret,
        string lane,
        [Body] MjProxyImagineBody body,
        CancellationToken cancellationToken);

    [Post("{**lane}mj/submit/blend")]
    Task<HttpResponseMessage> BlendAsync(
        [Header("Authorization")] string? authorization,
        [Header("mj-api-secret")] string? apiSecret,
        string lane,
        [Body] MjProxyBlendBody body,
        CancellationToken cancellationToken);

    [Post("{**lane}mj/submit/describe")]
    Task<HttpResponseMessage> DescribeAsync(
        [Header("Authorization")] string? authorization,
        [Header("mj-api-secret")] string? apiSecret,
        string lane,
        [Body] MjProxyDescribeBody body,
        CancellationToken cancellationToken);

    [Post("{**lane}mj/submit/shorten")]
    Task<HttpResponseMessage> ShortenAsync(
        [Header("Authorization")] string? authorization,
        [Header("mj-api-secret")] string? apiSecret,
        string lane,
        [Body] MjProxyShortenBody body,
        CancellationToken cancellationToken);

    /// <summary>Image-to-video (trueai-org servers).</summary>
    [Post("{**lane}mj/submit/video")]
    Task<HttpResponseMessage> VideoAsync(
        [Header("Authorization")] string? authorization,
        [Header("mj-api-secret")] string? apiSecret,
        string lane,
        [Body] MjProxyVideoBody body,
        CancellationToken cancellationToken);

    /// <summary>Presses a button of a finished task.</summary>
    [Post("mj/submit/action")]
    Task<HttpResponseMessage> ActionAsync(
        [Header("Authorization")] string? authorization,
        [Header("mj-api-secret")] string? apiSecret,
        [Body] MjProxyActionBody body,
        CancellationToken cancellationToken);

    /// <summary>Confirms a task waiting in <c>MODAL</c>.</summary>
    [Post("mj/submit/modal")]
    Task<HttpResponseMessage> ModalAsync(
        [Header("Authorization")] string? authorization,
        [Header("mj-api-secret")] string? apiSecret,
        [Body] MjProxyModalBody body,
        CancellationToken cancellationToken);

    /// <summary>One task; an unknown id is answered with HTTP 200 and an empty or <c>null</c> body.</summary>
    [Get("mj/task/{id}/fetch")]
    Task<HttpResponseMessage> FetchAsync(
        [Header("Authorization")] string? authorization,
        [Header("mj-api-secret")] string? apiSecret,
        string id,
        CancellationToken cancellationToken);

    /// <summary>Cancels a task (trueai-org servers); answered with <c>{code, description}</c>, code 1 for success.</summary>
    [Post("mj/task/{id}/cancel")]
    Task<HttpResponseMessage> CancelAsync(
        [Header("Authorization")] string? authorization,
        [Header("mj-api-secret")] string? apiSecret,
        string id,
        CancellationToken cancellationToken);

    /// <summary>
    /// A task's image seed (trueai-org servers): <c>{code, description, result}</c>, code 1 with the seed. The server may ask
    /// Discord for it (a Discord interaction), so it is called only on request.
    /// </summary>
    [Get("mj/task/{id}/image-seed")]
    Task<HttpResponseMessage> ImageSeedAsync(
        [Header("Authorization")] string? authorization,
        [Header("mj-api-secret")] string? apiSecret,
        string id,
        CancellationToken cancellationToken);

    /// <summary>A POST, but a read: several tasks at once; unknown ids are left out of the answer.</summary>
    [Post("mj/task/list-by-condition")]
    Task<HttpResponseMessage> ListByConditionAsync(
        [Header("Authorization")] string? authorization,
        [Header("mj-api-secret")] string? apiSecret,
        [Body] MjProxyListByConditionBody body,
        CancellationToken cancellationToken);
}
