namespace Midjourney.Sdk.Http;

/// <summary>
/// Reads the whole answer before handing it on, inside the <see cref="HttpClient"/>'s timeout: Refit asks for the headers
/// only, and a provider that sends its headers and then stalls must still time out like one that never answers.
/// First in the chain of the SDK's own client and of the client <c>AddMidjourney</c> registers.
/// </summary>
internal sealed class AnswerBufferingHandler : DelegatingHandler
{
    /// <summary>Set on a request whose answer is read as a stream (a download): not buffered, its size checked as it is read.</summary>
    public static readonly HttpRequestOptionsKey<bool> Streamed = new("Midjourney.Sdk.Streamed");

    public AnswerBufferingHandler()
    {
    }

    public AnswerBufferingHandler(HttpMessageHandler innerHandler)
        : base(innerHandler)
    {
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (request.Options.TryGetValue(Streamed, out bool streamed) && streamed)
        {
            return response;
        }

        try
        {
#if NET9_0_OR_GREATER
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
#else
            await response.Content.LoadIntoBufferAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
#endif
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
