using System.Net;
using System.Net.Http.Headers;
using Midjourney.Sdk.Tests.TestSupport;
using WireMock.ResponseBuilders;

namespace Midjourney.Sdk.Tests.Http;

/// <summary>
/// The retry rules of ARCHITECTURE.md, seen from the wire: how many times each request reached a real HTTP server
/// (WireMock.Net on 127.0.0.1), what the fake clock was asked to wait, and what the caller gets when retrying stops.
/// Failures real HTTP cannot produce on cue (a reset after the body was sent, a refused connection that then succeeds,
/// the caller cancelling mid-request) use the in-memory <see cref="RecordingHandler"/>.
/// </summary>
public sealed class RetryTests : IDisposable
{
    private const string ApiKey = "test-key";
    private const string SubmitAnswer = """{"task_id":"task-1","status":"success","message":""}""";
    private const string TaskAnswer = """{"task_id":"task-1","status":"processing","task_result":{"task_progress":30}}""";
    private const string Trouble = """{"status":"failed","message":"trouble"}""";
    private const string Imagine = "/mj/v2/imagine";
    private const string Fetch = "/mj/v2/fetch";

    private readonly WireServer _server = new WireServer("/base").RequireHeader("X-API-KEY", ApiKey);
    private readonly RecordingHandler _handler = new();
    private readonly FakeTimeProvider _time = new() { AutoAdvance = true };

    public void Dispose() => _server.Dispose();

    private MidjourneyClient Client(int maxRetries = 3, TimeSpan? maxDelay = null, HttpClient? transport = null, Uri? baseUrl = null) => new(
        transport ?? new HttpClient(),
        new MidjourneyClientOptions
        {
            Provider = MidjourneyProvider.GoApi,
            ApiKey = ApiKey,
            BaseUrl = baseUrl ?? _server.BaseUrl,
            Retry = { MaxRetries = maxRetries, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = maxDelay ?? TimeSpan.FromSeconds(30) },
        },
        _time);

    /// <summary>A client over the in-memory handler, for the failures real HTTP cannot produce on cue.</summary>
    private MidjourneyClient InMemoryClient(int maxRetries = 3) =>
        Client(maxRetries, transport: new HttpClient(_handler), baseUrl: new Uri("https://goapi.test/base"));

    private static Task<MidjourneyTask> Submit(MidjourneyClient client, CancellationToken cancellationToken = default) =>
        client.ImagineAsync(new ImagineRequest("a cat"), cancellationToken);

    private static Task<MidjourneyTask> Read(MidjourneyClient client, CancellationToken cancellationToken = default) =>
        client.GetTaskAsync("task-1", cancellationToken);

    // ---- submits: never resent when the provider may have taken them ----

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task ImagineAsync_ServerError_SentOnceAndThrowsSubmissionUncertain(HttpStatusCode status)
    {
        _server.On(HttpMethod.Post, Imagine, Wire.Error(status, Trouble), Wire.Json(SubmitAnswer));

        var ex = await Assert.ThrowsAsync<MidjourneySubmissionUncertainException>(() => Submit(Client()));

        Assert.Single(_server.Requests);
        Assert.Equal((int)status, ex.StatusCode);
        Assert.Equal(MidjourneyProvider.GoApi, ex.Provider);
        MidjourneyServiceException inner = Assert.IsType<MidjourneyServiceException>(ex.InnerException);
        Assert.Equal((int)status, inner.StatusCode);
        Assert.Empty(_time.RequestedDelays);
    }

    [Fact]
    public async Task ImagineAsync_HtmlServerErrorPage_SentOnceAndThrowsSubmissionUncertain()
    {
        _server.On(HttpMethod.Post, Imagine, Wire.Html(HttpStatusCode.InternalServerError, "<html><body>500 Internal Server Error</body></html>"));

        var ex = await Assert.ThrowsAsync<MidjourneySubmissionUncertainException>(() => Submit(Client()));

        Assert.Single(_server.Requests);
        Assert.Equal(500, ex.StatusCode);
        Assert.IsType<MidjourneyProtocolException>(ex.InnerException);
    }

