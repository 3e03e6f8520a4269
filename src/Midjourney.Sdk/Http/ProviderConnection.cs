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

    public override string ToString() => $"{Provider} at {BaseUrl}";

    private static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
