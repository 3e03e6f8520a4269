using System.Net;
using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Polling;

/// <summary>Waiting and watching, on a fake clock: no test sleeps, and the schedule itself is asserted.</summary>
public sealed class WaitForCompletionTests
{
    private readonly RecordingHandler _handler = new();
    private readonly FakeTimeProvider _time = new() { AutoAdvance = true };

    private MidjourneyClient Client(Action<MidjourneyPollingOptions>? polling = null) => TestClients.GoApi(_handler, _time, options =>
    {
        options.Retry.MaxRetries = 0; // polling's own tolerance is under test, not the retry pipeline
        polling?.Invoke(options.Polling);
    });

    private void Answer(string status, int progress = 0, string extra = "") =>
        _handler.RespondJson(TestClients.GoApiTaskJson("t1", status, progress, extraResult: extra));

    [Fact]
    public async Task WaitForCompletionAsync_TaskFinishes_ReturnsItAndReportsEachChange()
    {
        Answer("pending");
        Answer("processing", 30);
        Answer("processing", 30);
        Answer("processing", 60);
        Answer("finished", 100);
        var reports = new List<MidjourneyTask>();

        MidjourneyTask task = await Client().WaitForCompletionAsync("t1", new SynchronousProgress(reports.Add));

        Assert.Equal(MidjourneyTaskStatus.Succeeded, task.Status);
        Assert.Equal(new Uri("https://img.test/t1.png"), task.ImageUrl);
        Assert.Equal(5, _handler.Requests.Count);
        Assert.Equal(
            [(MidjourneyTaskStatus.Pending, 0), (MidjourneyTaskStatus.InProgress, 30), (MidjourneyTaskStatus.InProgress, 60), (MidjourneyTaskStatus.Succeeded, 100)],
            reports.Select(t => (t.Status, t.Progress ?? -1)));
    }

    [Fact]
    public async Task WaitForCompletionAsync_DefaultGoApiSchedule_WaitsInitialDelayThenGrowingIntervals()
    {
        for (int i = 0; i < 6; i++)
        {
            Answer("processing", 10 + i);
        }

        Answer("finished", 100);

        await Client().WaitForCompletionAsync("t1");

        // GoAPI defaults: 2 s first, then 3 s growing by half up to 10 s.
        Assert.Equal(
            [2, 3, 4.5, 6.75, 10, 10, 10],
            _time.RequestedDelays.Select(d => d.TotalSeconds));
    }

    [Fact]
    public async Task WaitForCompletionAsync_ConfiguredSchedule_IsUsed()
    {
        Answer("processing", 10);
        Answer("processing", 20);
        Answer("finished", 100);

        await Client(p => { p.InitialDelay = TimeSpan.FromMilliseconds(100); p.Interval = TimeSpan.FromSeconds(1); p.MaxInterval = TimeSpan.FromSeconds(1); })
            .WaitForCompletionAsync("t1");

        Assert.Equal([0.1, 1, 1], _time.RequestedDelays.Select(d => d.TotalSeconds));
    }

    [Fact]
    public async Task WaitForCompletionAsync_TaskFails_ThrowsWithTheFailedTask()
    {
        Answer("processing", 40);
        Answer("failed", 40, """, "error_messages":["Job action restricted"]""");

        var ex = await Assert.ThrowsAsync<MidjourneyTaskFailedException>(() => Client().WaitForCompletionAsync("t1"));

        Assert.Equal(MidjourneyTaskStatus.Failed, ex.Task.Status);
        Assert.Equal("Job action restricted", ex.Task.FailureReason);
        Assert.Contains("Job action restricted", ex.Message, StringComparison.Ordinal);
        Assert.Equal(MidjourneyProvider.GoApi, ex.Provider);
    }

    [Fact]
    public async Task WaitForCompletionAsync_PastTimeout_ThrowsWithTheLastTaskSeen()
    {
        Answer("processing", 42);
        DateTimeOffset started = _time.GetUtcNow();

        var ex = await Assert.ThrowsAsync<MidjourneyWaitTimeoutException>(
            () => Client(p => p.Timeout = TimeSpan.FromSeconds(30)).WaitForCompletionAsync("t1"));

        Assert.Equal(42, ex.Task.Progress);
        Assert.Equal(MidjourneyTaskStatus.InProgress, ex.Task.Status);
        Assert.Equal(TimeSpan.FromSeconds(30), ex.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(30), _time.GetUtcNow() - started);
        Assert.True(ex.IsTransient);
    }

