using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Midjourney.Sdk.Http;
using Midjourney.Sdk.Providers;
using Midjourney.Sdk.Providers.MjProxy;
using Midjourney.Sdk.Tests.TestSupport;
using static Midjourney.Sdk.Tests.Providers.MjProxy.MjProxyTestData;

namespace Midjourney.Sdk.Tests.Providers.MjProxy;

/// <summary>
/// MJ-Proxy's body-level submit codes, its seven statuses and its task object, as the caller sees them when a
/// <see cref="WireServer"/> sends them over real HTTP.
/// </summary>
public sealed class MjProxyMappingTests : IDisposable
{
    private const string Imagine = "/mj/submit/imagine";
    private const string FetchT1 = "/mj/task/t-1/fetch";
    private const string ListByCondition = "/mj/task/list-by-condition";

    private readonly WireServer _server = Server();

    public void Dispose() => _server.Dispose();

    private async Task<TException> SubmitFails<TException>(string answer, Action<MidjourneyClientOptions>? configure = null)
        where TException : MidjourneyException
    {
        _server.On(HttpMethod.Post, Imagine, Wire.Json(answer));
        return await Assert.ThrowsAsync<TException>(() => Client(_server, configure).ImagineAsync(new ImagineRequest("a cat")));
    }

    private async Task<MidjourneyTask> Fetch(string json)
    {
        _server.On(HttpMethod.Get, FetchT1, Wire.Json(json));
        return await Client(_server).GetTaskAsync("t-1");
    }

    // ---- submit codes (HTTP 200, the body says what happened) ----

