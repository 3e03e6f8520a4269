using System.Text.Json.Serialization;
using Refit;

namespace Midjourney.Sdk.Http;

/// <summary>
/// Builds a provider's Refit interface: the implementation Refit's source generator wrote at compile time (never
/// reflection), the provider's source-generated JSON context, buffered bodies, and URLs resolved under the base URL's path.
/// </summary>
internal static class RefitApiFactory
{
    /// <param name="transport">The client that sends.</param>
    /// <param name="ownsTransport">
    /// True when <paramref name="transport"/> belongs to this SDK client alone (its own, or one the factory made for it):
    /// Refit sends through it, with the base address set. False for a caller's client, which is never changed: Refit then
    /// sends through a client of the SDK's own whose last handler hands each request to the caller's.
    /// </param>
    /// <param name="connection">The base URL.</param>
    /// <param name="json">The provider's source-generated JSON context.</param>
    /// <param name="caller">Maps transport failures (a refused connection, a timeout) to the SDK's exceptions.</param>
    public static TApi Create<TApi>(HttpClient transport, bool ownsTransport, ProviderConnection connection, JsonSerializerContext json, ApiCaller caller)
    {
        HttpClient client;
        if (ownsTransport)
        {
            transport.BaseAddress = connection.BaseUrl;
            client = transport;
        }
        else
        {
            client = new HttpClient(new TransportForwardingHandler(transport), disposeHandler: true)
            {
                BaseAddress = connection.BaseUrl,

                // The caller's client applies its own timeout.
                Timeout = Timeout.InfiniteTimeSpan,
            };
        }

        return RestService.ForGenerated<TApi>(client, Settings(json, caller));
    }

    private static RefitSettings Settings(JsonSerializerContext json, ApiCaller caller)
    {
        // Bodies serialized once into a byte array by the provider's source-generated context: a Content-Length, not a
        // chunked upload (some relays and proxies refuse those).
        var settings = new RefitSettings(new JsonBodySerializer(json)) { RequestBodySerialization = RequestBodySerializationMode.Buffered };

        // Relative routes ("mj/v2/imagine") append to the base URL's path ("https://relay.example/fast/").
        settings.UrlResolution = UrlResolutionMode.Rfc3986;
        settings.TransportExceptionFactory = caller.MapTransportFailure;
        return settings;
    }
}
