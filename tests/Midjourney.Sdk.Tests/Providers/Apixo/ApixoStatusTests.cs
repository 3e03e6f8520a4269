using Microsoft.Extensions.Logging;
using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Providers.Apixo;

/// <summary>
/// statusTask over real HTTP (WireMock.Net on 127.0.0.1): the GET that goes out and how its envelope, state,
/// resultJson string and failure codes map.
/// </summary>
public sealed class ApixoStatusTests : IDisposable
{
    private readonly WireServer _server = ApixoWire.Server();

    public void Dispose() => _server.Dispose();

    private MidjourneyClient Client() => ApixoWire.Client(_server);

    /// <summary>Answers statusTask for <paramref name="taskId"/> with <paramref name="json"/> and reads that task.</summary>
    private async Task<MidjourneyTask> Fetch(string json, string taskId = "task-9")
    {
        ApixoWire.AnswerStatus(_server, taskId, json);
        return await Client().GetTaskAsync(taskId);
    }

    [Fact]
    public async Task GetTaskAsync_AnyId_GetsStatusTaskWithTheIdEscapedInTheQuery()
    {
        await Fetch(ApixoWire.Processing("id with/odd&chars"), "id with/odd&chars");

        ApixoWire.AssertStatus(_server, _server.Single, "id with/odd&chars");
        Assert.Equal("?taskId=id%20with%2Fodd%26chars", _server.Single.Uri.Query);
        Assert.Empty(_server.Unmatched);
    }

    [Theory]
    [InlineData("pending", MidjourneyTaskStatus.Pending, false)]
    [InlineData("processing", MidjourneyTaskStatus.InProgress, false)]
    [InlineData("success", MidjourneyTaskStatus.Succeeded, true)]
    [InlineData("failed", MidjourneyTaskStatus.Failed, true)]
    [InlineData("SUCCESS", MidjourneyTaskStatus.Succeeded, true)]
    [InlineData("queued_for_gpu", MidjourneyTaskStatus.InProgress, false)]
    [InlineData("", MidjourneyTaskStatus.InProgress, false)]
    public async Task GetTaskAsync_State_MapsToNeutralStatus(string state, MidjourneyTaskStatus expected, bool completed)
    {
        MidjourneyTask task = await Fetch(ApixoWire.Status($$"""{"taskId":"task-9","state":"{{state}}"}"""));

        Assert.Equal(expected, task.Status);
        Assert.Equal(completed, task.IsCompleted);
        Assert.Equal("task-9", task.Id);
        Assert.Equal(MidjourneyProvider.Apixo, task.Provider);
    }

    [Fact]
    public async Task GetTaskAsync_UnknownStates_AreLoggedOncePerValue()
    {
        using var logs = new ListLoggerProvider();
        using ILoggerFactory factory = logs.CreateFactory();
        MidjourneyClient client = ApixoWire.Client(_server, loggerFactory: factory);
        ApixoWire.AnswerStatus(_server, "t", ApixoWire.Status("""{"taskId":"t","state":"warming_up"}"""));

        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(MidjourneyTaskStatus.InProgress, (await client.GetTaskAsync("t")).Status);
        }

