using System.Text.Json.Serialization;
using Refit;

namespace Midjourney.Sdk.Http;

/// <summary>
/// Builds a provider's Refit interface: the implementation Refit's source generator wrote at compile time (never
/// reflection), the provider's source-generated JSON context, buffered bodies, and URLs resolved under the base URL's path.
/// </summary>
internal static class RefitApiFactory
{
    public static TApi Create<TApi>(HttpClient transport, ProviderConnection connection, JsonSerializerContext json, ApiCaller caller)
    {
        // The SDK's own client: Refit needs a base address, and the caller's client must not be changed to get one.
        var client = new HttpClient(new TransportForwardingHandler(transport, connection), disposeHandler: true)
        {
            BaseAddress = connection.BaseUrl,

            // The transport client's timeout is the one that applies.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        return RestService.ForGenerated<TApi>(client, Settings(json, caller));
    }

    private static RefitSettings Settings(JsonSerializerContext json, ApiCaller caller)
    {
        RefitSettings settings = RefitSettings.ForJsonContext(json);

        // Serialized once into a byte array: a Content-Length, not a chunked upload (some relays and proxies refuse those).
        settings.RequestBodySerialization = RequestBodySerializationMode.Buffered;

        // Relative routes ("mj/v2/imagine") append to the base URL's path ("https://relay.example/fast/").
        settings.UrlResolution = UrlResolutionMode.Rfc3986;
        settings.TransportExceptionFactory = caller.MapTransportFailure;
        return settings;
    }
}
