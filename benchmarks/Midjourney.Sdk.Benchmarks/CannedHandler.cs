using System.Net;
using System.Net.Http.Headers;

namespace Midjourney.Sdk.Benchmarks;

/// <summary>The in-memory transport: answers imagine and fetch with the prepared bytes, as a server would (body read, then answered).</summary>
public sealed class CannedHandler : HttpMessageHandler
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
        {
            await request.Content.CopyToAsync(Stream.Null, cancellationToken);
        }

        byte[] body = request.RequestUri!.AbsolutePath.EndsWith("/fetch", StringComparison.Ordinal) ? Payloads.FinishedTask : Payloads.Submitted;
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
    }
}