        Assert.Single(logs.Entries, e => e.AllText.Contains("warming_up", StringComparison.Ordinal));
        Assert.Equal(3, _server.Requests.Count);
    }

    [Fact]
    public async Task GetTaskAsync_Success_ParsesTheResultJsonStringIntoImageUrlAndImageUrls()
    {
        string json = ApixoWire.Succeeded("task-9", "https://cdn.apixo.test/0.png", "https://cdn.apixo.test/1.png", "https://cdn.apixo.test/2.png", "https://cdn.apixo.test/3.png");

        MidjourneyTask task = await Fetch(json);

        Assert.Equal(MidjourneyTaskStatus.Succeeded, task.Status);
        Assert.Equal(100, task.Progress);
        // Four images and no grid: ImageUrl is the grid on every provider, so APIXO has none.
        Assert.Null(task.ImageUrl);
        Assert.Equal(
            [new Uri("https://cdn.apixo.test/0.png"), new Uri("https://cdn.apixo.test/1.png"), new Uri("https://cdn.apixo.test/2.png"), new Uri("https://cdn.apixo.test/3.png")],
            task.ImageUrls);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), task.SubmittedAt);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 32, 500, TimeSpan.Zero), task.FinishedAt);
        Assert.Null(task.StartedAt);
        Assert.Null(task.FailureCode);
        Assert.Null(task.FailureReason);
        Assert.Empty(task.Prompts);
        Assert.Equal(json, task.RawJson);
    }

    [Fact]
    public async Task GetTaskAsync_Processing_HasNoProgressNoImagesNoFinishTime()
    {
        MidjourneyTask task = await Fetch(ApixoWire.Processing("task-9"));

        Assert.Null(task.Progress);
        Assert.Null(task.ImageUrl);
        Assert.Empty(task.ImageUrls);
        Assert.Null(task.FinishedAt);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), task.SubmittedAt);
    }

    [Fact]
    public async Task GetTaskAsync_ResultJsonAsAnObject_IsReadToo()
    {
        MidjourneyTask task = await Fetch(ApixoWire.Status("""{"taskId":"task-9","state":"success","resultJson":{"resultUrls":["https://cdn.apixo.test/a.png"]}}"""));

        Assert.Equal(new Uri("https://cdn.apixo.test/a.png"), task.ImageUrl);
        Assert.Single(task.ImageUrls);
    }

    [Fact]
    public async Task GetTaskAsync_ResultUrlsAsObjects_AreReadToo()
    {
        MidjourneyTask task = await Fetch(ApixoWire.Status("""{"taskId":"task-9","state":"success","resultJson":"{\"resultUrls\":[{\"resultUrl\":\"https://cdn.apixo.test/a.png\"},\"not a url\"]}"}"""));

        Assert.Equal([new Uri("https://cdn.apixo.test/a.png")], task.ImageUrls);
    }

    [Theory]
    [InlineData("\"{\\\"resultUrls\\\": [\"")]
    [InlineData("\"not json at all\"")]
    [InlineData("\"[\\\"https://cdn.apixo.test/a.png\\\"]\"")]
    [InlineData("42")]
    public async Task GetTaskAsync_MalformedResultJson_ThrowsProtocolException(string resultJson)
    {
        ApixoWire.AnswerStatus(_server, "task-9", ApixoWire.Status($$"""{"taskId":"task-9","state":"success","resultJson":{{resultJson}}}"""));

        var ex = await Assert.ThrowsAsync<MidjourneyProtocolException>(() => Client().GetTaskAsync("task-9"));

        Assert.Contains("resultJson", ex.Message, StringComparison.Ordinal);
        Assert.Equal(MidjourneyProvider.Apixo, ex.Provider);
        Assert.False(ex.IsTransient);
    }

    [Fact]
    public async Task GetTaskAsync_SuccessWithoutResultJson_HasNoImages()
    {
        MidjourneyTask task = await Fetch(ApixoWire.Status("""{"taskId":"task-9","state":"success","resultJson":""}"""));

        Assert.Equal(MidjourneyTaskStatus.Succeeded, task.Status);
        Assert.Null(task.ImageUrl);
        Assert.Empty(task.ImageUrls);
    }

    [Fact]
    public async Task GetTaskAsync_Failed_GivesFailCodeAndFailMsg()
    {
        MidjourneyTask task = await Fetch(ApixoWire.Status(
            """{"taskId":"task-9","state":"failed","failCode":"INVALID_IMAGE_URL","failMsg":"The image could not be downloaded","createTime":1767225600000,"completeTime":1767225605000}"""));

        Assert.Equal(MidjourneyTaskStatus.Failed, task.Status);
        Assert.Equal("INVALID_IMAGE_URL", task.FailureCode);
        Assert.Equal("The image could not be downloaded", task.FailureReason);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 5, TimeSpan.Zero), task.FinishedAt);
        Assert.Null(task.Progress);
    }

    [Theory]
    [InlineData("CONTENT_VIOLATION")]
    [InlineData("NSFW_DETECTED")]
    [InlineData("SensitiveContentDetected")]
    public async Task GetTaskAsync_ContentViolationCodeWithoutMessage_SaysContentPolicyAndKeepsTheCode(string failCode)
    {
        MidjourneyTask task = await Fetch(ApixoWire.Status($$"""{"taskId":"task-9","state":"failed","failCode":"{{failCode}}"}"""));

        Assert.Equal(MidjourneyFailureCodes.ContentPolicy, task.FailureCode);
        Assert.Equal(failCode, task.ProviderFailureCode);
        Assert.Contains("content policy", task.FailureReason, StringComparison.Ordinal);
        Assert.Contains(failCode, task.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTaskAsync_OtherCodeWithoutMessage_NamesTheCode()
    {
        MidjourneyTask task = await Fetch(ApixoWire.Status("""{"taskId":"task-9","state":"failed","failCode":"GENERATION_FAILED"}"""));

        Assert.Equal("GENERATION_FAILED", task.FailureCode);
        Assert.Equal("APIXO reported GENERATION_FAILED.", task.FailureReason);
    }

    [Fact]
    public async Task WaitForCompletionAsync_ContentViolation_ThrowsTaskFailedWithTheCode()
    {
        ApixoWire.AnswerStatus(_server, "task-9", ApixoWire.Status("""{"taskId":"task-9","state":"failed","failCode":"NSFW_DETECTED","failMsg":"Content violates the usage policy"}"""));

        var ex = await Assert.ThrowsAsync<MidjourneyTaskFailedException>(() => Client().DriveAsync(c => c.WaitForCompletionAsync("task-9")));

        Assert.Equal(MidjourneyFailureCodes.ContentPolicy, ex.ErrorCode);
        Assert.Equal(MidjourneyFailureCodes.ContentPolicy, ex.Task.FailureCode);
        Assert.Equal("NSFW_DETECTED", ex.Task.ProviderFailureCode);
        Assert.Equal("Content violates the usage policy", ex.Task.FailureReason);
        Assert.Contains("NSFW_DETECTED", ex.Message, StringComparison.Ordinal);
        Assert.Equal(MidjourneyProvider.Apixo, ex.Provider);
    }

    [Fact]
    public async Task GetTaskAsync_TaskThisClientSubmitted_GetsActionPromptAndParentFromTheSubmit()
    {
        MidjourneyClient client = Client();
        ApixoWire.AnswerSubmits(_server, "var-1");
        ApixoWire.AnswerStatus(_server, "var-1", ApixoWire.Processing("var-1"));
        await client.VariationAsync(new VariationRequest("grid-1", 2) { Prompt = "a blue cat" });

        MidjourneyTask task = await client.GetTaskAsync("var-1");

        Assert.Equal(MidjourneyAction.Variation, task.Action);
        Assert.Equal("a blue cat", task.Prompt);
        Assert.Equal("grid-1", task.ParentTaskId);
        ApixoWire.AssertSubmit(_server, _server.Requests[0]);
        ApixoWire.AssertStatus(_server, _server.Requests[1], "var-1");
    }

    [Fact]
    public async Task GetTaskAsync_TaskFromElsewhere_HasActionOtherAndNoPromptOrParent()
    {
        MidjourneyTask task = await Fetch(ApixoWire.Processing("task-9"));

        Assert.Equal(MidjourneyAction.Other, task.Action);
        Assert.Null(task.Prompt);
        Assert.Null(task.ParentTaskId);
    }

    [Fact]
    public async Task GetTaskAsync_DataWithoutTaskId_KeepsTheRequestedId()
    {
        MidjourneyTask task = await Fetch(ApixoWire.Status("""{"state":"pending"}"""));

        Assert.Equal("task-9", task.Id);
        Assert.Equal(MidjourneyTaskStatus.Pending, task.Status);
    }

    [Theory]
    [InlineData("""{"code":200,"message":"success"}""")]
    [InlineData("""{"code":200,"message":"success","data":null}""")]
    [InlineData("""{"code":200,"message":"success","data":"task-9"}""")]
    public async Task GetTaskAsync_NoDataObject_ThrowsProtocolException(string json)
    {
        ApixoWire.AnswerStatus(_server, "task-9", json);

        var ex = await Assert.ThrowsAsync<MidjourneyProtocolException>(() => Client().GetTaskAsync("task-9"));

        Assert.Equal(200, ex.StatusCode);
        Assert.Equal(MidjourneyProvider.Apixo, ex.Provider);
    }

    [Theory]
    [InlineData("1767225600000")]
    [InlineData("\"1767225600000\"")]
    [InlineData("1767225600")]
    public async Task GetTaskAsync_CreateTimeAsMillisecondsOrText_ReadsLeniently(string createTime)
    {
        MidjourneyTask task = await Fetch(ApixoWire.Status($$"""{"taskId":"task-9","state":"pending","createTime":{{createTime}}}"""));

        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), task.SubmittedAt);
    }

    [Fact]
    public async Task GetTaskAsync_Answer_KeepsRawJsonExactlyAsReceived()
    {
        const string json = "{ \"code\" : 200, \"message\":\"success\",\n \"data\": {\"taskId\":\"task-9\",\"state\":\"processing\",\"extra\":[1, null]} }";

        MidjourneyTask task = await Fetch(json);

        Assert.Equal(json, task.RawJson);
    }
}
