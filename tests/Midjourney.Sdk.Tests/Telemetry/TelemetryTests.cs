using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Midjourney.Sdk.Telemetry;
using Midjourney.Sdk.Tests.TestSupport;
using Midjourney.Sdk.Tests.Webhooks;

namespace Midjourney.Sdk.Tests.Telemetry;

/// <summary>
/// The SDK's traces and metrics as a listener sees them (the BCL's <see cref="ActivityListener"/> and
/// <see cref="System.Diagnostics.Metrics.MeterListener"/>, which OpenTelemetry's <c>AddSource</c>/<c>AddMeter</c> sit on):
/// over the emulator for whole lifecycles, over WireMock for failures and retries.
/// </summary>
public sealed class TelemetryTests
{
    private const string Imagine = "/mj/v2/imagine";
    private const string SubmitAnswer = """{"task_id":"task-1","status":"success","message":""}""";
    private const string Trouble = """{"status":"failed","message":"trouble"}""";

    [Fact]
    public async Task ImagineAsync_Listened_RecordsGenerateContentActivityAndSubmitMetrics()
    {
        await using EmulatorHarness harness = await EmulatorHarness.StartAsync();
        using var recorder = new TelemetryRecorder(harness.Emulator.BaseUrl);

        MidjourneyTask task = await harness.Client.ImagineAsync(new ImagineRequest("a red fox in snow"));

        Activity activity = Assert.Single(recorder.Named("generate_content imagine"));
        Assert.Equal(ActivityKind.Client, activity.Kind);
        Assert.Equal("generate_content", activity.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("goapi", activity.GetTagItem("gen_ai.provider.name"));
        Assert.Equal("image", activity.GetTagItem("gen_ai.output.type"));
        Assert.Equal("imagine", activity.GetTagItem("midjourney.action"));
        Assert.Equal(task.Id, activity.GetTagItem("midjourney.task.id"));
        Assert.Equal(harness.Emulator.BaseUrl.Port, activity.GetTagItem("server.port"));
        Assert.Equal(ActivityStatusCode.Unset, activity.Status);
        Assert.Null(activity.GetTagItem("error.type"));

        RecordedMeasurement submitted = Assert.Single(recorder.Of("midjourney.tasks.submitted"));
        Assert.Equal(1, submitted.Value);
        Assert.Equal("imagine", submitted.Tag("midjourney.action"));
        Assert.Equal("goapi", submitted.Tag("gen_ai.provider.name"));
        Assert.DoesNotContain("midjourney.task.id", submitted.Tags.Keys);
        RecordedMeasurement duration = Assert.Single(recorder.Of("gen_ai.client.operation.duration"));
        Assert.Equal("generate_content", duration.Tag("gen_ai.operation.name"));
        Assert.Null(duration.Tag("error.type"));
    }

    [Fact]
    public async Task UpscaleAsync_Listened_TagsTheParentTask()
    {
        await using EmulatorHarness harness = await EmulatorHarness.StartAsync();
        MidjourneyTask grid = await harness.RunAsync(c => c.ImagineAsync(new ImagineRequest("a red fox in snow")));
        using var recorder = new TelemetryRecorder(harness.Emulator.BaseUrl);

        MidjourneyTask upscale = await harness.Client.UpscaleAsync(new UpscaleRequest(grid.Id, 2));

        Activity activity = Assert.Single(recorder.Named("generate_content upscale"));
        Assert.Equal(grid.Id, activity.GetTagItem("midjourney.task.parent_id"));
        Assert.Equal(upscale.Id, activity.GetTagItem("midjourney.task.id"));
    }

    [Fact]
    public async Task WaitForCompletionAsync_Listened_RecordsWaitWithStatusEventsAndRootStatusChecks()
    {
        await using EmulatorHarness harness = await EmulatorHarness.StartAsync();
        using var recorder = new TelemetryRecorder(harness.Emulator.BaseUrl);
        using var caller = new Activity("test caller").Start();

        MidjourneyTask done = await harness.RunAsync(c => c.ImagineAsync(new ImagineRequest("a red fox in snow")));
        caller.Stop();

        Activity wait = Assert.Single(recorder.Named("midjourney.wait"));
        Assert.Equal(caller.SpanId, wait.ParentSpanId);
        Assert.Equal(done.Id, wait.GetTagItem("midjourney.task.id"));
        Assert.Equal("succeeded", wait.GetTagItem("midjourney.wait.outcome"));
        Assert.Equal("imagine", wait.GetTagItem("midjourney.action"));
        ActivityEvent[] events = [.. wait.Events];
        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.Equal("midjourney.task.status", e.Name));
        Assert.Equal("succeeded", events[^1].Tags.Single(t => t.Key == "midjourney.task.status").Value);

        // The tracker's checks run in the background for every wait of the client: never children of this caller, but linked to the wait.
        IReadOnlyList<Activity> checks = recorder.Named("midjourney.status_check");
        Assert.NotEmpty(checks);
        Assert.All(checks, check =>
        {
            Assert.Equal(default, check.ParentSpanId);
            Assert.NotEqual(caller.TraceId, check.TraceId);
            Assert.Contains(check.Links, link => link.Context.SpanId == wait.SpanId);
        });

        Assert.Equal(checks.Count, recorder.Of("midjourney.status.requests").Sum(m => m.Value));
        RecordedMeasurement taskDuration = Assert.Single(recorder.Of("midjourney.task.duration"));
        Assert.Equal("succeeded", taskDuration.Tag("midjourney.task.status"));
        Assert.Equal("imagine", taskDuration.Tag("midjourney.action"));
        Assert.True(taskDuration.Value > 0);
    }

