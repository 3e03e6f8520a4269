using RecordingTaskHandler = Midjourney.Sdk.Tests.Webhooks.RecordingTaskHandler;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Midjourney.Sdk.Emulator;
using Midjourney.Sdk.Tests.TestSupport;
using Midjourney.Sdk.Webhooks;

namespace Midjourney.Sdk.Tests.AspNetCore;

/// <summary>
/// <c>MapMidjourneyWebhooks</c> over real loopback HTTP: callbacks posted to a Kestrel app end waits and reach handlers,
/// refusals get their status codes, nothing escapes into the pipeline, and no secret or token reaches the SDK's logs.
/// </summary>
public sealed class MapMidjourneyWebhooksTests
{
    private const string Endpoint = "/midjourney/webhooks";
    private const string GoApiSecret = "goapi-webhook-secret-0123456789";
    private const string RelaySecret = "relay-webhook-secret-9876543210";
    private const string RelayPath = "/relay/webhooks";
    private const string MjProxyTask = """{"id":"t1","status":"SUCCESS","progress":"100%","imageUrl":"https://img.test/a.png","action":"IMAGINE"}""";

    [Fact]
    public async Task GoApiCallback_WithTheSecret_Answers200AndEndsTheWaitAtOnce()
    {
        // The emulator's task runs for ten minutes: only the callback can end the wait within the test.
        await using MidjourneyEmulator emulator = await MidjourneyEmulator.StartAsync(new MidjourneyEmulatorOptions { TaskDuration = TimeSpan.FromMinutes(10) });
        await using WebhookApp app = await WebhookApp.StartAsync(
            (services, baseUrl) => services.AddMidjourney(o => GoApi(o, baseUrl, emulator.ApiKey, emulator.BaseUrl)),
            web => web.MapMidjourneyWebhooks());
        var client = (MidjourneyClient)app.Client();
        var handler = new RecordingTaskHandler();
        using IDisposable registration = client.AddTaskHandler(handler);
        MidjourneyTask submitted = await client.ImagineAsync(new ImagineRequest("a cat"));
        Task<MidjourneyTask> waiting = client.WaitForCompletionAsync(submitted.Id);

        using HttpResponseMessage answer = await app.PostAsync(Endpoint, TestClients.GoApiTaskJson(submitted.Id, "finished", 100), GoApiSecret);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        MidjourneyTask done = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(MidjourneyTaskStatus.Succeeded, done.Status);
        Assert.Equal(new Uri($"https://img.test/{submitted.Id}.png"), done.ImageUrl); // the callback's result, not the emulator's
        await handler.WaitForAsync(t => t.Id == submitted.Id && t.Status == MidjourneyTaskStatus.Succeeded);
        Assert.Contains(app.SdkLogs, e => e.Category == "Midjourney.Sdk.AspNetCore" && e.Level == LogLevel.Debug && e.Message.Contains(submitted.Id, StringComparison.Ordinal));
        AssertNoSecretLogged(app, GoApiSecret);
    }

