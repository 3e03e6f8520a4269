namespace Midjourney.Sdk;

/// <summary>
/// A callback as it arrived at the app's endpoint: the body, the headers and the URL it was sent to (the URL matters for
/// providers that carry no secret: the SDK's token is in its query). Pass it to
/// <see cref="IMidjourneyClient.HandleWebhookAsync"/>. Everything here came from outside and is checked there.
/// </summary>
public sealed class MidjourneyWebhookRequest
{
    /// <summary>The largest body accepted: 1 MiB (a callback is a task's JSON, a few kilobytes).</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>Creates a request from what arrived.</summary>
    /// <param name="body">The body as received.</param>
    /// <param name="headers">The headers (names compared ignoring case; a repeated name keeps its first value); null for none.</param>
    /// <param name="url">The absolute URL the callback was sent to, query included; null when unknown.</param>
    public MidjourneyWebhookRequest(ReadOnlyMemory<byte> body, IEnumerable<KeyValuePair<string, string>>? headers = null, Uri? url = null)
    {
        Body = body;
        var copy = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach ((string name, string value) in headers ?? [])
        {
            copy.TryAdd(name, value);
        }

        Headers = copy;
        Url = url;
    }

    /// <summary>The body as received.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The headers, by name ignoring case.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The URL the callback was sent to, or null.</summary>
    public Uri? Url { get; }

    /// <summary>The body's size and the URL's path; never a header value or the query (they may carry a secret or token).</summary>
    public override string ToString() =>
        $"Callback of {Body.Length} bytes to {(Url is { IsAbsoluteUri: true } url ? url.GetLeftPart(UriPartial.Path) : "(unknown URL)")} with {Headers.Count} headers";
}
