using Microsoft.Extensions.DependencyInjection;
using Midjourney.Sdk.Tests.TestSupport;
using Midjourney.Sdk.Tests.Webhooks;
using Midjourney.Sdk.Waiting;
using static Midjourney.Sdk.Tests.Webhooks.WebhookKit;

namespace Midjourney.Sdk.Tests.Waiting;

/// <summary>
/// The tracker's hook for a backplane (Midjourney.Sdk.Redis): every new state a callback brings is published once, a repeat
/// or an older one is not, and an update handed in by the backplane reaches waiters and handlers without being published
/// again. The DI factory attaches a backplane only when one is registered.
/// </summary>
public sealed class TaskBackplaneHookTests
{
    private static MidjourneyWebhookRequest Body(string id, string status, int progress) =>
        Authentic(MidjourneyProvider.GoApi, WebhookKit.GoApi(id, status, progress), Secret);

    [Fact]
    public async Task Callbacks_PublishEachNewStateOnce_RemoteUpdatesAreNotPublishedAgain()
    {
        using MidjourneyClient client = Offline(MidjourneyProvider.GoApi, o => (o.Webhooks.Url, o.Webhooks.Secret) = (Hook, Secret));
        var backplane = new FakeBackplane();
        client.Tracker.Attach(backplane);
        var handler = new RecordingTaskHandler();
        client.AddTaskHandler(handler);

        await client.HandleWebhookAsync(Body("h1", "processing", 50));
        await client.HandleWebhookAsync(Body("h1", "processing", 50));
        await client.HandleWebhookAsync(Body("h1", "processing", 40));
        Task<MidjourneyTask> waiting = client.WaitForCompletionAsync("h1");
        bool accepted = client.Tracker.Deliver(new MidjourneyTask { Id = "h1", Provider = MidjourneyProvider.GoApi, Status = MidjourneyTaskStatus.Succeeded, Progress = 100 }, remote: true);
        await client.HandleWebhookAsync(Body("h1", "finished", 100));

        Assert.True(accepted);
        Assert.Equal(MidjourneyTaskStatus.Succeeded, (await waiting.WaitAsync(TimeSpan.FromSeconds(30))).Status);
        Assert.Equal(["h1 InProgress 50"], backplane.Published.Select(RecordingTaskHandler.Step));
        await handler.WaitUntilAsync(seen => seen.Count == 2);
        Assert.Equal(["h1 InProgress 50", "h1 Succeeded 100"], handler.Steps);
    }

    [Fact]
    public async Task AFailingBackplane_DoesNotFailTheCallback()
    {
        using MidjourneyClient client = Offline(MidjourneyProvider.GoApi, o => (o.Webhooks.Url, o.Webhooks.Secret) = (Hook, Secret));
        client.Tracker.Attach(new FakeBackplane { Throws = true });

        MidjourneyTask task = await client.HandleWebhookAsync(Body("h2", "finished", 100));

        Assert.Equal(MidjourneyTaskStatus.Succeeded, task.Status);
    }

    [Fact]
    public void Dispose_DisposesTheBackplane_AndAnAttachAfterwardsDisposesAtOnce()
    {
        MidjourneyClient client = Offline(MidjourneyProvider.GoApi);
        var backplane = new FakeBackplane();
        client.Tracker.Attach(backplane);
        client.Dispose();
        var late = new FakeBackplane();
        client.Tracker.Attach(late);

        Assert.True(backplane.Disposed);
        Assert.True(late.Disposed);
    }

    [Fact]
    public void DependencyInjection_AttachesARegisteredBackplanePerClientNameAndProvider_AndNoneOtherwise()
    {
        var factory = new FakeBackplaneFactory();
        var services = new ServiceCollection();
        services.AddMidjourney("a", o => (o.Provider, o.ApiKey) = (MidjourneyProvider.GoApi, ApiKey));
        services.AddMidjourney("b", o => (o.Provider, o.ApiKey, o.BaseUrl) = (MidjourneyProvider.MjProxy, ApiKey, new Uri("https://relay.test/")));
        services.AddSingleton<ITaskBackplaneFactory>(factory);
        using ServiceProvider withBackplane = services.BuildServiceProvider();
        var without = new ServiceCollection();
        without.AddMidjourney("a", o => (o.Provider, o.ApiKey) = (MidjourneyProvider.GoApi, ApiKey));
        using ServiceProvider alone = without.BuildServiceProvider();

        var a = (MidjourneyClient)withBackplane.GetRequiredKeyedService<IMidjourneyClient>("a");
        var b = (MidjourneyClient)withBackplane.GetRequiredKeyedService<IMidjourneyClient>("b");
        var c = (MidjourneyClient)alone.GetRequiredKeyedService<IMidjourneyClient>("a");

        Assert.Equal(["a GoApi", "b MjProxy"], factory.Created);
        Assert.NotNull(a.Tracker.Backplane);
        Assert.NotSame(a.Tracker.Backplane, b.Tracker.Backplane);
        Assert.Null(c.Tracker.Backplane);
    }

