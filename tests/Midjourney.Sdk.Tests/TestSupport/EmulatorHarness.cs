using Midjourney.Sdk.Emulator;

namespace Midjourney.Sdk.Tests.TestSupport;

/// <summary>
/// An emulator and a client over real loopback HTTP that share one fake clock: retry delays move the clock by
/// themselves, waits through <see cref="WaitDriver"/>, and the emulator's tasks advance with it, so a full lifecycle
/// runs in milliseconds without sleeping.
/// </summary>
public sealed class EmulatorHarness : IAsyncDisposable
{
    private EmulatorHarness(MidjourneyEmulator emulator, FakeTimeProvider time, CountingHandler handler, MidjourneyClient client)
    {
        Emulator = emulator;
        Time = time;
        Handler = handler;
        Client = client;
    }

    public MidjourneyEmulator Emulator { get; }

    public FakeTimeProvider Time { get; }

    public CountingHandler Handler { get; }

    public MidjourneyClient Client { get; }

    public static async Task<EmulatorHarness> StartAsync(MidjourneyProvider provider = MidjourneyProvider.GoApi, Action<MidjourneyClientOptions>? configure = null)
    {
        var handler = new CountingHandler();
        (MidjourneyEmulator emulator, FakeTimeProvider time, MidjourneyClient client) = await StartClientAsync(provider, handler, configure);
        return new EmulatorHarness(emulator, time, handler, client);
    }

    /// <summary>
    /// An emulator on a fake clock (20 s tasks) and a client of it on the same clock that sends through
    /// <paramref name="handler"/>, checking every 2 s: the setup every emulator harness of the tests shares.
    /// </summary>
    public static async Task<(MidjourneyEmulator Emulator, FakeTimeProvider Time, MidjourneyClient Client)> StartClientAsync(
        MidjourneyProvider provider, HttpMessageHandler handler, Action<MidjourneyClientOptions>? configure = null)
    {
        var time = new FakeTimeProvider { AutoAdvance = true };
        MidjourneyEmulator emulator = await MidjourneyEmulator.StartAsync(new MidjourneyEmulatorOptions
        {
            TimeProvider = time,
            TaskDuration = TimeSpan.FromSeconds(20),
        });
        var options = new MidjourneyClientOptions { Provider = provider, ApiKey = emulator.ApiKey, BaseUrl = emulator.BaseUrl };
        options.Polling.InitialDelay = TimeSpan.FromSeconds(1);
        options.Polling.Interval = TimeSpan.FromSeconds(2);
        options.Polling.MaxInterval = TimeSpan.FromSeconds(2);
        configure?.Invoke(options);
        return (emulator, time, new MidjourneyClient(new HttpClient(handler), options, time));
    }

    /// <summary>Submits, then waits for the task to succeed.</summary>
    public async Task<MidjourneyTask> RunAsync(Func<IMidjourneyClient, Task<MidjourneyTask>> submit, IProgress<MidjourneyTask>? progress = null)
    {
        MidjourneyTask task = await submit(Client);
        return await Time.DriveAsync(Client, c => c.WaitForCompletionAsync(task.Id, progress));
    }

    /// <summary>An imagine, then U<paramref name="index"/> of it: the upscaled parent most follow-ups need.</summary>
    public async Task<MidjourneyTask> UpscaledAsync(int index = 1)
    {
        MidjourneyTask grid = await RunAsync(c => c.ImagineAsync(new ImagineRequest("a red fox in snow")));
        return await RunAsync(c => c.UpscaleAsync(new UpscaleRequest(grid.Id, index)));
    }

    public async Task<byte[]> DownloadAsync(Uri url)
    {
        using var http = new HttpClient();
        return await http.GetByteArrayAsync(url);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Emulator.DisposeAsync();
    }
}