    [Fact]
    public async Task WatchAsync_Listened_RecordsWatchActivityWithEachState()
    {
        await using EmulatorHarness harness = await EmulatorHarness.StartAsync();
        using var recorder = new TelemetryRecorder(harness.Emulator.BaseUrl);
        MidjourneyTask task = await harness.Client.ImagineAsync(new ImagineRequest("a red fox in snow"));

        List<MidjourneyTask> seen = await harness.Client.DriveAsync(async c =>
        {
            var states = new List<MidjourneyTask>();
            await foreach (MidjourneyTask state in c.WatchAsync(task.Id))
            {
                states.Add(state);
            }

            return states;
        });

        Activity watch = Assert.Single(recorder.Named("midjourney.watch"));
        Assert.Equal(seen.Count, watch.Events.Count());
        Assert.Equal("succeeded", watch.GetTagItem("midjourney.wait.outcome"));
        Assert.Equal(ActivityStatusCode.Unset, watch.Status);
    }

    [Fact]
    public async Task WaitForEachAsync_Listened_RecordsOneActivityWithAnEventPerTask()
    {
        await using EmulatorHarness harness = await EmulatorHarness.StartAsync();
        using var recorder = new TelemetryRecorder(harness.Emulator.BaseUrl);
        MidjourneyTask first = await harness.Client.ImagineAsync(new ImagineRequest("a red fox in snow"));
        MidjourneyTask second = await harness.Client.ImagineAsync(new ImagineRequest("a grey wolf in fog"));

        List<MidjourneyTask> done = await harness.Client.DriveAsync(async c =>
        {
            var tasks = new List<MidjourneyTask>();
            await foreach (MidjourneyTask task in c.WaitForEachAsync([first.Id, second.Id]))
            {
                tasks.Add(task);
            }

            return tasks;
        });

        Activity wait = Assert.Single(recorder.Named("midjourney.wait_each"));
        Assert.Equal("completed", wait.GetTagItem("midjourney.wait.outcome"));
        Assert.Equal(2, wait.GetTagItem("midjourney.wait.task_count"));
        Assert.Equal(
            done.Select(t => t.Id),
            wait.Events.Select(e => (string?)e.Tags.Single(t => t.Key == "midjourney.task.id").Value));
        Assert.Contains(recorder.Named("midjourney.status_check"), check => check.Links.Any(link => link.Context.SpanId == wait.SpanId));
    }

