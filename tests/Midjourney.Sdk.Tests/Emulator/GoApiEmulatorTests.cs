using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Midjourney.Sdk.Emulator;
using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Emulator;

/// <summary>The GoAPI v2 protocol over real loopback HTTP, with raw requests and a fake clock.</summary>
public sealed class GoApiEmulatorTests
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Imagine_WithoutApiKey_Returns401InvalidApiKey()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new GoApiTestClient(emulator);

        using var response = await client.PostAsync("mj/v2/imagine", new JsonObject { ["prompt"] = "a cat" }, apiKey: "");

        Assert.Equal("Invalid API key", await GoApiTestClient.ReadErrorAsync(response, HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task Fetch_WithWrongApiKey_Returns401InvalidApiKey()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync(new MidjourneyEmulatorOptions { ApiKey = "right" });
        using var client = new GoApiTestClient(emulator, apiKey: "wrong");

        using var response = await client.PostAsync("mj/v2/fetch", new JsonObject { ["task_id"] = "x" });

        Assert.Equal("Invalid API key", await GoApiTestClient.ReadErrorAsync(response, HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task Imagine_WithCustomApiKey_AcceptsThatKey()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync(new MidjourneyEmulatorOptions { ApiKey = "sk-test" });
        using var client = new GoApiTestClient(emulator);

        Assert.Equal("sk-test", emulator.ApiKey);
        await client.SubmitAsync("imagine", new JsonObject { ["prompt"] = "a cat" });
    }

    [Theory]
    [InlineData("{}", "prompt is required")]
    [InlineData("{\"prompt\":\"   \"}", "prompt is required")]
    [InlineData("{\"prompt\":42}", "prompt must be a string")]
    [InlineData("{\"prompt\":\"a cat\",\"process_mode\":\"slow\"}", "process_mode")]
    [InlineData("{\"prompt\":\"a cat\",\"aspect_ratio\":\"wide\"}", "aspect_ratio")]
    [InlineData("{\"prompt\":\"a cat\",\"skip_prompt_check\":\"yes\"}", "skip_prompt_check")]
    [InlineData("{\"prompt\":\"a cat\",\"webhook_endpoint\":\"not a url\"}", "webhook_endpoint")]
    [InlineData("{\"prompt\":", "not valid JSON")]
    [InlineData("[1,2]", "JSON object")]
    [InlineData("", "not valid JSON")]
    public async Task Imagine_BadRequest_Returns400SayingWhatIsWrong(string body, string expectedMessagePart)
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new GoApiTestClient(emulator);

        using var response = await client.PostRawAsync("mj/v2/imagine", body);

        Assert.Contains(expectedMessagePart, await GoApiTestClient.ReadErrorAsync(response, HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_UnknownTask_Returns404TaskNotFound()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new GoApiTestClient(emulator);

        using var response = await client.PostAsync("mj/v2/fetch", new JsonObject { ["task_id"] = "no-such-task" });

        Assert.Equal("task no-such-task not found", await GoApiTestClient.ReadErrorAsync(response, HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task Fetch_AsClockAdvances_MovesPendingThenProcessingWithRisingProgressThenFinished()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new GoApiTestClient(emulator);
        var created = clock.GetUtcNow().ToUnixTimeSeconds();
        var taskId = await client.SubmitAsync("imagine", new JsonObject { ["prompt"] = "a lighthouse" });

        var pending = await client.FetchAsync(taskId);
        Assert.Equal("pending", pending.GetProperty("status").GetString());
        Assert.Equal(0, Result(pending).GetProperty("task_progress").GetInt32());
        Assert.Equal(created, Meta(pending).GetProperty("created_at").GetInt64());
        Assert.Equal(0, Meta(pending).GetProperty("started_at").GetInt64());
        Assert.Equal(0, Meta(pending).GetProperty("ended_at").GetInt64());
        Assert.Equal("", Result(pending).GetProperty("image_url").GetString());

        // Whatever the task's queue wait (5% to 45% of 3 s), at 1.5 s it runs and has not passed step 3 (46),
        // and at 2.9 s it has reached the last step (93).
        clock.Advance(TimeSpan.FromSeconds(1.5));
        var early = await client.FetchAsync(taskId);
        clock.Advance(TimeSpan.FromSeconds(1.4));
        var late = await client.FetchAsync(taskId);

        Assert.Equal("processing", early.GetProperty("status").GetString());
        Assert.Equal("processing", late.GetProperty("status").GetString());
        Assert.Contains(Result(early).GetProperty("task_progress").GetInt32(), new[] { 0, 15, 31, 46 });
        Assert.Equal(93, Result(late).GetProperty("task_progress").GetInt32());
        Assert.InRange(Meta(early).GetProperty("started_at").GetInt64(), created, created + 1);
        Assert.Equal(Meta(early).GetProperty("started_at").GetInt64(), Meta(late).GetProperty("started_at").GetInt64());
        Assert.Equal(0, Meta(late).GetProperty("ended_at").GetInt64());
        Assert.Single(Result(late).GetProperty("intermediate_image_urls").EnumerateArray());

        clock.Advance(TimeSpan.FromSeconds(0.1));
        var finished = await client.FetchAsync(taskId);

        Assert.Equal("finished", finished.GetProperty("status").GetString());
        var result = Result(finished);
        Assert.Equal(100, result.GetProperty("task_progress").GetInt32());
        Assert.Equal(created + 3, Meta(finished).GetProperty("ended_at").GetInt64());
        Assert.Equal(Meta(early).GetProperty("started_at").GetInt64(), Meta(finished).GetProperty("started_at").GetInt64());
        Assert.EndsWith($"/images/{taskId}/grid.png", result.GetProperty("image_url").GetString(), StringComparison.Ordinal);
        Assert.Equal(result.GetProperty("image_url").GetString(), result.GetProperty("permanent_url").GetString());
        Assert.Equal(4, result.GetProperty("image_urls").GetArrayLength());
        Assert.Equal(
            ["reroll", "upscale1", "upscale2", "upscale3", "upscale4", "variation1", "variation2", "variation3", "variation4"],
            Strings(result.GetProperty("actions")));
        Assert.Empty(result.GetProperty("error_messages").EnumerateArray());
    }

    [Fact]
    public async Task Fetch_ZeroTaskDuration_IsFinishedAtOnce()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync(new MidjourneyEmulatorOptions { TaskDuration = TimeSpan.Zero });
        using var client = new GoApiTestClient(emulator);
        var taskId = await client.SubmitAsync("imagine", new JsonObject { ["prompt"] = "a cat" });

        var task = await client.FetchAsync(taskId);

        Assert.Equal("finished", task.GetProperty("status").GetString());
        Assert.Equal(100, Result(task).GetProperty("task_progress").GetInt32());
    }

    [Fact]
    public async Task Fetch_AnyTask_EchoesTheSubmitBodyInMeta()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new GoApiTestClient(emulator);
        var body = new JsonObject
        {
            ["prompt"] = "a fox --v 6",
            ["aspect_ratio"] = "16:9",
            ["process_mode"] = "turbo",
            ["skip_prompt_check"] = true,
            ["webhook_endpoint"] = "https://127.0.0.1:9/mj",
            ["webhook_secret"] = "s3cret",
        };

        var taskId = await client.SubmitAsync("imagine", body);
        var meta = Meta(await client.FetchAsync(taskId));

        Assert.Equal("imagine", meta.GetProperty("task_type").GetString());
        Assert.Equal("", meta.GetProperty("origin_task_id").GetString());
        Assert.Equal("turbo", meta.GetProperty("process_mode").GetString());
        Assert.True(JsonNode.DeepEquals(body, JsonNode.Parse(meta.GetProperty("task_request").GetRawText())));
    }

    [Theory]
    [InlineData(null, "a cat", "relax")]
    [InlineData("", "a cat --fast", "fast")]
    [InlineData("mixed", "a cat --turbo", "turbo")]
    [InlineData("fast", "a cat --relax", "fast")]
    [InlineData("relax", "a cat --turbo", "relax")]
    public async Task Imagine_ProcessMode_SubmittedModeWinsElsePromptFlagElseRelax(string? processMode, string prompt, string expected)
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new GoApiTestClient(emulator);
        var body = new JsonObject { ["prompt"] = prompt };
        if (processMode is not null)
        {
            body["process_mode"] = processMode;
        }

        var taskId = await client.SubmitAsync("imagine", body);

        Assert.Equal(expected, Meta(await client.FetchAsync(taskId)).GetProperty("process_mode").GetString());
    }

    [Fact]
    public async Task Upscale_OfFinishedGrid_FinishesWithOnePngImageAndUpscaledActions()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new GoApiTestClient(emulator);
        var gridId = await FinishedImagineAsync(client, clock, "a red bicycle --fast");

        var upscaleId = await client.SubmitAsync("upscale", new JsonObject { ["origin_task_id"] = gridId, ["index"] = "2" });
        clock.Advance(Duration);
        var upscale = await client.FetchAsync(upscaleId);

        Assert.Equal("finished", upscale.GetProperty("status").GetString());
        Assert.Equal("upscale", Meta(upscale).GetProperty("task_type").GetString());
        Assert.Equal(gridId, Meta(upscale).GetProperty("origin_task_id").GetString());
        Assert.Equal("fast", Meta(upscale).GetProperty("process_mode").GetString());
        var result = Result(upscale);
        Assert.Empty(result.GetProperty("image_urls").EnumerateArray());
        Assert.Equal(
            ["upscale_2x", "upscale_4x", "high_variation", "low_variation", "inpaint", "outpaint_1.5x", "outpaint_2x",
             "outpaint_custom", "square", "pan_up", "pan_down", "pan_left", "pan_right"],
            Strings(result.GetProperty("actions")));

        using var image = await client.Http.GetAsync(result.GetProperty("image_url").GetString());
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        var png = await image.Content.ReadAsByteArrayAsync();
        Assert.True(TestPng.HasSignature(png));
        Assert.Equal((512, 512), TestPng.ReadSize(png));
    }

    [Theory]
    [InlineData("2x", 1024)]
    [InlineData("4x", 2048)]
    public async Task Upscale_TwoXOrFourXOfUpscaledImage_ServesLargerImage(string index, int expectedSize)
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new GoApiTestClient(emulator);
        var upscaledId = await FinishedUpscaleAsync(client, clock, "a koi pond");

        var biggerId = await client.SubmitAsync("upscale", new JsonObject { ["origin_task_id"] = upscaledId, ["index"] = index });
        clock.Advance(Duration);
        var bigger = await client.FetchAsync(biggerId);
        var png = await client.Http.GetByteArrayAsync(Result(bigger).GetProperty("image_url").GetString());

        Assert.Equal((expectedSize, expectedSize), TestPng.ReadSize(png));
    }

    [Fact]
    public async Task Upscale_OfPendingOrProcessingParent_Returns400NotFinished()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new GoApiTestClient(emulator);
        var gridId = await client.SubmitAsync("imagine", new JsonObject { ["prompt"] = "a cat" });
        var body = new JsonObject { ["origin_task_id"] = gridId, ["index"] = "1" };

        using var whilePending = await client.PostAsync("mj/v2/upscale", body);
        clock.Advance(TimeSpan.FromSeconds(1.5)); // past the longest queue wait: 45% of 3 s
        using var whileProcessing = await client.PostAsync("mj/v2/upscale", body);

        Assert.Equal(
            $"origin task {gridId} is not finished (status: pending)",
            await GoApiTestClient.ReadErrorAsync(whilePending, HttpStatusCode.BadRequest));
        Assert.Equal(
            $"origin task {gridId} is not finished (status: processing)",
            await GoApiTestClient.ReadErrorAsync(whileProcessing, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Upscale_UnknownOrigin_Returns404TaskNotFound()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new GoApiTestClient(emulator);

        using var response = await client.PostAsync("mj/v2/upscale", new JsonObject { ["origin_task_id"] = "ghost", ["index"] = "1" });

        Assert.Equal("task ghost not found", await GoApiTestClient.ReadErrorAsync(response, HttpStatusCode.NotFound));
    }

    [Theory]
    [InlineData("{\"index\":\"1\"}", "origin_task_id is required")]
    [InlineData("{\"origin_task_id\":\"x\"}", "index is required")]
    [InlineData("{\"origin_task_id\":\"x\",\"index\":1}", "index must be a string")]
    [InlineData("{\"origin_task_id\":\"x\",\"index\":\"5\"}", "index must be")]
    [InlineData("{\"origin_task_id\":\"x\",\"index\":\"0\"}", "index must be")]
    public async Task Upscale_BadFields_Returns400(string body, string expectedMessagePart)
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new GoApiTestClient(emulator);

        using var response = await client.PostRawAsync("mj/v2/upscale", body);

        Assert.Contains(expectedMessagePart, await GoApiTestClient.ReadErrorAsync(response, HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("upscale", "{\"index\":\"1\"}", "needs a grid")]
    [InlineData("variation", "{\"index\":\"3\"}", "needs a grid")]
    [InlineData("reroll", "{}", "needs a grid")]
    public async Task GridFollowUp_OnUpscaledImage_Returns400SayingItNeedsAGrid(string endpoint, string fields, string expectedMessagePart)
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new GoApiTestClient(emulator);
        var upscaledId = await FinishedUpscaleAsync(client, clock, "a cat");
        var body = JsonNode.Parse(fields)!.AsObject();
        body["origin_task_id"] = upscaledId;

        using var response = await client.PostAsync($"mj/v2/{endpoint}", body);

        var message = await GoApiTestClient.ReadErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(expectedMessagePart, message, StringComparison.Ordinal);
        Assert.Contains("is an upscaled image", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("upscale", "{\"index\":\"2x\"}")]
    [InlineData("variation", "{\"index\":\"high_variation\"}")]
    [InlineData("inpaint", "{\"mask\":\"iVBORw0KGgo=\"}")]
    [InlineData("outpaint", "{\"zoom_ratio\":\"1.5\"}")]
    [InlineData("pan", "{\"direction\":\"left\"}")]
    public async Task ImageFollowUp_OnGrid_Returns400SayingItNeedsAnUpscaledImage(string endpoint, string fields)
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new GoApiTestClient(emulator);
        var gridId = await FinishedImagineAsync(client, clock, "a cat");
        var body = JsonNode.Parse(fields)!.AsObject();
        body["origin_task_id"] = gridId;

        using var response = await client.PostAsync($"mj/v2/{endpoint}", body);

        var message = await GoApiTestClient.ReadErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("needs an upscaled image", message, StringComparison.Ordinal);
        Assert.Contains("is a grid", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("variation", "{\"index\":\"high_variation\",\"prompt\":\"stormy\"}", "variation")]
    [InlineData("variation", "{\"index\":\"low_variation\"}", "variation")]
    [InlineData("inpaint", "{\"mask\":\"data:image/png;base64,iVBORw0KGgo=\",\"prompt\":\"a hat\"}", "inpaint")]
    [InlineData("outpaint", "{\"zoom_ratio\":\"1\"}", "outpaint")]
    [InlineData("outpaint", "{\"zoom_ratio\":\"1.8\",\"aspect_ratio\":\"2:3\"}", "outpaint")]
    [InlineData("outpaint", "{}", "outpaint")]
    [InlineData("pan", "{\"direction\":\"up\"}", "pan")]
    public async Task ImageFollowUp_OnUpscaledImage_FinishesAsAGrid(string endpoint, string fields, string expectedTaskType)
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new GoApiTestClient(emulator);
        var upscaledId = await FinishedUpscaleAsync(client, clock, "a cat");
        var body = JsonNode.Parse(fields)!.AsObject();
        body["origin_task_id"] = upscaledId;

        var taskId = await client.SubmitAsync(endpoint, body);
        clock.Advance(Duration);
        var task = await client.FetchAsync(taskId);

        Assert.Equal("finished", task.GetProperty("status").GetString());
        Assert.Equal(expectedTaskType, Meta(task).GetProperty("task_type").GetString());
        Assert.Equal(4, Result(task).GetProperty("image_urls").GetArrayLength());
        Assert.Contains("upscale1", Strings(Result(task).GetProperty("actions")));
    }

    [Theory]
    [InlineData("outpaint", "{\"zoom_ratio\":\"0.5\"}", "zoom_ratio")]
    [InlineData("outpaint", "{\"zoom_ratio\":\"2.5\"}", "zoom_ratio")]
    [InlineData("outpaint", "{\"zoom_ratio\":\"big\"}", "zoom_ratio")]
    [InlineData("outpaint", "{\"zoom_ratio\":1.5}", "zoom_ratio must be a string")]
    [InlineData("pan", "{\"direction\":\"sideways\"}", "direction must be up, down, left or right")]
    [InlineData("pan", "{}", "direction is required")]
    [InlineData("inpaint", "{}", "mask is required")]
    [InlineData("inpaint", "{\"mask\":\"***not base64***\"}", "mask is not valid base64")]
    [InlineData("inpaint", "{\"mask\":\"data:image/png,rawbytes\"}", "mask must be base64")]
    [InlineData("variation", "{\"index\":\"strong\"}", "index must be")]
    public async Task ImageFollowUp_BadFields_Returns400(string endpoint, string fields, string expectedMessagePart)
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new GoApiTestClient(emulator);
        var upscaledId = await FinishedUpscaleAsync(client, clock, "a cat");
        var body = JsonNode.Parse(fields)!.AsObject();
        body["origin_task_id"] = upscaledId;

        using var response = await client.PostAsync($"mj/v2/{endpoint}", body);

        Assert.Contains(expectedMessagePart, await GoApiTestClient.ReadErrorAsync(response, HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reroll_OfFinishedGrid_FinishesWithADifferentGrid()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new GoApiTestClient(emulator);
        var gridId = await FinishedImagineAsync(client, clock, "a cat");

        var rerollId = await client.SubmitAsync("reroll", new JsonObject { ["origin_task_id"] = gridId });
        clock.Advance(Duration);
        var reroll = await client.FetchAsync(rerollId);
        var original = await client.Http.GetByteArrayAsync(Result(await client.FetchAsync(gridId)).GetProperty("image_url").GetString());
        var rerolled = await client.Http.GetByteArrayAsync(Result(reroll).GetProperty("image_url").GetString());

        Assert.Equal("reroll", Meta(reroll).GetProperty("task_type").GetString());
        Assert.NotEqual(original, rerolled);
    }

    [Fact]
    public async Task Variation_ByIndexOnGrid_FinishesAsAGrid()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new GoApiTestClient(emulator);
        var gridId = await FinishedImagineAsync(client, clock, "a cat");

        var taskId = await client.SubmitAsync("variation", new JsonObject { ["origin_task_id"] = gridId, ["index"] = "4" });
        clock.Advance(Duration);
        var task = await client.FetchAsync(taskId);

        Assert.Equal("finished", task.GetProperty("status").GetString());
        Assert.Equal(4, Result(task).GetProperty("image_urls").GetArrayLength());
    }

    [Fact]
    public async Task Describe_Finished_MessageHoldsFourNumberedPromptsDerivedFromTheUrl()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new GoApiTestClient(emulator);
        var body = new JsonObject { ["image_url"] = "https://cdn.example/cat.png", ["process_mode"] = "fast" };

        var firstId = await client.SubmitAsync("describe", body.DeepClone().AsObject());
        var secondId = await client.SubmitAsync("describe", body.DeepClone().AsObject());
        Assert.Equal("", Result(await client.FetchAsync(firstId)).GetProperty("message").GetString());
        clock.Advance(Duration);
        var first = await client.FetchAsync(firstId);
        var second = await client.FetchAsync(secondId);

        Assert.Equal("finished", first.GetProperty("status").GetString());
        Assert.Equal("describe", Meta(first).GetProperty("task_type").GetString());
        Assert.Equal("fast", Meta(first).GetProperty("process_mode").GetString());
        Assert.Equal("", Result(first).GetProperty("image_url").GetString());
        var message = Result(first).GetProperty("message").GetString()!;
        var prompts = message.Split("\n\n");
        Assert.Equal(4, prompts.Length);
        for (var i = 0; i < 4; i++)
        {
            Assert.StartsWith($"{i + 1}\uFE0F\u20E3 ", prompts[i], StringComparison.Ordinal);
            Assert.EndsWith(" --ar 1:1", prompts[i], StringComparison.Ordinal);
        }

        Assert.Equal(4, prompts.Select(p => p[3..]).Distinct().Count());
        Assert.Equal(message, Result(second).GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("{}", "image_url is required")]
    [InlineData("{\"image_url\":\"/relative/cat.png\"}", "image_url must be an absolute http or https URL")]
    [InlineData("{\"image_url\":\"ftp://host/cat.png\"}", "image_url must be an absolute http or https URL")]
    public async Task Describe_BadImageUrl_Returns400(string body, string expectedMessagePart)
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new GoApiTestClient(emulator);

        using var response = await client.PostRawAsync("mj/v2/describe", body);

        Assert.Contains(expectedMessagePart, await GoApiTestClient.ReadErrorAsync(response, HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, null)]
    [InlineData(5, "portrait")]
    [InlineData(3, "landscape")]
    public async Task Blend_TwoToFiveUrls_FinishesAsAGrid(int count, string? dimension)
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new GoApiTestClient(emulator);
        var body = new JsonObject { ["image_urls"] = Urls(count) };
        if (dimension is not null)
        {
            body["dimension"] = dimension;
        }

        var taskId = await client.SubmitAsync("blend", body);
        clock.Advance(Duration);
        var task = await client.FetchAsync(taskId);

        Assert.Equal("finished", task.GetProperty("status").GetString());
        Assert.Equal("blend", Meta(task).GetProperty("task_type").GetString());
        Assert.Equal("relax", Meta(task).GetProperty("process_mode").GetString());
        Assert.Equal(4, Result(task).GetProperty("image_urls").GetArrayLength());
    }

    [Theory]
    [InlineData(1, null, "2 to 5")]
    [InlineData(6, null, "2 to 5")]
    [InlineData(2, "round", "dimension must be square, portrait or landscape")]
    public async Task Blend_BadFields_Returns400(int count, string? dimension, string expectedMessagePart)
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new GoApiTestClient(emulator);
        var body = new JsonObject { ["image_urls"] = Urls(count), ["dimension"] = dimension };

        using var response = await client.PostAsync("mj/v2/blend", body);

        Assert.Contains(expectedMessagePart, await GoApiTestClient.ReadErrorAsync(response, HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MultiFetch_KnownAndUnknownIds_ReturnsFetchObjectAndNull()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync(new MidjourneyEmulatorOptions { TimeProvider = new FakeTimeProvider() });
        using var client = new GoApiTestClient(emulator);
        var taskId = await client.SubmitAsync("imagine", new JsonObject { ["prompt"] = "a cat" });

        using var response = await client.PostAsync("mj/v2/multi_fetch", new JsonObject { ["task_ids"] = new JsonArray(taskId, "missing") });
        var data = (await GoApiTestClient.ReadJsonAsync(response, HttpStatusCode.OK)).GetProperty("data");

        Assert.Equal(taskId, data.GetProperty(taskId).GetProperty("task_id").GetString());
        Assert.Equal("pending", data.GetProperty(taskId).GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("missing").ValueKind);
    }

    [Fact]
    public async Task MultiFetch_WithoutTaskIds_Returns400()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new GoApiTestClient(emulator);

        using var response = await client.PostAsync("mj/v2/multi_fetch", new JsonObject());

        Assert.Equal("task_ids is required", await GoApiTestClient.ReadErrorAsync(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Imagine_PromptWithFailMarker_EndsFailedWithErrorMessages()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new GoApiTestClient(emulator);
        var taskId = await client.SubmitAsync("imagine", new JsonObject { ["prompt"] = "a cat [fail]" });

        clock.Advance(TimeSpan.FromSeconds(1.5));
        var running = await client.FetchAsync(taskId);
        clock.Advance(TimeSpan.FromSeconds(1.5));
        var failed = await client.FetchAsync(taskId);

        Assert.Equal("processing", running.GetProperty("status").GetString());
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        var result = Result(failed);
        var error = Assert.Single(Strings(result.GetProperty("error_messages")));
        Assert.StartsWith("Emulated failure: ", error, StringComparison.Ordinal);
        Assert.Equal(error, result.GetProperty("message").GetString());
        Assert.Equal("", result.GetProperty("image_url").GetString());
        Assert.Empty(result.GetProperty("actions").EnumerateArray());
        Assert.NotEqual(0, Meta(failed).GetProperty("ended_at").GetInt64());

        using var upscale = await client.PostAsync("mj/v2/upscale", new JsonObject { ["origin_task_id"] = taskId, ["index"] = "1" });
        Assert.Contains("failed", await GoApiTestClient.ReadErrorAsync(upscale, HttpStatusCode.BadRequest), StringComparison.Ordinal);
        using var grid = await client.Http.GetAsync($"images/{taskId}/grid.png");
        Assert.Equal(HttpStatusCode.NotFound, grid.StatusCode);
    }

    [Fact]
    public async Task Shorten_NotOfferedByV2_Returns404()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new GoApiTestClient(emulator);

        using var response = await client.PostAsync("mj/v2/shorten", new JsonObject { ["prompt"] = "a cat" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    internal static Task<MidjourneyEmulator> StartAsync(FakeTimeProvider clock)
        => MidjourneyEmulator.StartAsync(new MidjourneyEmulatorOptions { TimeProvider = clock, TaskDuration = Duration });

    internal static async Task<string> FinishedImagineAsync(GoApiTestClient client, FakeTimeProvider clock, string prompt)
    {
        var taskId = await client.SubmitAsync("imagine", new JsonObject { ["prompt"] = prompt });
        clock.Advance(Duration);
        return taskId;
    }

    internal static async Task<string> FinishedUpscaleAsync(GoApiTestClient client, FakeTimeProvider clock, string prompt)
    {
        var gridId = await FinishedImagineAsync(client, clock, prompt);
        var taskId = await client.SubmitAsync("upscale", new JsonObject { ["origin_task_id"] = gridId, ["index"] = "1" });
        clock.Advance(Duration);
        return taskId;
    }

    internal static JsonElement Meta(JsonElement task) => task.GetProperty("meta");

    internal static JsonElement Result(JsonElement task) => task.GetProperty("task_result");

    internal static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    private static JsonArray Urls(int count) => [.. Enumerable.Range(1, count).Select(i => (JsonNode)$"https://cdn.example/{i}.png")];
}
