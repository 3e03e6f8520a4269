using System.Net;
using Midjourney.Sdk.Tests.TestSupport;
using static Midjourney.Sdk.Tests.Providers.MjProxy.MjProxyTestData;

namespace Midjourney.Sdk.Tests.Providers.MjProxy;

/// <summary>
/// What a real relay's HTTP-level failures become, for a submit (<c>imagine</c>, billable) and the read (<c>fetch</c>):
/// error statuses, HTML pages, truncated and empty bodies, <c>Retry-After</c>, and the 404 of a submit that names no
/// task, which means the endpoint is not at that address (a wrong BaseUrl).
/// </summary>
public sealed class MjProxyHttpFailureTests : IDisposable
{
    private const string Imagine = "/mj/submit/imagine";
    private const string FetchT1 = "/mj/task/t-1/fetch";
    private const string Trouble = """{"message":"trouble"}""";

    // What a Spring Boot midjourney-proxy answers for a path it has no handler for.
    private const string SpringNotFound = """{"timestamp":"2026-01-01T00:00:00.000+00:00","status":404,"error":"Not Found","path":"/base/mj/submit/x"}""";

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3];

    private readonly WireServer _server = Server();
    private readonly FakeTimeProvider _time = new() { AutoAdvance = true };

    public void Dispose() => _server.Dispose();

    private MidjourneyClient Client(int maxRetries = 3) =>
        MjProxyTestData.Client(_server, o => o.Retry.MaxRetries = maxRetries, time: _time);

    private static Task<MidjourneyTask> Submit(MidjourneyClient client) => client.ImagineAsync(new ImagineRequest("a cat"));

    private static Task<MidjourneyTask> Read(MidjourneyClient client) => client.GetTaskAsync("t-1");

    // ---- a 404 on a submit that names no task: the endpoint is missing ----

    public static TheoryData<string> ParentlessSubmits => ["/mj/submit/imagine", "/mj/submit/blend", "/mj/submit/describe", "/mj/submit/shorten"];

    [Theory]
    [MemberData(nameof(ParentlessSubmits))]
    public async Task ParentlessSubmit_Http404_ThrowsEndpointNotFoundSayingToCheckBaseUrl(string path)
    {
        _server.On(HttpMethod.Post, path, Wire.Error(HttpStatusCode.NotFound, SpringNotFound));
        MidjourneyClient client = Client();

        var ex = await Assert.ThrowsAnyAsync<MidjourneyException>(() => path switch
        {
            "/mj/submit/imagine" => Submit(client),
            "/mj/submit/blend" => client.BlendAsync(new BlendRequest([MidjourneyImage.FromBytes(Png, "image/png"), MidjourneyImage.FromBytes(Png, "image/png")])),
            "/mj/submit/describe" => client.DescribeAsync(new DescribeRequest(MidjourneyImage.FromBytes(Png, "image/png"))),
            _ => client.ShortenAsync(new ShortenRequest("a cat")),
        });

        Assert.Equal(typeof(MidjourneyException), ex.GetType());
        Assert.Equal("ENDPOINT_NOT_FOUND", ex.ErrorCode);
        Assert.Equal(404, ex.StatusCode);
        Assert.Equal(MidjourneyProvider.MjProxy, ex.Provider);
        Assert.Contains("POST " + _server.Url(path), ex.Message, StringComparison.Ordinal);
        Assert.Contains($"Check BaseUrl ({_server.BaseUrl.AbsoluteUri}/)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(Not Found)", ex.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
        Assert.Empty(_server.Unmatched);
    }

    [Fact]
    public async Task ImagineAsync_WrongBaseUrl_ThrowsEndpointNotFoundNamingTheUrlItTried()
    {
        // The relay is at /base; the client was given /wrong, where nothing answers but the server's own 404.
        _server.On(HttpMethod.Post, Imagine, Wire.Json(Answer()));
        var wrong = new Uri(_server.Server.Url + "/wrong");

        var ex = await Assert.ThrowsAnyAsync<MidjourneyException>(
            () => MjProxyTestData.Client(_server, o => (o.BaseUrl, o.Retry.MaxRetries) = (wrong, 3), time: _time).ImagineAsync(new ImagineRequest("a cat")));

        Assert.Equal(typeof(MidjourneyException), ex.GetType());
        Assert.Equal("ENDPOINT_NOT_FOUND", ex.ErrorCode);
        Assert.Contains("POST " + wrong.AbsoluteUri + Imagine, ex.Message, StringComparison.Ordinal);
        Assert.Contains($"Check BaseUrl ({wrong.AbsoluteUri}/)", ex.Message, StringComparison.Ordinal);
        Assert.Equal("/wrong" + Imagine, Assert.Single(_server.Unmatched).Path);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task GetTaskAsync_Http404_ThrowsNotFoundNotEndpointMissing()
    {
        // A read names a task: its 404 is that task unknown.
        _server.On(HttpMethod.Get, FetchT1, Wire.Error(HttpStatusCode.NotFound, """{"code":3,"description":"task not found","result":null}"""));

        var ex = await Assert.ThrowsAsync<MidjourneyNotFoundException>(() => Read(Client()));

        Assert.Equal(404, ex.StatusCode);
        Assert.NotEqual("ENDPOINT_NOT_FOUND", ex.ErrorCode);
        Assert.Contains("task not found", ex.Message, StringComparison.Ordinal);
        Assert.Contains("GET " + _server.Url(FetchT1), ex.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    // ---- error statuses and unreadable answers on a submit: never resent when the relay may have taken it ----

    [Fact]
    public async Task ImagineAsync_Http500_SentOnceAndThrowsSubmissionUncertain()
    {
        _server.On(HttpMethod.Post, Imagine, Wire.Error(HttpStatusCode.InternalServerError, Trouble), Wire.Json(Answer()));

        var ex = await Assert.ThrowsAsync<MidjourneySubmissionUncertainException>(() => Submit(Client()));

        Assert.Equal(500, ex.StatusCode);
        Assert.Contains("POST " + _server.Url(Imagine), ex.Message, StringComparison.Ordinal);
        Assert.IsType<MidjourneyServiceException>(ex.InnerException);
        Assert.Single(_server.Requests);
        Assert.Empty(_time.RequestedDelays);
    }

    [Fact]
    public async Task ImagineAsync_HtmlErrorPage_SentOnceAndThrowsSubmissionUncertainAroundAProtocolError()
    {
        _server.On(HttpMethod.Post, Imagine, Wire.Html(HttpStatusCode.BadGateway, "<html><body>502 Bad Gateway</body></html>"), Wire.Json(Answer()));

        var ex = await Assert.ThrowsAsync<MidjourneySubmissionUncertainException>(() => Submit(Client()));

        Assert.Equal(502, ex.StatusCode);
        MidjourneyProtocolException inner = Assert.IsType<MidjourneyProtocolException>(ex.InnerException);
        Assert.Contains("502 Bad Gateway", inner.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Theory]
    [InlineData("{\"code\":")]
    [InlineData("")]
    public async Task ImagineAsync_200WithTruncatedOrEmptyBody_SentOnceAndThrowsSubmissionUncertain(string body)
    {
        _server.On(HttpMethod.Post, Imagine, body.Length == 0 ? Wire.Empty() : Wire.Text(body, "application/json", HttpStatusCode.OK), Wire.Json(Answer()));

        var ex = await Assert.ThrowsAsync<MidjourneySubmissionUncertainException>(() => Submit(Client()));

        Assert.Equal(200, ex.StatusCode);
        MidjourneyProtocolException inner = Assert.IsType<MidjourneyProtocolException>(ex.InnerException);
        Assert.Contains("POST " + _server.Url(Imagine), inner.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task ImagineAsync_Http400WithCodeEnvelope_ThrowsInvalidRequestWithTheCodeAndDescription()
    {
        _server.On(HttpMethod.Post, Imagine, Wire.Error(HttpStatusCode.BadRequest, """{"code":4,"description":"prompt must not be blank","result":null}"""));

        var ex = await Assert.ThrowsAsync<MidjourneyInvalidRequestException>(() => Submit(Client()));

        // The relay's own code says more than the status: it decides, as it does with HTTP 200.
        Assert.Equal(400, ex.StatusCode);
        Assert.Equal("4", ex.ErrorCode);
        Assert.Contains("prompt must not be blank", ex.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task ImagineAsync_Http400WithBannedPromptCode_ThrowsContentPolicyNamingTheWord()
    {
        _server.On(HttpMethod.Post, Imagine, Wire.Error(
            HttpStatusCode.BadRequest, """{"code":24,"description":"可能包含敏感词","result":null,"properties":{"bannedWord":"gore"}}"""));

        var ex = await Assert.ThrowsAsync<MidjourneyContentPolicyException>(() => Submit(Client()));

        Assert.Equal(400, ex.StatusCode);
        Assert.Equal("24", ex.ErrorCode);
        Assert.Contains("'gore'", ex.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task ImagineAsync_Http500WithQueueFullCode_IsResentBecauseItWasNotTaken()
    {
        _server.On(
            HttpMethod.Post,
            Imagine,
            Wire.Error(HttpStatusCode.InternalServerError, """{"code":23,"description":"The queue is full, please try again later","result":null}"""),
            Wire.Json(Answer()));

        MidjourneyTask task = await Submit(Client());

        Assert.Equal(2, _server.Requests.Count);
        Assert.Equal(_server.Requests[0].Body, _server.Requests[1].Body);
        Assert.NotEmpty(task.Id);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, typeof(MidjourneyAuthenticationException))]
    [InlineData(HttpStatusCode.Forbidden, typeof(MidjourneyAuthenticationException))]
    [InlineData(HttpStatusCode.TooManyRequests, typeof(MidjourneyRateLimitException))]
    public async Task ImagineAsync_ErrorStatusWithGenericFailureCode_TheStatusDecides(HttpStatusCode status, Type expected)
    {
        // Servers put code 9 beside a 401 or a 429: the status is the better word there.
        _server.On(HttpMethod.Post, Imagine, Wire.Error(status, """{"code":9,"description":"Invalid API key","result":null}"""));

        var ex = await Assert.ThrowsAnyAsync<MidjourneyException>(() => Submit(Client(maxRetries: 0)));

        Assert.IsType(expected, ex);
        Assert.Equal((int)status, ex.StatusCode);
        Assert.Contains("Invalid API key", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImagineAsync_500WithDescriptionWithoutFullStop_UncertainMessageReadsAsSentences()
    {
        _server.On(HttpMethod.Post, Imagine, Wire.Error(HttpStatusCode.InternalServerError, """{"code":9,"description":"please try again later","result":null}"""));

        var ex = await Assert.ThrowsAsync<MidjourneySubmissionUncertainException>(() => Submit(Client()));

        Assert.Contains("please try again later. The submit was not resent", ex.Message, StringComparison.Ordinal);
    }

    // ---- Retry-After ----

    [Fact]
    public async Task ImagineAsync_503WithRetryAfterThen200_IsResentAfterThatWait()
    {
        // A 503 with Retry-After says the relay did not take it.
        _server.On(HttpMethod.Post, Imagine, Wire.Error(HttpStatusCode.ServiceUnavailable, Trouble, TimeSpan.FromSeconds(4)), Wire.Json(Answer("task-2")));

        MidjourneyTask task = await Submit(Client());

        Assert.Equal("task-2", task.Id);
        Assert.Equal(2, _server.Requests.Count);
        Assert.Equal(_server.Requests[0].Body, _server.Requests[1].Body);
        Assert.Equal([TimeSpan.FromSeconds(4)], _time.RequestedDelays);
    }

    [Fact]
    public async Task ImagineAsync_429WithRetryAfterEveryTime_ThrowsRateLimitCarryingIt()
    {
        _server.On(HttpMethod.Post, Imagine, Wire.Error(HttpStatusCode.TooManyRequests, """{"code":23,"description":"slow down"}""", TimeSpan.FromSeconds(7)));

        var ex = await Assert.ThrowsAsync<MidjourneyRateLimitException>(() => Submit(Client(maxRetries: 1)));

        Assert.Equal(TimeSpan.FromSeconds(7), ex.RetryAfter);
        Assert.Equal(429, ex.StatusCode);
        Assert.Equal(2, _server.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(7)], _time.RequestedDelays);
    }

    [Fact]
    public async Task GetTaskAsync_429WithRetryAfterThen200_WaitsThatLong()
    {
        _server.On(HttpMethod.Get, FetchT1, Wire.Error(HttpStatusCode.TooManyRequests, Trouble, TimeSpan.FromSeconds(2)), Wire.Json(Grid("t-1")));

        MidjourneyTask task = await Read(Client());

        Assert.Equal(MidjourneyTaskStatus.Succeeded, task.Status);
        Assert.Equal(2, _server.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(2)], _time.RequestedDelays);
    }

    // ---- the read: retried on any transient failure ----

    [Fact]
    public async Task GetTaskAsync_500Then200_IsRetriedAndSucceeds()
    {
        _server.On(HttpMethod.Get, FetchT1, Wire.Error(HttpStatusCode.InternalServerError, Trouble), Wire.Json(MjProxyTestData.Task("t-1", "IMAGINE", "IN_PROGRESS", "a cat", "30%")));

        MidjourneyTask task = await Read(Client());

        Assert.Equal(MidjourneyTaskStatus.InProgress, task.Status);
        Assert.Equal(30, task.Progress);
        Assert.Equal(2, _server.Requests.Count);
        Assert.All(_server.Requests, r => AssertRequest(_server, r, HttpMethod.Get, FetchT1));
        Assert.Single(_time.RequestedDelays);
        Assert.Empty(_server.Unmatched);
    }

    [Fact]
    public async Task GetTaskAsync_502HtmlPageThen200_IsRetried()
    {
        _server.On(HttpMethod.Get, FetchT1, Wire.Html(HttpStatusCode.BadGateway, "<html>bad gateway</html>"), Wire.Json(Grid("t-1")));

        MidjourneyTask task = await Read(Client());

        Assert.Equal("t-1", task.Id);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task GetTaskAsync_500EveryTime_ThrowsTransientServiceAfterTheRetries()
    {
        _server.On(HttpMethod.Get, FetchT1, Wire.Error(HttpStatusCode.InternalServerError, Trouble));

        var ex = await Assert.ThrowsAsync<MidjourneyServiceException>(() => Read(Client(maxRetries: 2)));

        Assert.Equal(500, ex.StatusCode);
        Assert.True(ex.IsTransient);
        Assert.Contains("GET " + _server.Url(FetchT1), ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, _server.Requests.Count);
        Assert.Equal(2, _time.RequestedDelays.Count);
    }

    [Fact]
    public async Task GetTaskAsync_200WithTruncatedJson_ThrowsProtocolExceptionWithoutRetrying()
    {
        // Only transient statuses and network failures are retried; a 200 the relay cut short is reported at once.
        _server.On(HttpMethod.Get, FetchT1, Wire.Text("{\"id\":\"t-1\",\"status\":", "application/json", HttpStatusCode.OK), Wire.Json(Grid("t-1")));

        var ex = await Assert.ThrowsAsync<MidjourneyProtocolException>(() => Read(Client()));

        Assert.Equal(200, ex.StatusCode);
        Assert.Contains("GET " + _server.Url(FetchT1), ex.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }
}