    [Fact]
    public async Task WaitForCompletionAsync_TransientFailureWhilePolling_KeepsWaiting()
    {
        Answer("processing", 10);
        _handler.RespondJson("""{"message":"upstream hiccup"}""", HttpStatusCode.BadGateway);
        _handler.Throw(new HttpRequestException("connection reset"));
        Answer("finished", 100);

        MidjourneyTask task = await Client().WaitForCompletionAsync("t1");

        Assert.Equal(MidjourneyTaskStatus.Succeeded, task.Status);
        Assert.Equal(4, _handler.Requests.Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound, typeof(MidjourneyNotFoundException))]
    [InlineData(HttpStatusCode.Unauthorized, typeof(MidjourneyAuthenticationException))]
    public async Task WaitForCompletionAsync_UnknownTaskOrBadKey_EndsTheWait(HttpStatusCode status, Type expected)
    {
        Answer("processing", 10);
        _handler.RespondJson("""{"status":"failed","message":"nope"}""", status);

        var ex = await Assert.ThrowsAnyAsync<MidjourneyException>(() => Client().WaitForCompletionAsync("t1"));

        Assert.IsType(expected, ex);
        Assert.Equal(2, _handler.Requests.Count);
    }

    [Fact]
    public async Task WaitForCompletionAsync_Canceled_StopsPromptlyWithoutWaitingOutTheDelay()
    {
        var time = new FakeTimeProvider(); // does not advance by itself: the wait would block on its first delay
        using var client = TestClients.GoApi(_handler, time);
        using var cts = new CancellationTokenSource();

        Task<MidjourneyTask> wait = client.WaitForCompletionAsync("t1", cancellationToken: cts.Token);
        Assert.False(wait.IsCompleted);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public async Task WatchAsync_YieldsEachChangeAndEndsAfterTheFinalTask()
    {
        Answer("staged");
        Answer("processing", 50);
        Answer("processing", 50);
        Answer("failed", 50);

        var seen = new List<MidjourneyTaskStatus>();
        await foreach (MidjourneyTask task in Client().WatchAsync("t1"))
        {
            seen.Add(task.Status);
        }

        Assert.Equal([MidjourneyTaskStatus.Pending, MidjourneyTaskStatus.InProgress, MidjourneyTaskStatus.Failed], seen);
        Assert.Equal(4, _handler.Requests.Count);
    }

    [Fact]
    public async Task WaitForCompletionAsync_TaskWaitsForInput_StopsAtOnceWithNeedsInput()
    {
        var handler = new RecordingHandler()
            .RespondJson("""{"id":"t1","action":"INPAINT","status":"IN_PROGRESS","progress":"10%"}""")
            .RespondJson("""{"id":"t1","action":"INPAINT","status":"MODAL","progress":"0%"}""");
        using var client = new MidjourneyClient(
            new HttpClient(handler),
            new MidjourneyClientOptions { Provider = MidjourneyProvider.MjProxy, ApiKey = "k", BaseUrl = new Uri("https://relay.test/"), Retry = { MaxRetries = 0 } },
            _time);
        var seen = new List<MidjourneyTaskStatus>();

        var ex = await Assert.ThrowsAsync<MidjourneyException>(
            () => client.WaitForCompletionAsync("t1", new SynchronousProgress(t => seen.Add(t.Status))));

        Assert.Equal("NEEDS_INPUT", ex.ErrorCode);
        Assert.Contains("waiting for input", ex.Message, StringComparison.Ordinal);
        Assert.Equal([MidjourneyTaskStatus.InProgress, MidjourneyTaskStatus.NeedsInput], seen);
        Assert.Equal(2, handler.Requests.Count);
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; posts to the thread pool, which would race the assertions).</summary>
    private sealed class SynchronousProgress(Action<MidjourneyTask> report) : IProgress<MidjourneyTask>
    {
        public void Report(MidjourneyTask value) => report(value);
    }
}
