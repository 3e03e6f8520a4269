using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Midjourney.Sdk.Http;
using Midjourney.Sdk.Providers;
using Midjourney.Sdk.Providers.MjProxy;
using Midjourney.Sdk.Tests.TestSupport;
using static Midjourney.Sdk.Tests.Providers.MjProxy.MjProxyTestData;

namespace Midjourney.Sdk.Tests.Providers.MjProxy;

/// <summary>MJ-Proxy's body-level submit codes, its seven statuses and its task object, as the caller sees them.</summary>
public sealed class MjProxyMappingTests
{
    private readonly RecordingHandler _handler = new();

    private async Task<TException> SubmitFails<TException>(string answer, Action<MidjourneyClientOptions>? configure = null)
        where TException : MidjourneyException
    {
        _handler.RespondJson(answer);
        return await Assert.ThrowsAsync<TException>(() => Client(_handler, configure).ImagineAsync(new ImagineRequest("a cat")));
    }

    private async Task<MidjourneyTask> Fetch(string json)
    {
        _handler.RespondJson(json);
        return await Client(_handler).GetTaskAsync("t-1");
    }

    // ---- submit codes (HTTP 200, the body says what happened) ----

    [Fact]
    public async Task Submit_Code24_ThrowsContentPolicyNamingTheBannedWord()
    {
        var ex = await SubmitFails<MidjourneyContentPolicyException>(
            """{"code":24,"description":"May contains sensitive words","result":null,"properties":{"promptEn":"a nsfw cat","bannedWord":"nsfw"}}""");

        Assert.Contains("May contains sensitive words", ex.Message, StringComparison.Ordinal);
        Assert.Contains("The banned word is 'nsfw'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(24, ex.StatusCode);
        Assert.Equal("BANNED_PROMPT", ex.ErrorCode);
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
        Assert.Contains($"POST {BaseUrl}/mj/submit/imagine", ex.Message, StringComparison.Ordinal);
        Assert.Equal(4, ex.StatusCode);
        Assert.Equal("VALIDATION_ERROR", ex.ErrorCode);
    }

    [Fact]
    public async Task Submit_Code3_ThrowsNotFound()
    {
        var ex = await SubmitFails<MidjourneyNotFoundException>("""{"code":3,"description":"no available account","result":null}""");

        Assert.Equal(3, ex.StatusCode);
        Assert.Equal("NOT_FOUND", ex.ErrorCode);
    }

    [Fact]
    public async Task Submit_Code9Failure_ThrowsServiceWithoutResending()
    {
        var ex = await SubmitFails<MidjourneyServiceException>("""{"code":9,"description":"Discord account is disabled","result":null}""", o => o.Retry.MaxRetries = 3);

        Assert.Contains("Discord account is disabled", ex.Message, StringComparison.Ordinal);
        Assert.Equal(9, ex.StatusCode);
        Assert.False(ex.IsTransient);
        Assert.Single(_handler.Requests);
    }

    [Theory]
    [InlineData(23, "The queue is full, please try again later")]
    [InlineData(9, "The queue is full, please try again later")]
    [InlineData(9, "队列已满，请稍后尝试")]
    public async Task Submit_QueueFull_IsRetriedAsProvablyNotTaken(int code, string description)
    {
        _handler.RespondJson($$"""{"code":{{code}},"description":"{{description}}","result":null}""").RespondJson(Answer("task-2"));

        MidjourneyTask task = await Client(_handler, o => o.Retry.MaxRetries = 2).ImagineAsync(new ImagineRequest("a cat"));

        Assert.Equal("task-2", task.Id);
        Assert.Equal(2, _handler.Requests.Count);
    }

    [Fact]
    public async Task Submit_QueueFullEveryTime_ThrowsTransientServiceAfterTheRetries()
    {
        var ex = await SubmitFails<MidjourneyServiceException>(
            """{"code":23,"description":"The queue is full, please try again later","result":null}""", o => o.Retry.MaxRetries = 2);

        Assert.True(ex.IsTransient);
        Assert.Equal("QUEUE_REJECTED", ex.ErrorCode);
        Assert.Equal(3, _handler.Requests.Count);
    }

    [Fact]
    public async Task Submit_UnknownCode_ThrowsMidjourneyExceptionWithCodeAndDescription()
    {
        var ex = await SubmitFails<MidjourneyException>("""{"code":7,"description":"something new","result":null}""");

        Assert.Equal(typeof(MidjourneyException), ex.GetType());
        Assert.Equal(7, ex.StatusCode);
        Assert.Contains("code 7", ex.Message, StringComparison.Ordinal);
        Assert.Contains("something new", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_CodeAsString_IsRead()
    {
        _handler.RespondJson("""{"code":"1","description":"ok","result":"task-3"}""");

        MidjourneyTask task = await Client(_handler).ImagineAsync(new ImagineRequest("a cat"));

        Assert.Equal("task-3", task.Id);
    }

    [Fact]
    public async Task Submit_Http200WithoutCode_ThrowsSubmissionUncertainAroundAProtocolError()
    {
        var ex = await SubmitFails<MidjourneySubmissionUncertainException>("""{"error":{"message":"upstream said no"}}""", o => o.Retry.MaxRetries = 3);

        Assert.IsType<MidjourneyProtocolException>(ex.InnerException);
        Assert.Single(_handler.Requests);
    }

    [Theory]
    [InlineData("""{"code":1,"description":"ok","result":null}""")]
    [InlineData("""{"code":1,"description":"ok","result":""}""")]
    public async Task Submit_AcceptedWithoutTaskId_ThrowsSubmissionUncertain(string answer)
    {
        var ex = await SubmitFails<MidjourneySubmissionUncertainException>(answer, o => o.Retry.MaxRetries = 3);

        Assert.Contains("no task id", ex.Message, StringComparison.Ordinal);
        Assert.Single(_handler.Requests);
    }

    [Fact]
    public async Task Submit_Http401_ThrowsAuthenticationWithoutTheKey()
    {
        _handler.RespondError(HttpStatusCode.Unauthorized, """{"code":9,"description":"invalid secret sk-secret-key-123"}""");

        var ex = await Assert.ThrowsAsync<MidjourneyAuthenticationException>(() => Client(_handler, o => o.ApiKey = "sk-secret-key-123").ImagineAsync(new ImagineRequest("a cat")));

        Assert.Equal(401, ex.StatusCode);
        Assert.DoesNotContain("sk-secret-key-123", ex.Message, StringComparison.Ordinal);
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
        MidjourneyTask both = await Fetch("""{"id":"t-1","status":"SUCCESS","prompt":"一只猫","promptEn":"a cat"}""");
        MidjourneyTask onlyEn = await Fetch("""{"id":"t-1","status":"SUCCESS","prompt":"","promptEn":"a cat"}""");

        Assert.Equal("一只猫", both.Prompt);
        Assert.Equal("a cat", onlyEn.Prompt);
    }

    [Fact]
    public async Task GetTaskAsync_ErrorBodyInsteadOfTask_ThrowsTheCodesException()
    {
        _handler.RespondJson("""{"code":3,"description":"task not found","result":null}""");

        var ex = await Assert.ThrowsAsync<MidjourneyNotFoundException>(() => Client(_handler).GetTaskAsync("t-1"));

        Assert.Contains("task not found", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"status":"SUCCESS"}""")]
    [InlineData("""{"code":1,"description":"ok"}""")]
    public async Task GetTaskAsync_TaskWithoutId_ThrowsProtocolException(string json)
    {
        _handler.RespondJson(json);

        await Assert.ThrowsAsync<MidjourneyProtocolException>(() => Client(_handler).GetTaskAsync("t-1"));
    }

    [Fact]
    public async Task GetTaskAsync_HtmlPage_ThrowsProtocolExceptionKeepingTheStatus()
    {
        _handler.RespondText("<html>bad gateway</html>", "text/html", HttpStatusCode.BadGateway);

        var ex = await Assert.ThrowsAsync<MidjourneyProtocolException>(() => Client(_handler).GetTaskAsync("t-1"));

        Assert.Equal(502, ex.StatusCode);
    }

    // ---- list-by-condition (the typed API's batch read) ----

    [Fact]
    public async Task ListByConditionAsync_Ids_PostsThemAndReadsTheTasks()
    {
        _handler.RespondJson($"[{Grid("a")},{Image("b")}]");
        var options = new MidjourneyClientOptions { Provider = MidjourneyProvider.MjProxy, ApiKey = ApiKey, BaseUrl = new Uri(BaseUrl), Retry = { MaxRetries = 0 } };
        var context = new ProviderContext(new HttpClient(_handler), options, TimeProvider.System, NullLoggerFactory.Instance);
        (IMjProxyApi api, ApiCaller http) = context.CreateApi<IMjProxyApi>(new Uri(BaseUrl), "Authorization", "Bearer " + ApiKey, MjProxyJsonContext.Default);
        var body = new MjProxyListByConditionBody { Ids = ["a", "b", "gone"] };

        var response = await http.ReadAsync(ct => api.ListByConditionAsync(body, ct), MjProxyJsonContext.Default.IReadOnlyListMjProxyTask, CancellationToken.None);

        AssertRequest(_handler.Single, HttpMethod.Post, "/mj/task/list-by-condition");
        AssertBody(_handler.Single, new { ids = new[] { "a", "b", "gone" } });
        Assert.Equal(["a", "b"], response.Value.Select(t => t.Id));
    }
}