    [Fact]
    public async Task ImagineAsync_Refused_MarksActivityFailedWithErrorType()
    {
        using var server = new WireServer("/base");
        server.On(HttpMethod.Post, Imagine, Wire.Error(HttpStatusCode.Unauthorized, """{"status":"failed","message":"invalid api key"}"""));
        using var recorder = new TelemetryRecorder(server.BaseUrl);
        using MidjourneyClient client = GoApiClient(server.BaseUrl, new FakeTimeProvider { AutoAdvance = true });

        await Assert.ThrowsAsync<MidjourneyAuthenticationException>(() => client.ImagineAsync(new ImagineRequest("a cat")));

        Activity activity = Assert.Single(recorder.Named("generate_content imagine"));
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal(typeof(MidjourneyAuthenticationException).FullName, activity.GetTagItem("error.type"));
        Assert.Empty(recorder.Of("midjourney.tasks.submitted"));
        RecordedMeasurement duration = Assert.Single(recorder.Of("gen_ai.client.operation.duration"));
        Assert.Equal(typeof(MidjourneyAuthenticationException).FullName, duration.Tag("error.type"));
    }

    [Fact]
    public async Task ImagineAsync_503WithRetryAfterThenAccepted_CountsOneSubmitRetry()
    {
        using var server = new WireServer("/base");
        server.On(HttpMethod.Post, Imagine, Wire.Error(HttpStatusCode.ServiceUnavailable, Trouble, TimeSpan.FromSeconds(4)), Wire.Json(SubmitAnswer));
        using var recorder = new TelemetryRecorder(server.BaseUrl);
        using MidjourneyClient client = GoApiClient(server.BaseUrl, new FakeTimeProvider { AutoAdvance = true });

        MidjourneyTask task = await client.ImagineAsync(new ImagineRequest("a cat"));

        Assert.Equal("task-1", task.Id);
        RecordedMeasurement retry = Assert.Single(recorder.Of("midjourney.retries"));
        Assert.Equal(1, retry.Value);
        Assert.Equal("submit", retry.Tag("midjourney.call.kind"));
        Assert.Equal(typeof(MidjourneyServiceException).FullName, retry.Tag("error.type"));
        Assert.Single(recorder.Of("midjourney.tasks.submitted"));
    }

    [Fact]
    public async Task HandleWebhookAsync_Listened_CountsAcceptedRepeatAndRefusedCallbacks()
    {
        using var server = new WireServer("/base");
        using var recorder = new TelemetryRecorder(server.BaseUrl);
        using MidjourneyClient client = GoApiClient(server.BaseUrl, new FakeTimeProvider { AutoAdvance = true });
        string body = WebhookKit.GoApi("task-9", "finished", 100, "https://img.example/grid.png", echoedSecret: WebhookSecret);

        await client.HandleWebhookAsync(WebhookKit.Authentic(MidjourneyProvider.GoApi, body, WebhookSecret));
        await client.HandleWebhookAsync(WebhookKit.Authentic(MidjourneyProvider.GoApi, body, WebhookSecret));
        await Assert.ThrowsAsync<MidjourneyWebhookException>(() => client.HandleWebhookAsync(WebhookKit.Authentic(MidjourneyProvider.GoApi, body, "not-the-secret")));

        Assert.Equal(
            ["accepted", "repeat", "refused"],
            recorder.Of("midjourney.callbacks.received").Select(m => m.Tag("midjourney.callback.outcome")));
        Assert.Equal("not_authentic", recorder.Of("midjourney.callbacks.received")[2].Tag("midjourney.callback.refusal"));
        IReadOnlyList<Activity> callbacks = recorder.Named("midjourney.callback");
        Assert.Equal(3, callbacks.Count);
        Assert.Equal("task-9", callbacks[0].GetTagItem("midjourney.task.id"));
        Assert.Equal(ActivityStatusCode.Error, callbacks[2].Status);

        // A callback's final state is the task's end, measured from the provider's own timestamps (41 s in the body).
        RecordedMeasurement taskDuration = Assert.Single(recorder.Of("midjourney.task.duration"));
        Assert.Equal(41, taskDuration.Value);
    }