    [Fact]
    public async Task AWait_RecordsItsTaskOnTheBackplane_OnceForTheSameDeadline_AndASubmitWithItsSubmitTime()
    {
        var time = new FakeTimeProvider();
        var relay = new ScriptedRelay(MidjourneyProvider.GoApi, time, (_, check, _) => check < 3 ? RelayTaskState.Running(10 * check) : RelayTaskState.Succeeded);
        using MidjourneyClient client = relay.Client(o => o.Polling.Timeout = TimeSpan.FromMinutes(20));
        var backplane = new FakeBackplane();
        client.Tracker.Attach(backplane);
        DateTimeOffset start = time.GetUtcNow();
        MidjourneyTask submitted = await client.ImagineAsync(new ImagineRequest("a fox"));

        MidjourneyTask done = await time.DriveAsync(client, async c =>
        {
            Task<MidjourneyTask> first = c.WaitForCompletionAsync(submitted.Id);
            Task<MidjourneyTask> second = c.WaitForCompletionAsync(submitted.Id); // same deadline: not recorded again
            await second;
            return await first;
        });

        Assert.True(backplane.Started);
        Assert.Equal(MidjourneyTaskStatus.Succeeded, done.Status);
        TrackedTaskRecord record = Assert.Single(backplane.Tracked);
        Assert.Equal(submitted.Id, record.Id);
        Assert.Equal(start, record.SubmittedAt);
        Assert.Equal(start + TimeSpan.FromMinutes(20), record.Deadline);
        Assert.Null(record.Last);
        Assert.Equal(MidjourneyTaskStatus.Succeeded, backplane.Published[^1].Status); // the final state closes the record
    }

    [Fact]
    public async Task Resume_TracksARecordedTaskWithNoWaiter_AndItsHandlersGetOnlyNews()
    {
        var time = new FakeTimeProvider();
        var relay = new ScriptedRelay(MidjourneyProvider.GoApi, time, (_, check, _) => check < 2 ? RelayTaskState.Running(40) : RelayTaskState.Succeeded);
        using MidjourneyClient client = relay.Client();
        var handler = new RecordingTaskHandler();
        client.AddTaskHandler(handler);
        var seen = new MidjourneyTask { Id = "r1", Provider = MidjourneyProvider.GoApi, Status = MidjourneyTaskStatus.InProgress, Progress = 40 };

        client.Tracker.Resume(new TrackedTaskRecord("r1", time.GetUtcNow() - TimeSpan.FromSeconds(30), time.GetUtcNow() + TimeSpan.FromMinutes(5), seen));
        client.Tracker.Resume(new TrackedTaskRecord("r1", null, time.GetUtcNow() + TimeSpan.FromMinutes(5), null)); // already tracked
        client.Tracker.Resume(new TrackedTaskRecord("r2", null, time.GetUtcNow() + TimeSpan.FromMinutes(5), seen with { Id = "r2", Status = MidjourneyTaskStatus.Succeeded }));
        await time.DriveUntilAsync(client, handler.WaitUntilAsync(steps => steps.Count == 1));
        await time.DriveUntilAsync(client, WhenUntrackedAsync(client));

        Assert.Equal(["r1 Succeeded 100"], handler.Steps);
        Assert.Equal(2, relay.TimesAsked("r1"));
        Assert.Equal(0, relay.TimesAsked("r2")); // recorded final: nothing to resume
    }

    [Fact]
    public async Task Resume_OfARecordWhoseDeadlinePassed_StillLooksOnce()
    {
        var time = new FakeTimeProvider();
        var relay = new ScriptedRelay(MidjourneyProvider.GoApi, time, (_, _, _) => RelayTaskState.Succeeded);
        using MidjourneyClient client = relay.Client();
        var handler = new RecordingTaskHandler();
        client.AddTaskHandler(handler);

        client.Tracker.Resume(new TrackedTaskRecord("late", null, time.GetUtcNow() - TimeSpan.FromMinutes(5), null));
        await time.DriveUntilAsync(client, handler.WaitUntilAsync(steps => steps.Count == 1));

        Assert.Equal(["late Succeeded 100"], handler.Steps);
    }

    private static async Task WhenUntrackedAsync(MidjourneyClient client)
    {
        while (client.Tracker.TrackedCount > 0)
        {
            await client.Tracker.WhenChangedAsync();
        }
    }

    private sealed class FakeBackplane : ITaskBackplane
    {
        public List<MidjourneyTask> Published { get; } = [];

        public List<TrackedTaskRecord> Tracked { get; } = [];

        public bool Started { get; private set; }

        public void Start() => Started = true;

        public void Track(TrackedTaskRecord record)
        {
            lock (Tracked)
            {
                Tracked.Add(record);
            }
        }

        public bool Throws { get; init; }

        public bool Disposed { get; private set; }

        public void Publish(MidjourneyTask task)
        {
            if (Throws)
            {
                throw new InvalidOperationException("Redis is away.");
            }

            lock (Published)
            {
                Published.Add(task);
            }
        }

        public ValueTask<bool> TryLeaseAsync(string taskId, TimeSpan period) => ValueTask.FromResult(true);

        public void Release(string taskId)
        {
        }

        public void Dispose() => Disposed = true;
    }

    private sealed class FakeBackplaneFactory : ITaskBackplaneFactory
    {
        public List<string> Created { get; } = [];

        public ITaskBackplane Create(string clientName, MidjourneyProvider provider, ITaskBackplaneHost host)
        {
            Created.Add($"{clientName} {provider}");
            return new FakeBackplane();
        }
    }
}
