using Midjourney.Sdk.Tests.TestSupport;
using static Midjourney.Sdk.Tests.Webhooks.WebhookKit;

namespace Midjourney.Sdk.Tests.Webhooks;

/// <summary>
/// Realistic callback bodies of each provider (PROTOCOLS.md section 5) read into a <see cref="MidjourneyTask"/> by
/// <see cref="MidjourneyClient.HandleWebhookAsync"/> on a client without a secret (so nothing is authenticated), offline:
/// reading a callback sends nothing. The task keeps the body as its raw JSON.
/// </summary>
public sealed class WebhookParsingTests
{
    private static async Task<MidjourneyTask> Read(MidjourneyProvider provider, string body)
    {
        using MidjourneyClient client = Offline(provider);
        MidjourneyTask task = await client.HandleWebhookAsync(Arrived(body, [new("Content-Type", "application/json")], Hook));
        Assert.Equal(provider, task.Provider);
        Assert.Equal(body, task.RawJson);
        return task;
    }

    // ---- GoAPI: the fetch object ----

    [Fact]
    public async Task HandleWebhookAsync_GoApiFinished_SucceededWithTheGridAndItsImages()
    {
        string body = GoApi(
            "a1b2c3d4-0001",
            "finished",
            100,
            imageUrl: "https://img.midjourneyapi.xyz/mj/a1b2c3d4-0001.png",
            imageUrls: """["https://img.midjourneyapi.xyz/mj/a1b2c3d4-0001_0.png","https://img.midjourneyapi.xyz/mj/a1b2c3d4-0001_1.png"]""");

        MidjourneyTask task = await Read(MidjourneyProvider.GoApi, body);

        Assert.Equal("a1b2c3d4-0001", task.Id);
        Assert.Equal(MidjourneyTaskStatus.Succeeded, task.Status);
        Assert.Equal(MidjourneyAction.Imagine, task.Action);
        Assert.Equal(100, task.Progress);
        Assert.Equal("a cat in the snow --v 7", task.Prompt);
        Assert.Equal(new Uri("https://img.midjourneyapi.xyz/mj/a1b2c3d4-0001.png"), task.ImageUrl);
        Assert.Equal(
            [new Uri("https://img.midjourneyapi.xyz/mj/a1b2c3d4-0001_0.png"), new Uri("https://img.midjourneyapi.xyz/mj/a1b2c3d4-0001_1.png")],
            task.ImageUrls);
        Assert.Null(task.FailureReason);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1767225600), task.SubmittedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1767225641), task.FinishedAt);
        Assert.True(task.IsCompleted);
    }

    [Fact]
    public async Task HandleWebhookAsync_GoApiFailed_FailedWithTheErrorMessages()
    {
        string body = GoApi("a1b2c3d4-0002", "failed", 0, errorMessages: """["Banned prompt detected","Job action restricted"]""");

        MidjourneyTask task = await Read(MidjourneyProvider.GoApi, body);

        Assert.Equal("a1b2c3d4-0002", task.Id);
        Assert.Equal(MidjourneyTaskStatus.Failed, task.Status);
        Assert.Equal("Banned prompt detected; Job action restricted", task.FailureReason);
        Assert.Null(task.ImageUrl);
        Assert.Empty(task.ImageUrls);
    }

    [Fact]
    public async Task HandleWebhookAsync_GoApiProcessing_InProgressWithItsProgress()
    {
        MidjourneyTask task = await Read(MidjourneyProvider.GoApi, GoApi("a1b2c3d4-0003", "processing", 45));

        Assert.Equal(MidjourneyTaskStatus.InProgress, task.Status);
        Assert.Equal(45, task.Progress);
        Assert.False(task.IsCompleted);
        Assert.Null(task.ImageUrl);
    }

    // ---- MJ-Proxy: the task object ----

    [Fact]
    public async Task HandleWebhookAsync_MjProxySuccess_SucceededWithTheImageAndProgress100()
    {
        string body = MjProxy("1767225600123456", "SUCCESS", "100%", imageUrl: "https://cdn.discordapp.com/attachments/1/2/a_cat.png");

        MidjourneyTask task = await Read(MidjourneyProvider.MjProxy, body);

        Assert.Equal("1767225600123456", task.Id);
        Assert.Equal(MidjourneyTaskStatus.Succeeded, task.Status);
        Assert.Equal(MidjourneyAction.Imagine, task.Action);
        Assert.Equal(100, task.Progress);
        Assert.Equal("a cat in the snow", task.Prompt);
        Assert.Equal(new Uri("https://cdn.discordapp.com/attachments/1/2/a_cat.png"), task.ImageUrl);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1767225640000), task.FinishedAt);
    }

    [Fact]
    public async Task HandleWebhookAsync_MjProxyFailure_FailedWithTheFailReason()
    {
        string body = MjProxy("1767225600123457", "FAILURE", "0%", failReason: "[Banned prompt detected] It appears your prompt may contain a banned word");

        MidjourneyTask task = await Read(MidjourneyProvider.MjProxy, body);

        Assert.Equal(MidjourneyTaskStatus.Failed, task.Status);
        Assert.Equal("[Banned prompt detected] It appears your prompt may contain a banned word", task.FailureReason);
        Assert.Null(task.ImageUrl);
    }

    [Fact]
    public async Task HandleWebhookAsync_MjProxyInProgress_InProgressWithThePercentRead()
    {
        MidjourneyTask task = await Read(MidjourneyProvider.MjProxy, MjProxy("1767225600123458", "IN_PROGRESS", "45%"));

        Assert.Equal(MidjourneyTaskStatus.InProgress, task.Status);
        Assert.Equal(45, task.Progress);
        Assert.Null(task.FailureReason);
    }

    [Fact]
    public async Task HandleWebhookAsync_MjProxyNumericId_ReadAsText()
    {
        const string body = """{"id":1767225600123459,"action":"UPSCALE","status":"SUCCESS","progress":"100%","imageUrl":"https://cdn.test/u.png"}""";

        MidjourneyTask task = await Read(MidjourneyProvider.MjProxy, body);

        Assert.Equal("1767225600123459", task.Id);
        Assert.Equal(MidjourneyAction.Upscale, task.Action);
    }

    // ---- APIXO: the status envelope ----

    [Fact]
    public async Task HandleWebhookAsync_ApixoSuccess_ReadsTheUrlsFromTheResultJsonString()
    {
        string body = Apixo("apx-7f3a", "success", ""","resultJson":"{\"resultUrls\":[\"https://cdn.apixo.ai/r/1.png\",\"https://cdn.apixo.ai/r/2.png\",\"https://cdn.apixo.ai/r/3.png\",\"https://cdn.apixo.ai/r/4.png\"]}" """);

        MidjourneyTask task = await Read(MidjourneyProvider.Apixo, body);

        Assert.Equal("apx-7f3a", task.Id);
        Assert.Equal(MidjourneyTaskStatus.Succeeded, task.Status);
        Assert.Equal(100, task.Progress);
        Assert.Null(task.ImageUrl); // four separate images, no grid
        Assert.Equal(4, task.ImageUrls.Count);
        Assert.Equal(new Uri("https://cdn.apixo.ai/r/4.png"), task.ImageUrls[3]);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1767225600000), task.SubmittedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1767225632500), task.FinishedAt);
    }

    [Fact]
    public async Task HandleWebhookAsync_ApixoFailedWithOuterCode200_FailedWithFailCodeAndMessage()
    {
        string body = Apixo("apx-7f3b", "failed", ""","failCode":"CONTENT_VIOLATION","failMsg":"The prompt violates the content policy" """);

        MidjourneyTask task = await Read(MidjourneyProvider.Apixo, body);

        Assert.Equal(MidjourneyTaskStatus.Failed, task.Status);
        Assert.Equal(MidjourneyFailureCodes.ContentPolicy, task.FailureCode);
        Assert.Equal("CONTENT_VIOLATION", task.ProviderFailureCode);
        Assert.Equal("The prompt violates the content policy", task.FailureReason);
        Assert.Empty(task.ImageUrls);
    }

    [Fact]
    public async Task HandleWebhookAsync_ApixoTaskThisClientSubmitted_KnowsItsActionAndPrompt()
    {
        // APIXO's callback names no operation or prompt: the client knows them from its own submit.
        var transport = new RecordingHandler().RespondJson(Accepted(MidjourneyProvider.Apixo, "apx-own"));
        var options = new MidjourneyClientOptions { Provider = MidjourneyProvider.Apixo, ApiKey = ApiKey, BaseUrl = new Uri("https://relay.test/base"), Retry = { MaxRetries = 0 } };
        using var client = new MidjourneyClient(new HttpClient(transport), options, new FakeTimeProvider { AutoAdvance = true });
        await client.ImagineAsync(new ImagineRequest("a fox at dawn"));

        MidjourneyTask task = await client.HandleWebhookAsync(Arrived(Apixo("apx-own", "success", ""","resultJson":"{\"resultUrls\":[\"https://cdn.apixo.ai/r/f.png\"]}" """)));

        Assert.Equal(MidjourneyAction.Imagine, task.Action);
        Assert.Equal("a fox at dawn", task.Prompt);
        Assert.Single(transport.Requests); // the submit; reading the callback sent nothing
    }

    // ---- midapi ----

    [Fact]
    public async Task HandleWebhookAsync_MidApiSuccess_SucceededWithThePlainUrlsAndThePromptFromPromptJson()
    {
        const string body = """{"code":200,"msg":"success","data":{"taskId":"8f1c0e3b9a","promptJson":"{\"taskType\":\"mj_txt2img\",\"prompt\":\"a cat\"}","resultUrls":["https://tempfile.aiquickdraw.com/m/1.png","https://tempfile.aiquickdraw.com/m/2.png"]}}""";

        MidjourneyTask task = await Read(MidjourneyProvider.MidApi, body);

        Assert.Equal("8f1c0e3b9a", task.Id);
        Assert.Equal(MidjourneyTaskStatus.Succeeded, task.Status);
        Assert.Equal(MidjourneyAction.Imagine, task.Action);
        Assert.Equal("a cat", task.Prompt);
        Assert.Null(task.ImageUrl);
        Assert.Equal([new Uri("https://tempfile.aiquickdraw.com/m/1.png"), new Uri("https://tempfile.aiquickdraw.com/m/2.png")], task.ImageUrls);
        Assert.Null(task.FailureCode);
        Assert.Null(task.FailureReason);
    }

    [Theory]
    [InlineData("501", "Generation failed: the prompt was rejected by the content filter")]
    [InlineData("500", "Internal error")]
    [InlineData("\"501\"", "Generation failed")]
    public async Task HandleWebhookAsync_MidApiNon200Code_FailedWithTheCodeAndMessage(string code, string msg)
    {
        string body = $$$"""{"code":{{{code}}},"msg":"{{{msg}}}","data":{"taskId":"8f1c0e3b9b","promptJson":"{\"taskType\":\"mj_txt2img\",\"prompt\":\"a cat\"}","resultUrls":null}}""";

        MidjourneyTask task = await Read(MidjourneyProvider.MidApi, body);

        Assert.Equal(MidjourneyTaskStatus.Failed, task.Status);
        Assert.Equal(code.Trim('"'), task.ProviderFailureCode);
        Assert.Equal(msg.Contains("content filter", StringComparison.Ordinal) ? MidjourneyFailureCodes.ContentPolicy : code.Trim('"'), task.FailureCode);
        Assert.Equal(msg, task.FailureReason);
        Assert.Null(task.ImageUrl);
        Assert.Empty(task.ImageUrls);
    }

    [Fact]
    public async Task HandleWebhookAsync_MidApiUpscale_ActionFromTheTaskType()
    {
        const string body = """{"code":200,"msg":"success","data":{"taskId":"8f1c0e3b9c","promptJson":"{\"taskType\":\"mj_upscale\",\"taskId\":\"8f1c0e3b9a\"}","resultUrls":["https://tempfile.aiquickdraw.com/m/u.png"]}}""";

        MidjourneyTask task = await Read(MidjourneyProvider.MidApi, body);

        Assert.Equal(MidjourneyAction.Upscale, task.Action);
        Assert.Equal(new Uri("https://tempfile.aiquickdraw.com/m/u.png"), task.ImageUrl);
    }

    [Fact]
    public async Task HandleWebhookAsync_MidApiNumericTaskId_ReadAsText()
    {
        // Task ids are strings, but some servers send long numeric ids as numbers (record-info's reader accepts both).
        const string body = """{"code":200,"msg":"success","data":{"taskId":1767225600123,"promptJson":"{\"taskType\":\"mj_txt2img\",\"prompt\":\"a cat\"}","resultUrls":["https://tempfile.aiquickdraw.com/m/1.png"]}}""";

        MidjourneyTask task = await Read(MidjourneyProvider.MidApi, body);

        Assert.Equal("1767225600123", task.Id);
        Assert.Equal(MidjourneyTaskStatus.Succeeded, task.Status);
    }

    // ---- the same for every provider ----

    [Theory]
    [MemberData(nameof(AllProviders), MemberType = typeof(WebhookKit))]
    public async Task HandleWebhookAsync_NoSecretConfigured_AcceptsWithoutHeadersOrUrl(MidjourneyProvider provider)
    {
        using MidjourneyClient client = Offline(provider);
        string body = Callback(provider, "task-1", RelayTaskState.Succeeded);

        MidjourneyTask task = await client.HandleWebhookAsync(new MidjourneyWebhookRequest(System.Text.Encoding.UTF8.GetBytes(body)));

        Assert.Equal("task-1", task.Id);
        Assert.Equal(MidjourneyTaskStatus.Succeeded, task.Status);
        Assert.Equal(body, task.RawJson);
    }

    [Fact]
    public async Task HandleWebhookAsync_CallersBufferReusedAfterwards_TaskKeepsTheBodyAsReceived()
    {
        using MidjourneyClient client = Offline(MidjourneyProvider.GoApi);
        string body = GoApi("t-buf", "finished", 100, imageUrl: "https://img.test/t-buf.png");
        byte[] buffer = System.Text.Encoding.UTF8.GetBytes(body);

        MidjourneyTask task = await client.HandleWebhookAsync(new MidjourneyWebhookRequest(buffer));
        Array.Fill(buffer, (byte)' ');

        Assert.Equal(body, task.RawJson);
    }
}
