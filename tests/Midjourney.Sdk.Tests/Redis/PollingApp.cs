using Microsoft.Extensions.DependencyInjection;
using Midjourney.Sdk.Emulator;
using Midjourney.Sdk.Redis;
using Midjourney.Sdk.Tests.AspNetCore;
using Midjourney.Sdk.Tests.Webhooks;

namespace Midjourney.Sdk.Tests.Redis;

/// <summary>
/// One app instance as a Kestrel app on 127.0.0.1: the default client over GoAPI against the emulator, polling with short
/// intervals (no webhooks), a task handler, the Redis backplane, and a count of its status requests. Its client is
/// created by the host at start (the backplane's starter), which is when it resumes recorded tasks.
/// </summary>
internal sealed class PollingApp : IAsyncDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private PollingApp(WebhookApp web, RecordingTaskHandler handler, StatusCounter counter)
    {
        Web = web;
        Handler = handler;
        Counter = counter;
    }

    public WebhookApp Web { get; }

    public RecordingTaskHandler Handler { get; }

    public StatusCounter Counter { get; }

    public MidjourneyClient Client => (MidjourneyClient)Web.Client();

    public RedisTaskBackplane Backplane => (RedisTaskBackplane)Client.Tracker.Backplane!;

    public static async Task<PollingApp> StartAsync(MidjourneyEmulator emulator, string redis)
    {
        var handler = new RecordingTaskHandler();
        var counter = new StatusCounter();
        WebhookApp web = await WebhookApp.StartAsync(
            (services, _) =>
            {
                services.AddMidjourney(o =>
                {
                    o.Provider = MidjourneyProvider.GoApi;
                    o.ApiKey = emulator.ApiKey;
                    o.BaseUrl = emulator.BaseUrl;
                    // Checks 0.4 to 0.5 s apart, so the lease (the longer of MaxInterval and two intervals: 0.8 s) outlasts the
                    // holder's gap between checks by 0.3 s even on a loaded machine.
                    o.Polling.InitialDelay = TimeSpan.FromMilliseconds(400);
                    o.Polling.Interval = TimeSpan.FromMilliseconds(400);
                    o.Polling.MaxInterval = TimeSpan.FromMilliseconds(500);
                }).AddHttpMessageHandler(() => new CountingStatus(counter));
                services.AddSingleton(handler);
                services.AddMidjourneyTaskHandler<RecordingTaskHandler>();
                services.AddMidjourneyRedisBackplane(redis);
            },
            _ => { });
        var app = new PollingApp(web, handler, counter);
        await app.Backplane.Started.WaitAsync(Limit);
        return app;
    }

    public ValueTask DisposeAsync() => Web.DisposeAsync();
}
