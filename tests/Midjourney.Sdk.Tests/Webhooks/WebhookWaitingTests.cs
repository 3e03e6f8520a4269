using Midjourney.Sdk.Tests.TestSupport;
using static Midjourney.Sdk.Tests.Webhooks.WebhookKit;

namespace Midjourney.Sdk.Tests.Webhooks;

/// <summary>
/// Callbacks and waits, on a fake clock that moves only when a test moves it (<see cref="WaitDriver"/>): with
/// <c>Webhooks.Url</c> configured a wait checks only as a slow safety net, so a callback ends it at once with no status
/// request; repeats and older states change nothing a waiter sees; and when every callback is lost, the safety net still
/// ends the wait with a few checks (a lost callback costs latency, never a result). GoAPI over WireMock.Net on 127.0.0.1,
/// and the in-memory <see cref="ScriptedRelay"/> where the tests count checks.
/// </summary>
public sealed class WebhookWaitingTests : IDisposable
{
    private const string Fetch = "/mj/v2/fetch";

    private static readonly TimeSpan RealTimeLimit = TimeSpan.FromSeconds(30);

    private readonly WireServer _server = Server(MidjourneyProvider.GoApi);
    private readonly FakeTimeProvider _time = new() { FiresOnlyOnAdvance = true };

    public WebhookWaitingTests()
    {
        AnswerImagine(_server, MidjourneyProvider.GoApi, "t1");

        // Any status check that goes out is answered (and counted): the task is still running.
        _server.On(HttpMethod.Post, Fetch, Wire.Json(GoApi("t1", "processing", 10)));
    }

    public void Dispose() => _server.Dispose();

    private int Checks => _server.Requests.Count(r => r.Path.EndsWith(Fetch, StringComparison.Ordinal));

    private MidjourneyClient Client(bool webhooks = true) =>
        WebhookKit.Client(MidjourneyProvider.GoApi, _server, o => (o.Webhooks.Url, o.Webhooks.Secret) = webhooks ? (Hook, Secret) : (null, null), _time);

    /// <summary>Delivers GoAPI's callback of t1 in <paramref name="status"/>, authentic, and returns what the client made of it.</summary>
    private static Task<MidjourneyTask> Deliver(MidjourneyClient client, string status, int progress) =>
        client.HandleWebhookAsync(Authentic(MidjourneyProvider.GoApi, Body(status, progress), Secret));

    private static string Body(string status, int progress) =>
        GoApi("t1", status, progress, imageUrl: status == "finished" ? "https://img.test/t1.png" : "");

    /// <summary>Reads a watch to its end; the watch is registered before this returns (the iterator runs to its first wait).</summary>
    private static async Task<List<string>> Collect(IAsyncEnumerable<MidjourneyTask> watch)
    {
        var seen = new List<string>();
        await foreach (MidjourneyTask task in watch)
        {
            seen.Add(RecordingTaskHandler.Step(task));
        }

        return seen;
    }

    [Theory]
    [InlineData(10)]
    [InlineData(30)]
    public async Task WaitForCompletionAsync_CallbackWithinSeconds_EndsWithItsTaskBeforeAnyCheck(int seconds)
    {
        using MidjourneyClient client = Client();
        MidjourneyTask submitted = await client.ImagineAsync(new ImagineRequest("a cat"));
        DateTimeOffset start = _time.GetUtcNow();
        Task<MidjourneyTask> waiting = client.WaitForCompletionAsync(submitted.Id);

        await _time.DriveToAsync(client, start + TimeSpan.FromSeconds(seconds));
        Assert.False(waiting.IsCompleted);
        Assert.Equal(0, Checks);

        MidjourneyTask delivered = await Deliver(client, "finished", 100);
        MidjourneyTask task = await waiting.WaitAsync(RealTimeLimit);

        Assert.Same(delivered, task);
        Assert.Equal(MidjourneyTaskStatus.Succeeded, task.Status);
        Assert.Equal(new Uri("https://img.test/t1.png"), task.ImageUrl);
        Assert.Equal(Body("finished", 100), task.RawJson);
        Assert.Equal(0, Checks);
        Assert.Equal(start + TimeSpan.FromSeconds(seconds), _time.GetUtcNow());
        Assert.Single(_server.Requests); // the submit
    }

