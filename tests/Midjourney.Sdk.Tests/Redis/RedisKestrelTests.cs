using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Midjourney.Sdk.Emulator;
using Midjourney.Sdk.Redis;
using Midjourney.Sdk.Tests.AspNetCore;
using Midjourney.Sdk.Tests.TestSupport;
using Xunit.Abstractions;

namespace Midjourney.Sdk.Tests.Redis;

/// <summary>
/// Two app instances as Kestrel apps on 127.0.0.1 (<c>MapMidjourneyWebhooks</c>) against one emulator and one embedded
/// Garnet: the provider's callback posted over HTTP to instance A ends the wait on instance B, and goes on doing so after
/// Redis stopped and started again mid-run (each instance working alone meanwhile).
/// </summary>
public sealed class RedisKestrelTests(GarnetFixture garnet, ITestOutputHelper output) : IClassFixture<GarnetFixture>
{
    private const string Secret = "goapi-webhook-secret-0123456789";

    private static Task<WebhookApp> StartAsync(MidjourneyEmulator emulator, string redis) => WebhookApp.StartAsync(
        (services, baseUrl) =>
        {
            services.AddMidjourney(o =>
            {
                o.Provider = MidjourneyProvider.GoApi;
                o.ApiKey = emulator.ApiKey;
                o.BaseUrl = emulator.BaseUrl;
                o.Webhooks.Url = new Uri(baseUrl, "/midjourney/webhooks");
                o.Webhooks.Secret = Secret;
                o.Webhooks.AllowHttp = true;
            });
            services.AddMidjourneyRedisBackplane(redis);
        },
        web => web.MapMidjourneyWebhooks());

    [Fact]
    public async Task CallbackPostedToA_EndsTheWaitOnB()
    {
        // The emulator's task runs for ten minutes, and its own callbacks go to A: only the callback posted here ends it.
        await using MidjourneyEmulator emulator = await MidjourneyEmulator.StartAsync(new MidjourneyEmulatorOptions { TaskDuration = TimeSpan.FromMinutes(10) });
        await using WebhookApp a = await StartAsync(emulator, garnet.Garnet.Configuration);
        await using WebhookApp b = await StartAsync(emulator, garnet.Garnet.Configuration);
        var onA = (MidjourneyClient)a.Client();
        var onB = (MidjourneyClient)b.Client();
        await ((RedisTaskBackplane)onA.Tracker.Backplane!).Started.WaitAsync(TimeSpan.FromSeconds(30));
        await ((RedisTaskBackplane)onB.Tracker.Backplane!).Started.WaitAsync(TimeSpan.FromSeconds(30));
        MidjourneyTask submitted = await onA.ImagineAsync(new ImagineRequest("a cat"));
        Task<MidjourneyTask> waiting = onB.WaitForCompletionAsync(submitted.Id);

        var real = Stopwatch.StartNew();
        using HttpResponseMessage answer = await a.PostAsync("/midjourney/webhooks", TestClients.GoApiTaskJson(submitted.Id, "finished", 100), Secret);
        MidjourneyTask done = await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        output.WriteLine($"Callback posted to A to the end of B's wait: {real.Elapsed.TotalMilliseconds:F1} ms");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(MidjourneyTaskStatus.Succeeded, done.Status);
        Assert.Equal(new Uri($"https://img.test/{submitted.Id}.png"), done.ImageUrl); // the callback's result, not the emulator's
    }

    [Fact]
    public async Task RedisStoppedAndRestartedMidRun_EachInstanceWorksAlone_ThenCallbacksOnAEndWaitsOnBAgain()
    {
        using var redis = new EmbeddedGarnet();
        await using MidjourneyEmulator emulator = await MidjourneyEmulator.StartAsync(new MidjourneyEmulatorOptions { TaskDuration = TimeSpan.FromMinutes(10) });
        await using WebhookApp a = await StartAsync(emulator, redis.Configuration);
        await using WebhookApp b = await StartAsync(emulator, redis.Configuration);
        var onA = (MidjourneyClient)a.Client();
        var onB = (MidjourneyClient)b.Client();
        var planeA = (RedisTaskBackplane)onA.Tracker.Backplane!;
        var planeB = (RedisTaskBackplane)onB.Tracker.Backplane!;
        await planeA.Started.WaitAsync(Limit);
        await planeB.Started.WaitAsync(Limit);

        redis.Stop();
        await planeA.AloneAsync(true, Limit);
        await planeB.AloneAsync(true, Limit);

        // Alone: A's callback ends A's own wait; B's wait on the same task does not hear it (and keeps its safety net).
        MidjourneyTask alone = await onA.ImagineAsync(new ImagineRequest("a cat"));
        Task<MidjourneyTask> waitingOnA = onA.WaitForCompletionAsync(alone.Id);
        Task<MidjourneyTask> waitingOnB = onB.WaitForCompletionAsync(alone.Id);
        using (HttpResponseMessage answer = await a.PostAsync("/midjourney/webhooks", TestClients.GoApiTaskJson(alone.Id, "finished", 100), Secret))
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }

        Assert.Equal(MidjourneyTaskStatus.Succeeded, (await waitingOnA.WaitAsync(Limit)).Status);
        Assert.False(waitingOnB.IsCompleted);

        // Redis returns: both rejoin; what B tracked meanwhile is recorded now, and a callback on A ends B's waits again.
        redis.Start();
        await planeA.AloneAsync(false, Limit);
        await planeB.AloneAsync(false, Limit);
        Assert.Equal(1, planeB.Records.Count);
        Assert.True(await planeB.Database!.KeyExistsAsync(RedisTaskBackplaneKeys.Task(alone.Id))); // sent on B's connection after its records
        MidjourneyTask again = await onA.ImagineAsync(new ImagineRequest("a dog"));
        Task<MidjourneyTask> waitingAgain = onB.WaitForCompletionAsync(again.Id);
        Assert.Equal(2, planeB.Records.Count);
        var real = Stopwatch.StartNew();
        while (!waitingAgain.IsCompleted)
        {
            // StackExchange.Redis subscribes again after the reconnect and says nothing when it has: post, and wait up to
            // 100 ms for the wait to end, until B hears it.
            Assert.True(real.Elapsed < Limit, "The fan-out did not resume.");
            using HttpResponseMessage answer = await a.PostAsync("/midjourney/webhooks", TestClients.GoApiTaskJson(again.Id, "finished", 100), Secret);
            try
            {
                await waitingAgain.WaitAsync(TimeSpan.FromMilliseconds(100));
            }
            catch (TimeoutException)
            {
                // not heard yet
            }
        }

        Assert.Equal(MidjourneyTaskStatus.Succeeded, (await waitingAgain).Status);

        // What A heard while alone is not sent again: B's first wait ends by its own (safety-net) check, not by A.
        Assert.False(waitingOnB.IsCompleted);
    }

    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
}
