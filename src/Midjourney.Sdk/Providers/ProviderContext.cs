using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Midjourney.Sdk.Http;
using Midjourney.Sdk.Telemetry;

namespace Midjourney.Sdk.Providers;

/// <summary>What every provider adapter is built from.</summary>
/// <param name="HttpClient">The transport client: the caller's, the factory's, or the SDK's own.</param>
/// <param name="Options">The frozen client options.</param>
/// <param name="TimeProvider">The clock for retry delays.</param>
/// <param name="LoggerFactory">Where to log calls and retries.</param>
internal sealed record ProviderContext(
    HttpClient HttpClient,
    MidjourneyClientOptions Options,
    TimeProvider TimeProvider,
    ILoggerFactory LoggerFactory)
{
    /// <summary>
    /// True when <see cref="HttpClient"/> belongs to this client alone (the SDK's own, or one the factory made for it), so
    /// Refit may send through it directly; false for a caller's client, which the SDK never changes.
    /// </summary>
    public bool OwnsHttpClient { get; init; }

    /// <summary>Whether the client was disposed: every call checks it before sending.</summary>
    public ClientLifetime Lifetime { get; } = new(Options.Provider);

    /// <summary>The client's secrets, kept out of every answer it shows (and every callback's raw JSON).</summary>
    public SecretRedactor Secrets { get; } = new(Options.ApiKey, Options.Webhooks.Secret);

    /// <summary>The client's traces and metrics; the shared meter's unless the client sets its own.</summary>
    public ClientTelemetry Telemetry
    {
        get => _telemetry ??= new(Options.Provider, MidjourneyMetrics.Shared, TimeProvider);
        init => _telemetry = value;
    }

    private ClientTelemetry? _telemetry;

    /// <summary>What each submit sends for its callback.</summary>
    public Webhooks.WebhookSettings Webhooks { get; } = new(Options.Webhooks, Options.Provider);

    /// <summary>The base URL the provider's API is called at (the option's, else the provider's default); set by <see cref="CreateApi"/>.</summary>
    public Uri? BaseUrl { get; private set; }

    /// <summary>
    /// The provider's typed API and the caller that runs its calls, with its base URL (the option's, else
    /// <paramref name="defaultBaseUrl"/>) and its JSON context.
    /// </summary>
    public (TApi Api, ApiCaller Http) CreateApi<TApi>(Uri defaultBaseUrl, JsonSerializerContext json)
    {
        BaseUrl = Options.BaseUrl ?? defaultBaseUrl;
        var connection = new ProviderConnection(Options.Provider, BaseUrl, Secrets);
        Telemetry.SetEndpoint(connection.BaseUrl);
        var caller = new ApiCaller(connection, Options.Retry, TimeProvider, LoggerFactory.CreateLogger("Midjourney.Sdk." + Options.Provider), Lifetime, Telemetry);
        return (RefitApiFactory.Create<TApi>(HttpClient, OwnsHttpClient, connection, json, caller), caller);
    }
}