    [Fact]
    public async Task WaitForCompletionAsync_NoWebhooksConfigured_ChecksWithinThirtySeconds()
    {
        // The contrast to the test above: without a callback on its way, the same wait has checked within 30 s.
        using MidjourneyClient client = Client(webhooks: false);
        MidjourneyTask submitted = await client.ImagineAsync(new ImagineRequest("a cat"));
        DateTimeOffset start = _time.GetUtcNow();
        Task<MidjourneyTask> waiting = client.WaitForCompletionAsync(submitted.Id);

        await _time.DriveToAsync(client, start + TimeSpan.FromSeconds(30));

        Assert.True(Checks > 0);
        Assert.False(waiting.IsCompleted);
        client.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting.WaitAsync(RealTimeLimit));
    }

    [Fact]
    public async Task WaitForCompletionAsync_FailedCallback_ThrowsTaskFailedWithIt()
    {
        using MidjourneyClient client = Client();
        await client.ImagineAsync(new ImagineRequest("a cat"));
        Task<MidjourneyTask> waiting = client.WaitForCompletionAsync("t1");

        await client.HandleWebhookAsync(Authentic(MidjourneyProvider.GoApi, GoApi("t1", "failed", 0, errorMessages: """["Banned prompt detected"]"""), Secret));

        var ex = await Assert.ThrowsAsync<MidjourneyTaskFailedException>(() => waiting.WaitAsync(RealTimeLimit));
        Assert.Equal("Banned prompt detected", ex.Task.FailureReason);
        Assert.Equal(0, Checks);
    }

    [Fact]
    public async Task WatchAsync_ProgressCallbackThenFinal_SeesBothInOrder()
    {
        using MidjourneyClient client = Client();
        await client.ImagineAsync(new ImagineRequest("a cat"));
        Task<List<string>> watching = Collect(client.WatchAsync("t1"));

        await Deliver(client, "processing", 45);
        await Deliver(client, "finished", 100);

        Assert.Equal(["t1 InProgress 45", "t1 Succeeded 100"], await watching.WaitAsync(RealTimeLimit));
        Assert.Equal(0, Checks);
    }

    [Fact]
    public async Task WatchAsync_DuplicateDeliveries_AcceptedButSeenOnce()
    {
        using MidjourneyClient client = Client();
        await client.ImagineAsync(new ImagineRequest("a cat"));
        var handler = new RecordingTaskHandler();
        using IDisposable registration = client.AddTaskHandler(handler);
        Task<List<string>> watching = Collect(client.WatchAsync("t1"));

        MidjourneyTask[] returned =
        [
            await Deliver(client, "processing", 45),
            await Deliver(client, "processing", 45),
            await Deliver(client, "finished", 100),
            await Deliver(client, "finished", 100),
        ];

        Assert.All(returned, task => Assert.Equal("t1", task.Id));
        Assert.Equal(MidjourneyTaskStatus.Succeeded, returned[3].Status);
        Assert.Equal(["t1 InProgress 45", "t1 Succeeded 100"], await watching.WaitAsync(RealTimeLimit));
        await handler.WaitUntilAsync(seen => seen.Count >= 2);
        await SentinelAsync(client, handler);
        Assert.Equal(["t1 InProgress 45", "t1 Succeeded 100", "sentinel Succeeded 100"], handler.Steps);
    }

    [Fact]
    public async Task WatchAsync_OlderProgressAfterNewer_NotSeen()
    {
        using MidjourneyClient client = Client();
        await client.ImagineAsync(new ImagineRequest("a cat"));
        var handler = new RecordingTaskHandler();
        using IDisposable registration = client.AddTaskHandler(handler);
        Task<List<string>> watching = Collect(client.WatchAsync("t1"));

        await Deliver(client, "processing", 60);
        MidjourneyTask older = await Deliver(client, "processing", 30);
        await Deliver(client, "pending", 0);
        await Deliver(client, "finished", 100);

        Assert.Equal(30, older.Progress); // accepted and returned as it came, but applied to nothing
        Assert.Equal(["t1 InProgress 60", "t1 Succeeded 100"], await watching.WaitAsync(RealTimeLimit));
        await SentinelAsync(client, handler);
        Assert.Equal(["t1 InProgress 60", "t1 Succeeded 100", "sentinel Succeeded 100"], handler.Steps);
    }

    [Fact]
    public async Task WatchAsync_RunningCallbackAfterTheFinalOne_ChangesNothing()
    {
        using MidjourneyClient client = Client();
        await client.ImagineAsync(new ImagineRequest("a cat"));
        var handler = new RecordingTaskHandler();
        using IDisposable registration = client.AddTaskHandler(handler);
        Task<List<string>> first = Collect(client.WatchAsync("t1"));
        Task<MidjourneyTask> waiting = client.WaitForCompletionAsync("t1");

        await Deliver(client, "finished", 100);
        MidjourneyTask late = await Deliver(client, "processing", 45);

        Assert.Equal(MidjourneyTaskStatus.InProgress, late.Status);
        Assert.Equal(["t1 Succeeded 100"], await first.WaitAsync(RealTimeLimit));
        Assert.Equal(MidjourneyTaskStatus.Succeeded, (await waiting.WaitAsync(RealTimeLimit)).Status);
        await SentinelAsync(client, handler);
        Assert.Equal(["t1 Succeeded 100", "sentinel Succeeded 100"], handler.Steps);
        Assert.Equal(0, Checks);
    }

    [Fact]
    public async Task WatchAsync_StatusCheckOlderThanACallback_NotSeenAndTheCallbacksFinalEndsIt()
    {
        // A callback said 60%; the safety net's checks then answer 30% (a lagging replica): nobody sees the task move back.
        using MidjourneyClient client = Client();
        await client.ImagineAsync(new ImagineRequest("a cat"));
        var handler = new RecordingTaskHandler();
        using IDisposable registration = client.AddTaskHandler(handler);
        DateTimeOffset start = _time.GetUtcNow();
        Task<List<string>> watching = Collect(client.WatchAsync("t1"));

        await Deliver(client, "processing", 60);
        _server.Server.ResetMappings();
        _server.On(HttpMethod.Post, Fetch, Wire.Json(Body("processing", 30)));
        await _time.DriveToAsync(client, start + TimeSpan.FromMinutes(3));
        Assert.InRange(Checks, 1, 12);

        await Deliver(client, "finished", 100);

        Assert.Equal(["t1 InProgress 60", "t1 Succeeded 100"], await watching.WaitAsync(RealTimeLimit));
        await SentinelAsync(client, handler);
        Assert.Equal(["t1 InProgress 60", "t1 Succeeded 100", "sentinel Succeeded 100"], handler.Steps);
    }

    /// <summary>Delivers a final callback of another task and waits for the handler to see it: every update before it has been handled by then.</summary>
    private static async Task SentinelAsync(MidjourneyClient client, RecordingTaskHandler handler)
    {
        await client.HandleWebhookAsync(Authentic(MidjourneyProvider.GoApi, GoApi("sentinel", "finished", 100), Secret));
        await handler.WaitForAsync("sentinel");
    }

    // ---- lost callbacks: the safety net ----

    /// <summary>A 60 s job: running with progress growing evenly, then finished.</summary>
    private static RelayTaskState? SixtySecondJob(string taskId, int check, TimeSpan at) =>
        at >= TimeSpan.FromSeconds(60) ? RelayTaskState.Succeeded : RelayTaskState.Running((int)(at.TotalSeconds * 100 / 60));

    [Fact]
    public async Task WaitForCompletionAsync_EveryCallbackLost_EndsThroughTheSafetyNetWithFewChecks()
    {
        var time = new FakeTimeProvider();
        var relay = new ScriptedRelay(MidjourneyProvider.GoApi, time, SixtySecondJob);
        using MidjourneyClient client = relay.Client(o => (o.Webhooks.Url, o.Webhooks.Secret) = (Hook, Secret));
        MidjourneyTask submitted = await client.ImagineAsync(new ImagineRequest("a cat"));
        DateTimeOffset start = time.GetUtcNow();

        MidjourneyTask task = await time.DriveAsync(client, c => c.WaitForCompletionAsync(submitted.Id));

        Assert.Equal(MidjourneyTaskStatus.Succeeded, task.Status);
        Assert.InRange(relay.Requests.Count, 1, 3);
        Assert.InRange(time.GetUtcNow() - start, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(100));
    }

    [Fact]
    public async Task WaitForCompletionAsync_NoWebhooksConfigured_SameJobCheckedMoreOftenAndSeenSooner()
    {
        // The contrast: polling alone checks more and notices sooner; the safety net trades latency for fewer requests.
        var time = new FakeTimeProvider();
        var relay = new ScriptedRelay(MidjourneyProvider.GoApi, time, SixtySecondJob);
        using MidjourneyClient client = relay.Client();
        MidjourneyTask submitted = await client.ImagineAsync(new ImagineRequest("a cat"));
        DateTimeOffset start = time.GetUtcNow();

        MidjourneyTask task = await time.DriveAsync(client, c => c.WaitForCompletionAsync(submitted.Id));

        Assert.Equal(MidjourneyTaskStatus.Succeeded, task.Status);
        Assert.True(relay.Requests.Count > 3, $"{relay.Requests.Count} checks");
        Assert.InRange(time.GetUtcNow() - start, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(65));
    }

    [Theory]
    [InlineData(MidjourneyProvider.GoApi)]
    [InlineData(MidjourneyProvider.MjProxy)]
    [InlineData(MidjourneyProvider.Apixo)]
    public async Task WaitForCompletionAsync_TaskFromElsewhereCallbacksLost_LooksAtOnceThenSafetyNetEndsIt(MidjourneyProvider provider)
    {
        // Submitted by another instance of the app: looked at once, then (a callback being configured) only as a safety net.
        var time = new FakeTimeProvider();
        var relay = new ScriptedRelay(provider, time, SixtySecondJob);
        using MidjourneyClient client = relay.Client(o => (o.Webhooks.Url, o.Webhooks.Secret) = (Hook, Secret));
        DateTimeOffset start = time.GetUtcNow();

        MidjourneyTask task = await time.DriveAsync(client, c => c.WaitForCompletionAsync("elsewhere-1"));

        Assert.Equal(MidjourneyTaskStatus.Succeeded, task.Status);
        Assert.Equal(TimeSpan.Zero, relay.Requests[0].At);
        Assert.InRange(relay.Requests.Count, 2, 5);
        Assert.InRange(time.GetUtcNow() - start, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(100));
    }

    [Fact]
    public async Task WaitForCompletionAsync_OneCallbackLostThenFinalDelivered_EndsAtTheCallback()
    {
        // The progress callbacks are lost; the final one arrives (at 50 s, the job still running for the relay) between two safety-net checks and ends the wait at once.
        var time = new FakeTimeProvider();
        var relay = new ScriptedRelay(MidjourneyProvider.GoApi, time, SixtySecondJob);
        using MidjourneyClient client = relay.Client(o => (o.Webhooks.Url, o.Webhooks.Secret) = (Hook, Secret));
        MidjourneyTask submitted = await client.ImagineAsync(new ImagineRequest("a cat"));
        time.FiresOnlyOnAdvance = true;
        DateTimeOffset start = time.GetUtcNow();
        Task<MidjourneyTask> waiting = client.WaitForCompletionAsync(submitted.Id);

        await time.DriveToAsync(client, start + TimeSpan.FromSeconds(50));
        int checksBefore = relay.Requests.Count;
        await client.HandleWebhookAsync(Authentic(MidjourneyProvider.GoApi, ScriptedRelay.GoApiTask(submitted.Id, RelayTaskState.Succeeded), Secret));
        MidjourneyTask task = await waiting.WaitAsync(RealTimeLimit);

        Assert.Equal(MidjourneyTaskStatus.Succeeded, task.Status);
        Assert.Equal(start + TimeSpan.FromSeconds(50), time.GetUtcNow());
        Assert.Equal(checksBefore, relay.Requests.Count);
        Assert.InRange(checksBefore, 0, 2);
    }
}
