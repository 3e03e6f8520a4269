using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Midjourney.Sdk.Emulator;
using Midjourney.Sdk.Emulator.Protocols.MidApi;
using Midjourney.Sdk.Emulator.Tasks;
using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Emulator;

/// <summary>The midapi protocol over real loopback HTTP, with raw requests and a fake clock.</summary>
public sealed class MidApiEmulatorTests
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(3);

    private static Task<MidjourneyEmulator> StartAsync(FakeTimeProvider clock)
        => MidjourneyEmulator.StartAsync(new MidjourneyEmulatorOptions { TimeProvider = clock, TaskDuration = Duration });

    private static JsonObject Txt2Img(string prompt = "a lighthouse") => new() { ["taskType"] = "mj_txt2img", ["prompt"] = prompt };

    /// <summary>A finished grid (a generate, run to the end of its duration).</summary>
    private static async Task<string> FinishedGridAsync(MidApiTestClient client, FakeTimeProvider clock, string prompt = "a lighthouse")
    {
        var taskId = await client.SubmitAsync("generate", Txt2Img(prompt));
        clock.Advance(Duration);
        return taskId;
    }

    private static string[] ResultUrls(JsonElement resultInfo)
        => [.. resultInfo.GetProperty("resultUrls").EnumerateArray().Select(entry => entry.GetProperty("resultUrl").GetString()!)];

    // ---- paths and auth ----

    [Theory]
    [InlineData("/api/v1/mj/generate", true)]
    [InlineData("/api/v1/mj/generateUpscale", true)]
    [InlineData("/api/v1/mj/record-info", true)]
    [InlineData("/API/V1/MJ/generate", true)]
    [InlineData("/api/v1/mj", true)]
    [InlineData("/api/v1/generateTask/midjourney", false)]
    [InlineData("/api/v1/statusTask/midjourney", false)]
    [InlineData("/api/v1/mjx/generate", false)]
    [InlineData("/api/v1", false)]
    [InlineData("/mj/v2/imagine", false)]
    [InlineData("/images/x/1.png", false)]
    public void Owns_Path_OnlyMidapisOwnSegment(string path, bool owned)
    {
        var protocol = new MidApiProtocol(new TaskStore(TimeProvider.System, Duration), "key");

        Assert.Equal(owned, protocol.Owns(new PathString(path)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("wrong-key")]
    public async Task Generate_WithoutTheRightBearerKey_AnswersHttp200WithCode401(string apiKey)
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new MidApiTestClient(emulator, apiKey);

        using var response = await client.PostAsync("api/v1/mj/generate", Txt2Img());

        Assert.Contains("API key", await MidApiTestClient.ReadErrorAsync(response, 401), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordInfo_KeyInAnotherHeaderOrScheme_AnswersCode401()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new MidApiTestClient(emulator, apiKey: "");
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/mj/record-info?taskId=x");
        request.Headers.Add("X-API-KEY", emulator.ApiKey);
        request.Headers.TryAddWithoutValidation("Authorization", "Basic " + emulator.ApiKey);

        using var response = await client.Http.SendAsync(request);

        await MidApiTestClient.ReadErrorAsync(response, 401);
    }

    [Theory]
    [InlineData("POST", "api/v1/mj/upscale")]
    [InlineData("GET", "api/v1/mj/generate")]
    [InlineData("POST", "api/v1/mj/record-info")]
    public async Task UnknownEndpointUnderTheMidapiPrefix_Answers404(string method, string path)
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new MidApiTestClient(emulator);

        using var response = method == "GET" ? await client.GetAsync(path) : await client.PostAsync(path, new JsonObject { ["taskId"] = "x", ["index"] = 1 });

        Assert.Contains("does not exist", await MidApiTestClient.ReadErrorAsync(response, 404, HttpStatusCode.NotFound), StringComparison.Ordinal);
    }

    // ---- generate ----

    [Fact]
    public async Task Generate_Txt2Img_AnswersCode200WithATaskId()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new MidApiTestClient(emulator);

        var taskId = await client.SubmitAsync("generate", Txt2Img());

        Assert.True(Guid.TryParse(taskId, out _));
    }

    [Fact]
    public async Task Generate_EveryDocumentedField_IsAccepted()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new MidApiTestClient(emulator);

        await client.SubmitAsync("generate", new JsonObject
        {
            ["taskType"] = "mj_img2img",
            ["prompt"] = new string('a', 2000),
            ["speed"] = "turbo",
            ["aspectRatio"] = "2:1",
            ["version"] = "niji6",
            ["stylization"] = 1000,
            ["weirdness"] = 3000,
            ["variety"] = 100,
            ["fileUrls"] = new JsonArray("https://img.test/a.png", "https://img.test/b.png"),
            ["callBackUrl"] = "https://127.0.0.1:9/mj",
            ["enableTranslation"] = false,
            ["waterMark"] = "",
        });
    }

    [Fact]
    public async Task Generate_Img2ImgWithTheOlderSingleFileUrl_IsAccepted()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new MidApiTestClient(emulator);

        await client.SubmitAsync("generate", new JsonObject { ["taskType"] = "mj_img2img", ["prompt"] = "a cat", ["fileUrl"] = "https://img.test/a.png" });
    }

    [Theory]
    [InlineData("""{"prompt":"a cat"}""", "taskType is required")]
    [InlineData("""{"taskType":"mj_paint","prompt":"a cat"}""", "taskType must be one of")]
    [InlineData("""{"taskType":"mj_txt2img"}""", "prompt is required")]
    [InlineData("""{"taskType":"mj_txt2img","prompt":42}""", "prompt must be a string")]
    [InlineData("""{"taskType":"mj_txt2img","prompt":"a cat","speed":"slow"}""", "speed must be relaxed, fast or turbo")]
    [InlineData("""{"taskType":"mj_txt2img","prompt":"a cat","speed":"relax"}""", "speed must be relaxed, fast or turbo")]
    [InlineData("""{"taskType":"mj_txt2img","prompt":"a cat","aspectRatio":"21:9"}""", "aspectRatio must be one of")]
    [InlineData("""{"taskType":"mj_txt2img","prompt":"a cat","version":"v7"}""", "version must be one of")]
    [InlineData("""{"taskType":"mj_txt2img","prompt":"a cat","version":"niji 6"}""", "version must be one of")]
    [InlineData("""{"taskType":"mj_txt2img","prompt":"a cat","stylization":1001}""", "stylization must be between 0 and 1000")]
    [InlineData("""{"taskType":"mj_txt2img","prompt":"a cat","stylization":"100"}""", "stylization must be an integer")]
    [InlineData("""{"taskType":"mj_txt2img","prompt":"a cat","weirdness":-1}""", "weirdness must be between 0 and 3000")]
    [InlineData("""{"taskType":"mj_txt2img","prompt":"a cat","variety":2.5}""", "variety must be an integer")]
    [InlineData("""{"taskType":"mj_img2img","prompt":"a cat"}""", "needs at least one image")]
    [InlineData("""{"taskType":"mj_img2img","prompt":"a cat","fileUrls":"https://img.test/a.png"}""", "fileUrls must be an array")]
    [InlineData("""{"taskType":"mj_img2img","prompt":"a cat","fileUrls":["data:image/png;base64,AAAA"]}""", "absolute http or https URLs")]
    [InlineData("""{"taskType":"mj_txt2img","prompt":"a cat","callBackUrl":"not a url"}""", "callBackUrl")]
    [InlineData("""{"taskType":"mj_txt2img","prompt":"a cat","enableTranslation":"no"}""", "enableTranslation")]
    public async Task Generate_InvalidField_AnswersHttp200WithCode422SayingWhatIsWrong(string body, string expected)
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new MidApiTestClient(emulator);

        using var response = await client.PostRawAsync("api/v1/mj/generate", body);

        Assert.Contains(expected, await MidApiTestClient.ReadErrorAsync(response, 422), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_PromptOver2000Characters_AnswersCode422()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new MidApiTestClient(emulator);

        using var response = await client.PostAsync("api/v1/mj/generate", Txt2Img(new string('a', 2001)));

        Assert.Contains("at most 2000", await MidApiTestClient.ReadErrorAsync(response, 422), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"taskType\":")]
    [InlineData("[1,2]")]
    [InlineData("")]
    public async Task Generate_BodyNotAJsonObject_AnswersCode400(string body)
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new MidApiTestClient(emulator);

        using var response = await client.PostRawAsync("api/v1/mj/generate", body);

        await MidApiTestClient.ReadErrorAsync(response, 400);
    }

    // ---- record-info ----

    [Fact]
    public async Task RecordInfo_AsClockAdvances_ReportsFlag0ThenFlag1WithFourSplitImagesAsAnObject()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new MidApiTestClient(emulator);
        var body = new JsonObject { ["taskType"] = "mj_txt2img", ["prompt"] = "a lighthouse", ["speed"] = "fast", ["aspectRatio"] = "16:9" };
        var taskId = await client.SubmitAsync("generate", body);

        var queued = await client.RecordAsync(taskId);
        clock.Advance(TimeSpan.FromSeconds(1.5));
        var running = await client.RecordAsync(taskId);
        clock.Advance(TimeSpan.FromSeconds(1.5));
        var done = await client.RecordAsync(taskId);

        foreach (var generating in new[] { queued, running })
        {
            Assert.Equal(0, generating.GetProperty("successFlag").GetInt32());
            Assert.Equal(JsonValueKind.Null, generating.GetProperty("resultInfoJson").ValueKind);
            Assert.Equal(JsonValueKind.Null, generating.GetProperty("completeTime").ValueKind);
        }

        Assert.Equal(
            ["taskId", "taskType", "paramJson", "completeTime", "resultInfoJson", "successFlag", "createTime", "errorCode", "errorMessage"],
            done.EnumerateObject().Select(p => p.Name));
        Assert.Equal(taskId, done.GetProperty("taskId").GetString());
        Assert.Equal("mj_txt2img", done.GetProperty("taskType").GetString());
        Assert.Equal(1, done.GetProperty("successFlag").GetInt32());
        Assert.Equal("2026-01-01T00:00:00.000Z", done.GetProperty("createTime").GetString());
        Assert.Equal("2026-01-01T00:00:03.000Z", done.GetProperty("completeTime").GetString());
        Assert.Equal(JsonValueKind.Null, done.GetProperty("errorCode").ValueKind);
        Assert.Equal(JsonValueKind.Null, done.GetProperty("errorMessage").ValueKind);
        Assert.Equal(JsonValueKind.String, done.GetProperty("paramJson").ValueKind);
        Assert.True(JsonNode.DeepEquals(body, JsonNode.Parse(done.GetProperty("paramJson").GetString()!)));
        Assert.Equal(JsonValueKind.Object, done.GetProperty("resultInfoJson").ValueKind);
        string[] urls = ResultUrls(done.GetProperty("resultInfoJson"));
        Assert.Equal([.. Enumerable.Range(1, 4).Select(i => $"{emulator.BaseUrl}images/{taskId}/{i}.png")], urls);
        using var http = new HttpClient();
        Assert.True(TestPng.HasSignature(await http.GetByteArrayAsync(urls[3])));
    }

    [Fact]
    public async Task RecordInfo_MissingTaskId_AnswersCode422()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new MidApiTestClient(emulator);

        using var response = await client.GetAsync("api/v1/mj/record-info");

        Assert.Contains("taskId is required", await MidApiTestClient.ReadErrorAsync(response, 422), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordInfo_UnknownTask_AnswersHttp200WithCode404()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new MidApiTestClient(emulator);

        using var response = await client.GetAsync("api/v1/mj/record-info?taskId=no-such-task");

        Assert.Equal("task no-such-task not found", await MidApiTestClient.ReadErrorAsync(response, 404));
    }

    [Fact]
    public async Task RecordInfo_FailMarker_EndsInFlag2WithErrorCodeAndMessage()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new MidApiTestClient(emulator);
        var taskId = await FinishedGridAsync(client, clock, "a cat [fail]");

        var record = await client.RecordAsync(taskId);

        Assert.Equal(2, record.GetProperty("successFlag").GetInt32());
        Assert.Equal(400, record.GetProperty("errorCode").GetInt32());
        Assert.Contains("[fail]", record.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, record.GetProperty("resultInfoJson").ValueKind);
        Assert.Equal("2026-01-01T00:00:03.000Z", record.GetProperty("completeTime").GetString());
    }

    [Fact]
    public async Task RecordInfo_Flag3Marker_EndsInFlag3WithErrorCode501()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new MidApiTestClient(emulator);
        var taskId = await client.SubmitAsync("generate", Txt2Img("a cat [flag3]"));

        var running = await client.RecordAsync(taskId);
        clock.Advance(Duration);
        var record = await client.RecordAsync(taskId);

        Assert.Equal(0, running.GetProperty("successFlag").GetInt32());
        Assert.Equal(3, record.GetProperty("successFlag").GetInt32());
        Assert.Equal(501, record.GetProperty("errorCode").GetInt32());
        Assert.Contains("[flag3]", record.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, record.GetProperty("resultInfoJson").ValueKind);
    }

    // ---- generateUpscale / generateVary ----

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public async Task GenerateUpscale_FinishedGrid_GivesOneImageWithResultInfoJsonAsAString(int imageIndex)
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new MidApiTestClient(emulator);
        var gridId = await FinishedGridAsync(client, clock);

        var upscaleId = await client.SubmitAsync("generateUpscale", new JsonObject { ["taskId"] = gridId, ["imageIndex"] = imageIndex });
        clock.Advance(Duration);
        var record = await client.RecordAsync(upscaleId);

        Assert.Equal("mj_upscale", record.GetProperty("taskType").GetString());
        Assert.Equal(1, record.GetProperty("successFlag").GetInt32());
        var param = JsonNode.Parse(record.GetProperty("paramJson").GetString()!)!;
        Assert.Equal(gridId, param["taskId"]!.GetValue<string>());
        Assert.Equal(imageIndex, param["imageIndex"]!.GetValue<int>());
        Assert.Equal(JsonValueKind.String, record.GetProperty("resultInfoJson").ValueKind);
        using var resultInfo = JsonDocument.Parse(record.GetProperty("resultInfoJson").GetString()!);
        string url = Assert.Single(ResultUrls(resultInfo.RootElement));
        Assert.Equal($"{emulator.BaseUrl}images/{upscaleId}/image.png", url);
        using var http = new HttpClient();
        Assert.True(TestPng.HasSignature(await http.GetByteArrayAsync(url)));
    }

    [Fact]
    public async Task GenerateUpscale_Index0And3_ShowTheGridsFirstAndLastImage()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new MidApiTestClient(emulator);
        var gridId = await FinishedGridAsync(client, clock);
        using var http = new HttpClient { BaseAddress = emulator.BaseUrl };

        var first = await client.SubmitAsync("generateUpscale", new JsonObject { ["taskId"] = gridId, ["imageIndex"] = 0 });
        var last = await client.SubmitAsync("generateUpscale", new JsonObject { ["taskId"] = gridId, ["imageIndex"] = 3 });
        clock.Advance(Duration);

        // An upscale redraws its own quadrant of the grid, so 0 and 3 give different pictures.
        Assert.NotEqual(await http.GetByteArrayAsync($"images/{first}/image.png"), await http.GetByteArrayAsync($"images/{last}/image.png"));
    }

    [Fact]
    public async Task GenerateVary_FinishedGrid_GivesANewGridOfFourImages()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new MidApiTestClient(emulator);
        var gridId = await FinishedGridAsync(client, clock);

        var varyId = await client.SubmitAsync("generateVary", new JsonObject { ["taskId"] = gridId, ["imageIndex"] = 2, ["callBackUrl"] = "https://127.0.0.1:9/v" });
        clock.Advance(Duration);
        var record = await client.RecordAsync(varyId);

        Assert.Equal("mj_vary", record.GetProperty("taskType").GetString());
        Assert.Equal(1, record.GetProperty("successFlag").GetInt32());
        Assert.Equal(JsonValueKind.Object, record.GetProperty("resultInfoJson").ValueKind);
        Assert.Equal(4, ResultUrls(record.GetProperty("resultInfoJson")).Length);
    }

    [Theory]
    [InlineData("generateUpscale", """{"imageIndex":0}""", "taskId is required")]
    [InlineData("generateUpscale", """{"taskId":"GRID"}""", "imageIndex is required")]
    [InlineData("generateUpscale", """{"taskId":"GRID","imageIndex":4}""", "imageIndex must be between 0 and 3, not 4")]
    [InlineData("generateVary", """{"taskId":"GRID","imageIndex":-1}""", "imageIndex must be between 0 and 3")]
    [InlineData("generateVary", """{"taskId":"GRID","imageIndex":"1"}""", "imageIndex must be an integer")]
    [InlineData("generateVary", """{"taskId":"GRID","index":1}""", "imageIndex is required")]
    [InlineData("generateVary", """{"taskId":"GRID","imageIndex":1,"callBackUrl":"ftp://x"}""", "callBackUrl")]
    public async Task FollowUp_InvalidField_AnswersCode422(string endpoint, string body, string expected)
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new MidApiTestClient(emulator);
        var gridId = await FinishedGridAsync(client, clock);

        using var response = await client.PostRawAsync($"api/v1/mj/{endpoint}", body.Replace("GRID", gridId, StringComparison.Ordinal));

        Assert.Contains(expected, await MidApiTestClient.ReadErrorAsync(response, 422), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("generateUpscale")]
    [InlineData("generateVary")]
    public async Task FollowUp_UnknownTask_AnswersCode404(string endpoint)
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new MidApiTestClient(emulator);

        using var response = await client.PostAsync($"api/v1/mj/{endpoint}", new JsonObject { ["taskId"] = "missing", ["imageIndex"] = 0 });

        Assert.Equal("task missing not found", await MidApiTestClient.ReadErrorAsync(response, 404));
    }

    [Fact]
    public async Task FollowUp_ParentStillGenerating_AnswersCode422()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new MidApiTestClient(emulator);
        var gridId = await client.SubmitAsync("generate", Txt2Img());

        using var response = await client.PostAsync("api/v1/mj/generateUpscale", new JsonObject { ["taskId"] = gridId, ["imageIndex"] = 0 });

        Assert.Contains("still generating", await MidApiTestClient.ReadErrorAsync(response, 422), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a cat [fail]", "successFlag 2")]
    [InlineData("a cat [flag3]", "successFlag 3")]
    public async Task FollowUp_ParentFailed_AnswersCode422NamingItsFlag(string prompt, string expected)
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new MidApiTestClient(emulator);
        var gridId = await FinishedGridAsync(client, clock, prompt);

        using var response = await client.PostAsync("api/v1/mj/generateVary", new JsonObject { ["taskId"] = gridId, ["imageIndex"] = 0 });

        Assert.Contains(expected, await MidApiTestClient.ReadErrorAsync(response, 422), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("generateUpscale")]
    [InlineData("generateVary")]
    public async Task FollowUp_OnAnUpscaledImage_AnswersCode422AskingForFourImages(string endpoint)
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new MidApiTestClient(emulator);
        var gridId = await FinishedGridAsync(client, clock);
        var upscaleId = await client.SubmitAsync("generateUpscale", new JsonObject { ["taskId"] = gridId, ["imageIndex"] = 0 });
        clock.Advance(Duration);

        using var response = await client.PostAsync($"api/v1/mj/{endpoint}", new JsonObject { ["taskId"] = upscaleId, ["imageIndex"] = 0 });

        Assert.Contains("four images", await MidApiTestClient.ReadErrorAsync(response, 422), StringComparison.Ordinal);
    }

    // ---- faults ----

    [Fact]
    public async Task InjectFault_RateLimit_AnswersHttp429WithRetryAfterAndTheCodeInTheEnvelope()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new MidApiTestClient(emulator);
        emulator.InjectFault(EmulatorFault.RateLimit(TimeSpan.FromSeconds(2)));

        using var response = await client.PostAsync("api/v1/mj/generate", Txt2Img());

        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
        Assert.Contains("rate limit", await MidApiTestClient.ReadErrorAsync(response, 429, HttpStatusCode.TooManyRequests), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    public async Task InjectFault_ServerError_AnswersThatStatusWithTheEnvelope(int statusCode)
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new MidApiTestClient(emulator);
        emulator.InjectFault(EmulatorFault.ServerError(statusCode));

        using var response = await client.GetAsync("api/v1/mj/record-info?taskId=x");

        Assert.NotEmpty(await MidApiTestClient.ReadErrorAsync(response, statusCode, (HttpStatusCode)statusCode));
    }

    [Fact]
    public async Task InjectFault_PathFilter_HitsOnlyTheMatchingMidapiEndpoint()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new MidApiTestClient(emulator);
        emulator.InjectFault(EmulatorFault.ServiceUnavailable() with { PathContains = "record-info" });

        var taskId = await client.SubmitAsync("generate", Txt2Img());
        using var faulted = await client.GetAsync($"api/v1/mj/record-info?taskId={taskId}");
        var record = await client.RecordAsync(taskId);

        await MidApiTestClient.ReadErrorAsync(faulted, 503, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(taskId, record.GetProperty("taskId").GetString());
    }
}
