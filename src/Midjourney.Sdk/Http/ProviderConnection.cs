using System.Text;

namespace Midjourney.Sdk.Http;

/// <summary>
/// Where a provider lives, and the key to keep out of everything the SDK shows (the Refit interfaces put it on each
/// request as a header parameter, never on <see cref="HttpClient.DefaultRequestHeaders"/>, which a shared client could leak).
/// </summary>
internal sealed class ProviderConnection
{
    // Keys shorter than this are test keys: replacing them in an answer could corrupt its JSON.
    private const int MinimumRedactedKeyLength = 8;

    private readonly byte[]? _keyUtf8;

    public ProviderConnection(MidjourneyProvider provider, Uri baseUrl, string apiKey)
    {
        Provider = provider;
        BaseUrl = WithTrailingSlash(baseUrl);
        _keyUtf8 = apiKey.Length < MinimumRedactedKeyLength ? null : Encoding.UTF8.GetBytes(apiKey);
    }

    public MidjourneyProvider Provider { get; }

    /// <summary>The base URL, ending in '/', so relative paths append to any path it has.</summary>
    public Uri BaseUrl { get; }

    /// <summary>
    /// Removes the key from an answer (some providers echo it in "invalid key ..." errors), so it never reaches an
    /// exception, a log or <see cref="MidjourneyTask.RawJson"/>. The common case, no key in the answer, copies nothing.
    /// </summary>
    public ReadOnlyMemory<byte> Redact(ReadOnlyMemory<byte> utf8)
    {
        if (_keyUtf8 is null || utf8.Span.IndexOf(_keyUtf8) < 0)
        {
            return utf8;
        }

        string key = Encoding.UTF8.GetString(_keyUtf8);
        return Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(utf8.Span).Replace(key, "***", StringComparison.Ordinal));
    }

    public override string ToString() => $"{Provider} at {BaseUrl}";

    private static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
