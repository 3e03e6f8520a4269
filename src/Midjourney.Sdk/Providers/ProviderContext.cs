using Microsoft.Extensions.Logging;
using Midjourney.Sdk.Http;

namespace Midjourney.Sdk.Providers;

/// <summary>What every provider adapter is built from.</summary>
internal sealed record ProviderContext(
    HttpClient HttpClient,
    MidjourneyClientOptions Options,
    TimeProvider TimeProvider,
    ILoggerFactory LoggerFactory)
{
    /// <summary>The shared JSON helper for this provider, with its base URL (the option's, else <paramref name="defaultBaseUrl"/>) and auth header.</summary>
    public JsonApiClient CreateApiClient(Uri defaultBaseUrl, string authHeaderName, string authHeaderValue) => new(
        HttpClient,
        new ProviderConnection(Options.Provider, Options.BaseUrl ?? defaultBaseUrl, authHeaderName, authHeaderValue),
        Options.Retry,
        TimeProvider,
        LoggerFactory.CreateLogger("Midjourney.Sdk." + Options.Provider));
}
