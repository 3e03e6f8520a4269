using Midjourney.Sdk.Tests.TestSupport;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Midjourney.Sdk.Redis;
using Midjourney.Sdk.Tests.Webhooks;
using StackExchange.Redis;
using Xunit.Abstractions;
using static Midjourney.Sdk.Tests.Webhooks.WebhookKit;

namespace Midjourney.Sdk.Tests.Redis;

/// <summary>
/// The Redis backplane between two service providers in one process (two machines) against one embedded Garnet: a callback
/// handled on instance A ends a wait on instance B and reaches B's task handlers, within milliseconds on loopback; clients
/// with another name or provider do not hear it; nothing secret is published. Real time, bounded waits on signals.
/// </summary>
public sealed class RedisFanOutTests(GarnetFixture garnet, ITestOutputHelper output) : IClassFixture<GarnetFixture>
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    /// <summary>This test's own prefix: the tests of the class share one server, and an instance that starts resumes the unfinished tasks recorded under its prefix.</summary>
    private readonly string _prefix = "fan-" + Guid.NewGuid().ToString("N")[..8];

    private string Redis => garnet.Garnet.Configuration;

    private Task<AppInstance> StartAsync(string name = "mj", MidjourneyProvider provider = MidjourneyProvider.GoApi, Action<MidjourneyRedisOptions>? configure = null) =>
        AppInstance.StartAsync(Redis, name, provider, o =>
        {
            o.Prefix = _prefix;
            configure?.Invoke(o);
        });

    private static Task<MidjourneyTask> Callback(AppInstance instance, string id, string status, int progress, string echoedSecret = "") =>
        instance.Client.HandleWebhookAsync(Authentic(
            MidjourneyProvider.GoApi,
            WebhookKit.GoApi(id, status, progress, imageUrl: status == "finished" ? $"https://img.test/{id}.png" : "", echoedSecret: echoedSecret),
            Secret));

    [Fact]
    public async Task CallbackOnA_EndsAWaitOnB_AndReachesBsHandlers()
    {
        using AppInstance a = await StartAsync();
        using AppInstance b = await StartAsync();
        Task<MidjourneyTask> waiting = b.Client.WaitForCompletionAsync("fan-1");

        var real = Stopwatch.StartNew();
        await Callback(a, "fan-1", "finished", 100);
        MidjourneyTask task = await waiting.WaitAsync(Limit);
        real.Stop();
        output.WriteLine($"Fan-out latency (callback on A to the end of B's wait): {real.Elapsed.TotalMilliseconds:F1} ms");

        Assert.Equal("fan-1", task.Id);
        Assert.Equal(MidjourneyProvider.GoApi, task.Provider);
        Assert.Equal(MidjourneyTaskStatus.Succeeded, task.Status);
        Assert.Equal(new Uri("https://img.test/fan-1.png"), task.ImageUrl);
        Assert.Equal("a cat in the snow --v 7", task.Prompt);
        Assert.Null(task.RawJson); // the provider's payload stays on the instance that received it
        await b.Handler.WaitUntilAsync(seen => seen.Any(t => t.Id == "fan-1" && t.Status == MidjourneyTaskStatus.Succeeded));
        await a.Handler.WaitUntilAsync(seen => seen.Any(t => t.Id == "fan-1" && t.Status == MidjourneyTaskStatus.Succeeded));

        // Each state once on each instance: B's handler saw the final state once (not again when its own update came back).
        Assert.Single(b.Handler.Seen, t => t.Id == "fan-1" && t.Status == MidjourneyTaskStatus.Succeeded);
    }

    [Fact]
    public async Task FanOut_TwentyCallbacksOnA_EachEndsAWaitOnBWithinMilliseconds()
    {
        using AppInstance a = await StartAsync();
        using AppInstance b = await StartAsync();
        var latencies = new List<double>();
        double? first = null;
        for (int i = 0; i < 21; i++)
        {
            string id = $"lat-{i}";
            Task<MidjourneyTask> waiting = b.Client.WaitForCompletionAsync(id);
            var real = Stopwatch.StartNew();
            await Callback(a, id, "finished", 100);
            MidjourneyTask task = await waiting.WaitAsync(Limit);
            Assert.Equal(MidjourneyTaskStatus.Succeeded, task.Status);

            // The first round warms up (JIT, connections, the thread pool); it is reported, not counted.
            if (first is null)
            {
                first = real.Elapsed.TotalMilliseconds;
                continue;
            }

            latencies.Add(real.Elapsed.TotalMilliseconds);
        }

        latencies.Sort();
        output.WriteLine(
            $"Fan-out latency over 20 callbacks after a warm-up round ({first:F1} ms): median {latencies[10]:F1} ms, 95th percentile {latencies[18]:F1} ms, max {latencies[^1]:F1} ms, min {latencies[0]:F1} ms");
        Assert.All(latencies, ms => Assert.True(ms < Limit.TotalMilliseconds, $"{ms} ms"));
    }

    [Fact]
    public async Task ProgressOnB_ByItsOwnCheck_ReachesAsHandlers_AndIsNotPublishedBack()
    {
        using AppInstance a = await StartAsync();
        using AppInstance b = await StartAsync();
        Task<MidjourneyTask> waiting = b.Client.WaitForCompletionAsync("chk-1");

        // B's first check finds the task running (10 %): A's handlers hear it without A asking.
        await a.Handler.WaitUntilAsync(seen => seen.Any(t => t.Id == "chk-1" && t.Status == MidjourneyTaskStatus.InProgress && t.Progress == 10));
        Assert.Contains("chk-1", b.Relay.Checked);
        Assert.DoesNotContain("chk-1", a.Relay.Checked);

        await Callback(a, "chk-1", "finished", 100);
        Assert.Equal(MidjourneyTaskStatus.Succeeded, (await waiting.WaitAsync(Limit)).Status);
        await b.Handler.WaitUntilAsync(seen => seen.Any(t => t.Id == "chk-1" && t.IsCompleted));
        await a.Handler.WaitUntilAsync(seen => seen.Any(t => t.Id == "chk-1" && t.IsCompleted)); // A's handlers run on their own queue
        Assert.Equal(["chk-1 InProgress 10", "chk-1 Succeeded 100"], b.Handler.Steps);
        Assert.Equal(["chk-1 InProgress 10", "chk-1 Succeeded 100"], a.Handler.Steps);
    }

    [Fact]
    public async Task ClientsOfAnotherName_Provider_OrPrefix_DoNotHearIt()
    {
        using AppInstance a = await StartAsync();
        using AppInstance b = await StartAsync();
        using AppInstance otherName = await StartAsync(name: "other");
        using AppInstance otherProvider = await StartAsync(provider: MidjourneyProvider.MjProxy);
        using AppInstance otherPrefix = await StartAsync(configure: o => o.Prefix = "staging");
        using var raw = await ConnectionMultiplexer.ConnectAsync(Redis);
        var channels = new ConcurrentQueue<string>();
        var arrived = new Pulse();
        await raw.GetSubscriber().SubscribeAsync(RedisChannel.Pattern("*"), (channel, _) => { channels.Enqueue(channel.ToString()); arrived.Signal(); });

        await Callback(a, "mix-1", "finished", 100);
        await b.Handler.WaitForAsync("mix-1");

        // The raw subscriber got the message too; by then the others had theirs, had they been on that channel.
        await arrived.WaitUntilAsync(() => !channels.IsEmpty, Limit, "A message on the raw subscription");
        Assert.Equal([$"{_prefix}:tasks:GoApi:mj"], channels.Distinct());
        Assert.Empty(otherName.Handler.Seen);
        Assert.Empty(otherProvider.Handler.Seen);
        Assert.Empty(otherPrefix.Handler.Seen);
        Assert.Equal(RedisChannel.Literal("midjourney:tasks:GoApi:mj"), RedisTaskBackplaneFactory.Channel("midjourney", "mj", MidjourneyProvider.GoApi));
        Assert.Equal(RedisChannel.Literal("midjourney:tasks:MjProxy:"), RedisTaskBackplaneFactory.Channel("midjourney", "", MidjourneyProvider.MjProxy));
    }

    [Fact]
    public async Task PublishedMessages_CarryNoKeyNoSecretNoTokenAndNoRawPayload()
    {
        using AppInstance a = await StartAsync();
        using AppInstance b = await StartAsync();
        using var raw = await ConnectionMultiplexer.ConnectAsync(Redis);
        var messages = new ConcurrentQueue<string>();
        var arrived = new Pulse();
        await raw.GetSubscriber().SubscribeAsync(RedisChannel.Pattern(_prefix + ":*"), (_, value) => { messages.Enqueue(Encoding.UTF8.GetString((byte[])value!)); arrived.Signal(); });

        // GoAPI echoes the submit's webhook secret in its callback body; B's check and A's callbacks are all published.
        Task<MidjourneyTask> waiting = b.Client.WaitForCompletionAsync("sec-1");
        await Callback(a, "sec-1", "processing", 50, echoedSecret: Secret);
        await Callback(a, "sec-1", "finished", 100, echoedSecret: Secret);
        await waiting.WaitAsync(Limit);
        await arrived.WaitUntilAsync(() => messages.Any(m => m.Contains("\"Succeeded\"", StringComparison.Ordinal)), Limit, "The final message");

        Assert.NotEmpty(messages);
        foreach (string message in messages)
        {
            output.WriteLine(message);
            Assert.Contains("\"id\":\"sec-1\"", message, StringComparison.Ordinal);
            Assert.DoesNotContain(Secret, message, StringComparison.Ordinal);
            Assert.DoesNotContain(ApiKey, message, StringComparison.Ordinal);
            Assert.DoesNotContain(Token(Secret), message, StringComparison.Ordinal);
            Assert.DoesNotContain("webhook", message, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("task_request", message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RepeatedOrOlderCallbacks_ArePublishedOnce_AndAnInstanceIgnoresItsOwnMessages()
    {
        using AppInstance a = await StartAsync();
        using AppInstance b = await StartAsync();
        using var raw = await ConnectionMultiplexer.ConnectAsync(Redis);
        var messages = new ConcurrentQueue<string>();
        var arrived = new Pulse();
        await raw.GetSubscriber().SubscribeAsync(RedisChannel.Literal($"{_prefix}:tasks:GoApi:mj"), (_, value) => { messages.Enqueue(Encoding.UTF8.GetString((byte[])value!)); arrived.Signal(); });

        await Callback(a, "rep-1", "processing", 50);
        await Callback(a, "rep-1", "processing", 50);
        await Callback(a, "rep-1", "processing", 40);
        await Callback(a, "rep-1", "finished", 100);
        await Callback(a, "rep-1", "finished", 100);
        await b.Handler.WaitUntilAsync(seen => seen.Any(t => t.Id == "rep-1" && t.IsCompleted));
        await a.Handler.WaitUntilAsync(seen => seen.Any(t => t.Id == "rep-1" && t.IsCompleted)); // A's handlers run on their own queue
        await arrived.WaitUntilAsync(() => messages.Count >= 2, Limit, "Two messages");

        Assert.Equal(["rep-1 InProgress 50", "rep-1 Succeeded 100"], b.Handler.Steps);
        Assert.Equal(["rep-1 InProgress 50", "rep-1 Succeeded 100"], a.Handler.Steps);
        Assert.Equal(2, messages.Count);
    }
}
