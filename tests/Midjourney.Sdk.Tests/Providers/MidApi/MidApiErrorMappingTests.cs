using System.Net;
using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Providers.MidApi;

/// <summary>
/// midapi's envelope <c>{code, msg, data}</c> is read on every answer, with HTTP 200 (how midapi usually answers) and with
/// the code repeated as the HTTP status: each code's exception type, its transience, and whether submits and reads retry.
/// </summary>
public sealed class MidApiErrorMappingTests
{
    private const string SecretKey = "sk-midapi-SECRET-123";
    private const string Accepted = """{"code":200,"msg":"success","data":{"taskId":"task-1"}}""";
    private const string Generating = """{"code":200,"msg":"success","data":{"taskId":"task-1","successFlag":0}}""";

    private readonly RecordingHandler _handler = new();
    private readonly FakeTimeProvider _time = new() { AutoAdvance = true };

    private MidjourneyClient Client(int maxRetries = 0) => new(
        new HttpClient(_handler),
        new MidjourneyClientOptions
        {
            Provider = MidjourneyProvider.MidApi,
            ApiKey = SecretKey,
            BaseUrl = new Uri("https://midapi.test/"),
            Retry = { MaxRetries = maxRetries, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(5) },
        },
        _time);

    private static Task<MidjourneyTask> Read(MidjourneyClient client) => client.GetTaskAsync("task-1");

    private static Task<MidjourneyTask> Submit(MidjourneyClient client) => client.ImagineAsync(new ImagineRequest("a cat"));

    private static string Envelope(int code, string msg) => $$"""{"code":{{code}},"msg":"{{msg}}","data":null}""";

    /// <summary>Answers with the envelope, with HTTP 200 or with the code as the HTTP status too.</summary>
    private void RespondCode(int code, string msg, bool asHttpStatus) =>
        _handler.RespondJson(Envelope(code, msg), asHttpStatus ? (HttpStatusCode)code : HttpStatusCode.OK);

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
        RespondCode(code, "the provider's words", asHttpStatus);

        var ex = await Assert.ThrowsAnyAsync<MidjourneyException>(() => Read(Client()));

