using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Midjourney.Sdk.Emulator;
using Midjourney.Sdk.Emulator.Faults;
using Midjourney.Sdk.Tests.TestSupport;
using static Midjourney.Sdk.Tests.Emulator.EmulatorCallbackTests;

namespace Midjourney.Sdk.Tests.Emulator;

/// <summary>Callback faults (drop, duplicate, out of order), the <c>/_emulator/callbacks</c> log and the callback options.</summary>
public sealed class EmulatorCallbackFaultTests
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(10);

    private static Task<string> SubmitGoApiAsync(GoApiTestClient client, CallbackReceiver receiver, string path = "/hook")
        => client.SubmitAsync("imagine", new JsonObject { ["prompt"] = "a fox", ["webhook_endpoint"] = receiver.Url(path) });

    [Fact]
    public async Task DropCallbacks_NextCallbackIsNeverSentButLoggedAsDropped()
    {
        var clock = new FakeTimeProvider();
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var emulator = await StartAsync(clock);
        using var client = new GoApiTestClient(emulator);
        emulator.InjectFault(EmulatorFault.DropCallbacks());

        var dropped = await SubmitGoApiAsync(client, receiver);
        clock.Advance(Duration);
        await SettleAsync(emulator);
        var delivered = await SubmitGoApiAsync(client, receiver);
        clock.Advance(Duration);
        await SettleAsync(emulator);

        Assert.Equal(delivered, Assert.Single(receiver.Received).Json.GetProperty("task_id").GetString());
        Assert.Equal([(dropped, true, (int?)null), (delivered, false, 200)], emulator.CallbackDeliveries.Select(d => (d.TaskId, d.Dropped, d.StatusCode)));
        Assert.Contains("DropCallbacks", emulator.CallbackDeliveries[0].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DropCallbacks_DoesNotHitApiRequests()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new GoApiTestClient(emulator);
        emulator.InjectFault(EmulatorFault.DropCallbacks(times: 3));

        using var response = await client.PostAsync("mj/v2/imagine", new JsonObject { ["prompt"] = "a fox" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task DuplicateCallbacks_SendsTheNextCallbackTwice()
    {
        var clock = new FakeTimeProvider();
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var emulator = await StartAsync(clock);
        using var client = new MidApiTestClient(emulator);
        emulator.InjectFault(EmulatorFault.DuplicateCallbacks());
        await client.SubmitAsync("generate", new JsonObject { ["taskType"] = "mj_txt2img", ["prompt"] = "a fox", ["callBackUrl"] = receiver.Url() });

        clock.Advance(Duration);
        await SettleAsync(emulator);

        Assert.Equal(2, receiver.Received.Count);
        Assert.Equal(receiver.Received[0].Body, receiver.Received[1].Body);
        Assert.Equal([false, true], emulator.CallbackDeliveries.Select(d => d.Duplicate));
        Assert.All(emulator.CallbackDeliveries, d => Assert.Equal((1, (int?)200), (d.Attempt, d.StatusCode)));
    }

    [Fact]
    public async Task DuplicateCallbacks_PathContains_HitsOnlyCallbacksToMatchingUrls()
    {
        var clock = new FakeTimeProvider();
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var emulator = await StartAsync(clock);
        using var client = new GoApiTestClient(emulator);
        emulator.InjectFault(EmulatorFault.DuplicateCallbacks() with { PathContains = "tenant=b" });

        await SubmitGoApiAsync(client, receiver, "/hook?tenant=a");
        clock.Advance(Duration);
        await SettleAsync(emulator);
        await SubmitGoApiAsync(client, receiver, "/hook?tenant=b");
        clock.Advance(Duration);
        await SettleAsync(emulator);

        Assert.Equal(["/hook?tenant=a", "/hook?tenant=b", "/hook?tenant=b"], receiver.Received.Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task OutOfOrderCallbacks_HoldsACallbackBackUntilAfterTheTasksNextOne()
    {
        var clock = new FakeTimeProvider();
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var emulator = await StartAsync(clock);
        using var client = new MjProxyTestClient(emulator);
        emulator.InjectFault(EmulatorFault.OutOfOrderCallbacks());
        await client.SubmitOkAsync("mj/submit/imagine", new JsonObject { ["prompt"] = "a lighthouse", ["notifyHook"] = receiver.Url() });

        // Held back at the submit, with nothing queued: no sender runs until the next callback comes due.
        var idleAtSubmit = emulator.WhenCallbacksIdleAsync().IsCompleted;
        var atSubmit = receiver.Received.Count;
        clock.Advance(Duration);
        await SettleAsync(emulator);

        Assert.Equal((false, 0), (idleAtSubmit, atSubmit));
        Assert.Equal(
            ["IN_PROGRESS 0%", "SUBMITTED 0%", "IN_PROGRESS 15%"],
            receiver.Received.Take(3).Select(r => $"{r.Json.GetProperty("status").GetString()} {r.Json.GetProperty("progress").GetString()}"));
        Assert.Equal(9, receiver.Received.Count);
        Assert.Equal("SUCCESS", receiver.Received[^1].Json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task OutOfOrderCallbacks_ATasksOnlyCallbackIsSentAndTheFaultWaitsForOneThatCanBeHeld()
    {
        var clock = new FakeTimeProvider();
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var emulator = await StartAsync(clock);
        using var goApi = new GoApiTestClient(emulator);
        using var mjProxy = new MjProxyTestClient(emulator);
        emulator.InjectFault(EmulatorFault.OutOfOrderCallbacks());

        await SubmitGoApiAsync(goApi, receiver);
        clock.Advance(Duration);
        await SettleAsync(emulator);
        var single = receiver.Received.Count;
        await mjProxy.SubmitOkAsync("mj/submit/imagine", new JsonObject { ["prompt"] = "a lighthouse", ["notifyHook"] = receiver.Url() });
        clock.Advance(Duration);
        await SettleAsync(emulator);

        Assert.Equal(1, single);
        Assert.Equal("IN_PROGRESS", receiver.Received[1].Json.GetProperty("status").GetString());
        Assert.Equal("SUBMITTED", receiver.Received[2].Json.GetProperty("status").GetString());
    }

    [Fact]
    public void CallbackFaults_TimesBelowOne_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EmulatorFault.DropCallbacks(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => EmulatorFault.DuplicateCallbacks(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => EmulatorFault.OutOfOrderCallbacks(0));
    }

    [Fact]
    public void CallbackFaults_CarryTheirKindAndTimesAndNoStatus()
    {
        var faults = new[] { EmulatorFault.DropCallbacks(2), EmulatorFault.DuplicateCallbacks(3), EmulatorFault.OutOfOrderCallbacks() };

        Assert.Equal(
            [(EmulatorFaultKind.DropCallbacks, 2), (EmulatorFaultKind.DuplicateCallbacks, 3), (EmulatorFaultKind.OutOfOrderCallbacks, 1)],
            faults.Select(f => (f.Kind, f.Times)));
        Assert.All(faults, f => Assert.Null(f.StatusCode));
    }

    [Theory]
    [InlineData("""{"kind":"DropCallbacks","times":2}""", EmulatorFaultKind.DropCallbacks, 2)]
    [InlineData("""{"kind":"duplicatecallbacks"}""", EmulatorFaultKind.DuplicateCallbacks, 1)]
    [InlineData("""{"kind":"OutOfOrderCallbacks","pathContains":"/hook"}""", EmulatorFaultKind.OutOfOrderCallbacks, 1)]
    public void FaultEndpoints_Parse_ReadsCallbackFaults(string json, EmulatorFaultKind kind, int times)
    {
        var fault = FaultEndpoints.Parse(JsonDocument.Parse(json).RootElement);

        Assert.Equal((kind, times), (fault.Kind, fault.Times));
    }

    [Fact]
    public async Task FaultsEndpoint_DuplicateCallbacksOverHttp_DuplicatesAndTheCallbacksEndpointListsBoth()
    {
        var clock = new FakeTimeProvider();
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var emulator = await StartAsync(clock);
        using var client = new GoApiTestClient(emulator);
        using var inject = await client.Http.PostAsync("_emulator/faults", new StringContent("""{"kind":"DuplicateCallbacks"}""", Encoding.UTF8, "application/json"));
        var taskId = await client.SubmitAsync("imagine", new JsonObject { ["prompt"] = "a fox", ["webhook_endpoint"] = receiver.Url("/hook?x=1"), ["webhook_secret"] = "top-secret" });
        var other = await SubmitGoApiAsync(client, receiver, "/other");
        clock.Advance(Duration);
        await SettleAsync(emulator);

        using var all = await client.Http.GetAsync("_emulator/callbacks");
        using var one = await client.Http.GetAsync($"_emulator/callbacks?taskId={taskId}");
        var allText = await all.Content.ReadAsStringAsync();
        var entries = JsonDocument.Parse(await one.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.NoContent, inject.StatusCode);
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        Assert.Equal("application/json", all.Content.Headers.ContentType?.MediaType);
        Assert.Equal(3, JsonDocument.Parse(allText).RootElement.GetArrayLength());
        Assert.Contains(other, allText, StringComparison.Ordinal);
        Assert.DoesNotContain("top-secret", allText, StringComparison.Ordinal);
        Assert.Equal(2, entries.GetArrayLength());
        var first = entries[0];
        Assert.Equal(taskId, first.GetProperty("taskId").GetString());
        Assert.Equal(receiver.Url("/hook?x=1"), first.GetProperty("url").GetString());
        Assert.Equal(("GoApi", "Succeeded", 100, 1), (first.GetProperty("provider").GetString(), first.GetProperty("status").GetString(), first.GetProperty("progress").GetInt32(), first.GetProperty("attempt").GetInt32()));
        Assert.Equal(200, first.GetProperty("statusCode").GetInt32());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("error").ValueKind);
        Assert.Equal(clock.GetUtcNow(), first.GetProperty("at").GetDateTimeOffset());
        Assert.Equal((false, false), (first.GetProperty("dropped").GetBoolean(), first.GetProperty("duplicate").GetBoolean()));
        Assert.True(entries[1].GetProperty("duplicate").GetBoolean());
        Assert.Equal("x-webhook-secret", first.GetProperty("headers")[0].GetString());
        Assert.Equal(taskId, JsonDocument.Parse(first.GetProperty("body").GetString()!).RootElement.GetProperty("task_id").GetString());
    }

    [Fact]
    public async Task CallbacksEndpoint_NothingSent_ReturnsAnEmptyArray()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var http = new HttpClient { BaseAddress = emulator.BaseUrl };

        Assert.Equal("[]", await http.GetStringAsync("_emulator/callbacks"));
    }

    // ---- waiting and options ----

    [Fact]
    public async Task WhenCallbacksIdleAsync_NothingPending_CompletesAtOnce()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();

        Assert.True(emulator.WhenCallbacksIdleAsync().IsCompleted);
    }

    [Fact]
    public async Task WhenCallbacksIdleAsync_RetryWaitingOnTheFakeClock_CompletesOnlyOnceTheClockMovesItOn()
    {
        var clock = new FakeTimeProvider();
        await using var receiver = await CallbackReceiver.StartAsync(500, 200);
        await using var emulator = await StartAsync(clock);
        using var client = new GoApiTestClient(emulator);
        await SubmitGoApiAsync(client, receiver);
        clock.Advance(Duration);

        await LoggedAsync(emulator, d => d.Attempt == 1);
        var idle = emulator.WhenCallbacksIdleAsync();
        var idleBeforeTheRetry = idle.IsCompleted;
        clock.Advance(TimeSpan.FromSeconds(5));
        await idle.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(idleBeforeTheRetry);
        Assert.Equal(2, emulator.CallbackDeliveries.Count);
    }

    [Fact]
    public async Task WaitForCallbackAsync_NullCondition_Throws()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();

        // Thrown at the call, before any waiting.
        Assert.Throws<ArgumentNullException>(() => { _ = emulator.WaitForCallbackAsync(null!); });
    }

    [Fact]
    public async Task WaitForCallbackAsync_Canceled_ThrowsOperationCanceled()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var cancel = new CancellationTokenSource();

        var wait = emulator.WaitForCallbackAsync(_ => true, cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
    }

    [Fact]
    public async Task CallbackDeliveries_IsASnapshot()
    {
        var clock = new FakeTimeProvider();
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var emulator = await StartAsync(clock);
        using var client = new GoApiTestClient(emulator);
        var before = emulator.CallbackDeliveries;
        await SubmitGoApiAsync(client, receiver);
        clock.Advance(Duration);
        await SettleAsync(emulator);

        Assert.Empty(before);
        Assert.Single(emulator.CallbackDeliveries);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task StartAsync_BlankWebhookSigningKey_Throws(string key)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => MidjourneyEmulator.StartAsync(new MidjourneyEmulatorOptions { WebhookSigningKey = key }));

        Assert.Equal("WebhookSigningKey", error.ParamName);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(100.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public async Task StartAsync_CallbackRetryDelayScaleOutOfRange_Throws(double scale)
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => MidjourneyEmulator.StartAsync(new MidjourneyEmulatorOptions { CallbackRetryDelayScale = scale }));

        Assert.Equal("CallbackRetryDelayScale", error.ParamName);
    }

    [Fact]
    public async Task Options_CallbackSettings_DefaultToUnsignedAndUnscaledAndAreCopied()
    {
        var defaults = new MidjourneyEmulatorOptions();
        await using var emulator = await MidjourneyEmulator.StartAsync(new MidjourneyEmulatorOptions { WebhookSigningKey = "k", CallbackRetryDelayScale = 0 });

        Assert.Equal((null, 1.0), (defaults.WebhookSigningKey, defaults.CallbackRetryDelayScale));
        Assert.Equal(("k", 0.0), (emulator.Options.WebhookSigningKey, emulator.Options.CallbackRetryDelayScale));
    }
}
