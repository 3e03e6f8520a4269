using System.Globalization;
using System.Net;
using Midjourney.Sdk.Tests.TestSupport;
using WireMock.ResponseBuilders;

namespace Midjourney.Sdk.Tests.Providers.Apixo;

/// <summary>
/// The <c>{code, message, data}</c> envelope over real HTTP (WireMock.Net on 127.0.0.1): a non-200 code with HTTP 200,
/// or an HTTP error status carrying the envelope (its <c>data.error</c> kept as the error code), maps to the typed
/// exceptions; an error status without the envelope maps by HTTP status; unreadable answers, Retry-After and the
/// retry rules on the read (statusTask) and the billable submit (generateTask).
/// </summary>
public sealed class ApixoErrorTests : IDisposable
{
    private readonly WireServer _server = ApixoWire.Server();
    private readonly FakeTimeProvider _time = new() { AutoAdvance = true };

    public void Dispose() => _server.Dispose();

    public static TheoryData<int, Type> Codes => new()
    {
        { 400, typeof(MidjourneyInvalidRequestException) },
        { 401, typeof(MidjourneyAuthenticationException) },
        { 402, typeof(MidjourneyInsufficientCreditsException) },
        { 403, typeof(MidjourneyAuthenticationException) },
        { 404, typeof(MidjourneyNotFoundException) },
        { 429, typeof(MidjourneyRateLimitException) },
        { 500, typeof(MidjourneyServiceException) },
        { 503, typeof(MidjourneyServiceException) },
    };

    /// <summary>How an error message names the read: the absolute URL with its query.</summary>
    private string ReadCall => $"GET {_server.Url(ApixoWire.StatusTask)}?taskId=t";

    private string SubmitCall => $"POST {_server.Url(ApixoWire.Generate)}";

    private MidjourneyClient Client(int maxRetries = 0) => ApixoWire.Client(_server, _time, o =>
    {
        o.Retry.MaxRetries = maxRetries;
        o.Retry.BaseDelay = TimeSpan.FromSeconds(1);
        o.Retry.MaxDelay = TimeSpan.FromSeconds(30);
    });

    /// <summary>Answers statusTask for task <c>t</c> with <paramref name="answersInTurn"/>.</summary>
    private void OnStatus(params IResponseBuilder[] answersInTurn) =>
        _server.On(_server.Request(HttpMethod.Get, ApixoWire.StatusTask).WithParam("taskId", "t"), answersInTurn);

    private void OnGenerate(params IResponseBuilder[] answersInTurn) => _server.On(HttpMethod.Post, ApixoWire.Generate, answersInTurn);

    private static Task<MidjourneyTask> Read(MidjourneyClient client) => client.GetTaskAsync("t");

    private static Task<MidjourneyTask> Submit(MidjourneyClient client) => client.ImagineAsync(new ImagineRequest("a cat"));

