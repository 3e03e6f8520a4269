using System.Net;
using System.Net.Http.Headers;
using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Http;

/// <summary>
/// The retry rules of ARCHITECTURE.md, seen from the wire: how many times each request went out, what the fake
/// clock was asked to wait, and what the caller gets when retrying stops.
/// </summary>
public sealed class RetryTests
{
    private const string SubmitAnswer = """{"task_id":"task-1","status":"success","message":""}""";
    private const string TaskAnswer = """{"task_id":"task-1","status":"processing","task_result":{"task_progress":30}}""";

    private readonly RecordingHandler _handler = new();
    private readonly FakeTimeProvider _time = new() { AutoAdvance = true };

    private MidjourneyClient Client(int maxRetries = 3, TimeSpan? maxDelay = null) => new(
        new HttpClient(_handler),
        new MidjourneyClientOptions
        {
            Provider = MidjourneyProvider.GoApi,
            ApiKey = "test-key",
            BaseUrl = new Uri("https://goapi.test/base"),
            Retry = { MaxRetries = maxRetries, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = maxDelay ?? TimeSpan.FromSeconds(30) },
        },
        _time);

    private static Task<MidjourneyTask> Submit(MidjourneyClient client, CancellationToken cancellationToken = default) =>
        client.ImagineAsync(new ImagineRequest("a cat"), cancellationToken);

    private static Task<MidjourneyTask> Read(MidjourneyClient client, CancellationToken cancellationToken = default) =>
        client.GetTaskAsync("task-1", cancellationToken);

    private void RespondStatus(HttpStatusCode status, TimeSpan? retryAfter = null, string json = """{"status":"failed","message":"trouble"}""") =>
        _handler.RespondError(status, json, retryAfter);

    // ---- submits: never resent when the provider may have taken them ----

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task ImagineAsync_ServerError_SentOnceAndThrowsSubmissionUncertain(HttpStatusCode status)
    {
        RespondStatus(status);
        RespondStatus(HttpStatusCode.OK, json: SubmitAnswer);

        var ex = await Assert.ThrowsAsync<MidjourneySubmissionUncertainException>(() => Submit(Client()));

        Assert.Single(_handler.Requests);
        Assert.Equal((int)status, ex.StatusCode);
        Assert.Equal(MidjourneyProvider.GoApi, ex.Provider);
        MidjourneyServiceException inner = Assert.IsType<MidjourneyServiceException>(ex.InnerException);
        Assert.Equal((int)status, inner.StatusCode);
        Assert.Empty(_time.RequestedDelays);
    }

    [Fact]
    public async Task ImagineAsync_HtmlServerErrorPage_SentOnceAndThrowsSubmissionUncertain()
    {
        _handler.RespondText("<html><body>500 Internal Server Error</body></html>", "text/html", HttpStatusCode.InternalServerError);

        var ex = await Assert.ThrowsAsync<MidjourneySubmissionUncertainException>(() => Submit(Client()));

        Assert.Single(_handler.Requests);
        Assert.Equal(500, ex.StatusCode);
        Assert.IsType<MidjourneyProtocolException>(ex.InnerException);
    }

