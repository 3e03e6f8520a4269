using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Http;

/// <summary>
/// What a failed provider call looks like to the caller, through the facade over GoAPI: the exception type, its
/// status code and message, how many requests went out, and that the API key never leaks into any of it.
/// </summary>
public sealed class ErrorMappingTests
{
    private const string SecretKey = "sk-SECRET-123";

    private readonly RecordingHandler _handler = new();
    private readonly FakeTimeProvider _time = new() { AutoAdvance = true };

    private MidjourneyClient Client(int maxRetries = 0, ILoggerFactory? loggerFactory = null) => new(
        new HttpClient(_handler),
        new MidjourneyClientOptions
        {
            Provider = MidjourneyProvider.GoApi,
            ApiKey = SecretKey,
            BaseUrl = new Uri("https://goapi.test/base"),
            Retry = { MaxRetries = maxRetries, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(5) },
        },
        _time,
        loggerFactory);

    private static Task<MidjourneyTask> Read(MidjourneyClient client) => client.GetTaskAsync("task-1");

    private static Task<MidjourneyTask> Submit(MidjourneyClient client) => client.ImagineAsync(new ImagineRequest("a cat"));

    private void RespondError(HttpStatusCode status, string json = """{"status":"failed","message":""}""", TimeSpan? retryAfter = null) =>
        _handler.RespondError(status, json, retryAfter);

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    public async Task GetTaskAsync_401Or403_ThrowsAuthenticationWithStatus(HttpStatusCode status)
    {
        RespondError(status, """{"status":"failed","message":"Invalid API key"}""");

        var ex = await Assert.ThrowsAsync<MidjourneyAuthenticationException>(() => Read(Client(maxRetries: 3)));

        Assert.Equal((int)status, ex.StatusCode);
        Assert.Equal(MidjourneyProvider.GoApi, ex.Provider);
        Assert.False(ex.IsTransient);
        Assert.Contains("Invalid API key", ex.Message, StringComparison.Ordinal);
        Assert.Single(_handler.Requests);
    }

    [Fact]
    public async Task ImagineAsync_401_ThrowsAuthentication()
    {
        RespondError(HttpStatusCode.Unauthorized);

        var ex = await Assert.ThrowsAsync<MidjourneyAuthenticationException>(() => Submit(Client()));

        Assert.Equal(401, ex.StatusCode);
    }

    [Fact]
    public async Task ImagineAsync_402_ThrowsInsufficientCredits()
    {
        RespondError(HttpStatusCode.PaymentRequired, """{"status":"failed","message":"not enough balance"}""");

        var ex = await Assert.ThrowsAsync<MidjourneyInsufficientCreditsException>(() => Submit(Client(maxRetries: 3)));

        Assert.Equal(402, ex.StatusCode);
        Assert.Contains("not enough balance", ex.Message, StringComparison.Ordinal);
        Assert.Single(_handler.Requests);
    }

