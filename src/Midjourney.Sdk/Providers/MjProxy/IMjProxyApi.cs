using Midjourney.Sdk.Http;

namespace Midjourney.Sdk.Providers.MjProxy;

/// <summary>
/// The MJ-Proxy endpoints, one method per endpoint. <c>lane</c> is the optional path segment before <c>/mj</c> that
/// selects a relay's speed lane (<c>mj-fast</c>, <c>fast</c>); null for none.
/// </summary>
internal interface IMjProxyApi
{
    Task<ApiResponse<MjProxySubmitResponse>> ImagineAsync(string? lane, MjProxyImagineBody body, CancellationToken cancellationToken);

    Task<ApiResponse<MjProxySubmitResponse>> BlendAsync(string? lane, MjProxyBlendBody body, CancellationToken cancellationToken);

    Task<ApiResponse<MjProxySubmitResponse>> DescribeAsync(string? lane, MjProxyDescribeBody body, CancellationToken cancellationToken);

    Task<ApiResponse<MjProxySubmitResponse>> ShortenAsync(string? lane, MjProxyShortenBody body, CancellationToken cancellationToken);

    /// <summary>Presses a button of a finished task.</summary>
    Task<ApiResponse<MjProxySubmitResponse>> ActionAsync(MjProxyActionBody body, CancellationToken cancellationToken);

    /// <summary>Confirms a task waiting in <c>MODAL</c>.</summary>
    Task<ApiResponse<MjProxySubmitResponse>> ModalAsync(MjProxyModalBody body, CancellationToken cancellationToken);

    /// <summary><c>GET /mj/task/{id}/fetch</c>; an empty or <c>null</c> answer is <see cref="MidjourneyNotFoundException"/>.</summary>
    Task<ApiResponse<MjProxyTask>> FetchAsync(string taskId, CancellationToken cancellationToken);

    /// <summary>A POST, but a read: unknown ids are left out of the answer.</summary>
    Task<ApiResponse<IReadOnlyList<MjProxyTask>>> ListByConditionAsync(MjProxyListByConditionBody body, CancellationToken cancellationToken);
}
