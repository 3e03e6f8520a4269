using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Midjourney.Sdk.Emulator;
using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Emulator;

/// <summary>
/// Callbacks (webhooks) as each provider sends them, to a real receiver over loopback HTTP. The emulator runs on a fake
/// clock that only the test advances; a test waits for deliveries on the emulator's own signals (never by sleeping), bounded
/// in real time so a missing callback fails instead of hanging.
/// </summary>
public sealed class EmulatorCallbackTests
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    internal static Task<MidjourneyEmulator> StartAsync(FakeTimeProvider clock, Action<MidjourneyEmulatorOptions>? configure = null)
    {
        var options = new MidjourneyEmulatorOptions { TimeProvider = clock, TaskDuration = Duration };
        configure?.Invoke(options);
        return MidjourneyEmulator.StartAsync(options);
    }

    /// <summary>Waits until every callback that has come due is delivered or given up on.</summary>
    internal static Task SettleAsync(MidjourneyEmulator emulator) => emulator.WhenCallbacksIdleAsync().WaitAsync(Bound);

    internal static Task<EmulatorCallbackDelivery> LoggedAsync(MidjourneyEmulator emulator, Func<EmulatorCallbackDelivery, bool> match)
        => emulator.WaitForCallbackAsync(match).WaitAsync(Bound);

    private static bool SameJson(string expected, string actual) => JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual));

    // ---- GoAPI ----

    [Fact]
    public async Task GoApi_Webhook_PostsTheFetchAnswerWithTheSecretHeaderOnceTheTaskEnds()
    {
        var clock = new FakeTimeProvider();
        var start = clock.GetUtcNow();
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var emulator = await StartAsync(clock);
        using var client = new GoApiTestClient(emulator);
        var taskId = await client.SubmitAsync("imagine", new JsonObject
        {
            ["prompt"] = "a red fox",
            ["webhook_endpoint"] = receiver.Url("/hook?x=1"),
            ["webhook_secret"] = "s3cret",
        });

        clock.Advance(Duration - TimeSpan.FromMilliseconds(1));
        await SettleAsync(emulator);
        Assert.Empty(receiver.Received);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await SettleAsync(emulator);

        var received = Assert.Single(receiver.Received);
        Assert.Equal(("POST", "/hook?x=1", "application/json"), (received.Method, received.PathAndQuery, received.ContentType?.Split(';')[0]));
        Assert.Equal("s3cret", received.Header("x-webhook-secret"));
        Assert.True(SameJson((await client.FetchAsync(taskId)).GetRawText(), received.Body), received.Body);
        Assert.Equal("finished", received.Json.GetProperty("status").GetString());
        var delivery = Assert.Single(emulator.CallbackDeliveries);
        Assert.Equal((taskId, receiver.Url("/hook?x=1"), "GoApi", "Succeeded", 100), (delivery.TaskId, delivery.Url, delivery.Provider, delivery.Status, delivery.Progress));
        Assert.Equal((1, (int?)200, (string?)null, start + Duration), (delivery.Attempt, delivery.StatusCode, delivery.Error, delivery.At));
        Assert.Equal(["x-webhook-secret"], delivery.Headers);
        Assert.False(delivery.Dropped || delivery.Duplicate);
    }

    [Fact]
    public async Task GoApi_Webhook_NeverPutsTheSecretInTheLog()
    {
        var clock = new FakeTimeProvider();
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var emulator = await StartAsync(clock);
        using var client = new GoApiTestClient(emulator);
        await client.SubmitAsync("imagine", new JsonObject { ["prompt"] = "a fox", ["webhook_endpoint"] = receiver.Url(), ["webhook_secret"] = "whsec-\"quoted\"-1" });

        clock.Advance(Duration);
        await SettleAsync(emulator);
        using var logged = await client.Http.GetAsync("_emulator/callbacks");
        var json = await logged.Content.ReadAsStringAsync();

        var delivery = Assert.Single(emulator.CallbackDeliveries);
        Assert.DoesNotContain("quoted", delivery.Body, StringComparison.Ordinal);
        Assert.Equal("***", JsonDocument.Parse(delivery.Body).RootElement.GetProperty("meta").GetProperty("task_request").GetProperty("webhook_secret").GetString());
        Assert.DoesNotContain("quoted", json, StringComparison.Ordinal);
        Assert.Contains("quoted", Assert.Single(receiver.Received).Header("x-webhook-secret"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GoApi_WithoutNotifyProgress_CallsBackOnlyAtTheEnd()
    {
        var clock = new FakeTimeProvider();
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var emulator = await StartAsync(clock);
        using var client = new GoApiTestClient(emulator);
        await client.SubmitAsync("imagine", new JsonObject { ["prompt"] = "a fox", ["webhook_endpoint"] = receiver.Url(), ["notify_progress"] = false });

        var seen = new List<int>();
        for (var second = 1; second <= 12; second++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await SettleAsync(emulator);
            seen.Add(receiver.Received.Count);
        }

        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1], seen);
        Assert.Null(Assert.Single(receiver.Received).Header("x-webhook-secret"));
        Assert.Empty(Assert.Single(emulator.CallbackDeliveries).Headers);
    }

    [Fact]
    public async Task GoApi_NotifyProgress_CallsBackWhenTheTaskStartsAndAtEveryProgressStep()
    {
        var clock = new FakeTimeProvider();
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var emulator = await StartAsync(clock);
        using var client = new GoApiTestClient(emulator);
        await client.SubmitAsync("imagine", new JsonObject { ["prompt"] = "a fox", ["webhook_endpoint"] = receiver.Url(), ["notify_progress"] = true });

        clock.Advance(Duration);
        await SettleAsync(emulator);

        var bodies = receiver.Received.Select(r => r.Json).ToList();
        Assert.Equal(
            ["processing", "processing", "processing", "processing", "processing", "processing", "processing", "finished"],
            bodies.Select(b => b.GetProperty("status").GetString()));
        Assert.Equal([0, 15, 31, 46, 62, 78, 93, 100], bodies.Select(b => b.GetProperty("task_result").GetProperty("task_progress").GetInt32()));
        Assert.Equal([0, 15, 31, 46, 62, 78, 93, 100], emulator.CallbackDeliveries.Select(d => d.Progress));
        Assert.Equal(["InProgress", "Succeeded"], emulator.CallbackDeliveries.Select(d => d.Status).Distinct());
        var times = emulator.CallbackDeliveries.Select(d => d.At).ToList();
        Assert.Equal(times.Order(), times);
    }

    [Fact]
    public async Task GoApi_FailedTask_CallsBackWithTheFailedFetchAnswer()
    {
        var clock = new FakeTimeProvider();
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var emulator = await StartAsync(clock);
        using var client = new GoApiTestClient(emulator);
        await client.SubmitAsync("imagine", new JsonObject { ["prompt"] = "a fox [fail]", ["webhook_endpoint"] = receiver.Url() });

        clock.Advance(Duration);
        await SettleAsync(emulator);

        var body = Assert.Single(receiver.Received).Json;
        Assert.Equal("failed", body.GetProperty("status").GetString());
        Assert.Contains("[fail]", body.GetProperty("task_result").GetProperty("error_messages")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("Failed", Assert.Single(emulator.CallbackDeliveries).Status);
    }

    [Fact]
    public async Task GoApi_FollowUp_UsesItsOwnWebhookNotItsParents()
    {
        var clock = new FakeTimeProvider();
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var emulator = await StartAsync(clock);
        using var client = new GoApiTestClient(emulator);
        var grid = await client.SubmitAsync("imagine", new JsonObject { ["prompt"] = "a fox", ["webhook_endpoint"] = receiver.Url("/grid") });
        clock.Advance(Duration);
        await SettleAsync(emulator);

        var upscale = await client.SubmitAsync("upscale", new JsonObject { ["origin_task_id"] = grid, ["index"] = "1", ["webhook_endpoint"] = receiver.Url("/upscale") });
        var plain = await client.SubmitAsync("upscale", new JsonObject { ["origin_task_id"] = grid, ["index"] = "2" });
        clock.Advance(Duration);
        await SettleAsync(emulator);

        Assert.Equal(["/grid", "/upscale"], receiver.Received.Select(r => r.PathAndQuery));
        Assert.Equal(upscale, receiver.Received[1].Json.GetProperty("task_id").GetString());
        Assert.DoesNotContain(emulator.CallbackDeliveries, d => d.TaskId == plain);
    }

    [Fact]
    public async Task GoApi_ReceiverAnswers500Then200_RetriesAfter5Seconds()
    {
        var clock = new FakeTimeProvider();
        await using var receiver = await CallbackReceiver.StartAsync(500, 200);
        await using var emulator = await StartAsync(clock);
        using var client = new GoApiTestClient(emulator);
        var taskId = await client.SubmitAsync("imagine", new JsonObject { ["prompt"] = "a fox", ["webhook_endpoint"] = receiver.Url() });
        clock.Advance(Duration);
        var end = clock.GetUtcNow();

        var first = await LoggedAsync(emulator, d => d.Attempt == 1);
        clock.Advance(TimeSpan.FromSeconds(5));
        await SettleAsync(emulator);

        Assert.Equal((500, "the receiver answered HTTP 500", end), (first.StatusCode, first.Error, first.At));
        Assert.Equal([(1, 500), (2, 200)], emulator.CallbackDeliveries.Select(d => (d.Attempt, d.StatusCode ?? 0)));
        Assert.Equal(end + TimeSpan.FromSeconds(5), emulator.CallbackDeliveries[1].At);
        Assert.Equal(2, receiver.Received.Count);
        Assert.Equal(receiver.Received[0].Body, receiver.Received[1].Body);
        Assert.All(emulator.CallbackDeliveries, d => Assert.Equal(taskId, d.TaskId));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.5)]
    public async Task GoApi_ReceiverAlwaysFails_TriesFiveTimesWithDoublingDelaysScaledByTheOption(double scale)
    {
        var clock = new FakeTimeProvider();
        await using var receiver = await CallbackReceiver.StartAsync(503);
        await using var emulator = await StartAsync(clock, o => o.CallbackRetryDelayScale = scale);
        using var client = new GoApiTestClient(emulator);
        await client.SubmitAsync("imagine", new JsonObject { ["prompt"] = "a fox", ["webhook_endpoint"] = receiver.Url() });
        clock.Advance(Duration);
        var end = clock.GetUtcNow();

        foreach (var (attempt, delay) in new[] { (1, 5), (2, 10), (3, 20), (4, 40) })
        {
            await LoggedAsync(emulator, d => d.Attempt == attempt);
            clock.Advance(TimeSpan.FromSeconds(delay * scale));
        }

        await SettleAsync(emulator);
        clock.Advance(TimeSpan.FromHours(1));
        await SettleAsync(emulator);

        Assert.Equal([1, 2, 3, 4, 5], emulator.CallbackDeliveries.Select(d => d.Attempt));
        Assert.Equal(
            new[] { 0, 5, 15, 35, 75 }.Select(seconds => end + TimeSpan.FromSeconds(seconds * scale)),
            emulator.CallbackDeliveries.Select(d => d.At));
        Assert.All(emulator.CallbackDeliveries, d => Assert.Equal(503, d.StatusCode));
        Assert.Equal(5, receiver.Received.Count);
    }

    [Fact]
    public async Task GoApi_NothingListens_CountsTheNetworkErrorAsAFailedAttemptAndRetries()
    {
        var clock = new FakeTimeProvider();
        var closed = LoopbackPorts.Closed("/hook");
        await using var emulator = await StartAsync(clock);
        using var client = new GoApiTestClient(emulator);
        await client.SubmitAsync("imagine", new JsonObject { ["prompt"] = "a fox", ["webhook_endpoint"] = closed.AbsoluteUri });
        clock.Advance(Duration);

        var first = await LoggedAsync(emulator, d => d.Attempt == 1);
        clock.Advance(TimeSpan.FromSeconds(5));
        var second = await LoggedAsync(emulator, d => d.Attempt == 2);

        Assert.Null(first.StatusCode);
        Assert.False(string.IsNullOrEmpty(first.Error));
        Assert.Equal(closed.AbsoluteUri, first.Url);
        Assert.Null(second.StatusCode);
    }

    // ---- MJ-Proxy ----

    [Fact]
    public async Task MjProxy_NotifyHook_PostsTheTaskObjectOnEveryStatusOrProgressChange()
    {
        var clock = new FakeTimeProvider();
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var emulator = await StartAsync(clock);
        using var client = new MjProxyTestClient(emulator);
        var taskId = await client.SubmitOkAsync("mj/submit/imagine", new JsonObject { ["prompt"] = "a lighthouse", ["notifyHook"] = receiver.Url("/mj?x=1"), ["state"] = "order-7" });

        await SettleAsync(emulator);
        var atSubmit = receiver.Received.Count;
        clock.Advance(Duration);
        await SettleAsync(emulator);

        Assert.Equal(1, atSubmit);
        var bodies = receiver.Received.Select(r => r.Json).ToList();
        Assert.Equal(
            ["SUBMITTED", "IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS", "SUCCESS"],
            bodies.Select(b => b.GetProperty("status").GetString()));
        Assert.Equal(["0%", "0%", "15%", "31%", "46%", "62%", "78%", "93%", "100%"], bodies.Select(b => b.GetProperty("progress").GetString()));
        Assert.All(bodies, b => Assert.Equal((taskId, "order-7"), (b.GetProperty("id").GetString(), b.GetProperty("state").GetString())));
        Assert.True(SameJson((await client.FetchAsync(taskId)).GetRawText(), receiver.Received[^1].Body));
        Assert.All(receiver.Received, r => Assert.Equal("/mj?x=1", r.PathAndQuery));
        Assert.All(emulator.CallbackDeliveries, d => Assert.Equal(("MjProxy", 1), (d.Provider, d.Attempt)));
        Assert.Equal(["Pending", "InProgress", "Succeeded"], emulator.CallbackDeliveries.Select(d => d.Status).Distinct());
    }

    [Fact]
    public async Task MjProxy_ReceiverFails_NeverRetries()
    {
        var clock = new FakeTimeProvider();
        await using var receiver = await CallbackReceiver.StartAsync(500);
        await using var emulator = await StartAsync(clock, o => o.TaskDuration = TimeSpan.Zero);
        using var client = new MjProxyTestClient(emulator);
        await client.SubmitOkAsync("mj/submit/imagine", new JsonObject { ["prompt"] = "a lighthouse", ["notifyHook"] = receiver.Url() });

        await SettleAsync(emulator);
        clock.Advance(TimeSpan.FromHours(1));
        await SettleAsync(emulator);

        var delivery = Assert.Single(emulator.CallbackDeliveries);
        Assert.Equal((1, (int?)500, "Succeeded"), (delivery.Attempt, delivery.StatusCode, delivery.Status));
        Assert.Single(receiver.Received);
    }

    [Fact]
    public async Task MjProxy_ReceiverNeverAnswers_GivesUpAfterTheAttemptTimeout()
    {
        var clock = new FakeTimeProvider();
        await using var receiver = await CallbackReceiver.StartAsync(CallbackReceiver.Hang);
        await using var emulator = await StartAsync(clock, o => (o.TaskDuration, o.CallbackRetryDelayScale) = (TimeSpan.Zero, 0));
        using var client = new MjProxyTestClient(emulator);
        await client.SubmitOkAsync("mj/submit/imagine", new JsonObject { ["prompt"] = "a lighthouse", ["notifyHook"] = receiver.Url() });

        await SettleAsync(emulator);

        var delivery = Assert.Single(emulator.CallbackDeliveries);
        Assert.Null(delivery.StatusCode);
        Assert.Equal("no answer within 1 s", delivery.Error);
    }

    [Fact]
    public async Task MjProxy_Dialog_CallsTheHookGivenWithTheButtonWhenTheModalGivesNone()
    {
        var clock = new FakeTimeProvider();
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var emulator = await StartAsync(clock, o => o.TaskDuration = TimeSpan.Zero);
        using var client = new MjProxyTestClient(emulator);
        var grid = await client.SubmitOkAsync("mj/submit/imagine", new JsonObject { ["prompt"] = "a lighthouse" });
        var up = await client.SubmitOkAsync("mj/submit/action", new JsonObject { ["taskId"] = grid, ["customId"] = await ButtonAsync(client, grid, "MJ::JOB::upsample::1::") });
        var zoom = await ButtonAsync(client, up, "MJ::CustomZoom::");

        var pressed = await client.SubmitAsync("mj/submit/action", new JsonObject { ["taskId"] = up, ["customId"] = zoom, ["notifyHook"] = receiver.Url("/zoom") });
        var dialogId = pressed.GetProperty("result").GetString()!;
        await SettleAsync(emulator);
        var beforeConfirm = receiver.Received.Count;
        await client.SubmitAsync("mj/submit/modal", new JsonObject { ["taskId"] = dialogId, ["prompt"] = "a lighthouse --zoom 1.5" });
        await SettleAsync(emulator);

        Assert.Equal(0, beforeConfirm);
        var received = Assert.Single(receiver.Received);
        Assert.Equal(("/zoom", dialogId, "SUCCESS"), (received.PathAndQuery, received.Json.GetProperty("id").GetString(), received.Json.GetProperty("status").GetString()));
    }

    private static async Task<string> ButtonAsync(MjProxyTestClient client, string taskId, string prefix)
        => (await client.FetchAsync(taskId)).GetProperty("buttons").EnumerateArray()
            .Select(b => b.GetProperty("customId").GetString()!).Single(id => id.StartsWith(prefix, StringComparison.Ordinal));

    // ---- APIXO ----

    private static JsonObject ApixoCallbackBody(string url, string prompt = "a lighthouse") => new()
    {
        ["request_type"] = "callback",
        ["callback_url"] = url,
        ["input"] = new JsonObject { ["mode"] = "text-to-image", ["prompt"] = prompt },
    };

    [Fact]
    public async Task Apixo_CallbackMode_PostsTheStatusEnvelopeOnlyWhenTheTaskEnds()
    {
        var clock = new FakeTimeProvider();
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var emulator = await StartAsync(clock);
        using var client = new ApixoTestClient(emulator);
        var taskId = await client.SubmitBodyAsync(ApixoCallbackBody(receiver.Url("/apixo?k=v")));

        clock.Advance(Duration - TimeSpan.FromMilliseconds(1));
        await SettleAsync(emulator);
        var beforeTheEnd = receiver.Received.Count;
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await SettleAsync(emulator);

        Assert.Equal(0, beforeTheEnd);
        var received = Assert.Single(receiver.Received);
        using var status = await client.GetStatusRawAsync($"api/v1/statusTask/midjourney?taskId={taskId}");
        Assert.True(SameJson(await status.Content.ReadAsStringAsync(), received.Body), received.Body);
        Assert.Equal((200, "success"), (received.Json.GetProperty("code").GetInt32(), received.Json.GetProperty("message").GetString()));
        Assert.Equal("success", received.Json.GetProperty("data").GetProperty("state").GetString());
        Assert.Equal(4, JsonDocument.Parse(received.Json.GetProperty("data").GetProperty("resultJson").GetString()!).RootElement.GetProperty("resultUrls").GetArrayLength());
        Assert.Equal(("/apixo?k=v", "Apixo"), (received.PathAndQuery, Assert.Single(emulator.CallbackDeliveries).Provider));
        Assert.Empty(Assert.Single(emulator.CallbackDeliveries).Headers);
    }

    [Fact]
    public async Task Apixo_AsyncModeWithACallbackUrl_DoesNotCallBack()
    {
        var clock = new FakeTimeProvider();
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var emulator = await StartAsync(clock);
        using var client = new ApixoTestClient(emulator);
        var body = ApixoCallbackBody(receiver.Url());
        body["request_type"] = "async";
        await client.SubmitBodyAsync(body);

        clock.Advance(Duration);
        await SettleAsync(emulator);

        Assert.Empty(receiver.Received);
        Assert.Empty(emulator.CallbackDeliveries);
    }

    [Fact]
    public async Task Apixo_FailedTask_PostsStateFailedWithFailCodeUnderOuterCode200()
    {
        var clock = new FakeTimeProvider();
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var emulator = await StartAsync(clock);
        using var client = new ApixoTestClient(emulator);
        await client.SubmitBodyAsync(ApixoCallbackBody(receiver.Url(), "a lighthouse [nsfw]"));

        clock.Advance(Duration);
        await SettleAsync(emulator);

        var body = Assert.Single(receiver.Received).Json;
        var data = body.GetProperty("data");
        Assert.Equal(200, body.GetProperty("code").GetInt32());
        Assert.Equal(("failed", "CONTENT_VIOLATION"), (data.GetProperty("state").GetString(), data.GetProperty("failCode").GetString()));
        Assert.Contains("[nsfw]", data.GetProperty("failMsg").GetString(), StringComparison.Ordinal);
        Assert.False(data.TryGetProperty("resultJson", out _));
    }

    [Fact]
    public async Task Apixo_ReceiverAnswers500Then200_RetriesAfter10Seconds()
    {
        var clock = new FakeTimeProvider();
        await using var receiver = await CallbackReceiver.StartAsync(500, 200);
        await using var emulator = await StartAsync(clock);
        using var client = new ApixoTestClient(emulator);
        await client.SubmitBodyAsync(ApixoCallbackBody(receiver.Url()));
        clock.Advance(Duration);
        var end = clock.GetUtcNow();

        await LoggedAsync(emulator, d => d.Attempt == 1);
        clock.Advance(TimeSpan.FromSeconds(9));
        var beforeTheDelay = receiver.Received.Count;
        clock.Advance(TimeSpan.FromSeconds(1));
        await SettleAsync(emulator);

        Assert.Equal(1, beforeTheDelay);
        Assert.Equal([(1, 500, end), (2, 200, end + TimeSpan.FromSeconds(10))], emulator.CallbackDeliveries.Select(d => (d.Attempt, d.StatusCode ?? 0, d.At)));
    }

    // ---- midapi ----

    [Fact]
    public async Task MidApi_CallBackUrl_PostsTaskIdPromptJsonAndPlainResultUrlsOnceAtTheEnd()
    {
        var clock = new FakeTimeProvider();
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var emulator = await StartAsync(clock);
        using var client = new MidApiTestClient(emulator);
        var submit = new JsonObject { ["taskType"] = "mj_txt2img", ["prompt"] = "a lighthouse", ["speed"] = "fast", ["callBackUrl"] = receiver.Url("/mid") };
        var taskId = await client.SubmitAsync("generate", submit);

        clock.Advance(Duration - TimeSpan.FromMilliseconds(1));
        await SettleAsync(emulator);
        var beforeTheEnd = receiver.Received.Count;
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await SettleAsync(emulator);

        Assert.Equal(0, beforeTheEnd);
        var received = Assert.Single(receiver.Received);
        var body = received.Json;
        var data = body.GetProperty("data");
        var record = await client.RecordAsync(taskId);
        Assert.Equal((200, "success", taskId), (body.GetProperty("code").GetInt32(), body.GetProperty("msg").GetString(), data.GetProperty("taskId").GetString()));
        Assert.True(SameJson(submit.ToJsonString(), data.GetProperty("promptJson").GetString()!));
        Assert.Equal(
            record.GetProperty("resultInfoJson").GetProperty("resultUrls").EnumerateArray().Select(u => u.GetProperty("resultUrl").GetString()),
            data.GetProperty("resultUrls").EnumerateArray().Select(u => u.GetString()));
        Assert.Equal(4, data.GetProperty("resultUrls").GetArrayLength());
        Assert.Null(received.Header("X-Webhook-Signature"));
        Assert.Equal(("MidApi", "Succeeded"), (Assert.Single(emulator.CallbackDeliveries).Provider, emulator.CallbackDeliveries[0].Status));
    }

    [Theory]
    [InlineData("a lighthouse [fail]", 400, "[fail]")]
    [InlineData("a lighthouse [flag3]", 501, "[flag3]")]
    public async Task MidApi_Failure_PostsRecordInfosErrorCodeAndMessage(string prompt, int code, string marker)
    {
        var clock = new FakeTimeProvider();
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var emulator = await StartAsync(clock);
        using var client = new MidApiTestClient(emulator);
        var taskId = await client.SubmitAsync("generate", new JsonObject { ["taskType"] = "mj_txt2img", ["prompt"] = prompt, ["callBackUrl"] = receiver.Url() });

        clock.Advance(Duration);
        await SettleAsync(emulator);

        var body = Assert.Single(receiver.Received).Json;
        var record = await client.RecordAsync(taskId);
        Assert.Equal(code, body.GetProperty("code").GetInt32());
        Assert.Equal(record.GetProperty("errorCode").GetInt32(), body.GetProperty("code").GetInt32());
        Assert.Contains(marker, body.GetProperty("msg").GetString(), StringComparison.Ordinal);
        Assert.Equal(taskId, body.GetProperty("data").GetProperty("taskId").GetString());
        Assert.Equal(0, body.GetProperty("data").GetProperty("resultUrls").GetArrayLength());
        Assert.Equal("Failed", Assert.Single(emulator.CallbackDeliveries).Status);
    }

    [Fact]
    public async Task MidApi_WithASigningKey_SignsTaskIdAndTimestampAsKieAiDoes()
    {
        const string key = "kie-signing-key";
        var clock = new FakeTimeProvider();
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var emulator = await StartAsync(clock, o => o.WebhookSigningKey = key);
        using var client = new MidApiTestClient(emulator);
        var taskId = await client.SubmitAsync("generate", new JsonObject { ["taskType"] = "mj_txt2img", ["prompt"] = "a lighthouse", ["callBackUrl"] = receiver.Url() });

        clock.Advance(Duration);
        await SettleAsync(emulator);

        var received = Assert.Single(receiver.Received);
        var timestamp = received.Header("X-Webhook-Timestamp");
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes($"{taskId}.{timestamp}")));
        Assert.Equal(clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), timestamp);
        Assert.Equal(expected, received.Header("X-Webhook-Signature"));
        Assert.Equal(["X-Webhook-Timestamp", "X-Webhook-Signature"], Assert.Single(emulator.CallbackDeliveries).Headers);
        Assert.DoesNotContain(key, emulator.CallbackDeliveries[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MidApi_ReceiverAlwaysFails_RetriesThreeTimesInRealTimeWithScaledDelays()
    {
        // The real clock: 1, 5 and 15 minutes scaled by 0.001 are 60, 300 and 900 ms.
        await using var receiver = await CallbackReceiver.StartAsync(500);
        await using var emulator = await MidjourneyEmulator.StartAsync(new MidjourneyEmulatorOptions { TaskDuration = TimeSpan.Zero, CallbackRetryDelayScale = 0.001 });
        using var client = new MidApiTestClient(emulator);
        await client.SubmitAsync("generate", new JsonObject { ["taskType"] = "mj_txt2img", ["prompt"] = "a lighthouse", ["callBackUrl"] = receiver.Url() });

        await LoggedAsync(emulator, d => d.Attempt == 4);
        await SettleAsync(emulator);

        var deliveries = emulator.CallbackDeliveries;
        Assert.Equal([1, 2, 3, 4], deliveries.Select(d => d.Attempt));
        Assert.All(deliveries, d => Assert.Equal(500, d.StatusCode));
        Assert.True(deliveries[3].At - deliveries[0].At >= TimeSpan.FromMilliseconds(1200), $"{deliveries[3].At - deliveries[0].At}");
        Assert.Equal(4, receiver.Received.Count);
    }
}