    [Fact]
    public void Deliver_FinalStates_MeasuresEachTaskOnceAndLeavesRemoteUpdatesToTheirInstance()
    {
        using var server = new WireServer("/base");
        using var recorder = new TelemetryRecorder(server.BaseUrl);
        using MidjourneyClient client = GoApiClient(server.BaseUrl, new FakeTimeProvider { AutoAdvance = true });
        DateTimeOffset submitted = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        MidjourneyTask Final(string id) => new()
        {
            Id = id,
            Provider = MidjourneyProvider.GoApi,
            Action = MidjourneyAction.Variation,
            Status = MidjourneyTaskStatus.Failed,
            SubmittedAt = submitted,
            FinishedAt = submitted.AddSeconds(30),
        };

        Assert.True(client.Tracker.Deliver(Final("local")));
        Assert.False(client.Tracker.Deliver(Final("local")));
        Assert.True(client.Tracker.DeliverRemote(Final("remote")));

        RecordedMeasurement duration = Assert.Single(recorder.Of("midjourney.task.duration"));
        Assert.Equal(30, duration.Value);
        Assert.Equal("failed", duration.Tag("midjourney.task.status"));
        Assert.Equal("variation", duration.Tag("midjourney.action"));
    }

    [Fact]
    public async Task Telemetry_NeverCarriesTheApiKeyOrTheWebhookSecret()
    {
        using var server = new WireServer("/base").RequireHeader("X-API-KEY", ApiKey);
        server.On(HttpMethod.Post, Imagine, Wire.Error(HttpStatusCode.ServiceUnavailable, Trouble, TimeSpan.FromSeconds(1)), Wire.Json(SubmitAnswer));
        server.On(HttpMethod.Get, "/mj/v2/fetch/task-1", Wire.Json(WebhookKit.GoApi("task-1", "processing", 40, echoedSecret: WebhookSecret)));
        server.On(HttpMethod.Post, "/mj/v2/fetch", Wire.Json(WebhookKit.GoApi("task-1", "processing", 40, echoedSecret: WebhookSecret)));
        using var recorder = new TelemetryRecorder(server.BaseUrl);
        using MidjourneyClient client = GoApiClient(server.BaseUrl, new FakeTimeProvider { AutoAdvance = true });

        MidjourneyTask task = await client.ImagineAsync(new ImagineRequest("a cat") { WebhookSecret = RequestSecret });
        await client.GetTaskAsync(task.Id);
        string done = WebhookKit.GoApi("task-1", "finished", 100, "https://img.example/grid.png", echoedSecret: RequestSecret);
        await client.HandleWebhookAsync(WebhookKit.Authentic(MidjourneyProvider.GoApi, done, RequestSecret));
        await Assert.ThrowsAsync<MidjourneyWebhookException>(() => client.HandleWebhookAsync(WebhookKit.Authentic(MidjourneyProvider.GoApi, done, WebhookSecret + "x")));

        string[] text = [.. recorder.AllText()];
        Assert.NotEmpty(recorder.Named("midjourney.get_task"));
        Assert.NotEmpty(recorder.Of("midjourney.retries"));
        Assert.Contains(text, t => t.StartsWith("gen_ai.provider.name=", StringComparison.Ordinal));
        Assert.DoesNotContain(text, t => t.Contains(ApiKey, StringComparison.Ordinal));
        Assert.DoesNotContain(text, t => t.Contains(WebhookSecret, StringComparison.Ordinal));
        Assert.DoesNotContain(text, t => t.Contains(RequestSecret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ImagineAsync_Listened_LeavesTheCallersCurrentActivity()
    {
        using var server = new WireServer("/base");
        server.On(HttpMethod.Post, Imagine, Wire.Json(SubmitAnswer));
        using var recorder = new TelemetryRecorder(server.BaseUrl);
        using MidjourneyClient client = GoApiClient(server.BaseUrl, new FakeTimeProvider { AutoAdvance = true });
        using var caller = new Activity("test caller").Start();

        Task<MidjourneyTask> submit = client.ImagineAsync(new ImagineRequest("a cat"));
        Assert.Same(caller, Activity.Current);
        await submit;
        Task<MidjourneyTask> wait = client.WaitForCompletionAsync("task-1", cancellationToken: new CancellationToken(canceled: true));
        Assert.Same(caller, Activity.Current);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);

        Assert.Same(caller, Activity.Current);
        Activity activity = Assert.Single(recorder.Named("generate_content imagine"));
        Assert.Equal(caller.SpanId, activity.ParentSpanId);
        Activity waited = Assert.Single(recorder.Named("midjourney.wait"));
        Assert.Equal("canceled", waited.GetTagItem("midjourney.wait.outcome"));
    }

    [Fact]
    public async Task AddMidjourney_ClientFromServices_MeasuresThroughTheAppsMeterFactory()
    {
        using var server = new WireServer("/base");
        server.On(HttpMethod.Post, Imagine, Wire.Json(SubmitAnswer));
        var services = new ServiceCollection();
        services.AddMidjourney(o =>
        {
            o.Provider = MidjourneyProvider.GoApi;
            o.ApiKey = ApiKey;
            o.BaseUrl = server.BaseUrl;
        });
        await using ServiceProvider provider = services.BuildServiceProvider();
        IMeterFactory factory = provider.GetRequiredService<IMeterFactory>();
        var submitted = new List<long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == MidjourneyTelemetry.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "midjourney.tasks.submitted")
            {
                lock (submitted)
                {
                    submitted.Add(value);
                }
            }
        });
        listener.Start();