    [Fact]
    public async Task Submit_Code24_ThrowsContentPolicyNamingTheBannedWord()
    {
        var ex = await SubmitFails<MidjourneyContentPolicyException>(
            """{"code":24,"description":"May contains sensitive words","result":null,"properties":{"promptEn":"a nsfw cat","bannedWord":"nsfw"}}""");

        Assert.Contains("May contains sensitive words", ex.Message, StringComparison.Ordinal);
        Assert.Contains("The banned word is 'nsfw'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(200, ex.StatusCode);
        Assert.Equal("24", ex.ErrorCode);
        Assert.Contains("code 24 BANNED_PROMPT", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.IsTransient);
        Assert.Equal(MidjourneyProvider.MjProxy, ex.Provider);
    }

    [Fact]
    public async Task Submit_Code24WithoutBannedWord_StillContentPolicy()
    {
        var ex = await SubmitFails<MidjourneyContentPolicyException>("""{"code":24,"description":"banned","result":null}""");

        Assert.DoesNotContain("banned word is", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_Code4_ThrowsInvalidRequestWithTheDescription()
    {
        var ex = await SubmitFails<MidjourneyInvalidRequestException>("""{"code":4,"description":"base64 format error","result":null}""");

        Assert.Contains("base64 format error", ex.Message, StringComparison.Ordinal);
        Assert.Contains("POST " + _server.Url(Imagine), ex.Message, StringComparison.Ordinal);
        Assert.Equal(200, ex.StatusCode);
        Assert.Equal("4", ex.ErrorCode);
    }

    [Fact]
    public async Task Submit_Code3_ThrowsNotFound()
    {
        var ex = await SubmitFails<MidjourneyNotFoundException>("""{"code":3,"description":"no available account","result":null}""");

        Assert.Equal(200, ex.StatusCode);
        Assert.Equal("3", ex.ErrorCode);
    }

    [Fact]
    public async Task Submit_Code9Failure_ThrowsServiceWithoutResending()
    {
        var ex = await SubmitFails<MidjourneyServiceException>("""{"code":9,"description":"Discord account is disabled","result":null}""", o => o.Retry.MaxRetries = 3);

        Assert.Contains("Discord account is disabled", ex.Message, StringComparison.Ordinal);
        Assert.Equal(200, ex.StatusCode);
        Assert.Equal("9", ex.ErrorCode);
        Assert.False(ex.IsTransient);
        Assert.Single(_server.Requests);
    }

    [Theory]
    [InlineData(23, "The queue is full, please try again later")]
    [InlineData(9, "The queue is full, please try again later")]
    [InlineData(9, "队列已满，请稍后尝试")]
    public async Task Submit_QueueFull_IsRetriedAsProvablyNotTaken(int code, string description)
    {
        _server.On(HttpMethod.Post, Imagine, Wire.Json($$"""{"code":{{code}},"description":"{{description}}","result":null}"""), Wire.Json(Answer("task-2")));

        MidjourneyTask task = await Client(_server, o => o.Retry.MaxRetries = 2).ImagineAsync(new ImagineRequest("a cat"));

        Assert.Equal("task-2", task.Id);
        Assert.Equal(2, _server.Requests.Count);
        Assert.Equal(_server.Requests[0].Body, _server.Requests[1].Body);
    }

    [Fact]
    public async Task Submit_QueueFullEveryTime_ThrowsTransientServiceAfterTheRetries()
    {
        var ex = await SubmitFails<MidjourneyServiceException>(
            """{"code":23,"description":"The queue is full, please try again later","result":null}""", o => o.Retry.MaxRetries = 2);

        Assert.True(ex.IsTransient);
        Assert.Equal("23", ex.ErrorCode);
        Assert.Equal(200, ex.StatusCode);
        Assert.Contains("QUEUE_REJECTED", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, _server.Requests.Count);
    }

    [Fact]
    public async Task Submit_UnknownCode_ThrowsMidjourneyExceptionWithCodeAndDescription()
    {
        var ex = await SubmitFails<MidjourneyException>("""{"code":7,"description":"something new","result":null}""");

        Assert.Equal(typeof(MidjourneyException), ex.GetType());
        Assert.Equal(200, ex.StatusCode);
        Assert.Equal("7", ex.ErrorCode);
        Assert.Contains("code 7", ex.Message, StringComparison.Ordinal);
        Assert.Contains("something new", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_CodeAsString_IsRead()
    {
        _server.On(HttpMethod.Post, Imagine, Wire.Json("""{"code":"1","description":"ok","result":"task-3"}"""));

        MidjourneyTask task = await Client(_server).ImagineAsync(new ImagineRequest("a cat"));

        Assert.Equal("task-3", task.Id);
    }

    [Fact]
    public async Task Submit_Http200WithoutCode_ThrowsSubmissionUncertainAroundAProtocolError()
    {
        var ex = await SubmitFails<MidjourneySubmissionUncertainException>("""{"error":{"message":"upstream said no"}}""", o => o.Retry.MaxRetries = 3);

        Assert.IsType<MidjourneyProtocolException>(ex.InnerException);
        Assert.Equal(200, ex.StatusCode);
        Assert.Single(_server.Requests);
    }

    [Theory]
    [InlineData("""{"code":1,"description":"ok","result":null}""")]
    [InlineData("""{"code":1,"description":"ok","result":""}""")]
    public async Task Submit_AcceptedWithoutTaskId_ThrowsSubmissionUncertain(string answer)
    {
        var ex = await SubmitFails<MidjourneySubmissionUncertainException>(answer, o => o.Retry.MaxRetries = 3);

        Assert.Contains("no task id", ex.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Submit_Http401_ThrowsAuthenticationWithoutTheKey()
    {
        // A server of its own: its mapping requires this test's key.
        using WireServer server = Server(key: "sk-secret-key-123");
        server.On(HttpMethod.Post, Imagine, Wire.Error(HttpStatusCode.Unauthorized, """{"code":9,"description":"invalid secret sk-secret-key-123"}"""));

        var ex = await Assert.ThrowsAsync<MidjourneyAuthenticationException>(() => Client(server, o => o.ApiKey = "sk-secret-key-123").ImagineAsync(new ImagineRequest("a cat")));

        Assert.Equal(401, ex.StatusCode);
        Assert.DoesNotContain("sk-secret-key-123", ex.Message, StringComparison.Ordinal);
        Assert.Contains("invalid secret ***", ex.Message, StringComparison.Ordinal);
        Assert.Contains("POST " + server.Url(Imagine), ex.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
        Assert.Empty(server.Unmatched);
    }

    // ---- statuses ----

    [Theory]
    [InlineData("NOT_START", MidjourneyTaskStatus.Pending)]
    [InlineData("SUBMITTED", MidjourneyTaskStatus.Pending)]
    [InlineData("IN_PROGRESS", MidjourneyTaskStatus.InProgress)]
    [InlineData("MODAL", MidjourneyTaskStatus.NeedsInput)]
    [InlineData("SUCCESS", MidjourneyTaskStatus.Succeeded)]
    [InlineData("FAILURE", MidjourneyTaskStatus.Failed)]
    [InlineData("CANCEL", MidjourneyTaskStatus.Canceled)]
    [InlineData("success", MidjourneyTaskStatus.Succeeded)]
    [InlineData("PAUSED_FOR_REVIEW", MidjourneyTaskStatus.InProgress)]
    [InlineData("", MidjourneyTaskStatus.InProgress)]
    public async Task GetTaskAsync_Status_MapsToNeutralStatus(string status, MidjourneyTaskStatus expected)
    {
        MidjourneyTask task = await Fetch(MjProxyTestData.Task("t-1", "IMAGINE", status, "a cat", "10%"));

        Assert.Equal(expected, task.Status);
    }

    [Fact]
    public void MapStatus_UnknownStatusTwice_LoggedOnce()
    {
        var logs = new ListLoggerProvider();
        var mapper = new MjProxyTaskMapper(logs.CreateFactory().CreateLogger("test"));

        mapper.MapStatus("PAUSED");
        mapper.MapStatus("PAUSED");

        Assert.Single(logs.Entries, e => e.Message.Contains("'PAUSED'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("IMAGINE", MidjourneyAction.Imagine)]
    [InlineData("UPSCALE", MidjourneyAction.Upscale)]
    [InlineData("VARIATION", MidjourneyAction.Variation)]
    [InlineData("REROLL", MidjourneyAction.Reroll)]
    [InlineData("INPAINT", MidjourneyAction.Inpaint)]
    [InlineData("ZOOM", MidjourneyAction.Outpaint)]
    [InlineData("OUTPAINT", MidjourneyAction.Outpaint)]
    [InlineData("PAN", MidjourneyAction.Pan)]
    [InlineData("DESCRIBE", MidjourneyAction.Describe)]
    [InlineData("BLEND", MidjourneyAction.Blend)]
    [InlineData("SHORTEN", MidjourneyAction.Shorten)]
    [InlineData("VIDEO", MidjourneyAction.Video)]
    [InlineData("ACTION", MidjourneyAction.Other)]
    [InlineData("SWAP_FACE", MidjourneyAction.Other)]
    public async Task GetTaskAsync_Action_MapsToNeutralAction(string action, MidjourneyAction expected)
    {
        MidjourneyTask task = await Fetch(MjProxyTestData.Task("t-1", action, "SUCCESS", "a cat", "100%"));

        Assert.Equal(expected, task.Action);
    }

    // ---- the task object ----

    [Fact]
    public async Task GetTaskAsync_RunningTask_MapsProgressTimesAndKeepsRawJson()
    {
        string json = """
            {"id":"t-1","action":"IMAGINE","status":"IN_PROGRESS","prompt":"a cat","promptEn":"a cat","progress":"65%",
             "submitTime":1767225600000,"startTime":1767225601500,"finishTime":0,"imageUrl":"https://cdn.test/partial.png","imageUrls":null,"failReason":null,"buttons":[]}
            """;

        MidjourneyTask task = await Fetch(json);

        Assert.Equal("t-1", task.Id);
        Assert.Equal(MidjourneyTaskStatus.InProgress, task.Status);
        Assert.Equal(65, task.Progress);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1767225600000), task.SubmittedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1767225601500), task.StartedAt);
        Assert.Null(task.FinishedAt);
        Assert.Equal(new Uri("https://cdn.test/partial.png"), task.ImageUrl);
        Assert.Empty(task.ImageUrls);
        Assert.Null(task.FailureReason);
        Assert.Equal(json, task.RawJson);
    }

    [Fact]
    public async Task GetTaskAsync_NotStartedTask_TimesOfZeroOrNullAreNotYet()
    {
        MidjourneyTask task = await Fetch("""{"id":"t-1","status":"NOT_START","progress":"0%","submitTime":1767225600000,"startTime":null,"finishTime":0}""");

        Assert.Equal(0, task.Progress);
        Assert.NotNull(task.SubmittedAt);
        Assert.Null(task.StartedAt);
        Assert.Null(task.FinishedAt);
    }

    [Theory]
    [InlineData("""["https://cdn.test/1.png","https://cdn.test/2.png"]""")]
    [InlineData("""[{"url":"https://cdn.test/1.png","thumbnail":"https://cdn.test/t1.png"},{"url":"https://cdn.test/2.png"}]""")]
    [InlineData("""["https://cdn.test/1.png",{"url":"https://cdn.test/2.png"},{"thumbnail":"x"},42,""]""")]
    public async Task GetTaskAsync_ImageUrlsAsStringsOrObjects_ReadsTheUrls(string imageUrls)
    {
        MidjourneyTask task = await Fetch($$"""{"id":"t-1","status":"SUCCESS","progress":"100%","imageUrl":"https://cdn.test/grid.png","imageUrls":{{imageUrls}}}""");

        Assert.Equal([new Uri("https://cdn.test/1.png"), new Uri("https://cdn.test/2.png")], task.ImageUrls);
        Assert.Equal(new Uri("https://cdn.test/grid.png"), task.ImageUrl);
    }

    [Fact]
    public async Task GetTaskAsync_SucceededWithoutProgress_Is100AndIdAsNumberIsText()
    {
        MidjourneyTask task = await Fetch("""{"id":1712345678901123,"status":"SUCCESS","parentId":1712345678900000}""");

        Assert.Equal("1712345678901123", task.Id);
        Assert.Equal("1712345678900000", task.ParentTaskId);
        Assert.Equal(100, task.Progress);
    }

    [Fact]
    public async Task GetTaskAsync_Describe_FourPromptsFromFinalPrompt()
    {
        MidjourneyTask task = await Fetch("""
            {"id":"t-1","action":"DESCRIBE","status":"SUCCESS","progress":"100%","prompt":"ignored","properties":{"finalPrompt":
            "1️⃣ a watercolor fox --ar 1:1\n\n2️⃣ a cinematic fox --ar 1:1\n\n3️⃣ an oil painting of a fox --ar 1:1\n\n4️⃣ a fox sketch --ar 1:1"}}
            """);

        Assert.Equal(MidjourneyAction.Describe, task.Action);
        Assert.Equal(["a watercolor fox --ar 1:1", "a cinematic fox --ar 1:1", "an oil painting of a fox --ar 1:1", "a fox sketch --ar 1:1"], task.Prompts);
        Assert.Null(task.Prompt);
    }

    [Fact]
    public async Task GetTaskAsync_DescribeWithoutFinalPrompt_PromptsFromPromptEn()
    {
        MidjourneyTask task = await Fetch("""{"id":"t-1","action":"DESCRIBE","status":"SUCCESS","promptEn":"1️⃣ one\n\n2️⃣ two"}""");

        Assert.Equal(["one", "two"], task.Prompts);
    }

    [Fact]
    public async Task GetTaskAsync_Shorten_SuggestionsFromFinalPromptWithoutTheTokenHeading()
    {
        MidjourneyTask task = await Fetch("""
            {"id":"t-1","action":"SHORTEN","status":"SUCCESS","prompt":"a very long prompt","properties":{"finalPrompt":
            "**IMPORTANT TOKENS**\n**long** **prompt**\n\n**SHORTENED OPTIONS**\n1️⃣ long, prompt\n2️⃣ long"}}
            """);

        Assert.Equal(["long, prompt", "long"], task.Prompts);
        Assert.Equal("a very long prompt", task.Prompt);
    }

    [Fact]
    public async Task GetTaskAsync_Running_NoPromptsYet()
    {
        MidjourneyTask task = await Fetch("""{"id":"t-1","action":"DESCRIBE","status":"IN_PROGRESS","properties":{"finalPrompt":"1️⃣ partial"}}""");

        Assert.Empty(task.Prompts);
    }

    [Theory]
    [InlineData("FAILURE", MidjourneyTaskStatus.Failed)]
    [InlineData("CANCEL", MidjourneyTaskStatus.Canceled)]
    public async Task GetTaskAsync_FailedOrCanceled_FailReasonIsTheFailureReason(string status, MidjourneyTaskStatus expected)
    {
        MidjourneyTask task = await Fetch($$"""{"id":"t-1","status":"{{status}}","progress":"40%","failReason":"[Invalid parameter] Unrecognized parameter(s): `--foo`"}""");

        Assert.Equal(expected, task.Status);
        Assert.Equal("[Invalid parameter] Unrecognized parameter(s): `--foo`", task.FailureReason);
    }

    [Fact]
    public async Task GetTaskAsync_PromptOrPromptEn_PrefersTheSubmittedPrompt()
    {
        _server.On(
            HttpMethod.Get,
            FetchT1,
            Wire.Json("""{"id":"t-1","status":"SUCCESS","prompt":"一只猫","promptEn":"a cat"}"""),
            Wire.Json("""{"id":"t-1","status":"SUCCESS","prompt":"","promptEn":"a cat"}"""));
        MidjourneyClient client = Client(_server);

        MidjourneyTask both = await client.GetTaskAsync("t-1");
        MidjourneyTask onlyEn = await client.GetTaskAsync("t-1");

        Assert.Equal("一只猫", both.Prompt);
        Assert.Equal("a cat", onlyEn.Prompt);
    }

    [Fact]
    public async Task GetTaskAsync_ErrorBodyInsteadOfTask_ThrowsTheCodesException()
    {
        _server.On(HttpMethod.Get, FetchT1, Wire.Json("""{"code":3,"description":"task not found","result":null}"""));

        var ex = await Assert.ThrowsAsync<MidjourneyNotFoundException>(() => Client(_server).GetTaskAsync("t-1"));

        Assert.Contains("task not found", ex.Message, StringComparison.Ordinal);
        Assert.Contains("GET " + _server.Url(FetchT1), ex.Message, StringComparison.Ordinal);
        Assert.Equal(200, ex.StatusCode);
        Assert.Equal("3", ex.ErrorCode);
    }

    [Theory]
    [InlineData("""{"status":"SUCCESS"}""")]
    [InlineData("""{"code":1,"description":"ok"}""")]
    public async Task GetTaskAsync_TaskWithoutId_ThrowsProtocolException(string json)
    {
        _server.On(HttpMethod.Get, FetchT1, Wire.Json(json));

        var ex = await Assert.ThrowsAsync<MidjourneyProtocolException>(() => Client(_server).GetTaskAsync("t-1"));

        Assert.Equal(200, ex.StatusCode);
    }

    [Fact]
    public async Task GetTaskAsync_HtmlPage_ThrowsProtocolExceptionKeepingTheStatus()
    {
        _server.On(HttpMethod.Get, FetchT1, Wire.Html(HttpStatusCode.BadGateway, "<html>bad gateway</html>"));

        var ex = await Assert.ThrowsAsync<MidjourneyProtocolException>(() => Client(_server).GetTaskAsync("t-1"));

        Assert.Equal(502, ex.StatusCode);
        Assert.True(ex.IsTransient);
        Assert.Contains("bad gateway", ex.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    // ---- list-by-condition (the typed API's batch read) ----

    [Fact]
    public async Task ListByConditionAsync_Ids_PostsThemAndReadsTheTasks()
    {
        _server.On(HttpMethod.Post, ListByCondition, Wire.Json($"[{Grid("a")},{Image("b")}]"));
        (IMjProxyApi api, ApiCaller http) = ListApi(maxRetries: 0, new FakeTimeProvider { AutoAdvance = true });
        var body = new MjProxyListByConditionBody { Ids = ["a", "b", "gone"] };

        var response = await http.ReadAsync(
            (api, body),
            static (s, ct) => s.api.ListByConditionAsync("Bearer " + ApiKey, null, s.body, ct),
            MjProxyJsonContext.Default.IReadOnlyListMjProxyTask,
            static (_, answer) => answer,
            CancellationToken.None);

        AssertRequest(_server, _server.Single, HttpMethod.Post, ListByCondition);
        AssertBody(_server.Single, new { ids = new[] { "a", "b", "gone" } });
        Assert.Equal(["a", "b"], response.Value.Select(t => t.Id));
        Assert.Empty(_server.Unmatched);
    }

    [Fact]
    public async Task ListByConditionAsync_500Then200_IsRetriedAsARead()
    {
        // A POST, but a read: resent after a server error, unlike a submit.
        _server.On(HttpMethod.Post, ListByCondition, Wire.Error(HttpStatusCode.InternalServerError, """{"message":"trouble"}"""), Wire.Json($"[{Grid("a")}]"));
        var time = new FakeTimeProvider { AutoAdvance = true };
        (IMjProxyApi api, ApiCaller http) = ListApi(maxRetries: 2, time);
        var body = new MjProxyListByConditionBody { Ids = ["a"] };

        var response = await http.ReadAsync(
            (api, body),
            static (s, ct) => s.api.ListByConditionAsync("Bearer " + ApiKey, null, s.body, ct),
            MjProxyJsonContext.Default.IReadOnlyListMjProxyTask,
            static (_, answer) => answer,
            CancellationToken.None);

        Assert.Equal(["a"], response.Value.Select(t => t.Id));
        Assert.Equal(2, _server.Requests.Count);
        Assert.Equal(_server.Requests[0].Body, _server.Requests[1].Body);
        Assert.Single(time.RequestedDelays);
    }

    /// <summary>The typed API and its caller as the provider builds them (list-by-condition has no facade method).</summary>
    private (IMjProxyApi Api, ApiCaller Http) ListApi(int maxRetries, FakeTimeProvider time)
    {
        var options = new MidjourneyClientOptions { Provider = MidjourneyProvider.MjProxy, ApiKey = ApiKey, BaseUrl = _server.BaseUrl, Retry = { MaxRetries = maxRetries } };
        var context = new ProviderContext(new HttpClient(), options, time, NullLoggerFactory.Instance);
        return context.CreateApi<IMjProxyApi>(_server.BaseUrl, MjProxyJsonContext.Default);
    }
}
