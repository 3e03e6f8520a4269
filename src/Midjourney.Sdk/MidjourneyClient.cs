using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Midjourney.Sdk.Http;
using Midjourney.Sdk.Polling;
using Midjourney.Sdk.Providers;
using Midjourney.Sdk.Validation;

namespace Midjourney.Sdk;

/// <summary>
/// The <see cref="IMidjourneyClient"/> for every provider: it validates input, checks the provider's capabilities,
/// hands the request to the provider's adapter, and polls for results. Thread-safe; create one and reuse it
/// (or register it with <c>services.AddMidjourney(...)</c>).
/// </summary>
public sealed class MidjourneyClient : IMidjourneyClient, IDisposable
{
    private readonly IMidjourneyProvider _provider;
    private readonly TaskPoller _poller;
    private readonly HttpClient? _ownedHttpClient;

    /// <summary>Creates a client that sends through <paramref name="httpClient"/> (which the caller owns and disposes).</summary>
    /// <param name="httpClient">The client to send with; its <see cref="HttpClient.BaseAddress"/> is not used.</param>
    /// <param name="options">The provider, key and settings; copied, so later changes have no effect.</param>
    /// <param name="timeProvider">The clock for polling and retry delays; null for <see cref="TimeProvider.System"/>.</param>
    /// <param name="loggerFactory">Where to log calls, retries and polling; null for no logging.</param>
    /// <exception cref="ArgumentException">The options are invalid (the message lists every problem).</exception>
    /// <exception cref="MidjourneyNotSupportedException">This version of the SDK has no adapter for the chosen provider.</exception>
    public MidjourneyClient(HttpClient httpClient, MidjourneyClientOptions options, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
        : this(httpClient ?? throw new ArgumentNullException(nameof(httpClient)), HttpClientUse.Callers, options, timeProvider, loggerFactory)
    {
    }

    /// <summary>Creates a client that owns a pooled <see cref="HttpClient"/>; dispose the client to release it.</summary>
    /// <param name="options">The provider, key and settings; copied, so later changes have no effect.</param>
    /// <param name="timeProvider">The clock for polling and retry delays; null for <see cref="TimeProvider.System"/>.</param>
    /// <param name="loggerFactory">Where to log calls, retries and polling; null for no logging.</param>
    /// <exception cref="ArgumentException">The options are invalid (the message lists every problem).</exception>
    /// <exception cref="MidjourneyNotSupportedException">This version of the SDK has no adapter for the chosen provider.</exception>
    public MidjourneyClient(MidjourneyClientOptions options, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
        : this(CreatePooledHttpClient(), HttpClientUse.Owned, options, timeProvider, loggerFactory)
    {
    }

    /// <summary>How this client holds its <see cref="HttpClient"/>.</summary>
    internal enum HttpClientUse
    {
        /// <summary>The caller's: never changed, never disposed; requests reach it through a client of the SDK's own.</summary>
        Callers,

        /// <summary>Made for this client by <c>IHttpClientFactory</c>: Refit sends through it directly; the factory owns its handlers.</summary>
        Dedicated,

        /// <summary>The SDK's own: Refit sends through it directly, and disposing this client disposes it.</summary>
        Owned,
    }

    internal MidjourneyClient(HttpClient httpClient, HttpClientUse use, MidjourneyClientOptions options, TimeProvider? timeProvider, ILoggerFactory? loggerFactory)
    {
        bool ownsHttpClient = use == HttpClientUse.Owned;
        try
        {
            OptionsValidator.ThrowIfInvalid(options);
            MidjourneyClientOptions frozen = options.Clone();
            TimeProvider clock = timeProvider ?? TimeProvider.System;
            ILoggerFactory logging = loggerFactory ?? NullLoggerFactory.Instance;

            _provider = ProviderFactory.Create(new ProviderContext(httpClient, frozen, clock, logging) { OwnsHttpClient = use != HttpClientUse.Callers });
            _poller = new TaskPoller(
                _provider.GetTaskAsync,
                _provider.Kind,
                PollingSchedule.Resolve(frozen.Polling, _provider.PollingDefaults),
                clock,
                logging.CreateLogger<MidjourneyClient>(),
                frozen.Polling.InitialDelay is null ? _provider.InitialPollDelay : null);
            _ownedHttpClient = ownsHttpClient ? httpClient : null;
        }
        catch when (ownsHttpClient)
        {
            httpClient.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public MidjourneyProvider Provider => _provider.Kind;

    /// <inheritdoc />
    public MidjourneyCapabilities Capabilities => _provider.Capabilities;

    /// <inheritdoc />
    public Task<MidjourneyTask> ImagineAsync(ImagineRequest request, CancellationToken cancellationToken = default)
    {
        RequestValidator.Validate(request);
        EnsureSupported(MidjourneyAction.Imagine);
        if (request.ReferenceImages.Count > 0 && !Capabilities.SupportsReferenceImages)
        {
            throw new MidjourneyNotSupportedException($"{Provider} does not accept reference images on imagine.") { Provider = Provider };
        }

        return _provider.ImagineAsync(request, cancellationToken);
    }

    /// <inheritdoc />
    public Task<MidjourneyTask> UpscaleAsync(UpscaleRequest request, CancellationToken cancellationToken = default)
    {
        RequestValidator.Validate(request);
        EnsureSupported(MidjourneyAction.Upscale);
        return _provider.UpscaleAsync(request, cancellationToken);
    }

    /// <inheritdoc />
    public Task<MidjourneyTask> VariationAsync(VariationRequest request, CancellationToken cancellationToken = default)
    {
        RequestValidator.Validate(request);
        EnsureSupported(MidjourneyAction.Variation);
        return _provider.VariationAsync(request, cancellationToken);
    }

    /// <inheritdoc />
    public Task<MidjourneyTask> RerollAsync(RerollRequest request, CancellationToken cancellationToken = default)
    {
        RequestValidator.Validate(request);
        EnsureSupported(MidjourneyAction.Reroll);
        return _provider.RerollAsync(request, cancellationToken);
    }

    /// <inheritdoc />
    public Task<MidjourneyTask> InpaintAsync(InpaintRequest request, CancellationToken cancellationToken = default)
    {
        RequestValidator.Validate(request);
        EnsureSupported(MidjourneyAction.Inpaint);
        return _provider.InpaintAsync(request, cancellationToken);
    }

    /// <inheritdoc />
    public Task<MidjourneyTask> OutpaintAsync(OutpaintRequest request, CancellationToken cancellationToken = default)
    {
        RequestValidator.Validate(request);
        EnsureSupported(MidjourneyAction.Outpaint);
        return _provider.OutpaintAsync(request, cancellationToken);
    }

    /// <inheritdoc />
    public Task<MidjourneyTask> PanAsync(PanRequest request, CancellationToken cancellationToken = default)
    {
        RequestValidator.Validate(request);
        EnsureSupported(MidjourneyAction.Pan);
        return _provider.PanAsync(request, cancellationToken);
    }

    /// <inheritdoc />
    public Task<MidjourneyTask> DescribeAsync(DescribeRequest request, CancellationToken cancellationToken = default)
    {
        RequestValidator.Validate(request);
        EnsureSupported(MidjourneyAction.Describe);
        return _provider.DescribeAsync(request, cancellationToken);
    }

    /// <inheritdoc />
    public Task<MidjourneyTask> BlendAsync(BlendRequest request, CancellationToken cancellationToken = default)
    {
        RequestValidator.Validate(request);
        EnsureSupported(MidjourneyAction.Blend);
        return _provider.BlendAsync(request, cancellationToken);
    }

    /// <inheritdoc />
    public Task<MidjourneyTask> ShortenAsync(ShortenRequest request, CancellationToken cancellationToken = default)
    {
        RequestValidator.Validate(request);
        EnsureSupported(MidjourneyAction.Shorten);
        return _provider.ShortenAsync(request, cancellationToken);
    }

    /// <inheritdoc />
    public Task<MidjourneyTask> GetTaskAsync(string taskId, CancellationToken cancellationToken = default)
    {
        RequestValidator.TaskId(taskId);
        return _provider.GetTaskAsync(taskId, cancellationToken);
    }

    /// <inheritdoc />
    public Task<MidjourneyTask> WaitForCompletionAsync(string taskId, IProgress<MidjourneyTask>? progress = null, CancellationToken cancellationToken = default)
    {
        RequestValidator.TaskId(taskId);
        return _poller.WaitAsync(taskId, progress, cancellationToken);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<MidjourneyTask> WatchAsync(string taskId, CancellationToken cancellationToken = default)
    {
        // Validated here, not inside the iterator, so a bad id fails at the call rather than at the first MoveNext.
        RequestValidator.TaskId(taskId);
        return _poller.WatchAsync(taskId, cancellationToken);
    }

    /// <summary>Releases the <see cref="HttpClient"/> this client created, if it created one.</summary>
    public void Dispose() => _ownedHttpClient?.Dispose();

    // Connections are recycled so a long-lived client still follows DNS changes, as IHttpClientFactory would.
    private static HttpClient CreatePooledHttpClient() =>
        new(new AnswerBufferingHandler(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }), disposeHandler: true);

    private void EnsureSupported(MidjourneyAction action)
    {
        if (!Capabilities.Supports(action))
        {
            throw new MidjourneyNotSupportedException($"{Provider} does not offer {action}. It offers: {Capabilities}.") { Provider = Provider };
        }
    }
}
