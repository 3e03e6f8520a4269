using System.Net;
using Midjourney.Sdk.Tests.TestSupport;
using WireMock.Matchers;
using WireMock.ResponseBuilders;

namespace Midjourney.Sdk.Tests.Waiting;

/// <summary>
/// Waiting and watching, on a fake clock over real HTTP (GoAPI's fetch on a WireMock.Net server on 127.0.0.1): no test
/// sleeps (<see cref="WaitDriver"/> moves the clock between checks), and the server's log shows every status check that went out.
/// </summary>
public sealed class WaitForCompletionTests : IDisposable
{
    private const string ApiKey = "test-key";
    private const string Fetch = "/mj/v2/fetch";

    private readonly WireServer _server = new WireServer("/base").RequireHeader("X-API-KEY", ApiKey);
    private readonly FakeTimeProvider _time = new() { AutoAdvance = true };

    public void Dispose() => _server.Dispose();

    private MidjourneyClient Client(Action<MidjourneyPollingOptions>? polling = null, HttpClient? transport = null, Uri? baseUrl = null, TimeProvider? time = null)
    {
        var options = new MidjourneyClientOptions
        {
            Provider = MidjourneyProvider.GoApi,
            ApiKey = ApiKey,
            BaseUrl = baseUrl ?? _server.BaseUrl,
            Retry = { MaxRetries = 0 }, // polling's own tolerance is under test, not the retry pipeline
        };
        polling?.Invoke(options.Polling);
        return new MidjourneyClient(transport ?? new HttpClient(), options, time ?? _time);
    }

    /// <summary>GoAPI's fetch answer for task t1.</summary>
    private static IResponseBuilder Answer(string status, int progress = 0, string extra = "") =>
        Wire.Json(TestClients.GoApiTaskJson("t1", status, progress, extraResult: extra));

    /// <summary>Answers the status checks of task t1 (a fetch naming t1, with the key) in turn, the last repeating.</summary>
    private void Polls(params IResponseBuilder[] answersInTurn) =>
        _server.On(_server.Request(HttpMethod.Post, Fetch).WithBody(new JsonPartialMatcher("""{"task_id":"t1"}""")), answersInTurn);

    [Fact]
    public async Task WaitForCompletionAsync_TaskFinishes_ReturnsItAndReportsEachChange()
    {
        Polls(Answer("pending"), Answer("processing", 30), Answer("processing", 30), Answer("processing", 60), Answer("finished", 100));
        var reports = new List<MidjourneyTask>();

        MidjourneyTask task = await _time.DriveAsync(Client(), c => c.WaitForCompletionAsync("t1", new SynchronousProgress(reports.Add)));

        Assert.Equal(MidjourneyTaskStatus.Succeeded, task.Status);
        Assert.Equal(new Uri("https://img.test/t1.png"), task.ImageUrl);
        Assert.Equal(5, _server.Requests.Count);
        Assert.All(_server.Requests, r => JsonBodyAssert.Equal(r, new { task_id = "t1" }));
        Assert.Empty(_server.Unmatched);
        Assert.Equal(
            [(MidjourneyTaskStatus.Pending, 0), (MidjourneyTaskStatus.InProgress, 30), (MidjourneyTaskStatus.InProgress, 60), (MidjourneyTaskStatus.Succeeded, 100)],
            reports.Select(t => (t.Status, t.Progress ?? -1)));
    }

    [Fact]
    public async Task WaitForCompletionAsync_TaskThisClientDidNotSubmit_LooksAtOnce()
    {
        Polls(Answer("finished", 100));
        DateTimeOffset started = _time.GetUtcNow();

        MidjourneyTask task = await _time.DriveAsync(Client(), c => c.WaitForCompletionAsync("t1"));

        Assert.Equal(MidjourneyTaskStatus.Succeeded, task.Status);
        Assert.Single(_server.Requests);
        Assert.Equal(TimeSpan.Zero, _time.GetUtcNow() - started);
    }

