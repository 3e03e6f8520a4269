using System.Net.Http.Headers;

namespace Midjourney.Sdk.Http;

/// <summary>
/// The last handler of the SDK's own Refit-facing <see cref="HttpClient"/> when the caller brought a client: it sends each
/// request Refit built through the caller's client, which is never changed (no base address, no default headers), so a
/// shared one stays as its owner left it; its handlers, timeout and default headers apply, and it reads the whole answer
/// within its timeout.
/// </summary>
internal sealed class TransportForwardingHandler(HttpClient transport) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // HttpClient refuses a request another HttpClient already sent, so the caller's gets a copy that shares the
        // (already serialized, buffered) content and carries the same headers, the key among them.
        var copy = new HttpRequestMessage(request.Method, request.RequestUri)
        {
            Content = request.Content,
            Version = request.Version,
            VersionPolicy = request.VersionPolicy,
        };
        foreach (KeyValuePair<string, HeaderStringValues> header in request.Headers.NonValidated)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        HttpResponseMessage response = await transport.SendAsync(copy, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        response.RequestMessage ??= copy;
        return response;
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The SDK only sends asynchronously.");
}
