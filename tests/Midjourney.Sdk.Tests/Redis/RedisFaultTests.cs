using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Midjourney.Sdk.Tests.TestSupport;
using Midjourney.Sdk.Tests.Webhooks;
using Xunit.Abstractions;
using static Midjourney.Sdk.Tests.Webhooks.WebhookKit;

namespace Midjourney.Sdk.Tests.Redis;

/// <summary>
/// The backplane when Redis is away: down at the app's start, each instance works alone (its own callbacks still end its
/// own waits) and logs one warning; when Redis comes (or comes back, after a stop mid-run), fan-out resumes without a
/// restart of the app. Each test has its own embedded Garnet, stopped and started at will. Real time, bounded waits.
/// </summary>
public sealed class RedisFaultTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    /// <summary>How long a reconnect may take: StackExchange.Redis retries about every second or so.</summary>
    private static readonly TimeSpan RejoinLimit = TimeSpan.FromSeconds(30);

    private static Task<MidjourneyTask> Callback(AppInstance instance, string id, string status, int progress) =>
        instance.Client.HandleWebhookAsync(Authentic(
            MidjourneyProvider.GoApi,
            WebhookKit.GoApi(id, status, progress, imageUrl: status == "finished" ? $"https://img.test/{id}.png" : ""),
            Secret));

    /// <summary>
    /// Delivers ever newer progress of <paramref name="id"/> on <paramref name="from"/> (one callback every 100 ms) until
    /// <paramref name="to"/>'s handlers hear one: the fan-out works again. Returns how long that took.
    /// </summary>
    private static async Task<TimeSpan> UntilFanOutAsync(AppInstance from, AppInstance to, string id)
    {
        var real = Stopwatch.StartNew();
        for (int progress = 1; ; progress++)
        {
            Assert.True(real.Elapsed < RejoinLimit, $"The fan-out did not resume within {RejoinLimit}.");
            Assert.True(progress < 100, "Ran out of progress steps.");
            await Callback(from, id, "processing", progress);
            if (await to.Handler.TryWaitUntilAsync(seen => seen.Any(t => t.Id == id), TimeSpan.FromMilliseconds(100)))
            {
                return real.Elapsed;
            }
        }
    }

    private static IEnumerable<LogEntry> Warnings(AppInstance instance) =>
        instance.Logs.Entries.Where(e => e.Category == "Midjourney.Sdk.Redis" && e.Level == LogLevel.Warning);

    [Fact]
    public async Task RedisDownAtStart_EachInstanceWorksAlone_WarnsOnce_AndJoinsWhenRedisComes()
    {
        using var garnet = new EmbeddedGarnet(start: false);
        using AppInstance a = await AppInstance.StartAsync(garnet.Configuration);
        using AppInstance b = await AppInstance.StartAsync(garnet.Configuration);

        // Alone: A's own callback still ends A's own wait at once, and A's handler hears it.
        Task<MidjourneyTask> waitingOnA = a.Client.WaitForCompletionAsync("down-1");
        await Callback(a, "down-1", "finished", 100);
        Assert.Equal(MidjourneyTaskStatus.Succeeded, (await waitingOnA.WaitAsync(Limit)).Status);
        await a.Handler.WaitForAsync("down-1");
        Assert.True(a.Backplane.IsAlone);
        await Callback(a, "down-2", "processing", 5);
        await Callback(a, "down-2", "processing", 6);
        LogEntry warning = Assert.Single(Warnings(a));
        output.WriteLine(warning.Message);
        Assert.Contains("tracks its own tasks alone", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(garnet.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), warning.AllText, StringComparison.Ordinal);
        Assert.Empty(b.Handler.Seen);

        // Redis comes: both join (StackExchange.Redis connects and subscribes by itself) and updates flow again.
        garnet.Start();
        TimeSpan took = await UntilFanOutAsync(a, b, "up-1");
        output.WriteLine($"Fan-out resumed {took.TotalMilliseconds:F0} ms after Redis started.");
        await a.Backplane.AloneAsync(false, RejoinLimit);
        Assert.Contains(a.Logs.Entries, e => e.Category == "Midjourney.Sdk.Redis" && e.Message.Contains("reaches Redis again", StringComparison.Ordinal));
        Assert.Single(Warnings(a));
    }

    [Fact]
    public async Task RedisStoppedAndRestartedMidRun_InstancesWorkAloneMeanwhile_AndFanOutResumes()
    {
        using var garnet = new EmbeddedGarnet();
        using AppInstance a = await AppInstance.StartAsync(garnet.Configuration);
        using AppInstance b = await AppInstance.StartAsync(garnet.Configuration);
        Task<MidjourneyTask> waiting = b.Client.WaitForCompletionAsync("run-1");
        await Callback(a, "run-1", "finished", 100);
        Assert.Equal(MidjourneyTaskStatus.Succeeded, (await waiting.WaitAsync(Limit)).Status);

        garnet.Stop();
        await a.Backplane.AloneAsync(true, RejoinLimit);
        await b.Backplane.AloneAsync(true, RejoinLimit);

        // Meanwhile each instance has its own callbacks: B's wait ends by B's callback, A's callback does not throw.
        Task<MidjourneyTask> waitingAlone = b.Client.WaitForCompletionAsync("run-2");
        await Callback(a, "run-2", "processing", 50);
        await Callback(b, "run-2", "finished", 100);
        Assert.Equal(MidjourneyTaskStatus.Succeeded, (await waitingAlone.WaitAsync(Limit)).Status);
        Assert.Single(Warnings(a));
        Assert.Single(Warnings(b));

        garnet.Start();
        TimeSpan took = await UntilFanOutAsync(a, b, "run-3");
        output.WriteLine($"Fan-out resumed {took.TotalMilliseconds:F0} ms after Redis restarted.");

        // And a wait on B ends by a callback on A again.
        Task<MidjourneyTask> waitingAgain = b.Client.WaitForCompletionAsync("run-4");
        await Callback(a, "run-4", "finished", 100);
        Assert.Equal(MidjourneyTaskStatus.Succeeded, (await waitingAgain.WaitAsync(Limit)).Status);
    }
}