    [Fact]
    public async Task WaitForCompletionAsync_DefaultGoApiSchedule_ChecksWithinTheProvidersBounds()
    {
        Polls([.. Enumerable.Range(0, 6).Select(i => Answer("processing", 15 * i)), Answer("finished", 100)]);

        var stamps = new ClockStampingHandler(_time);

        await _time.DriveAsync(Client(transport: new HttpClient(stamps)), c => c.WaitForCompletionAsync("t1"));

        // GoAPI's defaults: checks at least 1 s and at most 60 s apart.
        Assert.Equal(7, _server.Requests.Count);
        Assert.All(stamps.Gaps, gap => Assert.InRange(gap, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public async Task WaitForCompletionAsync_ConfiguredSchedule_IsUsed()
    {
        Polls(Answer("processing", 10), Answer("processing", 20), Answer("finished", 100));
        DateTimeOffset started = _time.GetUtcNow();

        await _time.DriveAsync(
            Client(p => { p.InitialDelay = TimeSpan.FromMilliseconds(100); p.Interval = TimeSpan.FromSeconds(1); p.MaxInterval = TimeSpan.FromSeconds(1); }),
            c => c.WaitForCompletionAsync("t1"));

        // A task this client did not submit is looked at at once; then every second, as Interval = MaxInterval says.
        Assert.Equal(3, _server.Requests.Count);
        Assert.Equal(TimeSpan.FromSeconds(2), _time.GetUtcNow() - started);
    }

    [Fact]
    public async Task WaitForCompletionAsync_TaskFails_ThrowsWithTheFailedTask()
    {
        Polls(Answer("processing", 40), Answer("failed", 40, """, "error_messages":["Job action restricted"]"""));

        var ex = await Assert.ThrowsAsync<MidjourneyTaskFailedException>(() => _time.DriveAsync(Client(), c => c.WaitForCompletionAsync("t1")));

        Assert.Equal(MidjourneyTaskStatus.Failed, ex.Task.Status);
        Assert.Equal("Job action restricted", ex.Task.FailureReason);
        Assert.Contains("Job action restricted", ex.Message, StringComparison.Ordinal);
        Assert.Equal(MidjourneyProvider.GoApi, ex.Provider);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task WaitForCompletionAsync_PastTimeout_ThrowsWithTheLastTaskSeen()
    {
        Polls(Answer("processing", 42));
        DateTimeOffset started = _time.GetUtcNow();

        var ex = await Assert.ThrowsAsync<MidjourneyWaitTimeoutException>(
            () => _time.DriveAsync(Client(p => p.Timeout = TimeSpan.FromSeconds(30)), c => c.WaitForCompletionAsync("t1")));

        Assert.Equal(42, ex.Task.Progress);
        Assert.Equal(MidjourneyTaskStatus.InProgress, ex.Task.Status);
        Assert.Equal(TimeSpan.FromSeconds(30), ex.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(30), _time.GetUtcNow() - started);
        Assert.True(ex.IsTransient);
        Assert.InRange(_server.Requests.Count, 2, 30);
    }

    [Fact]
    public async Task WaitForCompletionAsync_TransientFailureWhilePolling_KeepsWaiting()
    {
        Polls(
            Answer("processing", 10),
            Wire.Json("""{"message":"upstream hiccup"}""", HttpStatusCode.BadGateway),
            Wire.Html(HttpStatusCode.ServiceUnavailable, "<html>Maintenance</html>"),
            Wire.Error(HttpStatusCode.TooManyRequests, """{"message":"slow down"}""", TimeSpan.FromSeconds(1)),
            Wire.Empty(HttpStatusCode.GatewayTimeout),
            Answer("finished", 100));

        MidjourneyTask task = await _time.DriveAsync(Client(), c => c.WaitForCompletionAsync("t1"));

        Assert.Equal(MidjourneyTaskStatus.Succeeded, task.Status);
        Assert.Equal(6, _server.Requests.Count);
    }

    [Fact]
    public async Task WaitForCompletionAsync_ConnectionResetWhilePolling_KeepsWaiting()
    {
        // In memory: a reset on cue between two answers.
        var handler = new RecordingHandler()
            .RespondJson(TestClients.GoApiTaskJson("t1", "processing", 10))
            .Throw(new HttpRequestException(HttpRequestError.ResponseEnded, "connection reset", null, null))
            .RespondJson(TestClients.GoApiTaskJson("t1", "finished", 100));

        MidjourneyTask task = await _time.DriveAsync(
            Client(transport: new HttpClient(handler), baseUrl: new Uri("https://goapi.test/")), c => c.WaitForCompletionAsync("t1"));

        Assert.Equal(MidjourneyTaskStatus.Succeeded, task.Status);
        Assert.Equal(3, handler.Requests.Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound, typeof(MidjourneyNotFoundException))]
    [InlineData(HttpStatusCode.Unauthorized, typeof(MidjourneyAuthenticationException))]
    public async Task WaitForCompletionAsync_UnknownTaskOrBadKey_EndsTheWait(HttpStatusCode status, Type expected)
    {
        Polls(Answer("processing", 10), Wire.Json("""{"status":"failed","message":"nope"}""", status));

        var ex = await Assert.ThrowsAnyAsync<MidjourneyException>(() => _time.DriveAsync(Client(), c => c.WaitForCompletionAsync("t1")));

        Assert.IsType(expected, ex);
        Assert.Equal($"GoApi refused POST {_server.Url(Fetch)} ({(int)status}): nope", ex.Message);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task WaitForCompletionAsync_UnreadableAnswer_EndsTheWaitWithProtocolException()
    {
        // A complete 200 whose JSON is cut short is a broken answer, not a passing hiccup: polling again will not mend it.
        Polls(Answer("processing", 10), Wire.Text("""{"task_id":""", "application/json", HttpStatusCode.OK), Answer("finished", 100));

        var ex = await Assert.ThrowsAsync<MidjourneyProtocolException>(() => _time.DriveAsync(Client(), c => c.WaitForCompletionAsync("t1")));

        Assert.Equal(200, ex.StatusCode);
        Assert.Contains(_server.Url(Fetch), ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task WaitForCompletionAsync_Canceled_StopsPromptlyWithoutWaitingOutTheDelay()
    {
        var time = new FakeTimeProvider(); // does not advance by itself: the wait would block on its first delay
        Polls(Answer("finished", 100));
        using MidjourneyClient client = Client(p => p.InitialDelay = TimeSpan.FromSeconds(5), time: time);
        MidjourneyTask submitted = new() { Id = "t1", Provider = MidjourneyProvider.GoApi };
        client.Tracker.Submitted(submitted, speed: null); // just submitted: the first check waits its delay
        using var cts = new CancellationTokenSource();

        Task<MidjourneyTask> wait = client.WaitForCompletionAsync("t1", cancellationToken: cts.Token);
        Assert.False(wait.IsCompleted);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
        Assert.Empty(_server.Requests);
        Assert.Equal(0, client.Tracker.TrackedCount);
    }

    [Fact]
    public async Task WatchAsync_YieldsEachChangeAndEndsAfterTheFinalTask()
    {
        Polls(Answer("staged"), Answer("processing", 50), Answer("processing", 50), Answer("failed", 50));

        var seen = new List<MidjourneyTaskStatus>();
        await _time.DriveAsync(Client(), async c =>
        {
            await foreach (MidjourneyTask task in c.WatchAsync("t1"))
            {
                seen.Add(task.Status);
            }

            return seen;
        });

        Assert.Equal([MidjourneyTaskStatus.Pending, MidjourneyTaskStatus.InProgress, MidjourneyTaskStatus.Failed], seen);
        Assert.Equal(4, _server.Requests.Count);
    }

    [Fact]
    public async Task WaitForCompletionAsync_TaskWaitsForInput_StopsAtOnceWithNeedsInput()
    {
        using var server = new WireServer("/base").RequireHeader("Authorization", "Bearer k");
        server.On(
            HttpMethod.Get,
            "/mj/task/t1/fetch",
            Wire.Json("""{"id":"t1","action":"INPAINT","status":"IN_PROGRESS","progress":"10%"}"""),
            Wire.Json("""{"id":"t1","action":"INPAINT","status":"MODAL","progress":"0%"}"""));
        using var client = new MidjourneyClient(
            new HttpClient(),
            new MidjourneyClientOptions { Provider = MidjourneyProvider.MjProxy, ApiKey = "k", BaseUrl = server.BaseUrl, Retry = { MaxRetries = 0 } },
            _time);
        var seen = new List<MidjourneyTaskStatus>();

        var ex = await Assert.ThrowsAsync<MidjourneyException>(
            () => _time.DriveAsync(client, c => c.WaitForCompletionAsync("t1", new SynchronousProgress(t => seen.Add(t.Status)))));

        Assert.Equal("NEEDS_INPUT", ex.ErrorCode);
        Assert.Contains("waiting for input", ex.Message, StringComparison.Ordinal);
        Assert.Equal([MidjourneyTaskStatus.InProgress, MidjourneyTaskStatus.NeedsInput], seen);
        Assert.Equal(2, server.Requests.Count);
        Assert.Empty(server.Unmatched);
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; posts to the thread pool, which would race the assertions).</summary>
    private sealed class SynchronousProgress(Action<MidjourneyTask> report) : IProgress<MidjourneyTask>
    {
        public void Report(MidjourneyTask value) => report(value);
    }
}
