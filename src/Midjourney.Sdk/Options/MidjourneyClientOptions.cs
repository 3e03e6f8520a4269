using System.Globalization;

namespace Midjourney.Sdk;

/// <summary>
/// How a <see cref="MidjourneyClient"/> reaches its provider. Settable so configuration binding works;
/// the client takes a copy when it is built, so later changes do not affect it.
/// </summary>
public sealed class MidjourneyClientOptions
{
    /// <summary>See <see cref="MaxConnectionsPerServer"/>.</summary>
    internal const int DefaultMaxConnectionsPerServer = 20;

    /// <summary>See <see cref="MaxDownloadBytes"/>.</summary>
    internal const long DefaultMaxDownloadBytes = 200L * 1024 * 1024;

    private MidjourneyPollingOptions _polling = new();
    private MidjourneyRetryOptions _retry = new();
    private MjProxyOptions _mjProxy = new();
    private ApixoOptions _apixo = new();
    private MidApiOptions _midApi = new();
    private MidjourneyWebhookOptions _webhooks = new();

    /// <summary>The relay service to use.</summary>
    /// <value>The default is <see cref="MidjourneyProvider.GoApi"/>.</value>
    public MidjourneyProvider Provider { get; set; } = MidjourneyProvider.GoApi;

    /// <summary>The provider API key. Required. Never written to logs, exception messages or <see cref="ToString"/>.</summary>
    /// <value>The default is null (which fails validation).</value>
    public string? ApiKey { get; set; }

    /// <summary>
    /// The provider's base URL; a path in it is kept (<c>https://relay.example/fast</c> sends to <c>https://relay.example/fast/mj/...</c>).
    /// </summary>
    /// <value>
    /// The default is null: the provider's public endpoint (GoAPI <c>https://api.midjourneyapi.xyz</c>, APIXO
    /// <c>https://api.apixo.ai</c>, midapi <c>https://api.midapi.ai</c>; for kie.ai set <c>https://api.kie.ai</c>).
    /// MJ-Proxy has no public endpoint, so it needs one: the relay's address, what precedes <c>/mj</c>.
    /// </value>
    public Uri? BaseUrl { get; set; }

    /// <summary>
    /// The most connections the client opens to the provider at once, when the SDK creates the connection handler (the
    /// <see cref="MidjourneyClient(MidjourneyClientOptions, TimeProvider?, Microsoft.Extensions.Logging.ILoggerFactory?)"/>
    /// constructor, or <c>AddMidjourney</c> unless the app replaces the primary handler). Status checks queue for a free
    /// connection rather than opening more, so a thousand waits do not open a thousand connections.
    /// </summary>
    /// <value>The default is 20. Valid values are 1 to 1000.</value>
    public int MaxConnectionsPerServer { get; set; } = DefaultMaxConnectionsPerServer;

    /// <summary>
    /// The largest file <see cref="IMidjourneyClient.DownloadAsync(MidjourneyTask, string, CancellationToken)"/> accepts,
    /// checked against <c>Content-Length</c> and as the bytes arrive.
    /// </summary>
    /// <value>The default is 200 MiB (an upscale is a few MB; a video a few tens). Valid values are 1 KiB to 4 GiB.</value>
    public long MaxDownloadBytes { get; set; } = DefaultMaxDownloadBytes;

    /// <summary>How <see cref="IMidjourneyClient.WaitForCompletionAsync"/> and <see cref="IMidjourneyClient.WatchAsync"/> poll. Never null.</summary>
    /// <exception cref="ArgumentNullException">The value set is null.</exception>
    public MidjourneyPollingOptions Polling
    {
        get => _polling;
        set => _polling = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Callbacks (webhooks): the URL put on every submit, the secret that authenticates calls. Never null.</summary>
    /// <exception cref="ArgumentNullException">The value set is null.</exception>
    public MidjourneyWebhookOptions Webhooks
    {
        get => _webhooks;
        set => _webhooks = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>How failed calls are retried. Never null.</summary>
    /// <exception cref="ArgumentNullException">The value set is null.</exception>
    public MidjourneyRetryOptions Retry
    {
        get => _retry;
        set => _retry = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>MJ-Proxy settings (auth header, lane path prefixes, describe by link). Never null.</summary>
    /// <exception cref="ArgumentNullException">The value set is null.</exception>
    public MjProxyOptions MjProxy
    {
        get => _mjProxy;
        set => _mjProxy = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>APIXO settings (field spelling). Never null.</summary>
    /// <exception cref="ArgumentNullException">The value set is null.</exception>
    public ApixoOptions Apixo
    {
        get => _apixo;
        set => _apixo = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>midapi settings (variation index base). Never null.</summary>
    /// <exception cref="ArgumentNullException">The value set is null.</exception>
    public MidApiOptions MidApi
    {
        get => _midApi;
        set => _midApi = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>A deep copy, which the client keeps so that later changes to these options do not affect it.</summary>
    internal MidjourneyClientOptions Clone() => new()
    {
        Provider = Provider,
        ApiKey = ApiKey,
        BaseUrl = BaseUrl,
        MaxConnectionsPerServer = MaxConnectionsPerServer,
        MaxDownloadBytes = MaxDownloadBytes,
        Polling = Polling.Clone(),
        Retry = Retry.Clone(),
        Webhooks = Webhooks.Clone(),
        MjProxy = MjProxy.Clone(),
        Apixo = Apixo.Clone(),
        MidApi = MidApi.Clone(),
    };

    /// <summary>Shows the provider and base URL; the API key is never shown.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"Provider = {Provider}, BaseUrl = {BaseUrl?.ToString() ?? "(default)"}, ApiKey = {(string.IsNullOrEmpty(ApiKey) ? "(none)" : "***")}");
}
