using System.Net;
using Microsoft.Extensions.Logging;
using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Http;

/// <summary>
/// What a failed provider call looks like to the caller, through the facade over GoAPI on real HTTP (WireMock.Net on
/// 127.0.0.1): the exception type, its status code and message (naming the absolute URL of the call), how many requests
/// reached the server, and that the API key never leaks into any of it. Failures thrown after the request (with its key)
/// left, which a real server cannot produce on cue, use the in-memory <see cref="RecordingHandler"/>.
/// </summary>
public sealed class ErrorMappingTests : IDisposable
{
    private const string SecretKey = "sk-SECRET-123";
    private const string Imagine = "/mj/v2/imagine";
    private const string Fetch = "/mj/v2/fetch";

    private readonly WireServer _server = new WireServer("/base").RequireHeader("X-API-KEY", SecretKey);
    private readonly RecordingHandler _handler = new();
    private readonly FakeTimeProvider _time = new() { AutoAdvance = true };

    public void Dispose() => _server.Dispose();

    private MidjourneyClient Client(int maxRetries = 0, ILoggerFactory? loggerFactory = null, HttpClient? transport = null, Uri? baseUrl = null) => new(
        transport ?? new HttpClient(),
        new MidjourneyClientOptions
        {
            Provider = MidjourneyProvider.GoApi,
            ApiKey = SecretKey,
            BaseUrl = baseUrl ?? _server.BaseUrl,
            Retry = { MaxRetries = maxRetries, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(5) },
        },
        _time,
        loggerFactory);

    /// <summary>A client over the in-memory handler, for failures thrown after the request was sent.</summary>
    private MidjourneyClient InMemoryClient(int maxRetries, ILoggerFactory? loggerFactory) =>
        Client(maxRetries, loggerFactory, new HttpClient(_handler), new Uri("https://goapi.test/base"));

    private static Task<MidjourneyTask> Read(MidjourneyClient client) => client.GetTaskAsync("task-1");

    private static Task<MidjourneyTask> Submit(MidjourneyClient client) => client.ImagineAsync(new ImagineRequest("a cat"));

