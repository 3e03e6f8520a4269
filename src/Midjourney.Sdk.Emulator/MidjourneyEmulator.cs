using Microsoft.AspNetCore.Builder;
using Midjourney.Sdk.Emulator.Faults;
using Midjourney.Sdk.Emulator.Hosting;

namespace Midjourney.Sdk.Emulator;

/// <summary>
/// A local server on 127.0.0.1 that speaks the Midjourney relay protocols (GoAPI v2 under <c>/mj/v2/</c>, MJ-Proxy under
/// <c>/mj/submit/</c> and <c>/mj/task/</c>, with or without a lane prefix such as <c>/mj-fast</c>, APIXO under
/// <c>/api/v1/generateTask/</c> and <c>/api/v1/statusTask/</c>, midapi under <c>/api/v1/mj/</c>):
/// tasks move through a real lifecycle on <see cref="MidjourneyEmulatorOptions.TimeProvider"/>, follow-ups work on
/// finished tasks, images are real PNG files, and faults can be injected. Thread-safe.
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
    private readonly MidjourneyEmulatorOptions _options;
    private int _disposed;

    private MidjourneyEmulator(WebApplication app, FaultQueue faults, MidjourneyEmulatorOptions options)
    {
        _app = app;
        _faults = faults;
        _options = options;
        BaseUrl = EmulatorApp.BaseUrlOf(app);
    }

    /// <summary>The emulator's address, with a trailing slash, such as <c>http://127.0.0.1:54321/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The API key the emulator accepts; requests with any other key get 401.</summary>
    public string ApiKey => _options.ApiKey;

    /// <summary>A copy of the options the emulator started with; changing it changes nothing.</summary>
    public MidjourneyEmulatorOptions Options => _options.Clone();

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
        var app = EmulatorApp.Build(settings, faults);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            return new MidjourneyEmulator(app, faults, settings);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Queues a fault for upcoming API requests (image downloads are never faulted). Queued faults are used in FIFO
    /// order: each request takes the oldest one whose <see cref="EmulatorFault.PathContains"/> matches, until its
    /// <see cref="EmulatorFault.Times"/> are used up.
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

    /// <summary>Stops the server and frees its port. Requests still held by a latency fault are abandoned. Safe to call twice.</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

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
