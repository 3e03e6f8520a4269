using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Midjourney.Sdk.Emulator;
using Midjourney.Sdk.Emulator.Protocols.Apixo;
using Midjourney.Sdk.Emulator.Tasks;
using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Emulator;

/// <summary>The APIXO protocol over real loopback HTTP, with raw requests and a fake clock.</summary>
public sealed class ApixoEmulatorTests
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(3);

    private static Task<MidjourneyEmulator> StartAsync(FakeTimeProvider clock)
        => MidjourneyEmulator.StartAsync(new MidjourneyEmulatorOptions { TimeProvider = clock, TaskDuration = Duration });

    private static JsonObject TextToImage(string prompt) => new() { ["mode"] = "text-to-image", ["prompt"] = prompt };

    private static async Task<string> FinishedAsync(ApixoTestClient client, FakeTimeProvider clock, JsonObject input)
    {
        var taskId = await client.SubmitAsync(input);
        clock.Advance(Duration);
        return taskId;
    }

    private static string[] ResultUrls(JsonElement data)
    {
        Assert.Equal(JsonValueKind.String, data.GetProperty("resultJson").ValueKind);
        using var result = JsonDocument.Parse(data.GetProperty("resultJson").GetString()!);
        return [.. result.RootElement.GetProperty("resultUrls").EnumerateArray().Select(u => u.GetString()!)];
    }

    // ---- auth and routing ----

    [Theory]
    [InlineData("")]
    [InlineData("wrong-key")]
    public async Task Generate_WithoutOrWithWrongBearerKey_Returns401Envelope(string apiKey)
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new ApixoTestClient(emulator);

        using var response = await client.PostAsync(ApixoTestClient.Body(TextToImage("a cat")), apiKey);

        Assert.Equal("Invalid API key", await ApixoTestClient.ReadErrorAsync(response, HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task Generate_KeyInXApiKeyHeaderInsteadOfBearer_Returns401()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var http = new HttpClient { BaseAddress = emulator.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Post, ApixoTestClient.GeneratePath)
        {
            Content = new StringContent(ApixoTestClient.Body(TextToImage("a cat")).ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-API-KEY", emulator.ApiKey);

        using var response = await http.SendAsync(request);

        await ApixoTestClient.ReadErrorAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Status_WithoutKey_Returns401Envelope()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new ApixoTestClient(emulator);

        using var response = await client.GetStatusRawAsync("api/v1/statusTask/midjourney?taskId=x", apiKey: "");

        Assert.Equal("UNAUTHORIZED", (await ApixoTestClient.ReadJsonAsync(response, HttpStatusCode.Unauthorized)).GetProperty("data").GetProperty("error").GetString());
    }

    [Fact]
    public async Task GenerateAndStatus_OtherModel_Return404NamingTheModel()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new ApixoTestClient(emulator);

        using var generate = await client.PostAsync(ApixoTestClient.Body(TextToImage("a cat")), path: "api/v1/generateTask/nano-banana");
        using var status = await client.GetStatusRawAsync("api/v1/statusTask/flux-2?taskId=x");

        Assert.Contains("nano-banana", await ApixoTestClient.ReadErrorAsync(generate, HttpStatusCode.NotFound), StringComparison.Ordinal);
        Assert.Contains("flux-2", await ApixoTestClient.ReadErrorAsync(status, HttpStatusCode.NotFound), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/generateTask/midjourney", true)]
    [InlineData("/api/v1/statusTask/midjourney", true)]
    [InlineData("/API/V1/GENERATETASK/other", true)]
    [InlineData("/api/v1/mj/generate", false)]
    [InlineData("/api/v1/mj/record-info", false)]
    [InlineData("/api/v1/generateTaskX", false)]
    [InlineData("/api/v1", false)]
    [InlineData("/mj/v2/imagine", false)]
    [InlineData("/images/t/1.png", false)]
    public void Owns_OnlyGenerateTaskAndStatusTask_NotMidapisPaths(string path, bool owned)
    {
        var protocol = new ApixoProtocol(new TaskStore(TimeProvider.System, Duration), "k");

        Assert.Equal(owned, protocol.Owns(new PathString(path)));
    }

    // ---- submit and lifecycle ----

    [Fact]
    public async Task Generate_TextToImage_AnswersTheEnvelopeWithTheTaskId()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new ApixoTestClient(emulator);

        using var response = await client.PostAsync(ApixoTestClient.Body(TextToImage("a cat")));
        var json = await ApixoTestClient.ReadJsonAsync(response, HttpStatusCode.OK);

        Assert.Equal(["code", "message", "data"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(200, json.GetProperty("code").GetInt32());
        Assert.Equal("success", json.GetProperty("message").GetString());
        Assert.True(Guid.TryParse(json.GetProperty("data").GetProperty("taskId").GetString(), out _));
    }

    [Fact]
    public async Task Status_AsClockAdvances_PendingThenProcessingThenSuccessWithResultJsonAsAString()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new ApixoTestClient(emulator);
        var created = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var taskId = await client.SubmitAsync(TextToImage("a lighthouse"));

        var pending = await client.StatusAsync(taskId);
        clock.Advance(TimeSpan.FromSeconds(1.5)); // past the longest queue wait: 45% of 3 s
        var processing = await client.StatusAsync(taskId);
        clock.Advance(TimeSpan.FromSeconds(1.5));
        var success = await client.StatusAsync(taskId);

        Assert.Equal(taskId, pending.GetProperty("taskId").GetString());
        Assert.Equal("pending", pending.GetProperty("state").GetString());
        Assert.Equal(created, pending.GetProperty("createTime").GetInt64());
        Assert.False(pending.TryGetProperty("resultJson", out _));
        Assert.False(pending.TryGetProperty("completeTime", out _));
        Assert.Equal("processing", processing.GetProperty("state").GetString());
        Assert.False(processing.TryGetProperty("progress", out _));
        Assert.Equal("success", success.GetProperty("state").GetString());
        Assert.Equal(created + 3000, success.GetProperty("completeTime").GetInt64());
        Assert.Equal(3000, success.GetProperty("costTime").GetInt64());
        Assert.False(success.TryGetProperty("failCode", out _));
        string[] urls = ResultUrls(success);
        Assert.Equal(4, urls.Length);
        Assert.All(urls.Select((url, i) => (url, i)), x => Assert.EndsWith($"/images/{taskId}/{x.i + 1}.png", x.url, StringComparison.Ordinal));
        Assert.True(TestPng.HasSignature(await client.Http.GetByteArrayAsync(urls[0])));
    }

    [Theory]
    [InlineData("a cat [nsfw]", "CONTENT_VIOLATION")]
    [InlineData("a cat [fail]", "GENERATION_FAILED")]
    public async Task Status_PromptMarker_FailsWithItsFailCodeInsideAn200Envelope(string prompt, string failCode)
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new ApixoTestClient(emulator);
        var taskId = await FinishedAsync(client, clock, TextToImage(prompt));

        var failed = await client.StatusAsync(taskId);

        Assert.Equal("failed", failed.GetProperty("state").GetString());
        Assert.Equal(failCode, failed.GetProperty("failCode").GetString());
        Assert.False(string.IsNullOrWhiteSpace(failed.GetProperty("failMsg").GetString()));
        Assert.False(failed.TryGetProperty("resultJson", out _));
        Assert.True(failed.TryGetProperty("completeTime", out _));
    }

    [Fact]
    public async Task Status_UnknownTask_Returns404Envelope()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new ApixoTestClient(emulator);

        using var response = await client.GetStatusRawAsync("api/v1/statusTask/midjourney?taskId=no-such-task");

        Assert.Equal("task no-such-task not found", await ApixoTestClient.ReadErrorAsync(response, HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task Status_NoTaskId_Returns400()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new ApixoTestClient(emulator);

        using var response = await client.GetStatusRawAsync("api/v1/statusTask/midjourney");

        Assert.Equal("taskId is required", await ApixoTestClient.ReadErrorAsync(response, HttpStatusCode.BadRequest));
    }

    // ---- request checks ----

    [Theory]
    [InlineData("""{}""", "input is required")]
    [InlineData("""{"input":"a cat"}""", "input must be an object")]
    [InlineData("""{"input":{}}""", "input.mode is required")]
    [InlineData("""{"input":{"mode":"imagine","prompt":"a cat"}}""", "input.mode must be one of")]
    [InlineData("""{"input":{"mode":"outpaint","prompt":"a cat"}}""", "only available on request")]
    [InlineData("""{"input":{"mode":"text-to-image"}}""", "input.prompt is required")]
    [InlineData("""{"input":{"mode":"text-to-image","prompt":42}}""", "input.prompt must be a string")]
    [InlineData("""{"input":{"mode":"text-to-image","prompt":"a cat","version":"7"}}""", "input.version must be one of")]
    [InlineData("""{"input":{"mode":"text-to-image","prompt":"a cat","speed":"relax"}}""", "input.speed")]
    [InlineData("""{"input":{"mode":"text-to-image","prompt":"a cat","aspect":"21:9"}}""", "input.aspect must be one of")]
    [InlineData("""{"input":{"mode":"text-to-image","prompt":"a cat","aspect_ratio":"21:9"}}""", "input.aspect_ratio must be one of")]
    [InlineData("""{"input":{"mode":"text-to-image","prompt":"a cat","aspect":"1:1","aspect_ratio":"1:1"}}""", "not both")]
    [InlineData("""{"input":{"mode":"text-to-image","prompt":"a cat","chaos":5,"variety":5}}""", "send input.chaos or input.variety, not both")]
    [InlineData("""{"input":{"mode":"text-to-image","prompt":"a cat","stylize":100,"stylization":100}}""", "not both")]
    [InlineData("""{"input":{"mode":"text-to-image","prompt":"a cat","weird":1,"weirdness":1}}""", "not both")]
    [InlineData("""{"input":{"mode":"text-to-image","prompt":"a cat","chaos":101}}""", "input.chaos must be between 0 and 100")]
    [InlineData("""{"input":{"mode":"text-to-image","prompt":"a cat","stylization":"250"}}""", "input.stylization must be a whole number")]
    [InlineData("""{"input":{"mode":"text-to-image","prompt":"a cat","weirdness":3001}}""", "input.weirdness must be between 0 and 3000")]
    [InlineData("""{"input":{"mode":"text-to-image","prompt":"a cat","enableTranslation":"yes"}}""", "input.enableTranslation")]
    [InlineData("""{"request_type":"callback","input":{"mode":"text-to-image","prompt":"a cat"}}""", "callback_url is required")]
    [InlineData("""{"request_type":"callback","callback_url":"not a url","input":{"mode":"text-to-image","prompt":"a cat"}}""", "callback_url must be")]
    [InlineData("""{"request_type":"sync","input":{"mode":"text-to-image","prompt":"a cat"}}""", "request_type must be async or callback")]
    [InlineData("""{"provider":"cheapest","input":{"mode":"text-to-image","prompt":"a cat"}}""", "provider must be auto, value or official")]
    [InlineData("""{"input":{"mode":"image-to-image","prompt":"a cat"}}""", "input.image_urls is required")]
    [InlineData("""{"input":{"mode":"image-to-image","prompt":"a cat","image_urls":["https://a.test/1.png","https://a.test/2.png","https://a.test/3.png"]}}""", "at most 2")]
    [InlineData("""{"input":{"mode":"image-to-image","prompt":"a cat","image_urls":["file:///etc/passwd"]}}""", "absolute http or https")]
    [InlineData("""{"input":{"mode":"vary","taskId":"x","imageIndex":4,"type":0}}""", "input.imageIndex must be between 0 and 3")]
    [InlineData("""{"input":{"mode":"vary","taskId":"x","imageIndex":0,"type":2}}""", "input.type must be between 0 and 1")]
    [InlineData("""{"input":{"mode":"vary","taskId":"x","imageIndex":"0","type":0}}""", "input.imageIndex must be a whole number")]
    [InlineData("""{"input":{"mode":"upscale","taskId":"x","imageIndex":0}}""", "input.type is required")]
    [InlineData("""{"input":{"mode":"upscale","taskId":"x","imageIndex":0,"type":4}}""", "input.type must be between 0 and 3")]
    [InlineData("""{"input":{"mode":"upscale","imageIndex":0,"type":0}}""", "input.taskId is required")]
    [InlineData("""{"input":{"mode":"upload-paint","prompt":"a hat","image_urls":["https://a.test/1.png"],"mask":{"url":"%%%"}}}""", "input.mask.url")]
    [InlineData("""{"input":{"mode":"upload-paint","prompt":"a hat","image_urls":["https://a.test/1.png"],"mask":{}}}""", "input.mask needs url or areas")]
    [InlineData("""{"input":{"mode":"upload-paint","prompt":"a hat","image_urls":["https://a.test/1.png"],"mask":{"areas":[{"width":10,"height":10,"points":[1,2,3]}]}}}""", "points")]
    [InlineData("""{"input":{"mode":"upload-paint","prompt":"a hat","image_urls":["https://a.test/1.png"],"canvas":{"width":0,"height":10}}}""", "input.canvas.width")]
    [InlineData("""{"input":{"mode":"upload-paint","prompt":"a hat","image_urls":["https://a.test/1.png"],"imgPos":{"width":10,"height":10}}}""", "input.imgPos.x is required")]
    [InlineData("""{"input":{"mode":"upload-paint","prompt":"a hat","image_urls":["https://a.test/1.png","https://a.test/2.png"]}}""", "at most 1")]
    [InlineData("""{"input":""", "not valid JSON")]
    public async Task Generate_BadRequest_Returns400SayingWhatIsWrong(string body, string expectedMessagePart)
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new ApixoTestClient(emulator);

        using var response = await client.PostRawAsync(body);

        Assert.Contains(expectedMessagePart, await ApixoTestClient.ReadErrorAsync(response, HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"mode":"text-to-image","prompt":"a cat","version":"niji 7","speed":"turbo","aspect":"9:16","chaos":100,"stylize":1000,"weird":3000,"enableTranslation":true}""")]
    [InlineData("""{"mode":"text-to-image","prompt":"a cat","version":"v6.1","speed":"relaxed","aspect_ratio":"5:6","variety":0,"stylization":0,"weirdness":0}""")]
    [InlineData("""{"mode":"image-to-image","prompt":"a cat","image_urls":["https://a.test/1.png","https://a.test/2.png"]}""")]
    [InlineData("""{"mode":"upload-paint","image_urls":["https://a.test/1.png"],"mask":{"url":"data:image/png;base64,iVBORw0KGgo=","areas":[{"width":500,"height":500,"points":[0,0,10,0,10,10]}]},"canvas":{"width":500,"height":500},"imgPos":{"width":500,"height":500,"x":0,"y":0}}""")]
    public async Task Generate_ValidInputInEitherSpelling_IsAccepted(string input)
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new ApixoTestClient(emulator);

        await client.SubmitAsync(JsonNode.Parse(input)!.AsObject());
    }

    [Fact]
    public async Task Generate_CallbackMode_IsAcceptedAndTheTaskCanBePolled()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync(new MidjourneyEmulatorOptions { TaskDuration = TimeSpan.Zero });
        using var client = new ApixoTestClient(emulator);
        var body = ApixoTestClient.Body(TextToImage("a cat"));
        body["request_type"] = "callback";
        body["callback_url"] = "https://127.0.0.1:9/apixo";

        var taskId = await client.SubmitBodyAsync(body);

        Assert.Equal("success", (await client.StatusAsync(taskId)).GetProperty("state").GetString());
    }

    // ---- follow-ups ----

    [Fact]
    public async Task Upscale_ImageOfAFinishedGrid_FinishesWithOneLargerPng()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new ApixoTestClient(emulator);
        var gridId = await FinishedAsync(client, clock, TextToImage("a red bicycle"));

        var upscaleId = await FinishedAsync(client, clock, new JsonObject { ["mode"] = "upscale", ["taskId"] = gridId, ["imageIndex"] = 2, ["type"] = 1 });
        string[] urls = ResultUrls(await client.StatusAsync(upscaleId));

        Assert.EndsWith($"/images/{upscaleId}/image.png", Assert.Single(urls), StringComparison.Ordinal);
        Assert.Equal((512, 512), TestPng.ReadSize(await client.Http.GetByteArrayAsync(urls[0])));
    }

    [Theory]
    [InlineData(2, 1024)]
    [InlineData(3, 2048)]
    public async Task Upscale_TwoXOrFourXOfAnUpscaledImage_EnlargesIt(int type, int size)
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new ApixoTestClient(emulator);
        var gridId = await FinishedAsync(client, clock, TextToImage("a red bicycle"));
        var upscaleId = await FinishedAsync(client, clock, new JsonObject { ["mode"] = "upscale", ["taskId"] = gridId, ["imageIndex"] = 0, ["type"] = 0 });

        var biggerId = await FinishedAsync(client, clock, new JsonObject { ["mode"] = "upscale", ["taskId"] = upscaleId, ["imageIndex"] = 0, ["type"] = type });

        string url = Assert.Single(ResultUrls(await client.StatusAsync(biggerId)));
        Assert.Equal((size, size), TestPng.ReadSize(await client.Http.GetByteArrayAsync(url)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task Vary_ImageOfAFinishedGrid_FinishesWithFourImages(int type)
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new ApixoTestClient(emulator);
        var gridId = await FinishedAsync(client, clock, TextToImage("a red bicycle"));

        var varyId = await FinishedAsync(client, clock, new JsonObject { ["mode"] = "vary", ["taskId"] = gridId, ["imageIndex"] = 3, ["type"] = type, ["prompt"] = "a blue bicycle" });

        Assert.Equal(4, ResultUrls(await client.StatusAsync(varyId)).Length);
    }

    [Fact]
    public async Task VaryAndUpscale_UnfinishedFailedOrUnknownParent_AreRefused()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new ApixoTestClient(emulator);
        var failedId = await FinishedAsync(client, clock, TextToImage("a cat [fail]"));
        var runningId = await client.SubmitAsync(TextToImage("a cat"));

        using var running = await client.PostAsync(ApixoTestClient.Body(new JsonObject { ["mode"] = "upscale", ["taskId"] = runningId, ["imageIndex"] = 0, ["type"] = 0 }));
        using var failed = await client.PostAsync(ApixoTestClient.Body(new JsonObject { ["mode"] = "vary", ["taskId"] = failedId, ["imageIndex"] = 0, ["type"] = 0 }));
        using var unknown = await client.PostAsync(ApixoTestClient.Body(new JsonObject { ["mode"] = "vary", ["taskId"] = "nope", ["imageIndex"] = 0, ["type"] = 0 }));

        Assert.Contains("is not finished (state: pending)", await ApixoTestClient.ReadErrorAsync(running, HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("failed and has no image", await ApixoTestClient.ReadErrorAsync(failed, HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Equal("task nope not found", await ApixoTestClient.ReadErrorAsync(unknown, HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task Vary_UpscaledImageWithImageIndexAboveZero_IsRefused()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new ApixoTestClient(emulator);
        var gridId = await FinishedAsync(client, clock, TextToImage("a cat"));
        var upscaleId = await FinishedAsync(client, clock, new JsonObject { ["mode"] = "upscale", ["taskId"] = gridId, ["imageIndex"] = 0, ["type"] = 0 });

        using var response = await client.PostAsync(ApixoTestClient.Body(new JsonObject { ["mode"] = "vary", ["taskId"] = upscaleId, ["imageIndex"] = 1, ["type"] = 1 }));

        Assert.Contains("has one image; input.imageIndex must be 0", await ApixoTestClient.ReadErrorAsync(response, HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UploadPaint_ImageTheEmulatorDrew_RepaintsThatTaskIntoAGrid()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new ApixoTestClient(emulator);
        var gridId = await FinishedAsync(client, clock, TextToImage("a cat"));
        var upscaleId = await FinishedAsync(client, clock, new JsonObject { ["mode"] = "upscale", ["taskId"] = gridId, ["imageIndex"] = 0, ["type"] = 0 });
        string image = Assert.Single(ResultUrls(await client.StatusAsync(upscaleId)));

        var paintId = await FinishedAsync(client, clock, new JsonObject
        {
            ["mode"] = "upload-paint",
            ["prompt"] = "a hat",
            ["image_urls"] = new JsonArray(image),
            ["mask"] = new JsonObject { ["url"] = "data:image/png;base64,iVBORw0KGgo=" },
        });

        string[] urls = ResultUrls(await client.StatusAsync(paintId));
        Assert.Equal(4, urls.Length);
        Assert.True(TestPng.HasSignature(await client.Http.GetByteArrayAsync(urls[3])));
    }

    [Fact]
    public async Task UploadPaint_ImageOfAnUnfinishedTask_IsRefused()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new ApixoTestClient(emulator);
        var runningId = await client.SubmitAsync(TextToImage("a cat"));

        using var response = await client.PostAsync(ApixoTestClient.Body(new JsonObject
        {
            ["mode"] = "upload-paint",
            ["prompt"] = "a hat",
            ["image_urls"] = new JsonArray($"{emulator.BaseUrl}images/{runningId}/1.png"),
        }));

        Assert.Contains(runningId, await ApixoTestClient.ReadErrorAsync(response, HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    // ---- faults ----

    [Fact]
    public async Task InjectFault_RateLimitOnGenerateTask_AnswersApixosEnvelopeWithRetryAfter()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new ApixoTestClient(emulator);
        emulator.InjectFault(EmulatorFault.RateLimit(TimeSpan.FromSeconds(2)) with { PathContains = "generateTask" });

        using var limited = await client.PostAsync(ApixoTestClient.Body(TextToImage("a cat")));
        using var accepted = await client.PostAsync(ApixoTestClient.Body(TextToImage("a cat")));

        Assert.Equal(TimeSpan.FromSeconds(2), limited.Headers.RetryAfter?.Delta);
        Assert.Contains("rate limit", await ApixoTestClient.ReadErrorAsync(limited, HttpStatusCode.TooManyRequests), StringComparison.Ordinal);
        await ApixoTestClient.ReadDataAsync(accepted);
    }

    [Fact]
    public async Task InjectFault_ServerErrorOnStatusTask_AnswersApixosEnvelope()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new ApixoTestClient(emulator);
        emulator.InjectFault(EmulatorFault.ServerError(500));

        using var response = await client.GetStatusRawAsync("api/v1/statusTask/midjourney?taskId=x");

        var json = await ApixoTestClient.ReadJsonAsync(response, HttpStatusCode.InternalServerError);
        Assert.Equal(500, json.GetProperty("code").GetInt32());
        Assert.Equal("INTERNAL_ERROR", json.GetProperty("data").GetProperty("error").GetString());
    }

    [Fact]
    public async Task InjectFault_SiblingPathApixoDoesNotOwn_LeavesTheFaultForApixosPaths()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new ApixoTestClient(emulator);
        emulator.InjectFault(EmulatorFault.ServerError(503));

        // A sibling under /api/v1 (midapi's /api/v1/mj/... is one) is not APIXO's, so it does not use up APIXO's fault.
        using var siblingPath = await client.PostAsync(ApixoTestClient.Body(TextToImage("a cat")), path: "api/v1/generateTaskBatch/midjourney");
        using var apixoPath = await client.PostAsync(ApixoTestClient.Body(TextToImage("a cat")));

        Assert.Equal(HttpStatusCode.NotFound, siblingPath.StatusCode);
        await ApixoTestClient.ReadErrorAsync(apixoPath, HttpStatusCode.ServiceUnavailable);
    }
}