    [Fact]
    public async Task GoApiCallback_DeliveredTwice_Answers200BothTimes()
    {
        await using WebhookApp app = await StartGoApiAppAsync();
        string body = TestClients.GoApiTaskJson("t1", "finished", 100);

        using HttpResponseMessage first = await app.PostAsync(Endpoint, body, GoApiSecret);
        using HttpResponseMessage second = await app.PostAsync(Endpoint, body, GoApiSecret);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("a-wrong-secret-of-some-length")]
    public async Task GoApiCallback_WithoutTheSecret_Answers401AndLogsWhy(string? presented)
    {
        await using WebhookApp app = await StartGoApiAppAsync();
        var handler = new RecordingTaskHandler();
        using IDisposable registration = ((MidjourneyClient)app.Client()).AddTaskHandler(handler);

        using HttpResponseMessage answer = await app.PostAsync(Endpoint, TestClients.GoApiTaskJson("t1", "finished", 100), presented);

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.Empty(await answer.Content.ReadAsByteArrayAsync());
        LogEntry refusal = Assert.Single(app.SdkLogs, e => e.Level == LogLevel.Warning);
        Assert.Equal("Midjourney.Sdk.AspNetCore", refusal.Category);
        Assert.Contains("NotAuthentic", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("t1", refusal.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Seen);
        AssertNoSecretLogged(app, GoApiSecret, presented);
    }

    [Theory]
    [InlineData("this is not JSON")]
    [InlineData("""{"status":"finished"}""")]
    [InlineData("")]
    public async Task Callback_NotTheProvidersCallback_Answers400(string body)
    {
        await using WebhookApp app = await StartGoApiAppAsync();

        using HttpResponseMessage answer = await app.PostAsync(Endpoint, body, GoApiSecret);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains(app.SdkLogs, e => e.Level == LogLevel.Warning && e.Message.Contains("Unreadable", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Callback_OverOneMebibyte_Answers413(bool chunked)
    {
        await using WebhookApp app = await StartGoApiAppAsync();
        byte[] body = Padded(TestClients.GoApiTaskJson("t1", "finished", 100), MidjourneyWebhookRequest.MaxBodyBytes + 1);

        using HttpResponseMessage answer = await app.PostAsync(app.Url(Endpoint), Content(body, chunked), GoApiSecret);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.StatusCode);
        LogEntry refusal = Assert.Single(app.SdkLogs, e => e.Level == LogLevel.Warning);
        Assert.Contains("TooLarge", refusal.Message, StringComparison.Ordinal);

        // A declared length is refused before the body is read; a chunked body is read one byte past the limit, no further.
        Assert.Equal(!chunked, refusal.Message.Contains("Content-Length", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Callback_OfExactlyOneMebibyte_IsAccepted(bool chunked)
    {
        await using WebhookApp app = await StartGoApiAppAsync();
        byte[] body = Padded(TestClients.GoApiTaskJson("t1", "finished", 100), MidjourneyWebhookRequest.MaxBodyBytes);

        using HttpResponseMessage answer = await app.PostAsync(app.Url(Endpoint), Content(body, chunked), GoApiSecret);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }

    [Fact]
    public async Task KeyedMjProxyClient_TokenInTheUrl_Answers200AndReachesItsHandlers()
    {
        await using WebhookApp app = await WebhookApp.StartAsync(
            (services, baseUrl) => services.AddMidjourney("relay", o =>
            {
                o.Provider = MidjourneyProvider.MjProxy;
                o.ApiKey = "relay-key";
                o.BaseUrl = LoopbackPorts.Closed();
                o.Webhooks.Url = new Uri(baseUrl, RelayPath);
                o.Webhooks.Secret = RelaySecret;
                o.Webhooks.AllowHttp = true;
            }),
            web => web.MapMidjourneyWebhooks(RelayPath, clientName: "relay"));
        var handler = new RecordingTaskHandler();
        using IDisposable registration = ((MidjourneyClient)app.Client("relay")).AddTaskHandler(handler);
        Uri withToken = WebhookToken.AddTo(app.Url(RelayPath), RelaySecret);

        using HttpResponseMessage answer = await app.PostAsync(withToken, Json(MjProxyTask));
        using HttpResponseMessage withoutToken = await app.PostAsync(app.Url(RelayPath), Json(MjProxyTask));
        using HttpResponseMessage wrongToken = await app.PostAsync(WebhookToken.AddTo(app.Url(RelayPath), "another-secret-of-16-chars"), Json(MjProxyTask));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongToken.StatusCode);
        MidjourneyTask task = await handler.WaitForAsync(t => t.Id == "t1");
        Assert.Equal(MidjourneyTaskStatus.Succeeded, task.Status);
        Assert.Equal(new Uri("https://img.test/a.png"), task.ImageUrl);
        Assert.Single(handler.Seen);
        AssertNoSecretLogged(app, RelaySecret, WebhookToken.For(RelaySecret), WebhookToken.For("another-secret-of-16-chars"));
    }

    [Fact]
    public async Task HandlerThatThrows_DoesNotBreakTheEndpoint()
    {
        await using WebhookApp app = await StartGoApiAppAsync();
        var client = (MidjourneyClient)app.Client();
        var recorder = new RecordingTaskHandler();
        using IDisposable failing = client.AddTaskHandler(new ThrowingTaskHandler());
        using IDisposable recording = client.AddTaskHandler(recorder);

        using HttpResponseMessage first = await app.PostAsync(Endpoint, TestClients.GoApiTaskJson("t1", "finished", 100), GoApiSecret);
        using HttpResponseMessage second = await app.PostAsync(Endpoint, TestClients.GoApiTaskJson("t2", "finished", 100), GoApiSecret);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        await recorder.WaitForAsync(t => t.Id == "t2");
        Assert.Contains(app.SdkLogs, e => e.Category == "Midjourney.Sdk.MidjourneyClient" && e.Level == LogLevel.Error && e.Exception is InvalidOperationException);
    }

    [Fact]
    public async Task ClientThatThrows_Answers500AndLogsTheException()
    {
        IMidjourneyClient client = FakeWebhookClient.Create((_, _) => throw new InvalidOperationException("The client broke."));
        await using WebhookApp app = await WebhookApp.StartAsync((services, _) => services.AddSingleton(client), web => web.MapMidjourneyWebhooks());

        using HttpResponseMessage answer = await app.PostAsync(Endpoint, "{}");

        Assert.Equal(HttpStatusCode.InternalServerError, answer.StatusCode);
        LogEntry failure = Assert.Single(app.SdkLogs, e => e.Level == LogLevel.Error);
        Assert.Equal("Midjourney.Sdk.AspNetCore", failure.Category);
        Assert.IsType<InvalidOperationException>(failure.Exception);
    }

    [Fact]
    public async Task AbortedRequest_EndsQuietly()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var canceled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        IMidjourneyClient client = FakeWebhookClient.Create(async (_, cancellationToken) =>
        {
            entered.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            finally
            {
                canceled.TrySetResult();
            }

            throw new InvalidOperationException("Unreachable.");
        });
        WebhookApp app = await WebhookApp.StartAsync((services, _) => services.AddSingleton(client), web => web.MapMidjourneyWebhooks());
        try
        {
            using var hangUp = new CancellationTokenSource();
            Task<HttpResponseMessage> posting = app.PostAsync(app.Url(Endpoint), Json("{}"), cancellationToken: hangUp.Token);
            await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));

            await hangUp.CancelAsync();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => posting);
            await canceled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            await app.DisposeAsync(); // waits for the request to finish
        }

        Assert.DoesNotContain(app.SdkLogs, e => e.Level >= LogLevel.Warning);
        Assert.Contains(app.SdkLogs, e => e.Category == "Midjourney.Sdk.AspNetCore" && e.Message.Contains("went away", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OtherMethods_Answer405()
    {
        await using WebhookApp app = await StartGoApiAppAsync();

        using HttpResponseMessage answer = await app.Http.GetAsync(app.Url(Endpoint));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, answer.StatusCode);
    }

    [Fact]
    public async Task Map_WithNoClientRegistered_FailsAtOnceSayingWhatToRegister()
    {
        await using WebApplication app = WebApplication.CreateSlimBuilder().Build();

        var ex = Assert.Throws<InvalidOperationException>(() => app.MapMidjourneyWebhooks());

        Assert.Contains("no IMidjourneyClient is registered", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AddMidjourney(", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Map_WithAClientNameNotRegistered_FailsAtOnceNamingIt()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddMidjourney(o => o.ApiKey = "key"); // the default client only
        builder.Services.AddMidjourney("relay", o => o.ApiKey = "key");
        await using WebApplication app = builder.Build();

        var ex = Assert.Throws<InvalidOperationException>(() => app.MapMidjourneyWebhooks("/backup/webhooks", clientName: "backup"));
        app.MapMidjourneyWebhooks();
        app.MapMidjourneyWebhooks(RelayPath, clientName: "relay");

        Assert.Contains("no IMidjourneyClient named 'backup'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AddMidjourney(\"backup\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Map_ReturnsABuilderThatTakesConventions()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddMidjourney(o => o.ApiKey = "key");
        await using WebApplication app = builder.Build();

        IEndpointConventionBuilder endpoint = app.MapMidjourneyWebhooks().RequireHost("hooks.example.com").WithName("hooks");

        Assert.NotNull(endpoint);
    }

    private static void GoApi(MidjourneyClientOptions options, Uri appUrl, string apiKey, Uri baseUrl)
    {
        options.Provider = MidjourneyProvider.GoApi;
        options.ApiKey = apiKey;
        options.BaseUrl = baseUrl;
        options.Webhooks.Url = new Uri(appUrl, Endpoint);
        options.Webhooks.Secret = GoApiSecret;
        options.Webhooks.AllowHttp = true;
    }

    /// <summary>An app with a default GoAPI client whose provider is never called (callbacks need no provider).</summary>
    private static Task<WebhookApp> StartGoApiAppAsync() => WebhookApp.StartAsync(
        (services, baseUrl) => services.AddMidjourney(o => GoApi(o, baseUrl, "goapi-key", LoopbackPorts.Closed())),
        web => web.MapMidjourneyWebhooks());

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static HttpContent Content(byte[] body, bool chunked)
    {
        HttpContent content = chunked ? new ChunkedContent(body) : new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>The JSON padded with spaces (still valid JSON) to exactly <paramref name="size"/> bytes.</summary>
    private static byte[] Padded(string json, int size) => Encoding.UTF8.GetBytes(json + new string(' ', size - Encoding.UTF8.GetByteCount(json)));

    private static void AssertNoSecretLogged(WebhookApp app, params string?[] secrets)
    {
        Assert.NotEmpty(app.SdkLogs);
        foreach (LogEntry entry in app.SdkLogs)
        {
            foreach (string secret in secrets.OfType<string>())
            {
                Assert.DoesNotContain(secret, entry.AllText, StringComparison.Ordinal);
            }
        }
    }
}