    // ---- a detail that mentions a policy is not a content refusal unless the request itself was refused ----

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, "RATE_LIMIT_POLICY", typeof(MidjourneyRateLimitException))]
    [InlineData(HttpStatusCode.Unauthorized, "IP_NOT_ALLOWED_BY_POLICY", typeof(MidjourneyAuthenticationException))]
    [InlineData(HttpStatusCode.BadRequest, "CONTENT_POLICY_VIOLATION", typeof(MidjourneyContentPolicyException))]
    public async Task ImagineAsync_ErrorDetailMentioningPolicy_IsContentPolicyOnlyForARefusedRequest(HttpStatusCode status, string detail, Type expected)
    {
        int code = (int)status;
        OnGenerate(Wire.Error(status, $$$"""{"code":{{{code}}},"message":"refused","data":{"error":"{{{detail}}}"}}"""));

        var ex = await Assert.ThrowsAnyAsync<MidjourneyException>(() => Submit(Client()));

        Assert.IsType(expected, ex);
        Assert.Equal(detail, ex.ErrorCode);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task GetTaskAsync_WrongBaseUrlAnsweredWithAJson404_IsNotFoundHintingAtBaseUrl()
    {
        // A gateway's or router's own 404 (WireMock's here: JSON, but not APIXO's envelope and no message).
        using MidjourneyClient client = ApixoWire.Client(_server, _time, o => o.BaseUrl = new Uri(_server.Url("/wrong")));

        var ex = await Assert.ThrowsAsync<MidjourneyNotFoundException>(() => Read(client));

        Assert.Contains("check BaseUrl", ex.Message, StringComparison.Ordinal);
        Assert.Contains(_server.Url("/wrong" + ApixoWire.StatusTask), ex.Message, StringComparison.Ordinal);
    }

    // ---- the envelope with HTTP 200 ----

    [Theory]
    [MemberData(nameof(Codes))]
    public async Task GetTaskAsync_BodyCodeWithHttp200_MapsToTheTypedException(int code, Type expected)
    {
        OnStatus(Wire.Json($$"""{"code":{{code}},"message":"refused here","data":null}"""));

        var ex = await Assert.ThrowsAnyAsync<MidjourneyException>(() => Read(Client()));

        Assert.IsType(expected, ex);

        // StatusCode is the HTTP status only; the envelope's code, with no data.error, is the provider's code.
        Assert.Equal(200, ex.StatusCode);
        Assert.Equal(MidjourneyProvider.Apixo, ex.Provider);
        Assert.Contains($"Apixo refused {ReadCall} ({code}): refused here", ex.Message, StringComparison.Ordinal);
        Assert.Equal(code.ToString(CultureInfo.InvariantCulture), ex.ErrorCode);
        ApixoWire.AssertStatus(_server, _server.Single, "t");
    }

    [Fact]
    public async Task ImagineAsync_Body402_ThrowsInsufficientCreditsWithTheDetailAsCode()
    {
        OnGenerate(Wire.Json("""{"code":402,"message":"Insufficient balance","data":{"error":"INSUFFICIENT_CREDITS"}}"""));

        var ex = await Assert.ThrowsAsync<MidjourneyInsufficientCreditsException>(() => Submit(Client()));

        Assert.Equal(200, ex.StatusCode);
        Assert.Equal("INSUFFICIENT_CREDITS", ex.ErrorCode);
        Assert.False(ex.IsTransient);
        Assert.Equal($"Apixo refused {SubmitCall} (402): Insufficient balance (INSUFFICIENT_CREDITS)", ex.Message);
        ApixoWire.AssertSubmit(_server, _server.Single);
    }

    [Theory]
    [InlineData(403, "Request blocked by content policy", null)]
    [InlineData(400, "Prompt rejected", "CONTENT_VIOLATION")]
    [InlineData(400, "Bad prompt", "NSFW_DETECTED")]
    public async Task ImagineAsync_ContentRefusal_ThrowsContentPolicy(int code, string message, string? detail)
    {
        string data = detail is null ? "null" : $$$"""{"error":"{{{detail}}}"}""";
        OnGenerate(Wire.Json($$"""{"code":{{code}},"message":"{{message}}","data":{{data}}}"""));

        var ex = await Assert.ThrowsAsync<MidjourneyContentPolicyException>(() => Submit(Client()));

        Assert.Equal(200, ex.StatusCode);
        Assert.Equal(detail ?? code.ToString(CultureInfo.InvariantCulture), ex.ErrorCode);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.Contains(SubmitCall, ex.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task ImagineAsync_MessageAndSentenceDetail_AreBothInTheMessage()
    {
        OnGenerate(Wire.Json("""{"code":400,"message":"Invalid parameters","data":{"error":"aspect must be one of 1:1, 16:9"}}"""));

        var ex = await Assert.ThrowsAsync<MidjourneyInvalidRequestException>(() => Submit(Client()));

        Assert.Contains("Invalid parameters (aspect must be one of 1:1, 16:9)", ex.Message, StringComparison.Ordinal);
        Assert.Equal("400", ex.ErrorCode); // a sentence is no code: the envelope's code is
    }

    [Fact]
    public async Task ImagineAsync_CodeAsText_IsReadAsTheNumber()
    {
        OnGenerate(Wire.Json("""{"code":"429","message":"Too many requests","data":null}"""));

        var ex = await Assert.ThrowsAsync<MidjourneyRateLimitException>(() => Submit(Client()));

        Assert.Equal(200, ex.StatusCode);
        Assert.Equal("429", ex.ErrorCode);
    }

    [Fact]
    public async Task ImagineAsync_CodeThatIsNotANumber_ThrowsProtocolReportedAsUncertain()
    {
        OnGenerate(Wire.Json("""{"code":"ok?","message":"","data":{"taskId":"t"}}"""));

        var ex = await Assert.ThrowsAsync<MidjourneySubmissionUncertainException>(() => Submit(Client()));

        Assert.IsType<MidjourneyProtocolException>(ex.InnerException);
        Assert.Contains("'ok?'", ex.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Theory]
    [InlineData("""{"code":200,"message":"success","data":{}}""")]
    [InlineData("""{"code":200,"message":"success","data":null}""")]
    [InlineData("""{"code":200,"message":"success","data":{"taskId":""}}""")]
    public async Task ImagineAsync_AcceptedWithoutTaskId_ThrowsSubmissionUncertain(string json)
    {
        OnGenerate(Wire.Json(json));

        var ex = await Assert.ThrowsAsync<MidjourneySubmissionUncertainException>(() => Submit(Client(maxRetries: 3)));

        Assert.Contains("taskId", ex.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task ImagineAsync_NoCodeButTaskId_IsAccepted()
    {
        OnGenerate(Wire.Json("""{"data":{"taskId":"t-7"}}"""));

        MidjourneyTask task = await Submit(Client());

        Assert.Equal("t-7", task.Id);
    }

    // ---- an error status carrying the envelope: its code decides and data.error is kept ----

    [Theory]
    [MemberData(nameof(Codes))]
    public async Task GetTaskAsync_HttpErrorStatusWithEnvelope_MapsToTheTypedExceptionKeepingTheDetail(int code, Type expected)
    {
        OnStatus(Wire.Error((HttpStatusCode)code, $$$"""{"code":{{{code}}},"message":"refused here","data":{"error":"SOME_DETAIL"}}"""));

        var ex = await Assert.ThrowsAnyAsync<MidjourneyException>(() => Read(Client()));

        Assert.IsType(expected, ex);
        Assert.Equal(code, ex.StatusCode);
        Assert.Equal("SOME_DETAIL", ex.ErrorCode);
        Assert.Contains($"Apixo refused {ReadCall} ({code}): refused here (SOME_DETAIL)", ex.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "Invalid parameters", "INVALID_ASPECT_RATIO", typeof(MidjourneyInvalidRequestException))]
    [InlineData(HttpStatusCode.PaymentRequired, "Payment required", "INSUFFICIENT_CREDITS", typeof(MidjourneyInsufficientCreditsException))]
    [InlineData(HttpStatusCode.Forbidden, "Forbidden", "API_KEY_DISABLED", typeof(MidjourneyAuthenticationException))]
    [InlineData(HttpStatusCode.TooManyRequests, "Too many requests", "CONCURRENCY_LIMIT", typeof(MidjourneyRateLimitException))]
    [InlineData(HttpStatusCode.InternalServerError, "Internal server error", "UPSTREAM_UNAVAILABLE", typeof(MidjourneySubmissionUncertainException))]
    public async Task ImagineAsync_HttpErrorStatusWithEnvelope_ErrorCodeIsDataErrorAndTheMessageNamesIt(HttpStatusCode status, string message, string detail, Type expected)
    {
        int code = (int)status;
        OnGenerate(Wire.Error(status, $$$"""{"code":{{{code}}},"message":"{{{message}}}","data":{"error":"{{{detail}}}"}}"""));

        var ex = await Assert.ThrowsAnyAsync<MidjourneyException>(() => Submit(Client()));

        Assert.IsType(expected, ex);
        Assert.Equal(code, ex.StatusCode);
        Assert.Equal(detail, ex.ErrorCode);
        Assert.Equal(MidjourneyProvider.Apixo, ex.Provider);
        Assert.Contains($"Apixo refused {SubmitCall} ({code}): {message} ({detail})", ex.Message, StringComparison.Ordinal);
        ApixoWire.AssertSubmit(_server, _server.Single);
    }

    [Fact]
    public async Task ImagineAsync_Http402WithEnvelope_ThrowsInsufficientCreditsWithTheDetail()
    {
        // The case that motivated keeping data.error: before, only "Payment required" and HTTP 402 were used.
        OnGenerate(Wire.Error(HttpStatusCode.PaymentRequired, """{"code":402,"message":"Payment required","data":{"error":"INSUFFICIENT_CREDITS"}}"""));

        var ex = await Assert.ThrowsAsync<MidjourneyInsufficientCreditsException>(() => Submit(Client(maxRetries: 3)));

        Assert.Equal("INSUFFICIENT_CREDITS", ex.ErrorCode);
        Assert.Equal(402, ex.StatusCode);
        Assert.False(ex.IsTransient);
        Assert.Equal($"Apixo refused {SubmitCall} (402): Payment required (INSUFFICIENT_CREDITS)", ex.Message);
        Assert.Single(_server.Requests);
        Assert.Empty(_time.RequestedDelays);
    }

    [Fact]
    public async Task ImagineAsync_Http400WithContentViolationDetail_ThrowsContentPolicy()
    {
        OnGenerate(Wire.Error(HttpStatusCode.BadRequest, """{"code":400,"message":"Prompt rejected","data":{"error":"CONTENT_VIOLATION"}}"""));

        var ex = await Assert.ThrowsAsync<MidjourneyContentPolicyException>(() => Submit(Client()));

        Assert.Equal("CONTENT_VIOLATION", ex.ErrorCode);
        Assert.Equal(400, ex.StatusCode);
        Assert.Contains("Prompt rejected (CONTENT_VIOLATION)", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    public async Task ImagineAsync_ServerErrorInBodyOrStatus_IsSentOnceAndReportedAsUncertain(int code)
    {
        string json = $$"""{"code":{{code}},"message":"internal error","data":null}""";
        OnGenerate(Wire.Json(json), Wire.Error((HttpStatusCode)code, json));
        MidjourneyClient client = Client(maxRetries: 3);

        var inBody = await Assert.ThrowsAsync<MidjourneySubmissionUncertainException>(() => Submit(client));
        var inStatus = await Assert.ThrowsAsync<MidjourneySubmissionUncertainException>(() => Submit(client));

        Assert.Equal(200, inBody.StatusCode);
        Assert.Equal(code, inStatus.StatusCode);
        Assert.Equal(code.ToString(CultureInfo.InvariantCulture), inBody.ErrorCode);
        Assert.Equal(2, _server.Requests.Count);
        Assert.Empty(_time.RequestedDelays);
    }

    // ---- an error status without the envelope: the HTTP status decides ----

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, typeof(MidjourneyProtocolException))]
    [InlineData(HttpStatusCode.Unauthorized, typeof(MidjourneyAuthenticationException))]
    [InlineData(HttpStatusCode.PaymentRequired, typeof(MidjourneyInsufficientCreditsException))]
    [InlineData(HttpStatusCode.Forbidden, typeof(MidjourneyAuthenticationException))]
    [InlineData(HttpStatusCode.NotFound, typeof(MidjourneyNotFoundException))]
    [InlineData(HttpStatusCode.TooManyRequests, typeof(MidjourneyRateLimitException))]
    [InlineData(HttpStatusCode.InternalServerError, typeof(MidjourneyProtocolException))]
    [InlineData(HttpStatusCode.ServiceUnavailable, typeof(MidjourneyProtocolException))]
    public async Task GetTaskAsync_HttpErrorStatusWithHtmlPage_MapsByHttpStatus(HttpStatusCode status, Type expected)
    {
        OnStatus(Wire.Html(status, "<html><body><h1>Gateway says no</h1></body></html>"));

        var ex = await Assert.ThrowsAnyAsync<MidjourneyException>(() => Read(Client()));

        Assert.IsType(expected, ex);
        Assert.Equal((int)status, ex.StatusCode);
        Assert.Null(ex.ErrorCode);
        Assert.Contains(ReadCall, ex.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Theory]
    [InlineData(HttpStatusCode.PaymentRequired, """{"message":"Payment required","data":{"error":"INSUFFICIENT_CREDITS"}}""", typeof(MidjourneyInsufficientCreditsException), "Payment required")]
    [InlineData(HttpStatusCode.Forbidden, """{"error":"Forbidden by gateway"}""", typeof(MidjourneyAuthenticationException), "Forbidden by gateway")]
    [InlineData(HttpStatusCode.InternalServerError, """{"code":200,"message":"success","data":null}""", typeof(MidjourneyServiceException), "success")]
    [InlineData(HttpStatusCode.BadGateway, """{"code":"bad gateway","message":"upstream down"}""", typeof(MidjourneyServiceException), "upstream down")]
    public async Task GetTaskAsync_HttpErrorStatusWithJsonWithoutAnErrorCode_MapsByHttpStatus(HttpStatusCode status, string body, Type expected, string message)
    {
        OnStatus(Wire.Error(status, body));

        var ex = await Assert.ThrowsAnyAsync<MidjourneyException>(() => Read(Client()));

        Assert.IsType(expected, ex);
        Assert.Equal((int)status, ex.StatusCode);
        Assert.Contains($"Apixo refused {ReadCall} ({(int)status}): {message}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTaskAsync_HtmlErrorPage_ThrowsProtocolWithTheStatusKept()
    {
        OnStatus(Wire.Html(HttpStatusCode.BadGateway, "<html><body>Bad gateway</body></html>"));

        var ex = await Assert.ThrowsAsync<MidjourneyProtocolException>(() => Read(Client()));

        Assert.Equal(502, ex.StatusCode);
        Assert.True(ex.IsTransient);
        Assert.Contains("Bad gateway", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImagineAsync_Http402HtmlPage_ThrowsInsufficientCreditsByHttpStatus()
    {
        OnGenerate(Wire.Html(HttpStatusCode.PaymentRequired, "<html><body>Payment Required</body></html>"));

        var ex = await Assert.ThrowsAsync<MidjourneyInsufficientCreditsException>(() => Submit(Client()));

        Assert.Equal(402, ex.StatusCode);
        Assert.Null(ex.ErrorCode);
        Assert.Contains(SubmitCall, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImagineAsync_Http500HtmlPage_SentOnceAndThrowsSubmissionUncertain()
    {
        OnGenerate(Wire.Html(HttpStatusCode.InternalServerError), Wire.Json(ApixoWire.SubmitAnswer));

        var ex = await Assert.ThrowsAsync<MidjourneySubmissionUncertainException>(() => Submit(Client(maxRetries: 3)));

        Assert.Equal(500, ex.StatusCode);
        Assert.IsType<MidjourneyProtocolException>(ex.InnerException);
        Assert.Single(_server.Requests);
    }

    // ---- 404: a submit that names no task means a wrong address; a follow-up's 404 is its parent ----

    [Fact]
    public async Task ImagineAsync_Http404_ThrowsEndpointNotFoundSayingToCheckBaseUrl()
    {
        OnGenerate(Wire.Error(HttpStatusCode.NotFound, """{"code":404,"message":"Not Found","data":null}"""));

        var ex = await Assert.ThrowsAsync<MidjourneyException>(() => Submit(Client()));

        Assert.Equal("ENDPOINT_NOT_FOUND", ex.ErrorCode);
        Assert.Equal(404, ex.StatusCode);
        Assert.Contains(SubmitCall, ex.Message, StringComparison.Ordinal);
        Assert.Contains("Check BaseUrl", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImagineAsync_BaseUrlWithoutTheRelaysPath_ThrowsEndpointNotFoundNamingTheBaseUrl()
    {
        // The relay lives under /base; the client was given the server's root, so no mapping matches and WireMock answers 404.
        _server.On(HttpMethod.Post, ApixoWire.Generate, Wire.Json(ApixoWire.SubmitAnswer));
        Uri root = new(_server.Server.Url!);

        var ex = await Assert.ThrowsAsync<MidjourneyException>(() => Submit(ApixoWire.Client(_server, configure: o => o.BaseUrl = root)));

        Assert.Equal("ENDPOINT_NOT_FOUND", ex.ErrorCode);
        Assert.Contains($"POST {root.AbsoluteUri.TrimEnd('/')}{ApixoWire.Generate}", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"Check BaseUrl ({root.AbsoluteUri})", ex.Message, StringComparison.Ordinal);
        Assert.Equal(ApixoWire.Generate, Assert.Single(_server.Unmatched).Path);
    }

    [Fact]
    public async Task UpscaleAsync_Http404WithEnvelope_ThrowsNotFoundForTheParentWithTheDetail()
    {
        OnGenerate(Wire.Error(HttpStatusCode.NotFound, """{"code":404,"message":"Task not found","data":{"error":"TASK_NOT_FOUND"}}"""));

        var ex = await Assert.ThrowsAsync<MidjourneyNotFoundException>(() => Client().UpscaleAsync(new UpscaleRequest("gone-1", 1)));

        Assert.Equal("TASK_NOT_FOUND", ex.ErrorCode);
        Assert.Equal(404, ex.StatusCode);
        Assert.Contains($"Apixo refused {SubmitCall} (404): Task not found (TASK_NOT_FOUND)", ex.Message, StringComparison.Ordinal);
    }

    // ---- unreadable answers ----

    [Theory]
    [InlineData("{\"code\":")]
    [InlineData("")]
    public async Task GetTaskAsync_200WithUnreadableBody_ThrowsProtocolWithoutRetrying(string body)
    {
        OnStatus(body.Length == 0 ? Wire.Empty() : Wire.Text(body, "application/json", HttpStatusCode.OK));

        var ex = await Assert.ThrowsAsync<MidjourneyProtocolException>(() => Read(Client(maxRetries: 2)));

        Assert.Equal(200, ex.StatusCode);
        Assert.Contains(ReadCall, ex.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Theory]
    [InlineData("{\"code\":")]
    [InlineData("")]
    public async Task ImagineAsync_200WithUnreadableBody_SentOnceAndThrowsSubmissionUncertain(string body)
    {
        OnGenerate(body.Length == 0 ? Wire.Empty() : Wire.Text(body, "application/json", HttpStatusCode.OK));

        var ex = await Assert.ThrowsAsync<MidjourneySubmissionUncertainException>(() => Submit(Client(maxRetries: 2)));

        Assert.Equal(200, ex.StatusCode);
        Assert.IsType<MidjourneyProtocolException>(ex.InnerException);
        Assert.Single(_server.Requests);
    }

    // ---- retries and Retry-After ----

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.OK)]
    public async Task GetTaskAsync_500EnvelopeThen200_IsRetriedAndSucceeds(HttpStatusCode firstStatus)
    {
        // An envelope with code 500, sent with HTTP 500 or with HTTP 200: both are transient for a read.
        OnStatus(Wire.Json("""{"code":500,"message":"Internal error","data":{"error":"UPSTREAM_TIMEOUT"}}""", firstStatus), Wire.Json(ApixoWire.Processing("t")));

        MidjourneyTask task = await Read(Client(maxRetries: 3));

        Assert.Equal(MidjourneyTaskStatus.InProgress, task.Status);
        Assert.Equal(2, _server.Requests.Count);
        Assert.All(_server.Requests, r => ApixoWire.AssertStatus(_server, r, "t"));
        Assert.Single(_time.RequestedDelays);
    }

    [Fact]
    public async Task GetTaskAsync_429WithRetryAfter_WaitsThatLongThenRetries()
    {
        OnStatus(
            Wire.Error(HttpStatusCode.TooManyRequests, """{"code":429,"message":"Too many requests","data":{"error":"RATE_LIMITED"}}""", TimeSpan.FromSeconds(7)),
            Wire.Json(ApixoWire.Processing("t")));

        MidjourneyTask task = await Read(Client(maxRetries: 3));

        Assert.Equal("t", task.Id);
        Assert.Equal(2, _server.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(7)], _time.RequestedDelays);
    }

    [Fact]
    public async Task GetTaskAsync_429EveryTime_ThrowsRateLimitWithRetryAfterAndTheDetail()
    {
        OnStatus(Wire.Error(HttpStatusCode.TooManyRequests, """{"code":429,"message":"Too many requests","data":{"error":"RATE_LIMITED"}}""", TimeSpan.FromSeconds(3)));

        var ex = await Assert.ThrowsAsync<MidjourneyRateLimitException>(() => Read(Client(maxRetries: 2)));

        Assert.Equal(TimeSpan.FromSeconds(3), ex.RetryAfter);
        Assert.Equal("RATE_LIMITED", ex.ErrorCode);
        Assert.Equal(3, _server.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3)], _time.RequestedDelays);
    }

    [Fact]
    public async Task ImagineAsync_429WithRetryAfter_WaitsThatLongThenResendsTheSameBody()
    {
        OnGenerate(
            Wire.Error(HttpStatusCode.TooManyRequests, """{"code":429,"message":"Too many requests","data":{"error":"RATE_LIMITED"}}""", TimeSpan.FromSeconds(5)),
            Wire.Json(ApixoWire.SubmitAnswer));

        MidjourneyTask task = await Submit(Client(maxRetries: 3));

        Assert.Equal("task-1", task.Id);
        Assert.Equal(2, _server.Requests.Count);
        Assert.All(_server.Requests, r => ApixoWire.AssertSubmit(_server, r));
        Assert.Equal(_server.Requests[0].Body, _server.Requests[1].Body);
        Assert.Equal([TimeSpan.FromSeconds(5)], _time.RequestedDelays);
    }

    [Fact]
    public async Task ImagineAsync_503WithRetryAfterThen200_IsResentAfterThatWait()
    {
        // A 503 with Retry-After says the submit was not taken, so resending it cannot bill twice.
        OnGenerate(
            Wire.Error(HttpStatusCode.ServiceUnavailable, """{"code":503,"message":"Service unavailable","data":{"error":"MAINTENANCE"}}""", TimeSpan.FromSeconds(4)),
            Wire.Json(ApixoWire.SubmitAnswer));

        MidjourneyTask task = await Submit(Client(maxRetries: 3));

        Assert.Equal("task-1", task.Id);
        Assert.Equal(2, _server.Requests.Count);
        Assert.Equal(_server.Requests[0].Body, _server.Requests[1].Body);
        Assert.Equal([TimeSpan.FromSeconds(4)], _time.RequestedDelays);
    }

    [Fact]
    public async Task ImagineAsync_500Then200_SentOnceAndThrowsSubmissionUncertainWithTheDetail()
    {
        OnGenerate(
            Wire.Error(HttpStatusCode.InternalServerError, """{"code":500,"message":"Internal error","data":{"error":"UPSTREAM_TIMEOUT"}}"""),
            Wire.Json(ApixoWire.SubmitAnswer));

        var ex = await Assert.ThrowsAsync<MidjourneySubmissionUncertainException>(() => Submit(Client(maxRetries: 3)));

        Assert.Single(_server.Requests);
        Assert.Equal(500, ex.StatusCode);
        Assert.Equal("UPSTREAM_TIMEOUT", ex.ErrorCode);
        MidjourneyServiceException inner = Assert.IsType<MidjourneyServiceException>(ex.InnerException);
        Assert.Equal("UPSTREAM_TIMEOUT", inner.ErrorCode);
        Assert.Empty(_time.RequestedDelays);
    }

    [Fact]
    public async Task ImagineAsync_BodyLevel429_IsRetriedThenAccepted()
    {
        OnGenerate(Wire.Json("""{"code":429,"message":"Rate limit exceeded","data":null}"""), Wire.Json(ApixoWire.SubmitAnswer));

        MidjourneyTask task = await Submit(Client(maxRetries: 2));

        Assert.Equal("task-1", task.Id);
        Assert.Equal(2, _server.Requests.Count);
        Assert.Equal(_server.Requests[0].Body, _server.Requests[1].Body);
    }

    // ---- the key ----

    [Fact]
    public async Task AnyError_KeyEchoedByTheProvider_IsRedactedFromTheException()
    {
        OnStatus(Wire.Error(HttpStatusCode.Unauthorized, $$"""{"code":401,"message":"Invalid key {{ApixoWire.ApiKey}}","data":null}"""));

        var ex = await Assert.ThrowsAsync<MidjourneyAuthenticationException>(() => Read(Client()));

        Assert.DoesNotContain(ApixoWire.ApiKey, ex.ToString(), StringComparison.Ordinal);
        Assert.Contains("Invalid key ***", ex.Message, StringComparison.Ordinal);
    }
}