        Assert.IsType(expected, ex);
        Assert.Equal(code, ex.StatusCode);
        Assert.Equal(MidjourneyProvider.MidApi, ex.Provider);
        Assert.Equal(transient, ex.IsTransient);
        Assert.Contains("the provider's words", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"({code}", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public async Task ImagineAsync_EnvelopeCode_ThrowsTheSameTypeExceptA500WhichLeavesTheSubmitUncertain(int code, Type expected, bool transient, bool asHttpStatus)
    {
        RespondCode(code, "the provider's words", asHttpStatus);

        var ex = await Assert.ThrowsAnyAsync<MidjourneyException>(() => Submit(Client()));

        // An HTTP 404 on a submit that names no existing task means the endpoint is missing (a wrong BaseUrl), not an unknown task.
        Type wanted = (code, asHttpStatus) switch
        {
            (500, _) => typeof(MidjourneySubmissionUncertainException),
            (404, true) => typeof(MidjourneyException),
            _ => expected,
        };
        Assert.IsType(wanted, ex);
        Assert.Equal(code, ex.StatusCode);
        Assert.Equal(code != 500 && transient, ex.IsTransient); // uncertain is not "try again later"
        Assert.Single(_handler.Requests);
    }

    [Theory]
    [InlineData(455, false)]
    [InlineData(455, true)]
    [InlineData(500, false)]
    [InlineData(429, false)]
    public async Task GetTaskAsync_TransientCode_RetriedUntilTheAnswerIsGood(int code, bool asHttpStatus)
    {
        RespondCode(code, "busy", asHttpStatus);
        _handler.RespondJson(Generating);

        MidjourneyTask task = await Read(Client(maxRetries: 3));

        Assert.Equal(MidjourneyTaskStatus.InProgress, task.Status);
        Assert.Equal(2, _handler.Requests.Count);
    }

    [Theory]
    [InlineData(455, false)]
    [InlineData(455, true)]
    [InlineData(429, false)]
    [InlineData(429, true)]
    public async Task ImagineAsync_MaintenanceOrRateLimit_ProvablyNotTaken_IsSentAgain(int code, bool asHttpStatus)
    {
        RespondCode(code, "try later", asHttpStatus);
        _handler.RespondJson(Accepted);

        MidjourneyTask task = await Submit(Client(maxRetries: 3));

        Assert.Equal("task-1", task.Id);
        Assert.Equal(2, _handler.Requests.Count);
        Assert.Equal(_handler.Requests[0].Body, _handler.Requests[1].Body);
    }

    [Fact]
    public async Task ImagineAsync_MaintenanceThatOutlastsTheRetries_ThrowsTransientServiceNotUncertain()
    {
        RespondCode(455, "System maintenance", asHttpStatus: false);

        var ex = await Assert.ThrowsAsync<MidjourneyServiceException>(() => Submit(Client(maxRetries: 2)));

        Assert.True(ex.IsTransient);
        Assert.Contains("maintenance", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, _handler.Requests.Count);
    }

    [Theory]
    [InlineData(500, false)]
    [InlineData(500, true)]
    public async Task ImagineAsync_ServerError_NotResentAndUncertain(int code, bool asHttpStatus)
    {
        RespondCode(code, "Internal error", asHttpStatus);
        _handler.RespondJson(Accepted);

        var ex = await Assert.ThrowsAsync<MidjourneySubmissionUncertainException>(() => Submit(Client(maxRetries: 3)));

        Assert.Contains("Internal error", ex.Message, StringComparison.Ordinal);
        Assert.Single(_handler.Requests);
    }

    [Theory]
    [InlineData(501)]
    [InlineData(505)]
    [InlineData(402)]
    [InlineData(401)]
    [InlineData(422)]
    public async Task ImagineAsync_DefiniteRefusal_NotResentAndNotCalledUncertain(int code)
    {
        RespondCode(code, "no", asHttpStatus: false);
        _handler.RespondJson(Accepted);

        var ex = await Assert.ThrowsAnyAsync<MidjourneyException>(() => Submit(Client(maxRetries: 3)));

        Assert.IsNotType<MidjourneySubmissionUncertainException>(ex);
        Assert.Single(_handler.Requests);
    }

    [Fact]
    public async Task ImagineAsync_ServiceUnavailableWithRetryAfter_IsSentAgainAfterThatWait()
    {
        _handler.RespondError(HttpStatusCode.ServiceUnavailable, Envelope(503, "Service Unavailable"), TimeSpan.FromSeconds(4));
        _handler.RespondJson(Accepted);

        await Submit(Client(maxRetries: 3));

        Assert.Equal(2, _handler.Requests.Count);
        Assert.Contains(TimeSpan.FromSeconds(4), _time.RequestedDelays);
    }

    [Fact]
    public async Task GetTaskAsync_RateLimitCodeWithRetryAfterHeader_CarriesRetryAfter()
    {
        _handler.RespondError(HttpStatusCode.TooManyRequests, Envelope(429, "Too many requests"), TimeSpan.FromSeconds(3));

        var ex = await Assert.ThrowsAsync<MidjourneyRateLimitException>(() => Read(Client()));

        Assert.Equal(TimeSpan.FromSeconds(3), ex.RetryAfter);
    }

    [Fact]
    public async Task GetTaskAsync_CodeAsString_IsReadAsTheNumber()
    {
        _handler.RespondJson("""{"code":"402","msg":"Insufficient credits","data":null}""");

        var ex = await Assert.ThrowsAsync<MidjourneyInsufficientCreditsException>(() => Read(Client()));

        Assert.Equal(402, ex.StatusCode);
    }

    [Fact]
    public async Task GetTaskAsync_UnknownCodeWithHttp200_ThrowsAMidjourneyExceptionWithThatCode()
    {
        RespondCode(433, "Something new", asHttpStatus: false);

        var ex = await Assert.ThrowsAsync<MidjourneyException>(() => Read(Client()));

        Assert.Equal(433, ex.StatusCode);
        Assert.Contains("Something new", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTaskAsync_HttpErrorWhoseEnvelopeSays200_IsDecidedByTheHttpStatus()
    {
        _handler.RespondError(HttpStatusCode.Unauthorized, """{"code":200,"msg":"success","data":null}""");

        var ex = await Assert.ThrowsAsync<MidjourneyAuthenticationException>(() => Read(Client()));

        Assert.Equal(401, ex.StatusCode);
    }

    [Fact]
    public async Task GetTaskAsync_HttpErrorWithAnHtmlPage_IsAProtocolErrorKeepingTheStatus()
    {
        _handler.RespondText("<html><body>502 Bad Gateway</body></html>", "text/html", HttpStatusCode.BadGateway);

        var ex = await Assert.ThrowsAsync<MidjourneyProtocolException>(() => Read(Client()));

        Assert.Equal(502, ex.StatusCode);
        Assert.True(ex.IsTransient);
    }

    [Fact]
    public async Task GetTaskAsync_Http200ThatIsNotJson_IsAProtocolError()
    {
        _handler.RespondText("<html>maintenance</html>", "text/html", HttpStatusCode.OK);

        var ex = await Assert.ThrowsAsync<MidjourneyProtocolException>(() => Read(Client()));

        Assert.Equal(200, ex.StatusCode);
    }

    [Fact]
    public async Task GetTaskAsync_Code200WithNoData_ThrowsNotFound()
    {
        _handler.RespondJson("""{"code":200,"msg":"success","data":null}""");

        var ex = await Assert.ThrowsAsync<MidjourneyNotFoundException>(() => Read(Client()));

        Assert.Contains("task-1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImagineAsync_Code200WithoutATaskId_AcceptedButUnreadable_IsUncertain()
    {
        _handler.RespondJson("""{"code":200,"msg":"success","data":{}}""");

        var ex = await Assert.ThrowsAsync<MidjourneySubmissionUncertainException>(() => Submit(Client(maxRetries: 3)));

        Assert.Contains("taskId", ex.Message, StringComparison.Ordinal);
        Assert.Single(_handler.Requests);
    }

    [Fact]
    public async Task ImagineAsync_NoCodeButATaskId_IsAccepted()
    {
        _handler.RespondJson("""{"data":{"taskId":"task-7"}}""");

        MidjourneyTask task = await Submit(Client());

        Assert.Equal("task-7", task.Id);
    }

    [Fact]
    public async Task AnyCall_KeyEchoedInTheMessage_NeverReachesTheException()
    {
        RespondCode(401, $"Invalid key {SecretKey}", asHttpStatus: false);

        var ex = await Assert.ThrowsAsync<MidjourneyAuthenticationException>(() => Read(Client()));

        Assert.DoesNotContain(SecretKey, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitForCompletionAsync_MaintenanceWhilePolling_KeepsWaiting()
    {
        RespondCode(455, "maintenance", asHttpStatus: false);
        _handler.RespondJson("""{"code":200,"msg":"success","data":{"taskId":"task-1","successFlag":1,"resultInfoJson":{"resultUrls":["https://img.test/a.png"]}}}""");

        MidjourneyTask task = await Client().WaitForCompletionAsync("task-1");

        Assert.Equal(MidjourneyTaskStatus.Succeeded, task.Status);
        Assert.Equal(2, _handler.Requests.Count);
    }

    [Fact]
    public async Task WaitForCompletionAsync_UnknownTask_EndsTheWaitWithNotFound()
    {
        RespondCode(404, "task not found", asHttpStatus: false);

        await Assert.ThrowsAsync<MidjourneyNotFoundException>(() => Client().WaitForCompletionAsync("task-1"));

        Assert.Single(_handler.Requests);
    }
}