    [Fact]
    public async Task GetTaskAsync_404_ThrowsNotFound()
    {
        RespondError(HttpStatusCode.NotFound, """{"status":"failed","message":"task not found"}""");

        var ex = await Assert.ThrowsAsync<MidjourneyNotFoundException>(() => Read(Client(maxRetries: 3)));

        Assert.Equal(404, ex.StatusCode);
        Assert.Contains("task not found", ex.Message, StringComparison.Ordinal);
        Assert.Single(_handler.Requests);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.UnprocessableEntity)]
    public async Task ImagineAsync_400Or422_ThrowsInvalidRequestWithTheBodysMessage(HttpStatusCode status)
    {
        RespondError(status, """{"status":"failed","message":"prompt is too long (max 2000 characters)"}""");

        var ex = await Assert.ThrowsAsync<MidjourneyInvalidRequestException>(() => Submit(Client(maxRetries: 3)));

        Assert.Equal((int)status, ex.StatusCode);
        Assert.Contains("prompt is too long (max 2000 characters)", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.IsTransient);
        Assert.Single(_handler.Requests);
    }

    [Fact]
    public async Task GetTaskAsync_400WithNestedErrorMessage_FindsTheMessage()
    {
        RespondError(HttpStatusCode.BadRequest, """{"error":{"message":"task_id is required"}}""");

        var ex = await Assert.ThrowsAsync<MidjourneyInvalidRequestException>(() => Read(Client()));

        Assert.Contains("task_id is required", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTaskAsync_429WithRetryAfter_ThrowsRateLimitCarryingRetryAfter()
    {
        RespondError(HttpStatusCode.TooManyRequests, """{"status":"failed","message":"too many requests"}""", retryAfter: TimeSpan.FromSeconds(12));

        var ex = await Assert.ThrowsAsync<MidjourneyRateLimitException>(() => Read(Client(maxRetries: 0)));

        Assert.Equal(TimeSpan.FromSeconds(12), ex.RetryAfter);
        Assert.Equal(429, ex.StatusCode);
        Assert.True(ex.IsTransient);
    }

    [Fact]
    public async Task GetTaskAsync_429WithoutRetryAfter_RetryAfterIsNull()
    {
        RespondError(HttpStatusCode.TooManyRequests);

        var ex = await Assert.ThrowsAsync<MidjourneyRateLimitException>(() => Read(Client(maxRetries: 0)));

        Assert.Null(ex.RetryAfter);
    }

    [Theory]
    [InlineData("Your quota is exhausted")]
    [InlineData("Insufficient credits, please top up")]
    public async Task ImagineAsync_429SayingQuotaOrCredits_ThrowsInsufficientCreditsAtOnce(string message)
    {
        RespondError(HttpStatusCode.TooManyRequests, $$"""{"status":"failed","message":"{{message}}"}""", retryAfter: TimeSpan.FromSeconds(1));

        var ex = await Assert.ThrowsAsync<MidjourneyInsufficientCreditsException>(() => Submit(Client(maxRetries: 3)));

        Assert.Equal(429, ex.StatusCode);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.Single(_handler.Requests);
        Assert.Empty(_time.RequestedDelays);
    }

    [Fact]
    public async Task GetTaskAsync_429SayingQuota_IsNotRetriedEitherOnARead()
    {
        RespondError(HttpStatusCode.TooManyRequests, """{"status":"failed","message":"monthly quota exceeded"}""");

        await Assert.ThrowsAsync<MidjourneyInsufficientCreditsException>(() => Read(Client(maxRetries: 3)));

        Assert.Single(_handler.Requests);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task GetTaskAsync_ServerErrorEveryTime_ThrowsServiceExceptionAfterRetries(HttpStatusCode status)
    {
        RespondError(status, """{"status":"failed","message":"upstream trouble"}""");

        var ex = await Assert.ThrowsAsync<MidjourneyServiceException>(() => Read(Client(maxRetries: 2)));

        Assert.Equal((int)status, ex.StatusCode);
        Assert.True(ex.IsTransient);
        Assert.Contains("upstream trouble", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, _handler.Requests.Count);
    }

    [Fact]
    public async Task GetTaskAsync_HtmlErrorPage_ThrowsProtocolExceptionKeepingTheStatus()
    {
        _handler.RespondText("<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>", "text/html", HttpStatusCode.BadGateway);

        var ex = await Assert.ThrowsAsync<MidjourneyProtocolException>(() => Read(Client(maxRetries: 0)));

        Assert.Equal(502, ex.StatusCode);
        Assert.Equal(MidjourneyProvider.GoApi, ex.Provider);
        Assert.Contains("502", ex.Message, StringComparison.Ordinal);
        Assert.IsNotType<System.Text.Json.JsonException>(ex.InnerException);
    }

    [Fact]
    public async Task GetTaskAsync_HtmlPageWith401_StillThrowsAuthentication()
    {
        _handler.RespondText("<html><body>Unauthorized</body></html>", "text/html", HttpStatusCode.Unauthorized);

        var ex = await Assert.ThrowsAsync<MidjourneyAuthenticationException>(() => Read(Client()));

        Assert.Equal(401, ex.StatusCode);
    }

    [Fact]
    public async Task GetTaskAsync_EmptyBodyWith500_ThrowsMidjourneyExceptionWithStatus()
    {
        _handler.RespondText("", "text/plain", HttpStatusCode.InternalServerError);

        var ex = await Assert.ThrowsAnyAsync<MidjourneyException>(() => Read(Client()));

        Assert.Equal(500, ex.StatusCode);
    }

    [Theory]
    [InlineData("""{"task_id":"task-1","status":""")]
    [InlineData("not json at all")]
    [InlineData("""{"task_id":"task-1","status":{"nested":true}}""")]
    [InlineData("[1,2,3]")]
    public async Task GetTaskAsync_200WithMalformedJson_ThrowsProtocolExceptionNotJsonException(string body)
    {
        _handler.RespondText(body, "application/json", HttpStatusCode.OK);

        var ex = await Assert.ThrowsAsync<MidjourneyProtocolException>(() => Read(Client(maxRetries: 3)));

        Assert.Equal(200, ex.StatusCode);
        Assert.False(ex.IsTransient);
        Assert.Single(_handler.Requests);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("""{"status":"processing"}""")]
    public async Task GetTaskAsync_200WithoutATask_ThrowsProtocolException(string body)
    {
        _handler.RespondJson(body);

        var ex = await Assert.ThrowsAsync<MidjourneyProtocolException>(() => Read(Client()));

        Assert.Equal(200, ex.StatusCode);
    }

    [Fact]
    public async Task ImagineAsync_200WithStatusFailed_ThrowsInvalidRequestWithTheMessage()
    {
        _handler.RespondJson("""{"status":"failed","message":"bad prompt"}""");

        var ex = await Assert.ThrowsAsync<MidjourneyInvalidRequestException>(() => Submit(Client(maxRetries: 3)));

        Assert.Contains("bad prompt", ex.Message, StringComparison.Ordinal);
        Assert.Single(_handler.Requests);
    }

    [Fact]
    public async Task GetTaskAsync_NetworkErrorEveryTime_ThrowsServiceExceptionAfterRetries()
    {
        var network = new HttpRequestException("Connection reset by peer");
        _handler.Throw(network);

        var ex = await Assert.ThrowsAsync<MidjourneyServiceException>(() => Read(Client(maxRetries: 2)));

        Assert.Null(ex.StatusCode);
        Assert.True(ex.IsTransient);
        Assert.Same(network, ex.InnerException);
        Assert.Equal(3, _handler.Requests.Count);
    }

    // ---- the API key never leaks ----

    public static TheoryData<string> FailureScenarios =>
    [
        "401", "400", "429", "500-read", "500-submit", "html", "malformed", "network", "timeout-submit",
    ];

    private void Arrange(string scenario)
    {
        switch (scenario)
        {
            case "401": RespondError(HttpStatusCode.Unauthorized, """{"message":"Invalid API key"}"""); break;
            case "400": RespondError(HttpStatusCode.BadRequest, """{"message":"prompt rejected"}"""); break;
            case "429": RespondError(HttpStatusCode.TooManyRequests, """{"message":"slow down"}""", TimeSpan.FromSeconds(2)); break;
            case "500-read" or "500-submit": RespondError(HttpStatusCode.InternalServerError, """{"message":"boom"}"""); break;
            case "html": _handler.RespondText("<html>oops</html>", "text/html", HttpStatusCode.BadGateway); break;
            case "malformed": _handler.RespondText("{\"task_id\":", "application/json", HttpStatusCode.OK); break;
            case "network": _handler.Throw(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (goapi.test:443)")); break;
            case "timeout-submit": _handler.Throw(new TaskCanceledException("The operation was canceled.", new TimeoutException())); break;
            default: throw new ArgumentOutOfRangeException(nameof(scenario), scenario, null);
        }
    }

    [Theory]
    [MemberData(nameof(FailureScenarios))]
    public async Task AnyFailure_ExceptionsAndLogs_NeverContainTheApiKey(string scenario)
    {
        Arrange(scenario);
        var logs = new ListLoggerProvider();
        using ILoggerFactory factory = logs.CreateFactory();
        MidjourneyClient client = Client(maxRetries: 2, factory);

        bool isSubmit = scenario is "400" or "500-submit" or "timeout-submit";
        var ex = await Assert.ThrowsAnyAsync<MidjourneyException>(() => isSubmit ? Submit(client) : Read(client));

        // The key really was in play: every request carried it.
        Assert.All(_handler.Requests, r => Assert.Equal(SecretKey, r.Header("X-API-KEY")));
        Assert.DoesNotContain(SecretKey, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretKey, ex.ToString(), StringComparison.Ordinal);
        for (Exception? inner = ex.InnerException; inner is not null; inner = inner.InnerException)
        {
            Assert.DoesNotContain(SecretKey, inner.Message, StringComparison.Ordinal);
        }

        if (scenario != "timeout-submit")
        {
            // Every other scenario got an answer (logged) or was retried (logged with the reason).
            Assert.NotEmpty(logs.Entries);
        }

        Assert.All(logs.Entries, entry => Assert.DoesNotContain(SecretKey, entry.AllText, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SuccessfulCalls_Logs_NeverContainTheApiKeyButDoLogTheCall()
    {
        var logs = new ListLoggerProvider();
        using ILoggerFactory factory = logs.CreateFactory();
        _handler.RespondJson("""{"task_id":"task-1","status":"success","message":""}""");
        _handler.RespondJson("""{"task_id":"task-1","status":"finished","task_result":{"image_url":"https://img.test/1.png"}}""");
        MidjourneyClient client = Client(maxRetries: 2, factory);

        MidjourneyTask submitted = await Submit(client);
        await client.WaitForCompletionAsync(submitted.Id);

        Assert.Contains(logs.Entries, e => e.Message.Contains("/base/mj/v2/imagine", StringComparison.Ordinal));
        Assert.All(logs.Entries, entry => Assert.DoesNotContain(SecretKey, entry.AllText, StringComparison.Ordinal));
    }

    [Fact]
    public void MidjourneyClientOptions_ToString_HidesTheApiKey()
    {
        var options = new MidjourneyClientOptions { Provider = MidjourneyProvider.GoApi, ApiKey = SecretKey, BaseUrl = new Uri("https://goapi.test/base") };

        string text = options.ToString();

        Assert.DoesNotContain(SecretKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", text, StringComparison.Ordinal);
        Assert.Contains("GoApi", text, StringComparison.Ordinal);
        Assert.Contains("https://goapi.test/base", text, StringComparison.Ordinal);
    }

    [Fact]
    public void MidjourneyClient_InvalidOptions_ErrorDoesNotContainTheApiKey()
    {
        var options = new MidjourneyClientOptions { ApiKey = SecretKey, BaseUrl = new Uri("ftp://goapi.test/"), Retry = { MaxRetries = 99 } };

        var ex = Assert.ThrowsAny<ArgumentException>(() => new MidjourneyClient(new HttpClient(_handler), options, _time));

        Assert.DoesNotContain(SecretKey, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErrorBody_EchoingTheApiKey_IsRedactedInTheException()
    {
        RespondError(HttpStatusCode.Unauthorized, $$"""{"status":"failed","message":"invalid key {{SecretKey}}"}""");

        var ex = await Assert.ThrowsAsync<MidjourneyAuthenticationException>(() => Read(Client()));

        Assert.DoesNotContain(SecretKey, ex.ToString(), StringComparison.Ordinal);
        Assert.Contains("invalid key ***", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unauthorized_SayingBanned_IsStillAnAuthenticationFailure()
    {
        RespondError(HttpStatusCode.Unauthorized, """{"status":"failed","message":"your account has been banned"}""");

        await Assert.ThrowsAsync<MidjourneyAuthenticationException>(() => Read(Client()));
    }

    [Fact]
    public async Task Forbidden_SayingBannedPrompt_IsAContentPolicyFailure()
    {
        RespondError(HttpStatusCode.Forbidden, """{"status":"failed","message":"banned prompt detected: gore"}""");

        var ex = await Assert.ThrowsAsync<MidjourneyContentPolicyException>(() => Submit(Client()));

        Assert.Equal(403, ex.StatusCode);
        Assert.Contains("gore", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImagineAsync_NumericTaskIdInTheAnswer_IsAccepted()
    {
        _handler.RespondJson("""{"task_id":1234567890123,"status":"success","message":""}""");

        MidjourneyTask task = await Submit(Client());

        Assert.Equal("1234567890123", task.Id);
    }

    [Fact]
    public void Options_BaseUrlWithQuery_IsRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new MidjourneyClient(
            new HttpClient(_handler),
            new MidjourneyClientOptions { ApiKey = SecretKey, BaseUrl = new Uri("https://goapi.test/base?x=1") }));

        Assert.Contains("query", ex.Message, StringComparison.Ordinal);
    }
}