    [Fact]
    public async Task ImagineAsync_Timeout_SentOnceAndThrowsSubmissionUncertain()
    {
        _handler.Throw(new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout.", new TimeoutException("timed out")));
        _handler.RespondJson(SubmitAnswer);

        var ex = await Assert.ThrowsAsync<MidjourneySubmissionUncertainException>(() => Submit(Client()));

        Assert.Single(_handler.Requests);
        Assert.Null(ex.StatusCode);
        MidjourneyServiceException inner = Assert.IsType<MidjourneyServiceException>(ex.InnerException);
        Assert.IsAssignableFrom<OperationCanceledException>(inner.InnerException);
    }

    [Fact]
    public async Task ImagineAsync_ResetAfterSending_SentOnceAndThrowsSubmissionUncertain()
    {
        _handler.Throw(new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely.", null, null));
        _handler.RespondJson(SubmitAnswer);

        var ex = await Assert.ThrowsAsync<MidjourneySubmissionUncertainException>(() => Submit(Client()));

        Assert.Single(_handler.Requests);
        Assert.IsType<HttpRequestException>(ex.InnerException?.InnerException);
    }

    [Fact]
    public async Task ImagineAsync_200WithUnreadableBody_SentOnceAndThrowsSubmissionUncertain()
    {
        _handler.RespondText("{\"task_id\":", "application/json", HttpStatusCode.OK);

        var ex = await Assert.ThrowsAsync<MidjourneySubmissionUncertainException>(() => Submit(Client()));

        Assert.Single(_handler.Requests);
        Assert.IsType<MidjourneyProtocolException>(ex.InnerException);
    }

    [Theory]
    [InlineData(HttpRequestError.ConnectionError)]
    [InlineData(HttpRequestError.NameResolutionError)]
    [InlineData(HttpRequestError.SecureConnectionError)]
    public async Task ImagineAsync_ConnectionNeverMade_IsRetriedAndSucceeds(HttpRequestError error)
    {
        _handler.Throw(new HttpRequestException(error, "refused", null, null));
        _handler.RespondJson(SubmitAnswer);

        MidjourneyTask task = await Submit(Client());

        Assert.Equal("task-1", task.Id);
        Assert.Equal(2, _handler.Requests.Count);
        Assert.Equal(_handler.Requests[0].Body, _handler.Requests[1].Body);
        Assert.Single(_time.RequestedDelays);
    }

    [Fact]
    public async Task ImagineAsync_ConnectionNeverMadeEveryTime_ThrowsServiceExceptionNotUncertain()
    {
        _handler.Throw(new HttpRequestException(HttpRequestError.ConnectionError, "refused", null, null));

        var ex = await Assert.ThrowsAsync<MidjourneyServiceException>(() => Submit(Client(maxRetries: 2)));

        Assert.Equal(3, _handler.Requests.Count);
        Assert.True(ex.IsTransient);
        Assert.IsType<HttpRequestException>(ex.InnerException);
    }

    [Fact]
    public async Task ImagineAsync_429WithRetryAfter_WaitsThatLongThenRetries()
    {
        RespondStatus(HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromSeconds(7));
        RespondStatus(HttpStatusCode.OK, json: SubmitAnswer);

        MidjourneyTask task = await Submit(Client());

        Assert.Equal("task-1", task.Id);
        Assert.Equal(2, _handler.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(7)], _time.RequestedDelays);
    }

    [Fact]
    public async Task ImagineAsync_429WithRetryAfterAsADate_WaitsUntilThatDate()
    {
        DateTimeOffset retryAt = _time.GetUtcNow().AddSeconds(5);
        _handler.RespondJson("""{"message":"slow down"}""", HttpStatusCode.TooManyRequests, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(retryAt));
        _handler.RespondJson(SubmitAnswer);

        await Submit(Client());

        Assert.Equal(2, _handler.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(5)], _time.RequestedDelays);
    }

