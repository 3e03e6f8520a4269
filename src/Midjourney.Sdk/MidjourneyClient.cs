using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Midjourney.Sdk.Downloads;
using Midjourney.Sdk.Http;
using Midjourney.Sdk.Providers;
using Midjourney.Sdk.Telemetry;
using Midjourney.Sdk.Validation;
using Midjourney.Sdk.Waiting;
using Midjourney.Sdk.Webhooks;

namespace Midjourney.Sdk;

/// <summary>
/// The <see cref="IMidjourneyClient"/> for every provider: it validates input, checks the provider's capabilities,
/// hands the request to the provider's adapter, and waits for results through one task tracker (batched status checks,
/// schedules planned from progress and learned durations, hard timeouts). Thread-safe; create one and reuse it (or
/// register it with <c>services.AddMidjourney(...)</c>, which shares one per name).
/// </summary>
public sealed class MidjourneyClient : IMidjourneyClient, IDisposable
{
    private readonly IMidjourneyProvider _provider;
    private readonly TaskTracker _tracker;
    private readonly WebhookSettings _webhooks;
    private readonly CallbackSecrets _callbackSecrets = new();
    private readonly SecretRedactor _secrets;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly ClientTelemetry _telemetry;
    private readonly HttpClient? _ownedHttpClient;
    private readonly Downloader _downloads;
    private readonly ClientLifetime _lifetime;

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
        : this(CreatePooledHttpClient(options), HttpClientUse.Owned, options, timeProvider, loggerFactory)
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

