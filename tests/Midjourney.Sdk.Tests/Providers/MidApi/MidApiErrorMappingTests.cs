using System.Globalization;
using System.Net;
using Midjourney.Sdk.Tests.TestSupport;
using WireMock.ResponseBuilders;

namespace Midjourney.Sdk.Tests.Providers.MidApi;

/// <summary>
/// midapi's envelope <c>{code, msg, data}</c> is read on every answer, with HTTP 200 (how midapi usually answers) and with
/// the code repeated as the HTTP status: each code's exception type, its transience, and whether submits and reads retry.
/// The answers come over real HTTP from a WireMock.Net server on 127.0.0.1 whose mappings require the Bearer key.
/// </summary>
public sealed class MidApiErrorMappingTests : IDisposable
{
    private const string SecretKey = "sk-midapi-SECRET-123";
    private const string Accepted = """{"code":200,"msg":"success","data":{"taskId":"task-1"}}""";
    private const string Generating = """{"code":200,"msg":"success","data":{"taskId":"task-1","successFlag":0}}""";
    private const string Generate = "/api/v1/mj/generate";
    private const string RecordInfo = "/api/v1/mj/record-info";

    private readonly WireServer _server = new WireServer("/base").RequireHeader("Authorization", "Bearer " + SecretKey);
    private readonly HttpClient _transport = new();
    private readonly FakeTimeProvider _time = new() { AutoAdvance = true };

    public void Dispose()
    {
        _transport.Dispose();
        _server.Dispose();
    }

    private MidjourneyClient Client(int maxRetries = 0, Uri? baseUrl = null) => new(
        _transport,
        new MidjourneyClientOptions
        {
            Provider = MidjourneyProvider.MidApi,
            ApiKey = SecretKey,
            BaseUrl = baseUrl ?? _server.BaseUrl,
            Retry = { MaxRetries = maxRetries, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(5) },
        },
        _time);

    private static Task<MidjourneyTask> Read(MidjourneyClient client) => client.GetTaskAsync("task-1");

    private static Task<MidjourneyTask> Submit(MidjourneyClient client) => client.ImagineAsync(new ImagineRequest("a cat"));

    /// <summary>The read as an error message names it.</summary>
    private string ReadCall => "GET " + _server.Url(RecordInfo + "?taskId=task-1");

    /// <summary>The submit as an error message names it.</summary>
    private string SubmitCall => "POST " + _server.Url(Generate);

    /// <summary>Answers <c>record-info</c> for task-1 with <paramref name="answersInTurn"/>.</summary>
    private void OnRead(params IResponseBuilder[] answersInTurn) =>
        _server.On(_server.Request(HttpMethod.Get, RecordInfo).WithParam("taskId", "task-1"), answersInTurn);

    /// <summary>Answers <c>generate</c> with <paramref name="answersInTurn"/>.</summary>
    private void OnSubmit(params IResponseBuilder[] answersInTurn) => _server.On(HttpMethod.Post, Generate, answersInTurn);

    private static string Envelope(int code, string msg) => $$"""{"code":{{code}},"msg":"{{msg}}","data":null}""";

    /// <summary>The envelope, with HTTP 200 or with the code as the HTTP status too.</summary>
    private static IResponseBuilder Code(int code, string msg, bool asHttpStatus) =>
        Wire.Json(Envelope(code, msg), asHttpStatus ? (HttpStatusCode)code : HttpStatusCode.OK);

    public static TheoryData<int, Type, bool, bool> Codes => new()
    {
        // code, exception on a read, transient, HTTP status too
        { 400, typeof(MidjourneyInvalidRequestException), false, false },
        { 400, typeof(MidjourneyInvalidRequestException), false, true },
        { 401, typeof(MidjourneyAuthenticationException), false, false },
        { 401, typeof(MidjourneyAuthenticationException), false, true },
        { 402, typeof(MidjourneyInsufficientCreditsException), false, false },
        { 402, typeof(MidjourneyInsufficientCreditsException), false, true },
        { 404, typeof(MidjourneyNotFoundException), false, false },
        { 404, typeof(MidjourneyNotFoundException), false, true },
        { 422, typeof(MidjourneyInvalidRequestException), false, false },
        { 422, typeof(MidjourneyInvalidRequestException), false, true },
        { 429, typeof(MidjourneyRateLimitException), true, false },
        { 429, typeof(MidjourneyRateLimitException), true, true },
        { 455, typeof(MidjourneyServiceException), true, false },
        { 455, typeof(MidjourneyServiceException), true, true },
        { 500, typeof(MidjourneyServiceException), true, false },
        { 500, typeof(MidjourneyServiceException), true, true },
        { 501, typeof(MidjourneyServiceException), false, false },
        { 501, typeof(MidjourneyServiceException), false, true },
        { 505, typeof(MidjourneyNotSupportedException), false, false },
        { 505, typeof(MidjourneyNotSupportedException), false, true },
    };