    [Fact]
    public async Task ImagineAsync_RetryAfterLongerThanMaxDelay_WaitsOnlyMaxDelay()
    {
        RespondStatus(HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromSeconds(120));
        RespondStatus(HttpStatusCode.OK, json: SubmitAnswer);

        await Submit(Client(maxDelay: TimeSpan.FromSeconds(10)));

        Assert.Equal(2, _handler.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(10)], _time.RequestedDelays);
    }

    [Fact]
    public async Task ImagineAsync_429EveryTime_ThrowsRateLimitAfterMaxRetries()
    {
        RespondStatus(HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromSeconds(3));

        var ex = await Assert.ThrowsAsync<MidjourneyRateLimitException>(() => Submit(Client(maxRetries: 2)));

        Assert.Equal(3, _handler.Requests.Count);
        Assert.Equal(TimeSpan.FromSeconds(3), ex.RetryAfter);
        Assert.Equal([TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3)], _time.RequestedDelays);
    }

    [Fact]
    public async Task ImagineAsync_503WithRetryAfter_IsRetriedAfterThatWait()
    {
        RespondStatus(HttpStatusCode.ServiceUnavailable, retryAfter: TimeSpan.FromSeconds(4));
        RespondStatus(HttpStatusCode.OK, json: SubmitAnswer);

        MidjourneyTask task = await Submit(Client());

        Assert.Equal("task-1", task.Id);
        Assert.Equal(2, _handler.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(4)], _time.RequestedDelays);
    }

    [Fact]
    public async Task ImagineAsync_503HtmlPageWithRetryAfter_IsRetriedAfterThatWait()
    {
        _handler.Respond(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("<html>Maintenance</html>", System.Text.Encoding.UTF8, "text/html") };
            response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(6));
            return response;
        });
        _handler.RespondJson(SubmitAnswer);

        MidjourneyTask task = await Submit(Client());

        Assert.Equal("task-1", task.Id);
        Assert.Equal(2, _handler.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(6)], _time.RequestedDelays);
    }

    [Fact]
    public async Task ImagineAsync_503WithoutRetryAfter_IsNotResent()
    {
        RespondStatus(HttpStatusCode.ServiceUnavailable);
        RespondStatus(HttpStatusCode.OK, json: SubmitAnswer);

        var ex = await Assert.ThrowsAnyAsync<MidjourneyException>(() => Submit(Client()));

        Assert.Single(_handler.Requests);
        Assert.Equal(503, ex.StatusCode);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.NotFound)]
    public async Task ImagineAsync_ClientError_IsNeverRetried(HttpStatusCode status)
    {
        RespondStatus(status);
        RespondStatus(HttpStatusCode.OK, json: SubmitAnswer);

        var ex = await Assert.ThrowsAnyAsync<MidjourneyException>(() => Submit(Client()));

        Assert.IsNotType<MidjourneySubmissionUncertainException>(ex);
        Assert.Equal((int)status, ex.StatusCode);
        Assert.Single(_handler.Requests);
    }

    // ---- reads: retried on any transient failure ----

    [Fact]
    public async Task GetTaskAsync_500Then200_IsRetriedAndSucceeds()
    {
        RespondStatus(HttpStatusCode.InternalServerError);
        _handler.RespondJson(TaskAnswer);

        MidjourneyTask task = await Read(Client());

        Assert.Equal(MidjourneyTaskStatus.InProgress, task.Status);
        Assert.Equal(30, task.Progress);
        Assert.Equal(2, _handler.Requests.Count);
        Assert.All(_handler.Requests, r => Assert.Equal("/base/mj/v2/fetch", r.Path));
    }

    [Theory]
    [InlineData(HttpStatusCode.RequestTimeout)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task GetTaskAsync_TransientStatusThen200_IsRetried(HttpStatusCode status)
    {
        RespondStatus(status);
        _handler.RespondJson(TaskAnswer);

        MidjourneyTask task = await Read(Client());

        Assert.Equal("task-1", task.Id);
        Assert.Equal(2, _handler.Requests.Count);
    }

    [Fact]
    public async Task GetTaskAsync_TimeoutThen200_IsRetried()
    {
        _handler.Throw(new TaskCanceledException("timed out", new TimeoutException()));
        _handler.RespondJson(TaskAnswer);

        MidjourneyTask task = await Read(Client());

        Assert.Equal("task-1", task.Id);
        Assert.Equal(2, _handler.Requests.Count);
    }

    [Fact]
    public async Task GetTaskAsync_NetworkErrorThen200_IsRetried()
    {
        _handler.Throw(new HttpRequestException(HttpRequestError.ResponseEnded, "reset", null, null));
        _handler.RespondJson(TaskAnswer);

        await Read(Client());

        Assert.Equal(2, _handler.Requests.Count);
    }

    [Fact]
    public async Task GetTaskAsync_500EveryTime_SentMaxRetriesPlusOneTimesThenThrows()
    {
        RespondStatus(HttpStatusCode.InternalServerError);

        var ex = await Assert.ThrowsAsync<MidjourneyServiceException>(() => Read(Client(maxRetries: 2)));

        Assert.Equal(3, _handler.Requests.Count);
        Assert.Equal(500, ex.StatusCode);
        Assert.Equal(2, _time.RequestedDelays.Count);
    }

    [Fact]
    public async Task GetTaskAsync_BackoffWithoutRetryAfter_WaitsBetweenZeroAndMaxDelay()
    {
        RespondStatus(HttpStatusCode.InternalServerError);
        RespondStatus(HttpStatusCode.InternalServerError);
        RespondStatus(HttpStatusCode.InternalServerError);
        _handler.RespondJson(TaskAnswer);

        await Read(Client(maxRetries: 3, maxDelay: TimeSpan.FromSeconds(4)));

        Assert.Equal(4, _handler.Requests.Count);
        Assert.Equal(3, _time.RequestedDelays.Count);
        Assert.All(_time.RequestedDelays, d => Assert.InRange(d, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(4)));
    }

    [Fact]
    public async Task GetTaskAsync_429WithRetryAfter_WaitsThatLong()
    {
        RespondStatus(HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromSeconds(2));
        _handler.RespondJson(TaskAnswer);

        await Read(Client());

        Assert.Equal([TimeSpan.FromSeconds(2)], _time.RequestedDelays);
    }

    [Fact]
    public async Task GetTaskAsync_MaxRetriesZero_MakesOneAttempt()
    {
        RespondStatus(HttpStatusCode.InternalServerError);
        _handler.RespondJson(TaskAnswer);

        var ex = await Assert.ThrowsAsync<MidjourneyServiceException>(() => Read(Client(maxRetries: 0)));

        Assert.Single(_handler.Requests);
        Assert.Equal(500, ex.StatusCode);
        Assert.Empty(_time.RequestedDelays);
    }

    [Fact]
    public async Task ImagineAsync_MaxRetriesZero_DoesNotRetryEvenA429()
    {
        RespondStatus(HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromSeconds(1));
        RespondStatus(HttpStatusCode.OK, json: SubmitAnswer);

        await Assert.ThrowsAsync<MidjourneyRateLimitException>(() => Submit(Client(maxRetries: 0)));

        Assert.Single(_handler.Requests);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.NotFound)]
    public async Task GetTaskAsync_ClientError_IsNeverRetried(HttpStatusCode status)
    {
        RespondStatus(status);
        _handler.RespondJson(TaskAnswer);

        var ex = await Assert.ThrowsAnyAsync<MidjourneyException>(() => Read(Client()));

        Assert.Equal((int)status, ex.StatusCode);
        Assert.Single(_handler.Requests);
        Assert.Empty(_time.RequestedDelays);
    }

    // ---- caller cancellation ----

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

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Read(Client(), cts.Token));

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

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Submit(Client(), cts.Token));

        Assert.Equal(cts.Token, ex.CancellationToken);
        Assert.Single(_handler.Requests);
    }

    [Fact]
    public async Task GetTaskAsync_CallerCancelsDuringTheBackoff_ThrowsOperationCanceledWithoutResending()
    {
        using var cts = new CancellationTokenSource();
        var time = new CancelOnDelayTimeProvider(cts);
        var client = new MidjourneyClient(
            new HttpClient(_handler),
            new MidjourneyClientOptions { ApiKey = "test-key", BaseUrl = new Uri("https://goapi.test/base"), Retry = { MaxRetries = 3 } },
            time);
        RespondStatus(HttpStatusCode.InternalServerError);
        _handler.RespondJson(TaskAnswer);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Read(client, cts.Token));

        Assert.Single(_handler.Requests);
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
