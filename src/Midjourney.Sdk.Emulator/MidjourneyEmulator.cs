using Microsoft.AspNetCore.Builder;
using Midjourney.Sdk.Emulator.Callbacks;
using Midjourney.Sdk.Emulator.Faults;
using Midjourney.Sdk.Emulator.Hosting;

namespace Midjourney.Sdk.Emulator;

/// <summary>
/// A local server on 127.0.0.1 that speaks the Midjourney relay protocols (GoAPI v2 under <c>/mj/v2/</c>, MJ-Proxy under
/// <c>/mj/submit/</c> and <c>/mj/task/</c>, with or without a lane prefix such as <c>/mj-fast</c>, APIXO under
/// <c>/api/v1/generateTask/</c> and <c>/api/v1/statusTask/</c>, midapi under <c>/api/v1/mj/</c>):
/// tasks move through a real lifecycle on <see cref="MidjourneyEmulatorOptions.TimeProvider"/>, follow-ups work on
/// finished tasks, images are real PNG files, tasks call their webhooks the way each provider does (logged in
/// <see cref="CallbackDeliveries"/>), and faults can be injected. Thread-safe.
/// </summary>
/// <example>
/// <code>
/// await using var emulator = await MidjourneyEmulator.StartAsync();
/// // point a client at emulator.BaseUrl with emulator.ApiKey
/// </code>
/// </example>
public sealed class MidjourneyEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly FaultQueue _faults;
    private readonly CallbackScheduler _callbacks;
    private readonly MidjourneyEmulatorOptions _options;
    private int _disposed;

    private MidjourneyEmulator(WebApplication app, FaultQueue faults, CallbackScheduler callbacks, MidjourneyEmulatorOptions options)
    {
        _app = app;
        _faults = faults;
        _callbacks = callbacks;
        _options = options;
        BaseUrl = EmulatorApp.BaseUrlOf(app);
    }

    /// <summary>The emulator's address, with a trailing slash, such as <c>http://127.0.0.1:54321/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The API key the emulator accepts; requests with any other key get 401.</summary>
    public string ApiKey => _options.ApiKey;

    /// <summary>A copy of the options the emulator started with; changing it changes nothing.</summary>
    public MidjourneyEmulatorOptions Options => _options.Clone();

    /// <summary>
    /// Every callback (webhook) delivery attempt so far, in the order they were made: a snapshot, which later deliveries do not
    /// change. Tasks call back when their submit named a URL (GoAPI <c>webhook_endpoint</c>, MJ-Proxy <c>notifyHook</c>, APIXO
    /// <c>callback_url</c> in callback mode, midapi <c>callBackUrl</c>), with that provider's bodies, triggers and retries.
    /// Also served as JSON at <c>GET /_emulator/callbacks</c>.
    /// </summary>
    public IReadOnlyList<EmulatorCallbackDelivery> CallbackDeliveries => _callbacks.Log.Snapshot();

    /// <summary>Starts an emulator and returns once it accepts connections.</summary>
    /// <param name="options">The settings; <see langword="null"/> uses the defaults. They are copied, so later changes have no effect.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator; dispose it to stop the server.</returns>
    /// <exception cref="ArgumentException">An option is out of range (a negative duration, an empty key, a port beyond 65535).</exception>
    /// <exception cref="IOException">The port is already in use.</exception>
    public static async Task<MidjourneyEmulator> StartAsync(MidjourneyEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        var settings = (options ?? new MidjourneyEmulatorOptions()).Clone();
        settings.Validate();

        var faults = new FaultQueue();
        var callbacks = new CallbackScheduler(settings, faults);
        var app = EmulatorApp.Build(settings, faults, callbacks);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            return new MidjourneyEmulator(app, faults, callbacks, settings);
        }
        catch
        {
            callbacks.Dispose();
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Queues a fault for upcoming API requests (image downloads are never faulted) or, for the callback kinds
    /// (<see cref="EmulatorFault.DropCallbacks"/> and the like), for upcoming callbacks. Queued faults are used in FIFO
    /// order: each request (or callback, as it comes due) takes the oldest one of its sort whose
    /// <see cref="EmulatorFault.PathContains"/> matches, until its <see cref="EmulatorFault.Times"/> are used up.
    /// </summary>
    /// <param name="fault">The fault to queue.</param>
    /// <exception cref="ArgumentNullException"><paramref name="fault"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The emulator has been disposed.</exception>
    public void InjectFault(EmulatorFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        _faults.Enqueue(fault);
    }

    /// <summary>Removes every queued fault, used or not.</summary>
    public void ClearFaults() => _faults.Clear();

    /// <summary>
    /// Waits for the first callback delivery attempt, already made or still to come, that <paramref name="match"/> accepts:
    /// a test's way to wait for a callback without sleeping. With a fake clock, advance it to make the delivery come due;
    /// a retry's timer is already set when the attempt before it is logged, so advancing after this returns moves the retry on.
    /// </summary>
    /// <param name="match">The condition, such as <c>d =&gt; d.TaskId == id &amp;&amp; d.Attempt == 2</c>; called under a lock, so keep it quick.</param>
    /// <param name="cancellationToken">Ends the wait; pass a timeout so a callback that never comes fails the test instead of hanging it.</param>
    /// <returns>The matching delivery.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="match"/> is <see langword="null"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled first.</exception>
    public Task<EmulatorCallbackDelivery> WaitForCallbackAsync(Func<EmulatorCallbackDelivery, bool> match, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(match);
        return _callbacks.Log.WaitForAsync(match, cancellationToken);
    }

    /// <summary>
    /// Completes when no callback is queued, being sent or waiting for a retry: every callback that has come due by the
    /// emulator's clock has been delivered, dropped or given up on. Changes still in a task's future do not count (with a
    /// fake clock, advance it first). Completes at once when nothing is pending, and when the emulator is disposed.
    /// </summary>
    /// <param name="cancellationToken">Ends the wait; pass a timeout, since a retry on a fake clock waits until the clock is advanced.</param>
    /// <returns>A task that completes when the callbacks are idle.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled first.</exception>
    public Task WhenCallbacksIdleAsync(CancellationToken cancellationToken = default) => _callbacks.Log.WhenIdleAsync(cancellationToken);

    /// <summary>
    /// Stops the server and frees its port. Requests still held by a latency fault are abandoned, and so are callbacks not yet
    /// sent or waiting for a retry. Safe to call twice.
    /// </summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _callbacks.Dispose();
        try
        {
            await _app.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
