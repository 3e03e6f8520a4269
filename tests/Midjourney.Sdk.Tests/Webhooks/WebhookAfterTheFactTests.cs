using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Webhooks;

/// <summary>
/// What a client keeps from callbacks: a task that ended by callback answers a wait started later at once, without a
/// request; and GoAPI's echo of the webhook secret (in <c>meta.task_request</c>) never reaches <see cref="MidjourneyTask.RawJson"/>.
/// </summary>
public sealed class WebhookAfterTheFactTests
{
    private const string Secret = "a-webhook-secret-long-enough-42";

    [Fact]
    public async Task WaitForCompletionAsync_TaskEndedByACallbackBeforeTheWait_ReturnsItWithoutARequest()
    {
        var time = new FakeTimeProvider();
        using MidjourneyClient client = WebhookKit.Offline(MidjourneyProvider.GoApi, o => o.Webhooks.Secret = Secret, time);
        string body = WebhookKit.GoApi("t-early", "finished", 100, imageUrl: "https://img.test/early.png");
        await client.HandleWebhookAsync(WebhookKit.Authentic(MidjourneyProvider.GoApi, body, Secret));

        MidjourneyTask done = await client.WaitForCompletionAsync("t-early").WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(MidjourneyTaskStatus.Succeeded, done.Status);
        Assert.Equal(new Uri("https://img.test/early.png"), done.ImageUrl);
        Assert.Equal(0, client.Tracker.TrackedCount);
    }

    [Fact]
    public async Task HandleWebhookAsync_GoApiEchoesTheSecret_RawJsonAndToStringNeverShowIt()
    {
        using MidjourneyClient client = WebhookKit.Offline(MidjourneyProvider.GoApi, o => o.Webhooks.Secret = Secret);
        string body = WebhookKit.GoApi("t-echo", "finished", 100, imageUrl: "https://img.test/e.png", echoedSecret: Secret);

        MidjourneyTask task = await client.HandleWebhookAsync(WebhookKit.Authentic(MidjourneyProvider.GoApi, body, Secret));

        Assert.DoesNotContain(Secret, task.RawJson, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, task.ToString(), StringComparison.Ordinal);
        Assert.Contains("\"webhook_secret\":\"***\"", task.RawJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTaskAsync_GoApiFetchEchoesTheSecret_RawJsonNeverShowsIt()
    {
        using var server = WebhookKit.Server(MidjourneyProvider.GoApi);
        server.On(HttpMethod.Post, "/mj/v2/fetch", Wire.Json(WebhookKit.GoApi("t-fetch", "processing", 40, echoedSecret: Secret)));
        using MidjourneyClient client = WebhookKit.Client(MidjourneyProvider.GoApi, server, o => o.Webhooks.Secret = Secret);

        MidjourneyTask task = await client.GetTaskAsync("t-fetch");

        Assert.DoesNotContain(Secret, task.RawJson, StringComparison.Ordinal);
    }
}