    [Fact]
    public async Task ImagineAsync_Timeout_SentOnceAndThrowsSubmissionUncertain()
    {
        // A real HttpClient.Timeout: the server answers later than the transport client waits. WireMock logs a request
        // once it has answered, so the client side counts what went out.
        _server.On(HttpMethod.Post, Imagine, Wire.Json(SubmitAnswer).WithDelay(TimeSpan.FromSeconds(1)));
        var sent = new CountingHandler();
        using var transport = new HttpClient(sent) { Timeout = TimeSpan.FromMilliseconds(300) };

        var ex = await Assert.ThrowsAsync<MidjourneySubmissionUncertainException>(() => Submit(Client(transport: transport)));

        Assert.Equal(["/base" + Imagine], sent.Paths);
        Assert.Null(ex.StatusCode);
        MidjourneyServiceException inner = Assert.IsType<MidjourneyServiceException>(ex.InnerException);
        Assert.IsAssignableFrom<OperationCanceledException>(inner.InnerException);
        Assert.Contains(_server.Url(Imagine), inner.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImagineAsync_ResetAfterSending_SentOnceAndThrowsSubmissionUncertain()
    {
        // In memory: a loopback server cannot be made to drop the connection after reading the request.
        _handler.Throw(new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely.", null, null));
        _handler.RespondJson(SubmitAnswer);

        var ex = await Assert.ThrowsAsync<MidjourneySubmissionUncertainException>(() => Submit(InMemoryClient()));

        Assert.Single(_handler.Requests);
        Assert.IsType<HttpRequestException>(ex.InnerException?.InnerException);
    }

    [Theory]
    [InlineData("{\"task_id\":")]
    [InlineData("")]
    public async Task ImagineAsync_200WithUnreadableBody_SentOnceAndThrowsSubmissionUncertain(string body)
    {
        _server.On(HttpMethod.Post, Imagine, body.Length == 0 ? Wire.Empty() : Wire.Text(body, "application/json", HttpStatusCode.OK));

        var ex = await Assert.ThrowsAsync<MidjourneySubmissionUncertainException>(() => Submit(Client()));

        Assert.Single(_server.Requests);
        Assert.IsType<MidjourneyProtocolException>(ex.InnerException);
        Assert.Equal(200, ex.StatusCode);
    }

    [Theory]
    [InlineData(HttpRequestError.ConnectionError)]
    [InlineData(HttpRequestError.NameResolutionError)]
    [InlineData(HttpRequestError.SecureConnectionError)]
    public async Task ImagineAsync_ConnectionNeverMade_IsRetriedAndSucceeds(HttpRequestError error)
    {
        // In memory: the failure must come before a success, on cue.
        _handler.Throw(new HttpRequestException(error, "refused", null, null));
        _handler.RespondJson(SubmitAnswer);

        MidjourneyTask task = await Submit(InMemoryClient());

        Assert.Equal("task-1", task.Id);
        Assert.Equal(2, _handler.Requests.Count);
        Assert.Equal(_handler.Requests[0].Body, _handler.Requests[1].Body);
        Assert.Single(_time.RequestedDelays);
    }

    [Fact]
    public async Task ImagineAsync_ConnectionRefusedEveryTime_ThrowsServiceExceptionNotUncertain()
    {
        // A real refused connection: nothing listens on the port any more.
        Uri closed = LoopbackPorts.Closed();

        var ex = await Assert.ThrowsAsync<MidjourneyServiceException>(() => Submit(Client(maxRetries: 2, baseUrl: closed)));

        Assert.True(ex.IsTransient);
        HttpRequestException network = Assert.IsType<HttpRequestException>(ex.InnerException);
        Assert.Equal(HttpRequestError.ConnectionError, network.HttpRequestError);
        Assert.Equal(2, _time.RequestedDelays.Count); // three attempts
        Assert.Contains(closed.AbsoluteUri, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImagineAsync_429WithRetryAfter_WaitsThatLongThenRetries()
    {
        _server.On(HttpMethod.Post, Imagine, Wire.Error(HttpStatusCode.TooManyRequests, Trouble, TimeSpan.FromSeconds(7)), Wire.Json(SubmitAnswer));

        MidjourneyTask task = await Submit(Client());

        Assert.Equal("task-1", task.Id);
        Assert.Equal(2, _server.Requests.Count);
        Assert.Equal(_server.Requests[0].Body, _server.Requests[1].Body);
        Assert.Equal([TimeSpan.FromSeconds(7)], _time.RequestedDelays);
    }

    [Fact]
    public async Task ImagineAsync_429WithRetryAfterAsADate_WaitsUntilThatDate()
    {
        // In memory: the wait is measured against the answer's Date header, which a real server sets to its own clock.
        DateTimeOffset retryAt = _time.GetUtcNow().AddSeconds(5);
        _handler.RespondJson("""{"message":"slow down"}""", HttpStatusCode.TooManyRequests, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(retryAt));
        _handler.RespondJson(SubmitAnswer);

        await Submit(InMemoryClient());

        Assert.Equal(2, _handler.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(5)], _time.RequestedDelays);
    }

    [Fact]
    public async Task ImagineAsync_RetryAfterLongerThanMaxDelay_WaitsOnlyMaxDelay()
    {
        _server.On(HttpMethod.Post, Imagine, Wire.Error(HttpStatusCode.TooManyRequests, Trouble, TimeSpan.FromSeconds(120)), Wire.Json(SubmitAnswer));

        await Submit(Client(maxDelay: TimeSpan.FromSeconds(10)));

        Assert.Equal(2, _server.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(10)], _time.RequestedDelays);
    }

    [Fact]
    public async Task ImagineAsync_429EveryTime_ThrowsRateLimitAfterMaxRetries()
    {
        _server.On(HttpMethod.Post, Imagine, Wire.Error(HttpStatusCode.TooManyRequests, Trouble, TimeSpan.FromSeconds(3)));

        var ex = await Assert.ThrowsAsync<MidjourneyRateLimitException>(() => Submit(Client(maxRetries: 2)));

        Assert.Equal(3, _server.Requests.Count);
        Assert.Equal(TimeSpan.FromSeconds(3), ex.RetryAfter);
        Assert.Equal([TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3)], _time.RequestedDelays);
    }

    [Fact]
    public async Task ImagineAsync_503WithRetryAfter_IsRetriedAfterThatWait()
    {
        _server.On(HttpMethod.Post, Imagine, Wire.Error(HttpStatusCode.ServiceUnavailable, Trouble, TimeSpan.FromSeconds(4)), Wire.Json(SubmitAnswer));

        MidjourneyTask task = await Submit(Client());

        Assert.Equal("task-1", task.Id);
        Assert.Equal(2, _server.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(4)], _time.RequestedDelays);
    }

    [Fact]
    public async Task ImagineAsync_503HtmlPageWithRetryAfter_IsRetriedAfterThatWait()
    {
        _server.On(
            HttpMethod.Post,
            Imagine,
            Wire.Html(HttpStatusCode.ServiceUnavailable, "<html>Maintenance</html>").WithHeader("Retry-After", "6"),
            Wire.Json(SubmitAnswer));

        MidjourneyTask task = await Submit(Client());

        Assert.Equal("task-1", task.Id);
        Assert.Equal(2, _server.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(6)], _time.RequestedDelays);
    }

