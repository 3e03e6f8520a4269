using Midjourney.Sdk.Http;

namespace Midjourney.Sdk.Providers.MjProxy;

/// <summary>The typed MJ-Proxy endpoints over the shared <see cref="JsonApiClient"/>.</summary>
internal sealed class MjProxyApi(JsonApiClient http) : IMjProxyApi
{
    private static MjProxyJsonContext Json => MjProxyJsonContext.Default;

    public Task<ApiResponse<MjProxySubmitResponse>> ImagineAsync(string? lane, MjProxyImagineBody body, CancellationToken cancellationToken) =>
        http.PostAsync(InLane(lane, "mj/submit/imagine"), body, Json.MjProxyImagineBody, Json.MjProxySubmitResponse, ApiCallKind.Submit, cancellationToken);

    public Task<ApiResponse<MjProxySubmitResponse>> BlendAsync(string? lane, MjProxyBlendBody body, CancellationToken cancellationToken) =>
        http.PostAsync(InLane(lane, "mj/submit/blend"), body, Json.MjProxyBlendBody, Json.MjProxySubmitResponse, ApiCallKind.Submit, cancellationToken);

    public Task<ApiResponse<MjProxySubmitResponse>> DescribeAsync(string? lane, MjProxyDescribeBody body, CancellationToken cancellationToken) =>
        http.PostAsync(InLane(lane, "mj/submit/describe"), body, Json.MjProxyDescribeBody, Json.MjProxySubmitResponse, ApiCallKind.Submit, cancellationToken);

    public Task<ApiResponse<MjProxySubmitResponse>> ShortenAsync(string? lane, MjProxyShortenBody body, CancellationToken cancellationToken) =>
        http.PostAsync(InLane(lane, "mj/submit/shorten"), body, Json.MjProxyShortenBody, Json.MjProxySubmitResponse, ApiCallKind.Submit, cancellationToken);

    public Task<ApiResponse<MjProxySubmitResponse>> ActionAsync(MjProxyActionBody body, CancellationToken cancellationToken) =>
        http.PostAsync("mj/submit/action", body, Json.MjProxyActionBody, Json.MjProxySubmitResponse, ApiCallKind.Submit, cancellationToken);

    public Task<ApiResponse<MjProxySubmitResponse>> ModalAsync(MjProxyModalBody body, CancellationToken cancellationToken) =>
        http.PostAsync("mj/submit/modal", body, Json.MjProxyModalBody, Json.MjProxySubmitResponse, ApiCallKind.Submit, cancellationToken);

    public Task<ApiResponse<MjProxyTask>> FetchAsync(string taskId, CancellationToken cancellationToken) =>
        http.GetAsync($"mj/task/{Uri.EscapeDataString(taskId)}/fetch", Json.MjProxyTask, cancellationToken, UnknownTask(taskId));

    public Task<ApiResponse<IReadOnlyList<MjProxyTask>>> ListByConditionAsync(MjProxyListByConditionBody body, CancellationToken cancellationToken) =>
        http.PostAsync("mj/task/list-by-condition", body, Json.MjProxyListByConditionBody, Json.IReadOnlyListMjProxyTask, ApiCallKind.Read, cancellationToken);

    private static string InLane(string? lane, string path) => lane is null ? path : $"{lane.Trim('/')}/{path}";

    // MJ-Proxy answers a fetch of an unknown id with HTTP 200 and an empty (or null) body.
    private static Func<ApiErrorContext, MidjourneyException> UnknownTask(string taskId) => context =>
        new MidjourneyNotFoundException($"{context.Provider} has no task '{taskId}' ({context.Call} answered with an empty body).")
        {
            Provider = context.Provider,
            StatusCode = context.HttpStatusCode,
        };
}