        await provider.GetRequiredService<IMidjourneyClient>().ImagineAsync(new ImagineRequest("a cat"));

        Assert.Equal([1L], submitted);
    }

    [Theory]
    [InlineData(MidjourneyAction.Imagine, "image")]
    [InlineData(MidjourneyAction.Upscale, "image")]
    [InlineData(MidjourneyAction.Video, "video")]
    [InlineData(MidjourneyAction.Describe, "text")]
    [InlineData(MidjourneyAction.Shorten, "text")]
    public void OutputTypeOf_Action_FollowsWhatTheActionMakes(MidjourneyAction action, string expected) =>
        Assert.Equal(expected, ClientTelemetry.OutputTypeOf(action));

    [Theory]
    [InlineData(MidjourneyProvider.GoApi, "goapi")]
    [InlineData(MidjourneyProvider.MjProxy, "mj_proxy")]
    [InlineData(MidjourneyProvider.Apixo, "apixo")]
    [InlineData(MidjourneyProvider.MidApi, "midapi")]
    public void ProviderNameOf_Provider_IsItsGenAiProviderName(MidjourneyProvider provider, string expected) =>
        Assert.Equal(expected, ClientTelemetry.ProviderNameOf(provider));

    private const string ApiKey = "sk-otel-7f3a91c2e5";
    private const string WebhookSecret = "whsec-otel-9b2d4e6f";
    private const string RequestSecret = "whsec-otel-request-3c8a";

    private static MidjourneyClient GoApiClient(Uri baseUrl, TimeProvider time) => new(
        new HttpClient(),
        new MidjourneyClientOptions
        {
            Provider = MidjourneyProvider.GoApi,
            ApiKey = ApiKey,
            BaseUrl = baseUrl,
            Retry = { MaxRetries = 2, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(10) },
            Webhooks = { Url = WebhookKit.Hook, Secret = WebhookSecret },
        },
        time);
}