    internal MidjourneyClient(
        HttpClient httpClient,
        HttpClientUse use,
        MidjourneyClientOptions options,
        TimeProvider? timeProvider,
        ILoggerFactory? loggerFactory,
        IMeterFactory? meterFactory = null)
    {
        bool ownsHttpClient = use == HttpClientUse.Owned;
        try
        {
            OptionsValidator.ThrowIfInvalid(options);
            MidjourneyClientOptions frozen = options.Clone();
            TimeProvider clock = timeProvider ?? TimeProvider.System;
            ILoggerFactory logging = loggerFactory ?? NullLoggerFactory.Instance;

            var context = new ProviderContext(httpClient, frozen, clock, logging)
            {
                OwnsHttpClient = use != HttpClientUse.Callers,
                Telemetry = new ClientTelemetry(frozen.Provider, MidjourneyMetrics.Create(meterFactory), clock),
            };
            _telemetry = context.Telemetry;
            _webhooks = context.Webhooks;
            _secrets = context.Secrets;
            _clock = clock;
            _logger = logging.CreateLogger<MidjourneyClient>();
            _provider = ProviderFactory.Create(context);
            BaseUrl = context.BaseUrl ?? frozen.BaseUrl;
            _tracker = new TaskTracker(
                _provider,
                WaitBounds.Resolve(frozen.Polling, _provider.PollingDefaults),
                frozen.MaxConnectionsPerServer,
                frozen.Webhooks.Url is not null,
                clock,
                logging.CreateLogger<MidjourneyClient>(),
                context.Lifetime,
                _telemetry);
            _lifetime = context.Lifetime;
            _downloads = new Downloader(httpClient, frozen.Provider, frozen.Retry, frozen.MaxDownloadBytes, clock, logging.CreateLogger("Midjourney.Sdk.Downloads"), _lifetime);
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
        _webhooks.Validate(request);
        EnsureSupported(MidjourneyAction.Imagine);
        if (request.ReferenceImages.Count > 0 && !Capabilities.SupportsReferenceImages)
        {
            throw new MidjourneyNotSupportedException($"{Provider} does not accept reference images on imagine.") { Provider = Provider };
        }

        return Submit(MidjourneyAction.Imagine, request, request.Speed, parentTaskId: null, static (provider, r, ct) => provider.ImagineAsync(r, ct), cancellationToken);
    }

    /// <inheritdoc />
    public Task<MidjourneyTask> UpscaleAsync(UpscaleRequest request, CancellationToken cancellationToken = default)
    {
        RequestValidator.Validate(request);
        _webhooks.Validate(request);
        EnsureSupported(MidjourneyAction.Upscale);
        return Submit(MidjourneyAction.Upscale, request, speed: null, request.TaskId, static (provider, r, ct) => provider.UpscaleAsync(r, ct), cancellationToken);
    }

    /// <inheritdoc />
    public Task<MidjourneyTask> VariationAsync(VariationRequest request, CancellationToken cancellationToken = default)
    {
        RequestValidator.Validate(request);
        _webhooks.Validate(request);
        EnsureSupported(MidjourneyAction.Variation);
        return Submit(MidjourneyAction.Variation, request, speed: null, request.TaskId, static (provider, r, ct) => provider.VariationAsync(r, ct), cancellationToken);
    }

    /// <inheritdoc />
    public Task<MidjourneyTask> RerollAsync(RerollRequest request, CancellationToken cancellationToken = default)
    {
        RequestValidator.Validate(request);
        _webhooks.Validate(request);
        EnsureSupported(MidjourneyAction.Reroll);
        return Submit(MidjourneyAction.Reroll, request, speed: null, request.TaskId, static (provider, r, ct) => provider.RerollAsync(r, ct), cancellationToken);
    }

    /// <inheritdoc />
    public Task<MidjourneyTask> InpaintAsync(InpaintRequest request, CancellationToken cancellationToken = default)
    {
        RequestValidator.Validate(request);
        _webhooks.Validate(request);
        EnsureSupported(MidjourneyAction.Inpaint);
        return Submit(MidjourneyAction.Inpaint, request, speed: null, request.TaskId, static (provider, r, ct) => provider.InpaintAsync(r, ct), cancellationToken);
    }

    /// <inheritdoc />
    public Task<MidjourneyTask> OutpaintAsync(OutpaintRequest request, CancellationToken cancellationToken = default)
    {
        RequestValidator.Validate(request);
        _webhooks.Validate(request);
        EnsureSupported(MidjourneyAction.Outpaint);
        return Submit(MidjourneyAction.Outpaint, request, speed: null, request.TaskId, static (provider, r, ct) => provider.OutpaintAsync(r, ct), cancellationToken);
    }

    /// <inheritdoc />
    public Task<MidjourneyTask> PanAsync(PanRequest request, CancellationToken cancellationToken = default)
    {
        RequestValidator.Validate(request);
        _webhooks.Validate(request);
        EnsureSupported(MidjourneyAction.Pan);
        return Submit(MidjourneyAction.Pan, request, speed: null, request.TaskId, static (provider, r, ct) => provider.PanAsync(r, ct), cancellationToken);
    }

    /// <inheritdoc />
    public Task<MidjourneyTask> DescribeAsync(DescribeRequest request, CancellationToken cancellationToken = default)
    {
        RequestValidator.Validate(request);
        _webhooks.Validate(request);
        EnsureSupported(MidjourneyAction.Describe);
        return Submit(MidjourneyAction.Describe, request, request.Speed, parentTaskId: null, static (provider, r, ct) => provider.DescribeAsync(r, ct), cancellationToken);
    }

    /// <inheritdoc />
    public Task<MidjourneyTask> BlendAsync(BlendRequest request, CancellationToken cancellationToken = default)
    {
        RequestValidator.Validate(request);
        _webhooks.Validate(request);
        EnsureSupported(MidjourneyAction.Blend);
        return Submit(MidjourneyAction.Blend, request, request.Speed, parentTaskId: null, static (provider, r, ct) => provider.BlendAsync(r, ct), cancellationToken);
    }

    /// <inheritdoc />
    public Task<MidjourneyTask> ShortenAsync(ShortenRequest request, CancellationToken cancellationToken = default)
    {
        RequestValidator.Validate(request);
        _webhooks.Validate(request);
        EnsureSupported(MidjourneyAction.Shorten);
        return Submit(MidjourneyAction.Shorten, request, speed: null, parentTaskId: null, static (provider, r, ct) => provider.ShortenAsync(r, ct), cancellationToken);
    }

    /// <inheritdoc />
    public Task<MidjourneyTask> VideoAsync(VideoRequest request, CancellationToken cancellationToken = default)
    {
        RequestValidator.Validate(request);
        _webhooks.Validate(request);
        EnsureSupported(MidjourneyAction.Video);
        return Submit(MidjourneyAction.Video, request, request.Speed, parentTaskId: null, static (provider, r, ct) => provider.VideoAsync(r, ct), cancellationToken);
    }

    /// <inheritdoc />
    public Task<MidjourneyTask> ExtendVideoAsync(VideoExtendRequest request, CancellationToken cancellationToken = default)
    {
        RequestValidator.Validate(request);
        _webhooks.Validate(request);
        if (!Capabilities.SupportsVideoExtend)
        {
            throw new MidjourneyNotSupportedException($"{Provider} cannot extend a video (only MJ-Proxy's trueai-org servers can).") { Provider = Provider };
        }

        return Submit(MidjourneyAction.Video, request, request.Speed, request.TaskId, static (provider, r, ct) => provider.ExtendVideoAsync(r, ct), cancellationToken);
    }

    /// <inheritdoc />
    public Task<MidjourneyTask> GetTaskAsync(string taskId, CancellationToken cancellationToken = default)
    {
        RequestValidator.TaskId(taskId);
        return ClientTelemetry.Source.HasListeners()
            ? Traced(ClientTelemetry.GetTaskActivity, taskId, static (provider, id, ct) => provider.GetTaskAsync(id!, ApiCallKind.Read, ct), cancellationToken)
            : _provider.GetTaskAsync(taskId, ApiCallKind.Read, cancellationToken);
    }

    /// <inheritdoc />
    public Task CancelTaskAsync(string taskId, CancellationToken cancellationToken = default)
    {
        RequestValidator.TaskId(taskId);
        if (!Capabilities.SupportsCancel)
        {
            throw new MidjourneyNotSupportedException($"{Provider} cannot cancel a task (only MJ-Proxy's trueai-org servers can).") { Provider = Provider };
        }

        return ClientTelemetry.Source.HasListeners()
            ? Traced(ClientTelemetry.CancelTaskActivity, taskId, static (provider, id, ct) => provider.CancelTaskAsync(id!, ct), cancellationToken)
            : _provider.CancelTaskAsync(taskId, cancellationToken);
    }

    /// <inheritdoc />
    public Task<string?> GetSeedAsync(string taskId, CancellationToken cancellationToken = default)
    {
        RequestValidator.TaskId(taskId);
        if (!Capabilities.SupportsSeedLookup)
        {
            throw new MidjourneyNotSupportedException($"{Provider} reports no image seed (MJ-Proxy's trueai-org servers and GoAPI do).") { Provider = Provider };
        }

        return ClientTelemetry.Source.HasListeners()
            ? Traced(ClientTelemetry.GetSeedActivity, taskId, static (provider, id, ct) => provider.GetSeedAsync(id!, ct), cancellationToken)
            : _provider.GetSeedAsync(taskId, cancellationToken);
    }

    /// <inheritdoc />
    public Task<MidjourneyBalance> GetBalanceAsync(CancellationToken cancellationToken = default)
    {
        if (!Capabilities.SupportsBalance)
        {
            throw new MidjourneyNotSupportedException($"{Provider} has no account balance endpoint here (APIXO and kie.ai have one).") { Provider = Provider };
        }

        return ClientTelemetry.Source.HasListeners()
            ? Traced(ClientTelemetry.GetBalanceActivity, taskId: null, static (provider, _, ct) => provider.GetBalanceAsync(ct), cancellationToken)
            : _provider.GetBalanceAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task<MidjourneyTask> WaitForCompletionAsync(string taskId, IProgress<MidjourneyTask>? progress = null, CancellationToken cancellationToken = default)
    {
        RequestValidator.TaskId(taskId);
        return _tracker.WaitAsync(taskId, progress, cancellationToken);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<MidjourneyTask> WatchAsync(string taskId, CancellationToken cancellationToken = default)
    {
        // Validated here, not inside the iterator, so a bad id fails at the call rather than at the first MoveNext.
        RequestValidator.TaskId(taskId);
        return _tracker.WatchAsync(taskId, cancellationToken);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<MidjourneyTask> WaitForEachAsync(IEnumerable<string> taskIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(taskIds);
        string[] ids = taskIds.Distinct(StringComparer.Ordinal).ToArray();
        foreach (string taskId in ids)
        {
            RequestValidator.TaskId(taskId);
        }

        return _tracker.WaitForEachAsync(ids, cancellationToken);
    }

    /// <inheritdoc />
    public Task<MidjourneyTask> HandleWebhookAsync(MidjourneyWebhookRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        using Activity? activity = _telemetry.StartCallback();
        try
        {
            MidjourneyTask task = HandleWebhook(request, out bool accepted);
            ClientTelemetry.TaskSeen(activity, task);
            _telemetry.CallbackReceived(activity, accepted ? "accepted" : "repeat", refusal: null);
            return Task.FromResult(task);
        }
        catch (MidjourneyWebhookException refused)
        {
            ClientTelemetry.Failed(activity, refused);
            _telemetry.CallbackReceived(activity, "refused", refused.Refusal);
            throw;
        }
        catch (Exception ex)
        {
            ClientTelemetry.Failed(activity, ex);
            throw;
        }
    }

    /// <summary>Reads, verifies and delivers a callback; <paramref name="accepted"/> is false for a repeat or an older state.</summary>
    private MidjourneyTask HandleWebhook(MidjourneyWebhookRequest request, out bool accepted)
    {
        if (request.Body.Length > MidjourneyWebhookRequest.MaxBodyBytes)
        {
            throw new MidjourneyWebhookException(
                $"The callback's body ({request.Body.Length} bytes) is over the limit of {MidjourneyWebhookRequest.MaxBodyBytes} bytes.",
                MidjourneyWebhookRefusal.TooLarge)
            {
                Provider = Provider,
            };
        }

        MidjourneyTask task = ReadCallback(request.Body);
        string? secret = _callbackSecrets.Find(task.Id) ?? _webhooks.Secret;
        if (secret is not null && WebhookVerifier.Problem(Provider, request, task.Id, secret, _clock.GetUtcNow()) is { } problem)
        {
            throw new MidjourneyWebhookException($"The callback about {Provider} task {task.Id} is not authentic: {problem}.", MidjourneyWebhookRefusal.NotAuthentic)
            {
                Provider = Provider,
            };
        }

        accepted = _tracker.Deliver(task);
        if (!accepted)
        {
            Log.CallbackNotNewer(_logger, task.Id);
        }

        return task;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<MidjourneyDownload>> DownloadAsync(MidjourneyTask task, string directory, CancellationToken cancellationToken = default) =>
        _downloads.SaveAsync(task, directory, cancellationToken);

    /// <inheritdoc />
    public Task<MidjourneyDownload> DownloadAsync(Uri url, Stream destination, CancellationToken cancellationToken = default) =>
        _downloads.CopyAsync(url, destination, cancellationToken);

    /// <summary>
    /// Adds a handler that runs for every new state of a task this client hears about (verified callbacks and status
    /// checks), whether or not anyone waits for it. Dispose the returned object to remove it.
    /// </summary>
    /// <param name="handler">The handler; see <see cref="IMidjourneyTaskHandler"/> for how handlers run.</param>
    /// <returns>Removes the handler when disposed.</returns>
    /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
    public IDisposable AddTaskHandler(IMidjourneyTaskHandler handler) => _tracker.Handlers.Add(handler);

    /// <summary>Ends the waits in progress (with <see cref="ObjectDisposedException"/>) and releases the <see cref="HttpClient"/> this client created, if it created one.</summary>
    public void Dispose()
    {
        _lifetime.Dispose();
        _tracker.Dispose();
        _ownedHttpClient?.Dispose();
    }

    /// <summary>The tracker behind every wait (for tests and the benchmarks).</summary>
    internal TaskTracker Tracker => _tracker;

    /// <summary>The base URL the provider's API is called at (the option's, else the provider's public default).</summary>
    internal Uri? BaseUrl { get; }

    /// <summary>The aspect ratios imagine takes when the provider has a fixed list; null when any <c>W:H</c> goes.</summary>
    internal IReadOnlyList<string>? AspectRatios => _provider.AspectRatios;

    /// <summary>The handler the SDK creates: connections capped per server and recycled, so a long-lived client follows DNS changes.</summary>
    internal static SocketsHttpHandler CreateConnectionHandler(int maxConnectionsPerServer) => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        MaxConnectionsPerServer = Math.Clamp(maxConnectionsPerServer, 1, 1000),
    };

    private static HttpClient CreatePooledHttpClient(MidjourneyClientOptions? options) =>
        new(new AnswerBufferingHandler(CreateConnectionHandler(options?.MaxConnectionsPerServer ?? MidjourneyClientOptions.DefaultMaxConnectionsPerServer)), disposeHandler: true);

    /// <summary>
    /// Sends a submit through the provider's adapter (its synchronous failures still thrown at the call), inside the
    /// submit's activity when someone listens, and tracks what it returns. <paramref name="send"/> is a static lambda, so
    /// a call allocates no closure.
    /// </summary>
    private Task<MidjourneyTask> Submit<TRequest>(
        MidjourneyAction action,
        TRequest request,
        MidjourneySpeed? speed,
        string? parentTaskId,
        Func<IMidjourneyProvider, TRequest, CancellationToken, Task<MidjourneyTask>> send,
        CancellationToken cancellationToken)
        where TRequest : MidjourneyRequest
    {
        if (!_telemetry.Observed)
        {
            return TrackAsync(send(_provider, request, cancellationToken), request, speed);
        }

        // The activity is current while the adapter starts its request (so the HTTP activity is its child), then the
        // caller's own is restored: this method is not async, and would otherwise leave it current in the caller.
        long started = _telemetry.Timestamp();
        Activity? previous = Activity.Current;
        Activity? activity = _telemetry.StartSubmit(action, parentTaskId);
        Task<MidjourneyTask> submit;
        try
        {
            submit = send(_provider, request, cancellationToken);
        }
        catch (Exception ex)
        {
            _telemetry.SubmitFailed(activity, action, ex, started);
            activity?.Dispose();
            throw;
        }
        finally
        {
            if (activity is not null)
            {
                Activity.Current = previous;
            }
        }

        return TrackObservedAsync(submit, request, speed, action, activity, started);
    }

    private async Task<MidjourneyTask> TrackObservedAsync(
        Task<MidjourneyTask> submit,
        MidjourneyRequest request,
        MidjourneySpeed? speed,
        MidjourneyAction action,
        Activity? activity,
        long started)
    {
        using (activity)
        {
            try
            {
                MidjourneyTask task = await TrackAsync(submit, request, speed).ConfigureAwait(false);
                _telemetry.Submitted(activity, action, task, started);
                return task;
            }
            catch (Exception ex)
            {
                _telemetry.SubmitFailed(activity, action, ex, started);
                throw;
            }
        }
    }

    /// <summary>
    /// Hands a submitted task to the tracker, so a wait on it plans its first check from its age and kind (and, with a
    /// callback on its way, checks only as a safety net); remembers a request's own webhook secret for its callbacks.
    /// </summary>
    private async Task<MidjourneyTask> TrackAsync(Task<MidjourneyTask> submit, MidjourneyRequest request, MidjourneySpeed? speed)
    {
        MidjourneyTask task = await submit.ConfigureAwait(false);
        if (request.WebhookSecret is { } secret)
        {
            _callbackSecrets.Remember(task.Id, secret);
        }

        _tracker.Submitted(task, speed, callbackExpected: _webhooks.Expects(request));
        return task;
    }

    /// <summary>
    /// Starts a call that is not a submit inside its activity (only called when someone listens), as <see cref="Submit"/>
    /// does: synchronous failures are still thrown at the call, and the caller's current activity is restored.
    /// </summary>
    private (Activity? Activity, TTask Running) StartTraced<TTask>(string name, string? taskId, Func<IMidjourneyProvider, string?, CancellationToken, TTask> call, CancellationToken cancellationToken)
        where TTask : Task
    {
        Activity? previous = Activity.Current;
        Activity? activity = _telemetry.StartCall(name, taskId);
        try
        {
            return (activity, call(_provider, taskId, cancellationToken));
        }
        catch (Exception ex)
        {
            ClientTelemetry.Failed(activity, ex);
            activity?.Dispose();
            throw;
        }
        finally
        {
            if (activity is not null)
            {
                Activity.Current = previous;
            }
        }
    }

    private Task<T> Traced<T>(string name, string? taskId, Func<IMidjourneyProvider, string?, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        (Activity? activity, Task<T> running) = StartTraced(name, taskId, call, cancellationToken);
        return activity is null ? running : EndTracedAsync(activity, running);
    }

    private Task Traced(string name, string? taskId, Func<IMidjourneyProvider, string?, CancellationToken, Task> call, CancellationToken cancellationToken)
    {
        (Activity? activity, Task running) = StartTraced(name, taskId, call, cancellationToken);
        return activity is null ? running : EndTracedAsync(activity, running);
    }

    private static async Task<T> EndTracedAsync<T>(Activity activity, Task<T> running)
    {
        using (activity)
        {
            try
            {
                T result = await running.ConfigureAwait(false);
                if (result is MidjourneyTask task)
                {
                    ClientTelemetry.TaskSeen(activity, task);
                }

                return result;
            }
            catch (Exception ex)
            {
                ClientTelemetry.Failed(activity, ex);
                throw;
            }
        }
    }

    private static async Task EndTracedAsync(Activity activity, Task running)
    {
        using (activity)
        {
            try
            {
                await running.ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                ClientTelemetry.Failed(activity, ex);
                throw;
            }
        }
    }

    /// <summary>The task a callback reports; anything a provider's reader lets through unexpectedly is refused as unreadable.</summary>
    private MidjourneyTask ReadCallback(ReadOnlyMemory<byte> body)
    {
        try
        {
            // GoAPI repeats the submit, webhook secret included, in its callbacks: the secret never reaches RawJson.
            return _provider.ReadCallback(_secrets.Redact(body));
        }
        catch (Exception ex) when (ex is not MidjourneyWebhookException)
        {
            throw new MidjourneyWebhookException($"The callback is not {Provider}'s callback: {ex.Message}", MidjourneyWebhookRefusal.Unreadable, ex) { Provider = Provider };
        }
    }

    private void EnsureSupported(MidjourneyAction action)
    {
        if (!Capabilities.Supports(action))
        {
            throw new MidjourneyNotSupportedException($"{Provider} does not offer {action}. It offers: {Capabilities}.") { Provider = Provider };
        }
    }
}