    [Theory]
    [MemberData(nameof(Codes))]
    public async Task GetTaskAsync_EnvelopeCode_ThrowsTheMatchingTypeWithTheCodeAndMessage(int code, Type expected, bool transient, bool asHttpStatus)
    {
        OnRead(Code(code, "the provider's words", asHttpStatus));

        var ex = await Assert.ThrowsAnyAsync<MidjourneyException>(() => Read(Client()));

        Assert.IsType(expected, ex);

        // StatusCode is the HTTP status only; the envelope's code is midapi's own, in ErrorCode.
        Assert.Equal(asHttpStatus ? code : 200, ex.StatusCode);
        Assert.Equal(MidjourneyProvider.MidApi, ex.Provider);
        Assert.Equal(transient, ex.IsTransient);
        Assert.Equal(code.ToString(CultureInfo.InvariantCulture), ex.ErrorCode);
        Assert.Contains("the provider's words", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"MidApi refused {ReadCall} ({code}", ex.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
        Assert.Empty(_server.Unmatched);
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public async Task ImagineAsync_EnvelopeCode_ThrowsTheSameTypeExceptA500WhichLeavesTheSubmitUncertain(int code, Type expected, bool transient, bool asHttpStatus)
    {
        OnSubmit(Code(code, "the provider's words", asHttpStatus));

        var ex = await Assert.ThrowsAnyAsync<MidjourneyException>(() => Submit(Client()));

        // An HTTP 404 on a submit that names no existing task means the endpoint is missing (a wrong BaseUrl), not an unknown task.
        bool endpointMissing = (code, asHttpStatus) == (404, true);
        Type wanted = (code, asHttpStatus) switch
        {
            (500, _) => typeof(MidjourneySubmissionUncertainException),
            (404, true) => typeof(MidjourneyException),
            _ => expected,
        };
        Assert.IsType(wanted, ex);
        Assert.Equal(asHttpStatus ? code : 200, ex.StatusCode);
        Assert.Equal(MidjourneyProvider.MidApi, ex.Provider);
        Assert.Equal(code != 500 && transient, ex.IsTransient); // uncertain is not "try again later"
        Assert.Equal(endpointMissing ? "ENDPOINT_NOT_FOUND" : code.ToString(CultureInfo.InvariantCulture), ex.ErrorCode);
        Assert.Contains("the provider's words", ex.Message, StringComparison.Ordinal);
        Assert.Contains(endpointMissing ? $"{SubmitCall} with 404" : $"MidApi refused {SubmitCall} ({code}", ex.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
        Assert.Empty(_server.Unmatched);
    }

    [Fact]
    public async Task ImagineAsync_Http404_ThrowsEndpointNotFoundSayingToCheckBaseUrl()
    {
        OnSubmit(Code(404, "Not Found", asHttpStatus: true), Wire.Json(Accepted));

        var ex = await Assert.ThrowsAsync<MidjourneyException>(() => Submit(Client(maxRetries: 3)));

        Assert.Equal("ENDPOINT_NOT_FOUND", ex.ErrorCode);
        Assert.Equal(404, ex.StatusCode);
        Assert.False(ex.IsTransient);
        Assert.Contains("Check BaseUrl", ex.Message, StringComparison.Ordinal);
        Assert.Contains(_server.BaseUrl.AbsoluteUri, ex.Message, StringComparison.Ordinal);
        Assert.Contains(SubmitCall, ex.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task ImagineAsync_Code404WithHttp200_ThrowsNotFoundNotEndpointMissing()
    {
        // The endpoint answered (HTTP 200): its envelope's 404 is midapi's own word, not a missing endpoint.
        OnSubmit(Code(404, "Not Found", asHttpStatus: false));

        var ex = await Assert.ThrowsAsync<MidjourneyNotFoundException>(() => Submit(Client()));

        Assert.Equal("404", ex.ErrorCode);
        Assert.Equal(200, ex.StatusCode);
        Assert.DoesNotContain("BaseUrl", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImagineAsync_BaseUrlWithAWrongPath_ThrowsEndpointNotFoundNamingThatBaseUrl()
    {
        // Real routing: nothing is mapped under /base/wrong, so WireMock's own 404 answers.
        OnSubmit(Wire.Json(Accepted));
        var wrong = new Uri(_server.Url("/wrong"));

        var ex = await Assert.ThrowsAsync<MidjourneyException>(() => Submit(Client(baseUrl: wrong)));

        Assert.Equal("ENDPOINT_NOT_FOUND", ex.ErrorCode);
        Assert.Equal(404, ex.StatusCode);
        Assert.Contains($"Check BaseUrl ({wrong.AbsoluteUri}/)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("POST " + _server.Url("/wrong" + Generate), ex.Message, StringComparison.Ordinal);
        Assert.Equal("/base/wrong/api/v1/mj/generate", Assert.Single(_server.Unmatched).Path);
    }

    [Theory]
    [InlineData("upscale", "/api/v1/mj/generateUpscale", true)]
    [InlineData("upscale", "/api/v1/mj/generateUpscale", false)]
    [InlineData("variation", "/api/v1/mj/generateVary", true)]
    [InlineData("variation", "/api/v1/mj/generateVary", false)]
    public async Task UpscaleAndVariationAsync_Code404WithOrWithoutHttp404_ThrowsNotFoundForTheParentTask(string operation, string endpoint, bool asHttpStatus)
    {
        // Upscale and vary name a parent task: a 404 says that task is unknown, so it maps as before, whatever the HTTP status.
        _server.On(HttpMethod.Post, endpoint, Code(404, "task not found", asHttpStatus), Wire.Json(Accepted));
        MidjourneyClient client = Client(maxRetries: 3);

        var ex = await Assert.ThrowsAsync<MidjourneyNotFoundException>(() => operation == "upscale"
            ? client.UpscaleAsync(new UpscaleRequest("grid-404", 1))
            : client.VariationAsync(new VariationRequest("grid-404", 1)));

        Assert.Equal(asHttpStatus ? 404 : 200, ex.StatusCode);
        Assert.Equal("404", ex.ErrorCode);
        Assert.False(ex.IsTransient);
        Assert.Contains($"MidApi refused POST {_server.Url(endpoint)} (404): task not found", ex.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Theory]
    [InlineData(455, false)]
    [InlineData(455, true)]
    [InlineData(500, false)]
    [InlineData(500, true)]
    [InlineData(429, false)]
    public async Task GetTaskAsync_TransientCode_RetriedUntilTheAnswerIsGood(int code, bool asHttpStatus)
    {
        OnRead(Code(code, "busy", asHttpStatus), Wire.Json(Generating));

        MidjourneyTask task = await Read(Client(maxRetries: 3));

        Assert.Equal(MidjourneyTaskStatus.InProgress, task.Status);
        Assert.Equal(2, _server.Requests.Count);
        Assert.Single(_time.RequestedDelays);
        Assert.Empty(_server.Unmatched);
    }

    [Theory]
    [InlineData(455, false)]
    [InlineData(455, true)]
    [InlineData(429, false)]
    [InlineData(429, true)]
    public async Task ImagineAsync_MaintenanceOrRateLimit_ProvablyNotTaken_IsSentAgain(int code, bool asHttpStatus)
    {
        OnSubmit(Code(code, "try later", asHttpStatus), Wire.Json(Accepted));

        MidjourneyTask task = await Submit(Client(maxRetries: 3));

        Assert.Equal("task-1", task.Id);
        Assert.Equal(2, _server.Requests.Count);
        Assert.Equal(_server.Requests[0].Body, _server.Requests[1].Body);
        Assert.Empty(_server.Unmatched);
    }

    [Fact]
    public async Task ImagineAsync_MaintenanceThatOutlastsTheRetries_ThrowsTransientServiceNotUncertain()
    {
        OnSubmit(Code(455, "System maintenance", asHttpStatus: false));

        var ex = await Assert.ThrowsAsync<MidjourneyServiceException>(() => Submit(Client(maxRetries: 2)));

        Assert.True(ex.IsTransient);
        Assert.Equal(200, ex.StatusCode);
        Assert.Equal("455", ex.ErrorCode);
        Assert.Contains("maintenance", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"MidApi refused {SubmitCall} (455", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, _server.Requests.Count);
        Assert.Equal(2, _time.RequestedDelays.Count);
    }

    [Theory]
    [InlineData(500, false)]
    [InlineData(500, true)]
    public async Task ImagineAsync_ServerError_NotResentAndUncertain(int code, bool asHttpStatus)
    {
        OnSubmit(Code(code, "Internal error", asHttpStatus), Wire.Json(Accepted));

        var ex = await Assert.ThrowsAsync<MidjourneySubmissionUncertainException>(() => Submit(Client(maxRetries: 3)));

        Assert.Contains("Internal error", ex.Message, StringComparison.Ordinal);
        Assert.Contains(SubmitCall, ex.Message, StringComparison.Ordinal);
        Assert.Equal(asHttpStatus ? 500 : 200, ex.StatusCode);
        Assert.Equal("500", ex.ErrorCode);
        Assert.IsType<MidjourneyServiceException>(ex.InnerException);
        Assert.Single(_server.Requests);
        Assert.Empty(_time.RequestedDelays);
    }

    [Theory]
    [InlineData(501)]
    [InlineData(505)]
    [InlineData(402)]
    [InlineData(401)]
    [InlineData(422)]
    public async Task ImagineAsync_DefiniteRefusal_NotResentAndNotCalledUncertain(int code)
    {
        OnSubmit(Code(code, "no", asHttpStatus: false), Wire.Json(Accepted));

        var ex = await Assert.ThrowsAnyAsync<MidjourneyException>(() => Submit(Client(maxRetries: 3)));

        Assert.IsNotType<MidjourneySubmissionUncertainException>(ex);
        Assert.Equal(200, ex.StatusCode);
        Assert.Equal(code.ToString(CultureInfo.InvariantCulture), ex.ErrorCode);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task ImagineAsync_ServiceUnavailableWithRetryAfter_IsSentAgainAfterThatWait()
    {
        OnSubmit(Wire.Error(HttpStatusCode.ServiceUnavailable, Envelope(503, "Service Unavailable"), TimeSpan.FromSeconds(4)), Wire.Json(Accepted));

        MidjourneyTask task = await Submit(Client(maxRetries: 3));

        Assert.Equal("task-1", task.Id);
        Assert.Equal(2, _server.Requests.Count);
        Assert.Equal(_server.Requests[0].Body, _server.Requests[1].Body);
        Assert.Equal([TimeSpan.FromSeconds(4)], _time.RequestedDelays);
    }

    [Fact]
    public async Task GetTaskAsync_RateLimitCodeWithRetryAfterHeader_CarriesRetryAfter()
    {
        OnRead(Wire.Error(HttpStatusCode.TooManyRequests, Envelope(429, "Too many requests"), TimeSpan.FromSeconds(3)));

        var ex = await Assert.ThrowsAsync<MidjourneyRateLimitException>(() => Read(Client()));

        Assert.Equal(TimeSpan.FromSeconds(3), ex.RetryAfter);
        Assert.Equal(429, ex.StatusCode);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task GetTaskAsync_RateLimitWithRetryAfterThen200_WaitsThatLongAndSucceeds()
    {
        OnRead(Wire.Error(HttpStatusCode.TooManyRequests, Envelope(429, "Too many requests"), TimeSpan.FromSeconds(3)), Wire.Json(Generating));

        MidjourneyTask task = await Read(Client(maxRetries: 3));

        Assert.Equal(MidjourneyTaskStatus.InProgress, task.Status);
        Assert.Equal(2, _server.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(3)], _time.RequestedDelays);
    }

    [Fact]
    public async Task GetTaskAsync_CodeAsString_IsReadAsTheNumber()
    {
        OnRead(Wire.Json("""{"code":"402","msg":"Insufficient credits","data":null}"""));

        var ex = await Assert.ThrowsAsync<MidjourneyInsufficientCreditsException>(() => Read(Client()));

        Assert.Equal(200, ex.StatusCode);
        Assert.Equal("402", ex.ErrorCode);
    }

    [Fact]
    public async Task GetTaskAsync_UnknownCodeWithHttp200_ThrowsAMidjourneyExceptionWithThatCode()
    {
        OnRead(Code(433, "Something new", asHttpStatus: false));

        var ex = await Assert.ThrowsAsync<MidjourneyException>(() => Read(Client()));

        Assert.Equal(200, ex.StatusCode);
        Assert.Equal("433", ex.ErrorCode);
        Assert.Contains("Something new", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"MidApi refused {ReadCall} (433)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTaskAsync_HttpErrorWhoseEnvelopeSays200_IsDecidedByTheHttpStatus()
    {
        OnRead(Wire.Error(HttpStatusCode.Unauthorized, """{"code":200,"msg":"success","data":null}"""));

        var ex = await Assert.ThrowsAsync<MidjourneyAuthenticationException>(() => Read(Client()));

        Assert.Equal(401, ex.StatusCode);
    }

    [Fact]
    public async Task GetTaskAsync_HttpErrorWithAnHtmlPage_IsAProtocolErrorKeepingTheStatus()
    {
        OnRead(Wire.Html(HttpStatusCode.BadGateway, "<html><body>502 Bad Gateway</body></html>"));

        var ex = await Assert.ThrowsAsync<MidjourneyProtocolException>(() => Read(Client()));

        Assert.Equal(502, ex.StatusCode);
        Assert.True(ex.IsTransient);
        Assert.Contains(ReadCall, ex.Message, StringComparison.Ordinal);
        Assert.Contains("502 Bad Gateway", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTaskAsync_HtmlPageThen200_IsRetriedAndSucceeds()
    {
        OnRead(Wire.Html(HttpStatusCode.BadGateway, "<html><body>502 Bad Gateway</body></html>"), Wire.Json(Generating));

        MidjourneyTask task = await Read(Client(maxRetries: 3));

        Assert.Equal(MidjourneyTaskStatus.InProgress, task.Status);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task GetTaskAsync_Http404HtmlPage_IsNotFoundHintingAtBaseUrl()
    {
        // A web server's own 404 page, not midapi's envelope: the task may be fine and the address wrong.
        OnRead(Wire.Html(HttpStatusCode.NotFound, "<html><body>404 Not Found</body></html>"));

        var ex = await Assert.ThrowsAsync<MidjourneyNotFoundException>(() => Read(Client()));

        Assert.Equal(404, ex.StatusCode);
        Assert.Contains("check BaseUrl", ex.Message, StringComparison.Ordinal);
        Assert.Contains(ReadCall, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImagineAsync_HtmlErrorPage_NotResentAndUncertainWithTheProtocolErrorInside()
    {
        OnSubmit(Wire.Html(HttpStatusCode.BadGateway, "<html><body>502 Bad Gateway</body></html>"), Wire.Json(Accepted));

        var ex = await Assert.ThrowsAsync<MidjourneySubmissionUncertainException>(() => Submit(Client(maxRetries: 3)));

        Assert.Equal(502, ex.StatusCode);
        MidjourneyProtocolException inner = Assert.IsType<MidjourneyProtocolException>(ex.InnerException);
        Assert.Contains(SubmitCall, inner.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task GetTaskAsync_Http200ThatIsNotJson_IsAProtocolError()
    {
        OnRead(Wire.Html(HttpStatusCode.OK, "<html>maintenance</html>"));

        var ex = await Assert.ThrowsAsync<MidjourneyProtocolException>(() => Read(Client()));

        Assert.Equal(200, ex.StatusCode);
        Assert.Contains(ReadCall, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"code\":", "not the JSON expected")]
    [InlineData("{\"code\":200,\"msg\":\"success\",\"data\":{\"taskId\":\"task-1\",", "not the JSON expected")]
    [InlineData("", "empty body")]
    public async Task GetTaskAsync_Http200WithTruncatedOrEmptyBody_IsAProtocolErrorNotRetried(string body, string said)
    {
        OnRead(body.Length == 0 ? Wire.Empty() : Wire.Json(body), Wire.Json(Generating));

        var ex = await Assert.ThrowsAsync<MidjourneyProtocolException>(() => Read(Client(maxRetries: 3)));

        Assert.Equal(200, ex.StatusCode);
        Assert.False(ex.IsTransient);
        Assert.Contains(said, ex.Message, StringComparison.Ordinal);
        Assert.Contains(ReadCall, ex.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Theory]
    [InlineData("{\"code\":")]
    [InlineData("")]
    public async Task ImagineAsync_Http200WithTruncatedOrEmptyBody_NotResentAndUncertain(string body)
    {
        OnSubmit(body.Length == 0 ? Wire.Empty() : Wire.Json(body), Wire.Json(Accepted));

        var ex = await Assert.ThrowsAsync<MidjourneySubmissionUncertainException>(() => Submit(Client(maxRetries: 3)));

        Assert.Equal(200, ex.StatusCode);
        Assert.IsType<MidjourneyProtocolException>(ex.InnerException);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task GetTaskAsync_Code200WithNoData_ThrowsNotFound()
    {
        OnRead(Wire.Json("""{"code":200,"msg":"success","data":null}"""));

        var ex = await Assert.ThrowsAsync<MidjourneyNotFoundException>(() => Read(Client()));

        Assert.Contains("task-1", ex.Message, StringComparison.Ordinal);
        Assert.Contains(ReadCall, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImagineAsync_Code200WithoutATaskId_AcceptedButUnreadable_IsUncertain()
    {
        OnSubmit(Wire.Json("""{"code":200,"msg":"success","data":{}}"""), Wire.Json(Accepted));

        var ex = await Assert.ThrowsAsync<MidjourneySubmissionUncertainException>(() => Submit(Client(maxRetries: 3)));

        Assert.Contains("taskId", ex.Message, StringComparison.Ordinal);
        Assert.Contains(SubmitCall, ex.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task ImagineAsync_NoCodeButATaskId_IsAccepted()
    {
        OnSubmit(Wire.Json("""{"data":{"taskId":"task-7"}}"""));

        MidjourneyTask task = await Submit(Client());

        Assert.Equal("task-7", task.Id);
    }

    [Fact]
    public async Task AnyCall_KeyEchoedInTheMessage_NeverReachesTheException()
    {
        OnRead(Code(401, $"Invalid key {SecretKey}", asHttpStatus: false));

        var ex = await Assert.ThrowsAsync<MidjourneyAuthenticationException>(() => Read(Client()));

        Assert.DoesNotContain(SecretKey, ex.ToString(), StringComparison.Ordinal);
        Assert.Equal("Bearer " + SecretKey, _server.Single.Header("Authorization")); // it did go out, in the header only
    }

    [Fact]
    public async Task WaitForCompletionAsync_MaintenanceWhilePolling_KeepsWaiting()
    {
        OnRead(
            Code(455, "maintenance", asHttpStatus: false),
            Wire.Json("""{"code":200,"msg":"success","data":{"taskId":"task-1","successFlag":1,"resultInfoJson":{"resultUrls":["https://img.test/a.png"]}}}"""));

        MidjourneyTask task = await Client().DriveAsync(c => c.WaitForCompletionAsync("task-1"));

        Assert.Equal(MidjourneyTaskStatus.Succeeded, task.Status);
        Assert.Equal(new Uri("https://img.test/a.png"), task.ImageUrl);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task WaitForCompletionAsync_UnknownTask_EndsTheWaitWithNotFound()
    {
        OnRead(Code(404, "task not found", asHttpStatus: false));

        await Assert.ThrowsAsync<MidjourneyNotFoundException>(() => Client().DriveAsync(c => c.WaitForCompletionAsync("task-1")));

        Assert.Single(_server.Requests);
    }
}