    [Fact]
    public async Task ImagineAsync_503WithoutRetryAfter_IsNotResent()
    {
        _server.On(HttpMethod.Post, Imagine, Wire.Error(HttpStatusCode.ServiceUnavailable, Trouble), Wire.Json(SubmitAnswer));

        var ex = await Assert.ThrowsAnyAsync<MidjourneyException>(() => Submit(Client()));

        Assert.Single(_server.Requests);
        Assert.Equal(503, ex.StatusCode);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.NotFound)]
    public async Task ImagineAsync_ClientError_IsNeverRetried(HttpStatusCode status)
    {
        _server.On(HttpMethod.Post, Imagine, Wire.Error(status, Trouble), Wire.Json(SubmitAnswer));

        var ex = await Assert.ThrowsAnyAsync<MidjourneyException>(() => Submit(Client()));

        Assert.IsNotType<MidjourneySubmissionUncertainException>(ex);
        Assert.Equal((int)status, ex.StatusCode);
        Assert.Single(_server.Requests);
    }

    // ---- reads: retried on any transient failure ----

    [Fact]
    public async Task GetTaskAsync_500Then200_IsRetriedAndSucceeds()
    {
        _server.On(HttpMethod.Post, Fetch, Wire.Error(HttpStatusCode.InternalServerError, Trouble), Wire.Json(TaskAnswer));

        MidjourneyTask task = await Read(Client());

        Assert.Equal(MidjourneyTaskStatus.InProgress, task.Status);
        Assert.Equal(30, task.Progress);
        Assert.Equal(2, _server.Requests.Count);
        Assert.All(_server.Requests, r => Assert.Equal("/base/mj/v2/fetch", r.Path));
        Assert.Empty(_server.Unmatched);
    }

    [Theory]
    [InlineData(HttpStatusCode.RequestTimeout)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task GetTaskAsync_TransientStatusThen200_IsRetried(HttpStatusCode status)
    {
        _server.On(HttpMethod.Post, Fetch, Wire.Error(status, Trouble), Wire.Json(TaskAnswer));

        MidjourneyTask task = await Read(Client());

        Assert.Equal("task-1", task.Id);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task GetTaskAsync_TimeoutThen200_IsRetried()
    {
        // A real HttpClient.Timeout on the first attempt; the second answers at once, well inside the same timeout.
        _server.On(HttpMethod.Post, Fetch, Wire.Json(TaskAnswer).WithDelay(TimeSpan.FromSeconds(2)), Wire.Json(TaskAnswer));
        var sent = new CountingHandler();
        using var transport = new HttpClient(sent) { Timeout = TimeSpan.FromSeconds(1) };

        MidjourneyTask task = await Read(Client(transport: transport));

        Assert.Equal("task-1", task.Id);
        Assert.Equal(2, sent.Count("/base" + Fetch));
    }

    [Fact]
    public async Task GetTaskAsync_NetworkErrorThen200_IsRetried()
    {
        // In memory: a reset on cue, then a success.
        _handler.Throw(new HttpRequestException(HttpRequestError.ResponseEnded, "reset", null, null));
        _handler.RespondJson(TaskAnswer);

        await Read(InMemoryClient());

        Assert.Equal(2, _handler.Requests.Count);
    }

    [Fact]
    public async Task GetTaskAsync_500EveryTime_SentMaxRetriesPlusOneTimesThenThrows()
    {
        _server.On(HttpMethod.Post, Fetch, Wire.Error(HttpStatusCode.InternalServerError, Trouble));

        var ex = await Assert.ThrowsAsync<MidjourneyServiceException>(() => Read(Client(maxRetries: 2)));

        Assert.Equal(3, _server.Requests.Count);
        Assert.Equal(500, ex.StatusCode);
        Assert.Equal(2, _time.RequestedDelays.Count);
    }

    [Fact]
    public async Task GetTaskAsync_BackoffWithoutRetryAfter_WaitsBetweenZeroAndMaxDelay()
    {
        IResponseBuilder error = Wire.Error(HttpStatusCode.InternalServerError, Trouble);
        _server.On(HttpMethod.Post, Fetch, error, error, error, Wire.Json(TaskAnswer));

        await Read(Client(maxRetries: 3, maxDelay: TimeSpan.FromSeconds(4)));

        Assert.Equal(4, _server.Requests.Count);
        Assert.Equal(3, _time.RequestedDelays.Count);
        Assert.All(_time.RequestedDelays, d => Assert.InRange(d, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(4)));
    }

    [Fact]
    public async Task GetTaskAsync_429WithRetryAfter_WaitsThatLong()
    {
        _server.On(HttpMethod.Post, Fetch, Wire.Error(HttpStatusCode.TooManyRequests, Trouble, TimeSpan.FromSeconds(2)), Wire.Json(TaskAnswer));

        await Read(Client());

        Assert.Equal([TimeSpan.FromSeconds(2)], _time.RequestedDelays);
    }

    [Fact]
    public async Task GetTaskAsync_MaxRetriesZero_MakesOneAttempt()
    {
        _server.On(HttpMethod.Post, Fetch, Wire.Error(HttpStatusCode.InternalServerError, Trouble), Wire.Json(TaskAnswer));

        var ex = await Assert.ThrowsAsync<MidjourneyServiceException>(() => Read(Client(maxRetries: 0)));

        Assert.Single(_server.Requests);
        Assert.Equal(500, ex.StatusCode);
        Assert.Empty(_time.RequestedDelays);
    }

    [Fact]
    public async Task ImagineAsync_MaxRetriesZero_DoesNotRetryEvenA429()
    {
        _server.On(HttpMethod.Post, Imagine, Wire.Error(HttpStatusCode.TooManyRequests, Trouble, TimeSpan.FromSeconds(1)), Wire.Json(SubmitAnswer));

        await Assert.ThrowsAsync<MidjourneyRateLimitException>(() => Submit(Client(maxRetries: 0)));

        Assert.Single(_server.Requests);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.NotFound)]
    public async Task GetTaskAsync_ClientError_IsNeverRetried(HttpStatusCode status)
    {
        _server.On(HttpMethod.Post, Fetch, Wire.Error(status, Trouble), Wire.Json(TaskAnswer));

        var ex = await Assert.ThrowsAnyAsync<MidjourneyException>(() => Read(Client()));

        Assert.Equal((int)status, ex.StatusCode);
        Assert.Single(_server.Requests);
        Assert.Empty(_time.RequestedDelays);
    }

    // ---- caller cancellation (in memory: the cancel must land while the request is in flight) ----

    [Fact]
    public async Task GetTaskAsync_CallerCancelsDuringTheRequest_ThrowsOperationCanceledWithoutRetrying()
    {
        using var cts = new CancellationTokenSource();
        _handler.Respond(_ =>
        {
            cts.Cancel();
            throw new OperationCanceledException(cts.Token);
        });
        _handler.RespondJson(TaskAnswer);

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Read(InMemoryClient(), cts.Token));

        Assert.Equal(cts.Token, ex.CancellationToken);
        Assert.Single(_handler.Requests);
    }

    [Fact]
    public async Task ImagineAsync_CallerCancelsDuringTheRequest_ThrowsOperationCanceledNotSubmissionUncertain()
    {
        using var cts = new CancellationTokenSource();
        _handler.Respond(_ =>
        {
            cts.Cancel();
            throw new OperationCanceledException(cts.Token);
        });
        _handler.RespondJson(SubmitAnswer);

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Submit(InMemoryClient(), cts.Token));

        Assert.Equal(cts.Token, ex.CancellationToken);
        Assert.Single(_handler.Requests);
    }

    [Fact]
    public async Task GetTaskAsync_CallerCancelsDuringTheBackoff_ThrowsOperationCanceledWithoutResending()
    {
        using var cts = new CancellationTokenSource();
        var time = new CancelOnDelayTimeProvider(cts);
        var client = new MidjourneyClient(
            new HttpClient(),
            new MidjourneyClientOptions { ApiKey = ApiKey, BaseUrl = _server.BaseUrl, Retry = { MaxRetries = 3 } },
            time);
        _server.On(HttpMethod.Post, Fetch, Wire.Error(HttpStatusCode.InternalServerError, Trouble), Wire.Json(TaskAnswer));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Read(client, cts.Token));

        Assert.Single(_server.Requests);
        Assert.True(time.DelayStarted);
    }

    /// <summary>A clock whose timers never fire; starting one cancels the caller's token (the caller gives up while the SDK waits).</summary>
    private sealed class CancelOnDelayTimeProvider(CancellationTokenSource cts) : TimeProvider
    {
        public bool DelayStarted { get; private set; }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            DelayStarted = true;
            cts.Cancel();
            return new NeverTimer();
        }

        private sealed class NeverTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