    private void RespondError(string path, HttpStatusCode status, string json = """{"status":"failed","message":""}""", TimeSpan? retryAfter = null) =>
        _server.On(HttpMethod.Post, path, Wire.Error(status, json, retryAfter));

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    public async Task GetTaskAsync_401Or403_ThrowsAuthenticationWithStatus(HttpStatusCode status)
    {
        RespondError(Fetch, status, """{"status":"failed","message":"Invalid API key"}""");

        var ex = await Assert.ThrowsAsync<MidjourneyAuthenticationException>(() => Read(Client(maxRetries: 3)));

        Assert.Equal((int)status, ex.StatusCode);
        Assert.Equal(MidjourneyProvider.GoApi, ex.Provider);
        Assert.False(ex.IsTransient);
        Assert.Equal($"GoApi refused POST {_server.Url(Fetch)} ({(int)status}): Invalid API key", ex.Message);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task ImagineAsync_401_ThrowsAuthentication()
    {
        RespondError(Imagine, HttpStatusCode.Unauthorized);

        var ex = await Assert.ThrowsAsync<MidjourneyAuthenticationException>(() => Submit(Client()));

        Assert.Equal(401, ex.StatusCode);
        Assert.Contains(_server.Url(Imagine), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImagineAsync_402_ThrowsInsufficientCredits()
    {
        RespondError(Imagine, HttpStatusCode.PaymentRequired, """{"status":"failed","message":"not enough balance"}""");

        var ex = await Assert.ThrowsAsync<MidjourneyInsufficientCreditsException>(() => Submit(Client(maxRetries: 3)));

        Assert.Equal(402, ex.StatusCode);
        Assert.Contains("not enough balance", ex.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task GetTaskAsync_404_ThrowsNotFound()
    {
        RespondError(Fetch, HttpStatusCode.NotFound, """{"status":"failed","message":"task not found"}""");

        var ex = await Assert.ThrowsAsync<MidjourneyNotFoundException>(() => Read(Client(maxRetries: 3)));

        Assert.Equal(404, ex.StatusCode);
        Assert.Equal($"GoApi refused POST {_server.Url(Fetch)} (404): task not found", ex.Message);
        Assert.Single(_server.Requests);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.UnprocessableEntity)]
    public async Task ImagineAsync_400Or422_ThrowsInvalidRequestWithTheBodysMessage(HttpStatusCode status)
    {
        RespondError(Imagine, status, """{"status":"failed","message":"prompt is too long (max 2000 characters)"}""");

        var ex = await Assert.ThrowsAsync<MidjourneyInvalidRequestException>(() => Submit(Client(maxRetries: 3)));

        Assert.Equal((int)status, ex.StatusCode);
        Assert.Equal($"GoApi refused POST {_server.Url(Imagine)} ({(int)status}): prompt is too long (max 2000 characters)", ex.Message);
        Assert.False(ex.IsTransient);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task GetTaskAsync_400WithNestedErrorMessage_FindsTheMessage()
    {
        RespondError(Fetch, HttpStatusCode.BadRequest, """{"error":{"message":"task_id is required"}}""");

        var ex = await Assert.ThrowsAsync<MidjourneyInvalidRequestException>(() => Read(Client()));

        Assert.Contains("task_id is required", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTaskAsync_429WithRetryAfter_ThrowsRateLimitCarryingRetryAfter()
    {
        RespondError(Fetch, HttpStatusCode.TooManyRequests, """{"status":"failed","message":"too many requests"}""", retryAfter: TimeSpan.FromSeconds(12));

        var ex = await Assert.ThrowsAsync<MidjourneyRateLimitException>(() => Read(Client(maxRetries: 0)));

        Assert.Equal(TimeSpan.FromSeconds(12), ex.RetryAfter);
        Assert.Equal(429, ex.StatusCode);
        Assert.True(ex.IsTransient);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task GetTaskAsync_429WithoutRetryAfter_RetryAfterIsNull()
    {
        RespondError(Fetch, HttpStatusCode.TooManyRequests);

        var ex = await Assert.ThrowsAsync<MidjourneyRateLimitException>(() => Read(Client(maxRetries: 0)));

        Assert.Null(ex.RetryAfter);
    }

    [Fact]
    public async Task GetTaskAsync_503WithRetryAfter_ThrowsServiceExceptionCarryingRetryAfter()
    {
        RespondError(Fetch, HttpStatusCode.ServiceUnavailable, """{"status":"failed","message":"maintenance"}""", retryAfter: TimeSpan.FromSeconds(30));

        var ex = await Assert.ThrowsAsync<MidjourneyServiceException>(() => Read(Client(maxRetries: 0)));

        Assert.Equal(503, ex.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), ex.RetryAfter);
        Assert.True(ex.IsTransient);
        Assert.Contains("maintenance", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Your quota is exhausted")]
    [InlineData("Insufficient credits, please top up")]
    public async Task ImagineAsync_429SayingQuotaOrCredits_ThrowsInsufficientCreditsAtOnce(string message)
    {
        RespondError(Imagine, HttpStatusCode.TooManyRequests, $$"""{"status":"failed","message":"{{message}}"}""", retryAfter: TimeSpan.FromSeconds(1));

        var ex = await Assert.ThrowsAsync<MidjourneyInsufficientCreditsException>(() => Submit(Client(maxRetries: 3)));

        Assert.Equal(429, ex.StatusCode);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
        Assert.Empty(_time.RequestedDelays);
    }

    [Fact]
    public async Task GetTaskAsync_429SayingQuota_IsNotRetriedEitherOnARead()
    {
        RespondError(Fetch, HttpStatusCode.TooManyRequests, """{"status":"failed","message":"monthly quota exceeded"}""");

        await Assert.ThrowsAsync<MidjourneyInsufficientCreditsException>(() => Read(Client(maxRetries: 3)));

        Assert.Single(_server.Requests);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task GetTaskAsync_ServerErrorEveryTime_ThrowsServiceExceptionAfterRetries(HttpStatusCode status)
    {
        RespondError(Fetch, status, """{"status":"failed","message":"upstream trouble"}""");

        var ex = await Assert.ThrowsAsync<MidjourneyServiceException>(() => Read(Client(maxRetries: 2)));

        Assert.Equal((int)status, ex.StatusCode);
        Assert.True(ex.IsTransient);
        Assert.Equal($"GoApi refused POST {_server.Url(Fetch)} ({(int)status}): upstream trouble", ex.Message);
        Assert.Equal(3, _server.Requests.Count);
    }

    [Fact]
    public async Task GetTaskAsync_HtmlErrorPage_ThrowsProtocolExceptionKeepingTheStatus()
    {
        _server.On(HttpMethod.Post, Fetch, Wire.Html(HttpStatusCode.BadGateway, "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>"));

        var ex = await Assert.ThrowsAsync<MidjourneyProtocolException>(() => Read(Client(maxRetries: 0)));

        Assert.Equal(502, ex.StatusCode);
        Assert.Equal(MidjourneyProvider.GoApi, ex.Provider);
        Assert.Contains("502", ex.Message, StringComparison.Ordinal);
        Assert.Contains(_server.Url(Fetch), ex.Message, StringComparison.Ordinal);
        Assert.IsNotType<System.Text.Json.JsonException>(ex.InnerException);
    }

    [Fact]
    public async Task GetTaskAsync_HtmlPageWith401_StillThrowsAuthentication()
    {
        _server.On(HttpMethod.Post, Fetch, Wire.Html(HttpStatusCode.Unauthorized, "<html><body>Unauthorized</body></html>"));

        var ex = await Assert.ThrowsAsync<MidjourneyAuthenticationException>(() => Read(Client()));

        Assert.Equal(401, ex.StatusCode);
    }

    [Fact]
    public async Task GetTaskAsync_HtmlPageWith200_ThrowsProtocolExceptionWithoutRetrying()
    {
        // A captive portal or a proxy's sign-in page: a 200 that is not the provider's JSON.
        _server.On(HttpMethod.Post, Fetch, Wire.Html(HttpStatusCode.OK, "<html><body>Please sign in</body></html>"));

        var ex = await Assert.ThrowsAsync<MidjourneyProtocolException>(() => Read(Client(maxRetries: 3)));

        Assert.Equal(200, ex.StatusCode);
        Assert.False(ex.IsTransient);
        Assert.StartsWith($"GoApi answered POST {_server.Url(Fetch)} with a body that is not the JSON expected", ex.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task GetTaskAsync_EmptyBodyWith500_ThrowsMidjourneyExceptionWithStatus()
    {
        _server.On(HttpMethod.Post, Fetch, Wire.Empty(HttpStatusCode.InternalServerError));

        var ex = await Assert.ThrowsAnyAsync<MidjourneyException>(() => Read(Client()));

        Assert.Equal(500, ex.StatusCode);
        Assert.Contains(_server.Url(Fetch), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTaskAsync_EmptyBodyWith200_ThrowsProtocolExceptionWithoutRetrying()
    {
        _server.On(HttpMethod.Post, Fetch, Wire.Empty());

        var ex = await Assert.ThrowsAsync<MidjourneyProtocolException>(() => Read(Client(maxRetries: 3)));

        Assert.Equal(200, ex.StatusCode);
        Assert.Equal($"GoApi answered POST {_server.Url(Fetch)} with an empty body.", ex.Message);
        Assert.Single(_server.Requests);
    }

    [Theory]
    [InlineData("""{"task_id":"task-1","status":""")]
    [InlineData("""{"task_id":""")]
    [InlineData("not json at all")]
    [InlineData("""{"task_id":"task-1","status":{"nested":true}}""")]
    [InlineData("[1,2,3]")]
    public async Task GetTaskAsync_200WithMalformedJson_ThrowsProtocolExceptionNotJsonException(string body)
    {
        _server.On(HttpMethod.Post, Fetch, Wire.Text(body, "application/json", HttpStatusCode.OK));

        var ex = await Assert.ThrowsAsync<MidjourneyProtocolException>(() => Read(Client(maxRetries: 3)));

        Assert.Equal(200, ex.StatusCode);
        Assert.False(ex.IsTransient);
        Assert.Single(_server.Requests);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("""{"status":"processing"}""")]
    public async Task GetTaskAsync_200WithoutATask_ThrowsProtocolException(string body)
    {
        _server.On(HttpMethod.Post, Fetch, Wire.Json(body));

        var ex = await Assert.ThrowsAsync<MidjourneyProtocolException>(() => Read(Client()));

        Assert.Equal(200, ex.StatusCode);
    }

    [Fact]
    public async Task GetTaskAsync_200WithStatusFailedAndNoTask_ThrowsProtocolExceptionWithTheMessage()
    {
        _server.On(HttpMethod.Post, Fetch, Wire.Json("""{"status":"failed","message":"task not found"}"""));

        var ex = await Assert.ThrowsAsync<MidjourneyProtocolException>(() => Read(Client(maxRetries: 3)));

        Assert.Equal(200, ex.StatusCode);
        Assert.Equal($"GoApi answered POST {_server.Url(Fetch)} without a task_id: task not found.", ex.Message);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task ImagineAsync_200WithStatusFailed_ThrowsInvalidRequestWithTheMessage()
    {
        _server.On(HttpMethod.Post, Imagine, Wire.Json("""{"status":"failed","message":"bad prompt"}"""));

        var ex = await Assert.ThrowsAsync<MidjourneyInvalidRequestException>(() => Submit(Client(maxRetries: 3)));

        Assert.Equal($"GoApi refused POST {_server.Url(Imagine)} (400): bad prompt", ex.Message);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task GetTaskAsync_NetworkErrorEveryTime_ThrowsServiceExceptionAfterRetries()
    {
        // A real refused connection on every attempt; the client side counts the attempts, since none reaches a server.
        Uri closed = LoopbackPorts.Closed();
        var sent = new CountingHandler();

        var ex = await Assert.ThrowsAsync<MidjourneyServiceException>(() => Read(Client(maxRetries: 2, transport: new HttpClient(sent), baseUrl: closed)));

        Assert.Null(ex.StatusCode);
        Assert.True(ex.IsTransient);
        HttpRequestException network = Assert.IsType<HttpRequestException>(ex.InnerException);
        Assert.Equal(HttpRequestError.ConnectionError, network.HttpRequestError);
        Assert.Contains($"POST {closed.AbsoluteUri}{Fetch}", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, sent.Count("/base" + Fetch));
        Assert.Equal(2, _time.RequestedDelays.Count);
    }

    // ---- the API key never leaks ----

    public static TheoryData<string> FailureScenarios =>
    [
        "401", "401-echoing-key", "400", "404-submit", "429", "500-read", "500-submit", "200-failed-submit",
        "html", "malformed", "empty", "network", "timeout-submit",
    ];

    /// <summary>Scripts the failure; returns true when it runs in memory.</summary>
    private bool Arrange(string scenario, string path)
    {
        switch (scenario)
        {
            case "401": RespondError(path, HttpStatusCode.Unauthorized, """{"message":"Invalid API key"}"""); return false;
            case "401-echoing-key": RespondError(path, HttpStatusCode.Unauthorized, $$"""{"message":"invalid key {{SecretKey}}"}"""); return false;
            case "400": RespondError(path, HttpStatusCode.BadRequest, """{"message":"prompt rejected"}"""); return false;
            case "404-submit": RespondError(path, HttpStatusCode.NotFound, """{"message":"no such route"}"""); return false;
            case "429": RespondError(path, HttpStatusCode.TooManyRequests, """{"message":"slow down"}""", TimeSpan.FromSeconds(2)); return false;
            case "500-read" or "500-submit": RespondError(path, HttpStatusCode.InternalServerError, """{"message":"boom"}"""); return false;
            case "200-failed-submit": _server.On(HttpMethod.Post, path, Wire.Json("""{"status":"failed","message":"bad prompt"}""")); return false;
            case "html": _server.On(HttpMethod.Post, path, Wire.Html(HttpStatusCode.BadGateway, "<html>oops</html>")); return false;
            case "malformed": _server.On(HttpMethod.Post, path, Wire.Text("{\"task_id\":", "application/json", HttpStatusCode.OK)); return false;
            case "empty": _server.On(HttpMethod.Post, path, Wire.Empty()); return false;

            // In memory: these fail after the request, with its key, was sent; a real refused connection sends nothing to check.
            case "network": _handler.Throw(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (goapi.test:443)")); return true;
            case "timeout-submit": _handler.Throw(new TaskCanceledException("The operation was canceled.", new TimeoutException())); return true;
            default: throw new ArgumentOutOfRangeException(nameof(scenario), scenario, null);
        }
    }

    [Theory]
    [MemberData(nameof(FailureScenarios))]
    public async Task AnyFailure_ExceptionsAndLogs_NeverContainTheApiKey(string scenario)
    {
        bool isSubmit = scenario.EndsWith("-submit", StringComparison.Ordinal) || scenario == "400";
        bool inMemory = Arrange(scenario, isSubmit ? Imagine : Fetch);
        var logs = new ListLoggerProvider();
        using ILoggerFactory factory = logs.CreateFactory();
        MidjourneyClient client = inMemory ? InMemoryClient(maxRetries: 2, factory) : Client(maxRetries: 2, factory);

        var ex = await Assert.ThrowsAnyAsync<MidjourneyException>(() => isSubmit ? Submit(client) : Read(client));

        // The key really was in play: requests went out and every one carried it.
        IReadOnlyList<RecordedRequest> sent = inMemory ? _handler.Requests : _server.Requests;
        Assert.NotEmpty(sent);
        Assert.All(sent, r => Assert.Equal(SecretKey, r.Header("X-API-KEY")));
        Assert.Empty(_server.Unmatched);
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
        _server.On(HttpMethod.Post, Imagine, Wire.Json("""{"task_id":"task-1","status":"success","message":""}"""));
        _server.On(HttpMethod.Post, Fetch, Wire.Json("""{"task_id":"task-1","status":"finished","task_result":{"image_url":"https://img.test/1.png"}}"""));
        MidjourneyClient client = Client(maxRetries: 2, factory);

        MidjourneyTask submitted = await Submit(client);
        await client.DriveAsync(c => c.WaitForCompletionAsync(submitted.Id));

        Assert.Contains(logs.Entries, e => e.Message.Contains($"POST {_server.Url(Imagine)} answered 200", StringComparison.Ordinal));
        Assert.Contains(logs.Entries, e => e.Message.Contains($"POST {_server.Url(Fetch)} answered 200", StringComparison.Ordinal));
        Assert.All(_server.Requests, r => Assert.Equal(SecretKey, r.Header("X-API-KEY")));
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

        var ex = Assert.ThrowsAny<ArgumentException>(() => new MidjourneyClient(new HttpClient(), options, _time));

        Assert.DoesNotContain(SecretKey, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErrorBody_EchoingTheApiKey_IsRedactedInTheException()
    {
        RespondError(Fetch, HttpStatusCode.Unauthorized, $$"""{"status":"failed","message":"invalid key {{SecretKey}}"}""");

        var ex = await Assert.ThrowsAsync<MidjourneyAuthenticationException>(() => Read(Client()));

        Assert.DoesNotContain(SecretKey, ex.ToString(), StringComparison.Ordinal);
        Assert.Contains("invalid key ***", ex.Message, StringComparison.Ordinal);
        Assert.Equal(SecretKey, _server.Single.Header("X-API-KEY"));
    }

    [Fact]
    public async Task Unauthorized_SayingBanned_IsStillAnAuthenticationFailure()
    {
        RespondError(Fetch, HttpStatusCode.Unauthorized, """{"status":"failed","message":"your account has been banned"}""");

        await Assert.ThrowsAsync<MidjourneyAuthenticationException>(() => Read(Client()));
    }

    [Fact]
    public async Task Forbidden_SayingBannedPrompt_IsAContentPolicyFailure()
    {
        RespondError(Imagine, HttpStatusCode.Forbidden, """{"status":"failed","message":"banned prompt detected: gore"}""");

        var ex = await Assert.ThrowsAsync<MidjourneyContentPolicyException>(() => Submit(Client()));

        Assert.Equal(403, ex.StatusCode);
        Assert.Contains("gore", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImagineAsync_NumericTaskIdInTheAnswer_IsAccepted()
    {
        _server.On(HttpMethod.Post, Imagine, Wire.Json("""{"task_id":1234567890123,"status":"success","message":""}"""));

        MidjourneyTask task = await Submit(Client());

        Assert.Equal("1234567890123", task.Id);
    }

    [Fact]
    public void Options_BaseUrlWithQuery_IsRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new MidjourneyClient(
            new HttpClient(),
            new MidjourneyClientOptions { ApiKey = SecretKey, BaseUrl = new Uri("https://goapi.test/base?x=1") }));

        Assert.Contains("query", ex.Message, StringComparison.Ordinal);
    }
}
