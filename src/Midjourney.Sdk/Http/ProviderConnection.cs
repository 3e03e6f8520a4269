using System.Text;

namespace Midjourney.Sdk.Http;

/// <summary>
/// Where a provider lives, and the secrets to keep out of everything the SDK shows (the Refit interfaces put the key on each
/// request as a header parameter, never on <see cref="HttpClient.DefaultRequestHeaders"/>, which a shared client could leak).
/// </summary>
internal sealed class ProviderConnection
{
    private readonly SecretRedactor _secrets;

    public ProviderConnection(MidjourneyProvider provider, Uri baseUrl, SecretRedactor secrets)
    {
        Provider = provider;
        BaseUrl = WithTrailingSlash(baseUrl);
        _secrets = secrets;
    }

    public MidjourneyProvider Provider { get; }

    /// <summary>The base URL, ending in '/', so relative paths append to any path it has.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Removes the client's secrets from an answer (see <see cref="SecretRedactor"/>).</summary>
    public ReadOnlyMemory<byte> Redact(ReadOnlyMemory<byte> utf8) => _secrets.Redact(utf8);

    public override string ToString() => $"{Provider} at {BaseUrl}";

    private static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
