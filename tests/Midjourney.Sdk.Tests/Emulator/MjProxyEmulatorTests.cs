using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Midjourney.Sdk.Emulator;
using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Emulator;

/// <summary>The MJ-Proxy protocol over real loopback HTTP, with raw requests and a fake clock.</summary>
public sealed class MjProxyEmulatorTests
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(3);

    private static Task<MidjourneyEmulator> StartAsync(FakeTimeProvider clock)
        => MidjourneyEmulator.StartAsync(new MidjourneyEmulatorOptions { TimeProvider = clock, TaskDuration = Duration });

    private static async Task<string> FinishedAsync(MjProxyTestClient client, FakeTimeProvider clock, string path, JsonObject body)
    {
        var id = await client.SubmitOkAsync(path, body);
        clock.Advance(Duration);
        return id;
    }

    private static Task<string> GridAsync(MjProxyTestClient client, FakeTimeProvider clock, string prompt = "a lighthouse")
        => FinishedAsync(client, clock, "mj/submit/imagine", new JsonObject { ["prompt"] = prompt });

    private static async Task<string> UpscaledAsync(MjProxyTestClient client, FakeTimeProvider clock, string prompt = "a lighthouse")
    {
        var grid = await GridAsync(client, clock, prompt);
        return await FinishedAsync(client, clock, "mj/submit/action", Press(grid, await ButtonAsync(client, grid, "MJ::JOB::upsample::1::")));
    }

    private static JsonObject Press(string taskId, string customId) => new() { ["taskId"] = taskId, ["customId"] = customId };

    private static async Task<string> ButtonAsync(MjProxyTestClient client, string taskId, string prefix)
        => Buttons(await client.FetchAsync(taskId)).Single(id => id.StartsWith(prefix, StringComparison.Ordinal));

    private static string[] Buttons(JsonElement task)
        => [.. task.GetProperty("buttons").EnumerateArray().Select(b => b.GetProperty("customId").GetString()!)];

    // ---- auth and lanes ----

    [Fact]
    public async Task Imagine_WithoutKey_Returns401WithMjProxyErrorBody()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new MjProxyTestClient(emulator);

        using var response = await client.PostAsync("mj/submit/imagine", new JsonObject { ["prompt"] = "a cat" }, apiKey: "");

        Assert.Equal("Invalid API key", await MjProxyTestClient.ReadRefusalAsync(response, 9, HttpStatusCode.Unauthorized));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Imagine_BearerOrMjApiSecret_BothAccepted(bool apiSecretHeader)
    {
        await using var emulator = await MidjourneyEmulator.StartAsync(new MidjourneyEmulatorOptions { ApiKey = "sk-relay" });
        using var client = new MjProxyTestClient(emulator, apiSecretHeader: apiSecretHeader);

        await client.SubmitOkAsync("mj/submit/imagine", new JsonObject { ["prompt"] = "a cat" });
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Fetch_WrongKeyInEitherHeader_Returns401(bool apiSecretHeader)
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new MjProxyTestClient(emulator, apiKey: "wrong", apiSecretHeader: apiSecretHeader);

        using var response = await client.GetAsync("mj/task/x/fetch");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("mj-fast")]
    [InlineData("mj-relax")]
    [InlineData("mj-turbo")]
    [InlineData("fast")]
    [InlineData("relax")]
    [InlineData("turbo")]
    public async Task EveryEndpoint_BehindALanePrefix_IsServed(string lane)
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new MjProxyTestClient(emulator);

        var grid = await FinishedAsync(client, clock, $"{lane}/mj/submit/imagine", new JsonObject { ["prompt"] = "a cat" });
        using var fetched = await client.GetAsync($"{lane}/mj/task/{grid}/fetch");
        var task = await MjProxyTestClient.ReadJsonAsync(fetched, HttpStatusCode.OK);
        var up = await client.SubmitOkAsync($"{lane}/mj/submit/action", Press(grid, Buttons(task)[0]));
        using var listed = await client.PostAsync($"{lane}/mj/task/list-by-condition", new JsonObject { ["ids"] = new JsonArray(grid, up) });

        Assert.Equal("SUCCESS", task.GetProperty("status").GetString());
        Assert.Equal(2, (await MjProxyTestClient.ReadJsonAsync(listed, HttpStatusCode.OK)).GetArrayLength());
    }

    [Fact]
    public async Task Imagine_UnknownLane_IsNotServed()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new MjProxyTestClient(emulator);

        using var response = await client.PostAsync("slow/mj/submit/imagine", new JsonObject { ["prompt"] = "a cat" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    // ---- submit validation: code 4 with HTTP 200, unreadable bodies 400 ----

    [Theory]
    [InlineData("imagine", "{}", "prompt must not be empty")]
    [InlineData("imagine", "{\"prompt\":\"  \"}", "prompt must not be empty")]
    [InlineData("imagine", "{\"prompt\":\"a cat\",\"base64Array\":[\"not a data url\"]}", "base64Array")]
    [InlineData("imagine", "{\"prompt\":\"a cat\",\"base64Array\":[\"data:image/png;base64,!!!\"]}", "not valid base64")]
    [InlineData("imagine", "{\"prompt\":\"a cat\",\"botType\":\"DALL_E\"}", "botType")]
    [InlineData("imagine", "{\"prompt\":\"a cat\",\"notifyHook\":\"not a url\"}", "notifyHook")]
    [InlineData("blend", "{\"base64Array\":[\"data:image/png;base64,iVBORw0KGgo=\"]}", "2 to 5 images, not 1")]
    [InlineData("blend", "{\"base64Array\":[\"data:image/png;base64,iVBORw0KGgo=\",\"data:image/png;base64,iVBORw0KGgo=\"],\"dimensions\":\"WIDE\"}", "dimensions")]
    [InlineData("describe", "{}", "base64 must not be empty")]
    [InlineData("describe", "{\"link\":\"ftp://x/y.png\"}", "link")]
    [InlineData("shorten", "{\"prompt\":\"\"}", "prompt must not be empty")]
    [InlineData("action", "{\"taskId\":\"x\"}", "customId must not be empty")]
    [InlineData("modal", "{}", "taskId must not be empty")]
    public async Task Submit_InvalidField_AnswersCode4WithHttp200(string endpoint, string body, string expected)
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new MjProxyTestClient(emulator);

        using var response = await client.PostRawAsync($"mj/submit/{endpoint}", body);

        Assert.Contains(expected, await MjProxyTestClient.ReadRefusalAsync(response, 4), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"prompt\":42}", "prompt must be a string")]
    [InlineData("{\"prompt\":", "not valid JSON")]
    [InlineData("[1]", "JSON object")]
    public async Task Submit_UnreadableBody_Answers400(string body, string expected)
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new MjProxyTestClient(emulator);

        using var response = await client.PostRawAsync("mj/submit/imagine", body);

        Assert.Contains(expected, await MjProxyTestClient.ReadRefusalAsync(response, 4, HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a NSFW cat", "nsfw")]
    [InlineData("gore.", "gore")]
    public async Task Imagine_BannedWord_AnswersCode24WithTheWord(string prompt, string word)
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new MjProxyTestClient(emulator);

        using var response = await client.PostAsync("mj/submit/imagine", new JsonObject { ["prompt"] = prompt });

        var json = await MjProxyTestClient.ReadJsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(24, json.GetProperty("code").GetInt32());
        Assert.Equal(word, json.GetProperty("properties").GetProperty("bannedWord").GetString());
    }

    [Fact]
    public async Task Imagine_QueueMarker_AcceptedWithCode22AndQueuePosition()
    {
        await using var emulator = await StartAsync(new FakeTimeProvider());
        using var client = new MjProxyTestClient(emulator);

        var json = await client.SubmitAsync("mj/submit/imagine", new JsonObject { ["prompt"] = "a cat [queue]" });

        Assert.Equal(22, json.GetProperty("code").GetInt32());
        Assert.Equal(1, json.GetProperty("properties").GetProperty("numberOfQueues").GetInt32());
        Assert.Equal("SUBMITTED", (await client.FetchAsync(json.GetProperty("result").GetString()!)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Imagine_QueueFullMarker_RefusedWithCode23()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new MjProxyTestClient(emulator);

        using var response = await client.PostAsync("mj/submit/imagine", new JsonObject { ["prompt"] = "a cat [queue-full]" });

        Assert.Contains("queue is full", await MjProxyTestClient.ReadRefusalAsync(response, 23), StringComparison.Ordinal);
    }

    // ---- fetch and the lifecycle ----

    [Fact]
    public async Task Fetch_UnknownTask_AnswersHttp200WithAnEmptyBody()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new MjProxyTestClient(emulator);

        using var response = await client.GetAsync("mj/task/no-such-task/fetch");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Fetch_AsClockAdvances_MovesSubmittedThenInProgressThenSuccessWithGridButtons()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new MjProxyTestClient(emulator);
        var submitted = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var id = await client.SubmitOkAsync("mj/submit/imagine", new JsonObject { ["prompt"] = "a lighthouse --v 7", ["state"] = "order-42" });

        var pending = await client.FetchAsync(id);
        clock.Advance(TimeSpan.FromSeconds(1.5)); // past the longest queue wait (45% of 3 s), before step 4 (62%)
        var running = await client.FetchAsync(id);
        clock.Advance(TimeSpan.FromSeconds(1.5));
        var done = await client.FetchAsync(id);

        Assert.Equal(("SUBMITTED", "0%", 0L), (pending.GetProperty("status").GetString(), pending.GetProperty("progress").GetString(), pending.GetProperty("startTime").GetInt64()));
        Assert.Equal(submitted, pending.GetProperty("submitTime").GetInt64());
        Assert.Equal("IN_PROGRESS", running.GetProperty("status").GetString());
        Assert.Contains(running.GetProperty("progress").GetString(), new[] { "0%", "15%", "31%", "46%" });
        Assert.InRange(running.GetProperty("startTime").GetInt64(), submitted + 150, submitted + 1350);
        Assert.Equal(0, running.GetProperty("finishTime").GetInt64());
        Assert.Empty(Buttons(running));

        Assert.Equal(id, done.GetProperty("id").GetString());
        Assert.Equal("IMAGINE", done.GetProperty("action").GetString());
        Assert.Equal("SUCCESS", done.GetProperty("status").GetString());
        Assert.Equal("100%", done.GetProperty("progress").GetString());
        Assert.Equal(submitted + 3000, done.GetProperty("finishTime").GetInt64());
        Assert.Equal(running.GetProperty("startTime").GetInt64(), done.GetProperty("startTime").GetInt64());
        Assert.Equal("a lighthouse --v 7", done.GetProperty("prompt").GetString());
        Assert.Equal("order-42", done.GetProperty("state").GetString());
        Assert.Equal("MID_JOURNEY", done.GetProperty("botType").GetString());
        Assert.EndsWith($"/images/{id}/grid.png", done.GetProperty("imageUrl").GetString(), StringComparison.Ordinal);
        Assert.Equal(4, done.GetProperty("imageUrls").EnumerateArray().Count(u => u.GetProperty("url").GetString()!.EndsWith(".png", StringComparison.Ordinal)));
        var hash = done.GetProperty("properties").GetProperty("messageHash").GetString();
        Assert.True(Guid.TryParse(hash, out _));
        Assert.Equal(
            [
                $"MJ::JOB::upsample::1::{hash}", $"MJ::JOB::upsample::2::{hash}", $"MJ::JOB::upsample::3::{hash}", $"MJ::JOB::upsample::4::{hash}",
                $"MJ::JOB::reroll::0::{hash}::SOLO",
                $"MJ::JOB::variation::1::{hash}", $"MJ::JOB::variation::2::{hash}", $"MJ::JOB::variation::3::{hash}", $"MJ::JOB::variation::4::{hash}",
            ],
            Buttons(done));
        Assert.Equal("U1", done.GetProperty("buttons")[0].GetProperty("label").GetString());
        Assert.Equal("🔄", done.GetProperty("buttons")[4].GetProperty("emoji").GetString());
    }

    [Fact]
    public async Task Fetch_FailMarker_EndsInFailureWithAReasonAndNoButtons()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new MjProxyTestClient(emulator);

        var failed = await client.FetchAsync(await GridAsync(client, clock, "a cat [fail]"));

        Assert.Equal("FAILURE", failed.GetProperty("status").GetString());
        Assert.Contains("[fail]", failed.GetProperty("failReason").GetString(), StringComparison.Ordinal);
        Assert.Empty(Buttons(failed));
        Assert.Equal("", failed.GetProperty("imageUrl").GetString());
    }

    [Fact]
    public async Task ListByCondition_KnownAndUnknownIds_ListsOnlyTheKnownOnes()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new MjProxyTestClient(emulator);
        var a = await client.SubmitOkAsync("mj/submit/imagine", new JsonObject { ["prompt"] = "a cat" });
        var b = await client.SubmitOkAsync("mj/submit/shorten", new JsonObject { ["prompt"] = "a long cat" });

        using var response = await client.PostAsync("mj/task/list-by-condition", new JsonObject { ["ids"] = new JsonArray(a, "nope", b, a) });
        var list = await MjProxyTestClient.ReadJsonAsync(response, HttpStatusCode.OK);

        Assert.Equal([a, b], list.EnumerateArray().Select(t => t.GetProperty("id").GetString()));
    }

    // ---- image-seed, as trueai-org answers it ----

    private static Task<HttpResponseMessage> ImageSeedAsync(MjProxyTestClient client, string taskId, string lane = "")
        => client.GetAsync($"{lane}mj/task/{Uri.EscapeDataString(taskId)}/image-seed");

    [Theory]
    [InlineData("")]
    [InlineData("mj-fast/")]
    public async Task ImageSeed_FinishedGrid_Code1WithTheSeedTheTaskReports(string lane)
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new MjProxyTestClient(emulator);
        string id = await GridAsync(client, clock);
        Assert.False((await client.FetchAsync(id)).TryGetProperty("seed", out _)); // not reported before the lookup

        using var response = await ImageSeedAsync(client, id, lane);
        JsonElement answer = await MjProxyTestClient.ReadJsonAsync(response, HttpStatusCode.OK);

        Assert.Equal(1, answer.GetProperty("code").GetInt32());
        string seed = answer.GetProperty("result").GetString()!;
        Assert.True(ulong.TryParse(seed, out _), seed);
        Assert.Equal((await client.FetchAsync(id)).GetProperty("seed").GetString(), seed);
        Assert.Equal(JsonValueKind.Object, answer.GetProperty("properties").ValueKind);
    }

    [Fact]
    public async Task ImageSeed_RunningTask_400Code4()
    {
        await using var emulator = await StartAsync(new FakeTimeProvider());
        using var client = new MjProxyTestClient(emulator);
        string id = await client.SubmitOkAsync("mj/submit/imagine", new JsonObject { ["prompt"] = "a lighthouse" });

        using var response = await ImageSeedAsync(client, id);

        Assert.Contains(id, await MjProxyTestClient.ReadRefusalAsync(response, 4, HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImageSeed_FinishedVideo_200Code3()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new MjProxyTestClient(emulator);
        string id = await FinishedAsync(client, clock, "mj/submit/video", new JsonObject { ["prompt"] = "the waves roll in", ["image"] = "https://img.test/start.png" });

        using var response = await ImageSeedAsync(client, id);

        await MjProxyTestClient.ReadRefusalAsync(response, 3, HttpStatusCode.OK);
    }

    [Fact]
    public async Task ImageSeed_UnknownId_404Code3()
    {
        await using var emulator = await StartAsync(new FakeTimeProvider());
        using var client = new MjProxyTestClient(emulator);

        using var response = await ImageSeedAsync(client, "no-such-task");

        Assert.Contains("no-such-task", await MjProxyTestClient.ReadRefusalAsync(response, 3, HttpStatusCode.NotFound), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImageSeed_WithoutKey_401()
    {
        await using var emulator = await StartAsync(new FakeTimeProvider());
        using var client = new MjProxyTestClient(emulator);

        using var response = await client.GetAsync("mj/task/any/image-seed", apiKey: "");

        await MjProxyTestClient.ReadRefusalAsync(response, 9, HttpStatusCode.Unauthorized);
    }

    // ---- buttons ----

    [Theory]
    [InlineData("a lighthouse", "upsample_v7_2x_subtle", "upsample_v7_2x_creative")]
    [InlineData("a lighthouse --v 6.1", "upsample_v6r1_2x_subtle", "upsample_v6r1_2x_creative")]
    [InlineData("a lighthouse --v 6", "upsample_v6_2x_subtle", "upsample_v6_2x_creative")]
    [InlineData("a lighthouse --v 5.2", "upsample_v5_2x", "upsample_v5_4x")]
    public async Task Action_U1_UpscaledImageHasTheToolButtonsOfItsVersion(string prompt, string first, string second)
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new MjProxyTestClient(emulator);

        var up = await UpscaledAsync(client, clock, prompt);
        var task = await client.FetchAsync(up);
        var parent = await client.FetchAsync(task.GetProperty("parentId").GetString()!);

        var h = task.GetProperty("properties").GetProperty("messageHash").GetString();
        Assert.Equal("UPSCALE", task.GetProperty("action").GetString());
        Assert.Equal("IMAGINE", parent.GetProperty("action").GetString());
        Assert.NotEqual(h, parent.GetProperty("properties").GetProperty("messageHash").GetString());
        Assert.EndsWith($"/images/{up}/image.png", task.GetProperty("imageUrl").GetString(), StringComparison.Ordinal);
        Assert.Equal(
            [
                $"MJ::JOB::{first}::1::{h}::SOLO", $"MJ::JOB::{second}::1::{h}::SOLO",
                $"MJ::JOB::low_variation::1::{h}::SOLO", $"MJ::JOB::high_variation::1::{h}::SOLO", $"MJ::Inpaint::1::{h}::SOLO",
                $"MJ::Outpaint::50::1::{h}::SOLO", $"MJ::Outpaint::75::1::{h}::SOLO", $"MJ::CustomZoom::{h}", $"MJ::Outpaint::100::1::{h}::SOLO",
                $"MJ::JOB::pan_left::1::{h}::SOLO", $"MJ::JOB::pan_right::1::{h}::SOLO", $"MJ::JOB::pan_up::1::{h}::SOLO", $"MJ::JOB::pan_down::1::{h}::SOLO",
            ],
            Buttons(task));
    }

    [Theory]
    [InlineData("MJ::JOB::variation::2::", "VARIATION")]
    [InlineData("MJ::JOB::reroll::0::", "REROLL")]
    [InlineData("MJ::JOB::upsample::3::", "UPSCALE")]
    public async Task Action_GridButton_StartsTheFollowUpWithItsParent(string prefix, string action)
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new MjProxyTestClient(emulator);
        var grid = await GridAsync(client, clock);
        var customId = await ButtonAsync(client, grid, prefix);

        var child = await FinishedAsync(client, clock, "mj/submit/action", Press(grid, customId));
        var task = await client.FetchAsync(child);

        Assert.Equal(action, task.GetProperty("action").GetString());
        Assert.Equal(grid, task.GetProperty("parentId").GetString());
        Assert.Equal("SUCCESS", task.GetProperty("status").GetString());
        Assert.Equal($"/up {grid} {customId}", task.GetProperty("description").GetString());
    }

    [Theory]
    [InlineData("MJ::Outpaint::50::", "ZOOM")]
    [InlineData("MJ::Outpaint::75::", "ZOOM")]
    [InlineData("MJ::Outpaint::100::", "ZOOM")]
    [InlineData("MJ::JOB::pan_left::", "PAN")]
    [InlineData("MJ::JOB::low_variation::", "VARIATION")]
    [InlineData("MJ::JOB::high_variation::", "VARIATION")]
    [InlineData("MJ::JOB::upsample_v7_2x_creative::", "UPSCALE")]
    public async Task Action_ImageButton_StartsTheFollowUpAtOnce(string prefix, string action)
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new MjProxyTestClient(emulator);
        var up = await UpscaledAsync(client, clock);

        var answer = await client.SubmitAsync("mj/submit/action", Press(up, await ButtonAsync(client, up, prefix)));
        var task = await client.FetchAsync(answer.GetProperty("result").GetString()!);

        Assert.Equal(1, answer.GetProperty("code").GetInt32());
        Assert.Equal(action, task.GetProperty("action").GetString());
        Assert.Equal("SUBMITTED", task.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Action_UnknownParent_Answers404WithCode3()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new MjProxyTestClient(emulator);

        using var response = await client.PostAsync("mj/submit/action", Press("no-such-task", "MJ::JOB::upsample::1::x"));

        Assert.Contains("no-such-task", await MjProxyTestClient.ReadRefusalAsync(response, 3, HttpStatusCode.NotFound), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Action_UnfinishedParent_AnswersCode4NamingItsStatus()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new MjProxyTestClient(emulator);
        var grid = await client.SubmitOkAsync("mj/submit/imagine", new JsonObject { ["prompt"] = "a cat" });

        using var response = await client.PostAsync("mj/submit/action", Press(grid, "MJ::JOB::upsample::1::x"));

        Assert.Contains("SUBMITTED, not SUCCESS", await MjProxyTestClient.ReadRefusalAsync(response, 4), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MJ::JOB::upsample::1::0000")]
    [InlineData("MJ::CustomZoom::whatever")]
    public async Task Action_ButtonTheParentDoesNotHave_AnswersCode4ListingItsButtons(string customId)
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new MjProxyTestClient(emulator);
        var grid = await GridAsync(client, clock);

        using var response = await client.PostAsync("mj/submit/action", Press(grid, customId));

        var description = await MjProxyTestClient.ReadRefusalAsync(response, 4);
        Assert.Contains($"has no button \"{customId}\"", description, StringComparison.Ordinal);
        Assert.Contains("MJ::JOB::variation::4::", description, StringComparison.Ordinal);
    }

    // ---- the dialog: code 21, MODAL, /mj/submit/modal ----

    [Fact]
    public async Task CustomZoom_ActionWaitsInModalThenModalStartsItUnderTheSameId()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new MjProxyTestClient(emulator);
        var up = await UpscaledAsync(client, clock, "a lighthouse --ar 3:2");

        var pressed = await client.SubmitAsync("mj/submit/action", Press(up, await ButtonAsync(client, up, "MJ::CustomZoom::")));
        var modalId = pressed.GetProperty("result").GetString()!;
        var waiting = await client.FetchAsync(modalId);
        clock.Advance(TimeSpan.FromMinutes(5));
        var stillWaiting = await client.FetchAsync(modalId);
        var confirmed = await client.SubmitAsync("mj/submit/modal", new JsonObject { ["taskId"] = modalId, ["prompt"] = "a lighthouse --ar 3:2 --zoom 1.8" });
        clock.Advance(Duration);
        var done = await client.FetchAsync(modalId);

        Assert.Equal(21, pressed.GetProperty("code").GetInt32());
        Assert.Equal("Waiting for window confirm", pressed.GetProperty("description").GetString());
        Assert.True(pressed.GetProperty("properties").GetProperty("remix").GetBoolean());
        Assert.Equal("MODAL", waiting.GetProperty("status").GetString());
        Assert.Equal("ZOOM", waiting.GetProperty("action").GetString());
        Assert.Equal(up, waiting.GetProperty("parentId").GetString());
        Assert.Equal("MODAL", stillWaiting.GetProperty("status").GetString());
        Assert.Equal((1, modalId), (confirmed.GetProperty("code").GetInt32(), confirmed.GetProperty("result").GetString()));
        Assert.Equal("SUCCESS", done.GetProperty("status").GetString());
        Assert.Equal("ZOOM", done.GetProperty("action").GetString());
        Assert.Equal("a lighthouse --ar 3:2 --zoom 1.8", done.GetProperty("prompt").GetString());
        Assert.Equal(up, done.GetProperty("parentId").GetString());
        Assert.Equal(9, Buttons(done).Length);
    }

    [Theory]
    [InlineData("a lighthouse", "--zoom")]
    [InlineData("a lighthouse --zoom 2.5", "--zoom")]
    [InlineData("a lighthouse --zoom", "--zoom")]
    [InlineData("", "prompt must not be empty")]
    public async Task CustomZoom_ModalWithoutAValidZoom_AnswersCode4AndKeepsWaiting(string prompt, string expected)
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new MjProxyTestClient(emulator);
        var up = await UpscaledAsync(client, clock);
        var modalId = (await client.SubmitAsync("mj/submit/action", Press(up, await ButtonAsync(client, up, "MJ::CustomZoom::")))).GetProperty("result").GetString()!;

        using var response = await client.PostAsync("mj/submit/modal", new JsonObject { ["taskId"] = modalId, ["prompt"] = prompt });

        Assert.Contains(expected, await MjProxyTestClient.ReadRefusalAsync(response, 4), StringComparison.Ordinal);
        Assert.Equal("MODAL", (await client.FetchAsync(modalId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task VaryRegion_ModalNeedsTheMaskThenStartsAnInpaint()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new MjProxyTestClient(emulator);
        var up = await UpscaledAsync(client, clock);
        var pressed = await client.SubmitAsync("mj/submit/action", Press(up, await ButtonAsync(client, up, "MJ::Inpaint::")));
        var modalId = pressed.GetProperty("result").GetString()!;
        var waiting = await client.FetchAsync(modalId);

        using var noMask = await client.PostAsync("mj/submit/modal", new JsonObject { ["taskId"] = modalId, ["prompt"] = "a hat" });
        var noMaskText = await MjProxyTestClient.ReadRefusalAsync(noMask, 4);
        var confirmed = await client.SubmitOkAsync("mj/submit/modal", new JsonObject { ["taskId"] = modalId, ["prompt"] = "a hat", ["maskBase64"] = MjProxyTestClient.DataUrl });
        using var again = await client.PostAsync("mj/submit/modal", new JsonObject { ["taskId"] = modalId, ["prompt"] = "a hat", ["maskBase64"] = MjProxyTestClient.DataUrl });
        clock.Advance(Duration);
        var done = await client.FetchAsync(modalId);

        Assert.Equal(("MODAL", "INPAINT", ""), (waiting.GetProperty("status").GetString(), waiting.GetProperty("action").GetString(), waiting.GetProperty("prompt").GetString()));
        Assert.Contains("maskBase64", noMaskText, StringComparison.Ordinal);
        Assert.Equal(modalId, confirmed);
        Assert.Contains("not waiting for a dialog", await MjProxyTestClient.ReadRefusalAsync(again, 4), StringComparison.Ordinal);
        Assert.Equal(("SUCCESS", "INPAINT", "a hat"), (done.GetProperty("status").GetString(), done.GetProperty("action").GetString(), done.GetProperty("prompt").GetString()));
    }

    [Fact]
    public async Task Modal_BannedWordInTheDialogsPrompt_AnswersCode24()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new MjProxyTestClient(emulator);
        var up = await UpscaledAsync(client, clock);
        var modalId = (await client.SubmitAsync("mj/submit/action", Press(up, await ButtonAsync(client, up, "MJ::Inpaint::")))).GetProperty("result").GetString()!;

        using var response = await client.PostAsync("mj/submit/modal", new JsonObject { ["taskId"] = modalId, ["prompt"] = "nude", ["maskBase64"] = MjProxyTestClient.DataUrl });

        Assert.Equal("May contains sensitive words", await MjProxyTestClient.ReadRefusalAsync(response, 24));
    }

    [Fact]
    public async Task Modal_UnknownTask_Answers404WithCode3()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new MjProxyTestClient(emulator);

        using var response = await client.PostAsync("mj/submit/modal", new JsonObject { ["taskId"] = "nope", ["prompt"] = "x --zoom 2" });

        await MjProxyTestClient.ReadRefusalAsync(response, 3, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Action_OnATaskWaitingInModal_AnswersCode4()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new MjProxyTestClient(emulator);
        var up = await UpscaledAsync(client, clock);
        var modalId = (await client.SubmitAsync("mj/submit/action", Press(up, await ButtonAsync(client, up, "MJ::CustomZoom::")))).GetProperty("result").GetString()!;

        using var response = await client.PostAsync("mj/submit/action", Press(modalId, "MJ::JOB::upsample::1::x"));

        Assert.Contains("MODAL", await MjProxyTestClient.ReadRefusalAsync(response, 4), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MJ::JOB::variation::1::")]
    [InlineData("MJ::JOB::reroll::0::")]
    public async Task RemixMarker_GridVariationOrReroll_OpensTheDialog(string prefix)
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new MjProxyTestClient(emulator);
        var grid = await GridAsync(client, clock, "a cat [remix]");

        var pressed = await client.SubmitAsync("mj/submit/action", Press(grid, await ButtonAsync(client, grid, prefix)));
        var modalId = pressed.GetProperty("result").GetString()!;
        await client.SubmitOkAsync("mj/submit/modal", new JsonObject { ["taskId"] = modalId, ["prompt"] = "a dog [remix]" });
        clock.Advance(Duration);
        var done = await client.FetchAsync(modalId);

        Assert.Equal(21, pressed.GetProperty("code").GetInt32());
        Assert.Equal("a dog [remix]", done.GetProperty("prompt").GetString());
        Assert.Equal("SUCCESS", done.GetProperty("status").GetString());
    }

    [Fact]
    public async Task RemixMarker_Upscale_StartsAtOnce()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new MjProxyTestClient(emulator);
        var grid = await GridAsync(client, clock, "a cat [remix]");

        await client.SubmitOkAsync("mj/submit/action", Press(grid, await ButtonAsync(client, grid, "MJ::JOB::upsample::2::")));
    }

    // ---- describe, shorten, blend ----

    [Fact]
    public async Task Describe_Base64OrLink_FourKeycapNumberedPromptsInFinalPrompt()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new MjProxyTestClient(emulator);

        var fromData = await client.FetchAsync(await FinishedAsync(client, clock, "mj/submit/describe", new JsonObject { ["base64"] = MjProxyTestClient.DataUrl }));
        var fromLink = await client.FetchAsync(await FinishedAsync(client, clock, "mj/submit/describe", new JsonObject { ["link"] = "https://img.test/a.png" }));

        foreach (var task in new[] { fromData, fromLink })
        {
            Assert.Equal("DESCRIBE", task.GetProperty("action").GetString());
            var text = task.GetProperty("properties").GetProperty("finalPrompt").GetString()!;
            Assert.Equal(4, text.Split('\u20E3').Length - 1);
            Assert.StartsWith("1\uFE0F\u20E3 ", text, StringComparison.Ordinal);
            Assert.Empty(Buttons(task));
        }
    }

    [Fact]
    public async Task Shorten_Prompt_AnalysisWithNumberedShorterOptions()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new MjProxyTestClient(emulator);

        var task = await client.FetchAsync(await FinishedAsync(client, clock, "mj/submit/shorten",
            new JsonObject { ["prompt"] = "a very detailed oil painting of a lighthouse on a cliff at dawn, dramatic light --ar 16:9 --v 7" }));

        var text = task.GetProperty("properties").GetProperty("finalPrompt").GetString()!;
        Assert.Equal("SHORTEN", task.GetProperty("action").GetString());
        Assert.StartsWith("**IMPORTANT TOKENS**\n", text, StringComparison.Ordinal);
        Assert.Contains("1\uFE0F\u20E3 detailed, oil, painting, lighthouse, cliff, dawn, dramatic, light", text, StringComparison.Ordinal);
        Assert.Contains("5\uFE0F\u20E3 detailed, oil", text, StringComparison.Ordinal);
        Assert.DoesNotContain("16:9", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Blend_TwoImages_GridWithButtons()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new MjProxyTestClient(emulator);

        var task = await client.FetchAsync(await FinishedAsync(client, clock, "mj/submit/blend",
            new JsonObject { ["base64Array"] = new JsonArray(MjProxyTestClient.DataUrl, MjProxyTestClient.DataUrl), ["dimensions"] = "PORTRAIT" }));

        Assert.Equal("BLEND", task.GetProperty("action").GetString());
        Assert.Equal(9, Buttons(task).Length);
        Assert.Equal("", task.GetProperty("prompt").GetString());
    }

    // ---- faults ----

    [Theory]
    [InlineData("mj/submit/imagine")]
    [InlineData("mj-fast/mj/submit/imagine")]
    [InlineData("fast/mj/submit/imagine")]
    public async Task Fault_RateLimit_AnswersInMjProxysErrorShapeOnPrefixedPathsToo(string path)
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new MjProxyTestClient(emulator);
        emulator.InjectFault(EmulatorFault.RateLimit(TimeSpan.FromSeconds(2)));

        using var limited = await client.PostAsync(path, new JsonObject { ["prompt"] = "a cat" });
        using var next = await client.PostAsync(path, new JsonObject { ["prompt"] = "a cat" });

        Assert.Equal(TimeSpan.FromSeconds(2), limited.Headers.RetryAfter?.Delta);
        Assert.Contains("rate limit", await MjProxyTestClient.ReadRefusalAsync(limited, 23, HttpStatusCode.TooManyRequests), StringComparison.Ordinal);
        Assert.Equal(1, (await MjProxyTestClient.ReadJsonAsync(next, HttpStatusCode.OK)).GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Fault_OnFetch_HitsTheMjProxyFetch()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new MjProxyTestClient(emulator);
        emulator.InjectFault(EmulatorFault.ServerError() with { PathContains = "/fetch" });

        using var response = await client.GetAsync("mj-relax/mj/task/x/fetch");

        await MjProxyTestClient.ReadRefusalAsync(response, 9, HttpStatusCode.InternalServerError);
    }
}
