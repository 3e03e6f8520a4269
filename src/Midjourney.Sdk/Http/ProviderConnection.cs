namespace Midjourney.Sdk.Http;

/// <summary>
/// Where a provider lives and how requests authenticate. The key is kept private and
/// added to each request (never to <see cref="HttpClient.DefaultRequestHeaders"/>, which a shared client could leak).
/// </summary>
internal sealed class ProviderConnection
{
    private readonly string _authHeaderName;
    private readonly string _authHeaderValue;

    public ProviderConnection(MidjourneyProvider provider, Uri baseUrl, string authHeaderName, string authHeaderValue)
    {
        Provider = provider;
        BaseUrl = WithTrailingSlash(baseUrl);
        _authHeaderName = authHeaderName;
        _authHeaderValue = authHeaderValue;
    }

    public MidjourneyProvider Provider { get; }

    /// <summary>The base URL, ending in '/', so relative paths append to any path it has.</summary>
    public Uri BaseUrl { get; }

    public Uri Resolve(string relativePath) => new(BaseUrl, relativePath.TrimStart('/'));

    public void Authenticate(HttpRequestMessage request) =>
        request.Headers.TryAddWithoutValidation(_authHeaderName, _authHeaderValue);

    /// <summary>
    /// Removes the key from text a provider sent back (some echo it in "invalid key ..." errors), so it never reaches an
    /// exception or a log. Keys shorter than 8 characters (test keys) are left alone: replacing them could corrupt the JSON.
    /// </summary>
    public string Redact(string text)
    {
        string key = _authHeaderValue.StartsWith("Bearer ", StringComparison.Ordinal) ? _authHeaderValue["Bearer ".Length..] : _authHeaderValue;
        return key.Length < 8 ? text : text.Replace(key, "***", StringComparison.Ordinal);
    }

    public override string ToString() => $"{Provider} at {BaseUrl}";

    private static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
