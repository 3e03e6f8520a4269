using Microsoft.Extensions.Logging;
using Midjourney.Sdk.Tests.TestSupport;
using static Midjourney.Sdk.Tests.Webhooks.WebhookKit;

namespace Midjourney.Sdk.Tests.Webhooks;

/// <summary>
/// Task handlers (<see cref="MidjourneyClient.AddTaskHandler"/>) for callbacks of tasks nobody waits for: each new state
/// once, in arrival order, never a repeat or an older state; a handler that throws is logged and the next update still
/// runs; a removed handler runs no more; refused callbacks run nothing. MJ-Proxy's task objects (it calls back on every
/// change), offline. Handlers run on the thread pool, so each test waits for a last "sentinel" update before asserting
/// that nothing else ran: updates are handled one at a time, in order.
/// </summary>
public sealed class TaskHandlerTests
{
    private readonly ListLoggerProvider _logs = new();

    private MidjourneyClient Client(string? secret = null) =>
        Offline(MidjourneyProvider.MjProxy, o => (o.Webhooks.Url, o.Webhooks.Secret) = (Hook, secret), new FakeTimeProvider(), _logs.CreateFactory());

    private static Task<MidjourneyTask> Deliver(MidjourneyClient client, string id, string status, string progress) =>
        client.HandleWebhookAsync(Arrived(MjProxy(id, status, progress, imageUrl: status == "SUCCESS" ? $"https://cdn.test/{id}.png" : "")));

    private static async Task SentinelAsync(MidjourneyClient client, RecordingTaskHandler handler)
    {
        await Deliver(client, "sentinel", "SUCCESS", "100%");
        await handler.WaitForAsync("sentinel");
    }

    [Fact]
    public async Task AddTaskHandler_CallbacksOfTasksNobodyWaitsFor_RunInOrderOncePerState()
    {
        using MidjourneyClient client = Client();
        var handler = new RecordingTaskHandler();
        using IDisposable registration = client.AddTaskHandler(handler);

        (string Id, string Status, string Progress)[] deliveries =
        [
            ("t1", "SUBMITTED", "0%"),
            ("t1", "IN_PROGRESS", "20%"),
            ("t2", "IN_PROGRESS", "10%"),
            ("t1", "IN_PROGRESS", "20%"),  // a repeat
            ("t1", "IN_PROGRESS", "70%"),
            ("t1", "SUBMITTED", "0%"),     // older
            ("t2", "SUCCESS", "100%"),
            ("t1", "SUCCESS", "100%"),
            ("t1", "SUCCESS", "100%"),     // a repeat of the final state
            ("t2", "IN_PROGRESS", "50%"),  // older than final
            ("t1", "FAILURE", "0%"),       // a final state is never replaced
        ];
        foreach ((string id, string status, string progress) in deliveries)
        {
            MidjourneyTask returned = await Deliver(client, id, status, progress);
            Assert.Equal(id, returned.Id);
        }

        await SentinelAsync(client, handler);

        Assert.Equal(
            [
                "t1 Pending 0", "t1 InProgress 20", "t2 InProgress 10", "t1 InProgress 70", "t2 Succeeded 100", "t1 Succeeded 100",
                "sentinel Succeeded 100",
            ],
            handler.Steps);
        Assert.Equal(new Uri("https://cdn.test/t1.png"), handler.Seen[5].ImageUrl);
    }

    [Fact]
    public async Task AddTaskHandler_TwoHandlers_EachSeesEveryUpdateInOrder()
    {
        using MidjourneyClient client = Client();
        var first = new RecordingTaskHandler();
        var second = new RecordingTaskHandler();
        using IDisposable one = client.AddTaskHandler(first);
        using IDisposable two = client.AddTaskHandler(second);

        await Deliver(client, "t1", "IN_PROGRESS", "40%");
        await Deliver(client, "t1", "SUCCESS", "100%");
        await SentinelAsync(client, second);

        Assert.Equal(["t1 InProgress 40", "t1 Succeeded 100", "sentinel Succeeded 100"], first.Steps);
        Assert.Equal(first.Steps, second.Steps);
    }

    [Fact]
    public async Task AddTaskHandler_HandlerThrows_LoggedAndLaterUpdatesStillRun()
    {
        using MidjourneyClient client = Client();
        var throwing = new RecordingTaskHandler((task, _) => throw new InvalidOperationException("handler broke on " + task.Id));
        var after = new RecordingTaskHandler();
        using IDisposable one = client.AddTaskHandler(throwing);
        using IDisposable two = client.AddTaskHandler(after);

        await Deliver(client, "t1", "SUCCESS", "100%");
        await Deliver(client, "t2", "FAILURE", "0%");
        await SentinelAsync(client, after);

        // Both handlers saw every update: a failure stops neither the other handler nor the next update.
        Assert.Equal(["t1 Succeeded 100", "t2 Failed 0", "sentinel Succeeded 100"], throwing.Steps);
        Assert.Equal(throwing.Steps, after.Steps);
        LogEntry[] failures = [.. _logs.Entries.Where(e => e.Level == LogLevel.Error)];
        Assert.Equal(3, failures.Length);
        Assert.Equal(["t1", "t2", "sentinel"], failures.Select(e => e.State.Single(kv => kv.Key == "TaskId").Value));
        Assert.All(failures, e => Assert.IsType<InvalidOperationException>(e.Exception));
        Assert.All(failures, e => Assert.Contains(nameof(RecordingTaskHandler), e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddTaskHandler_HandlerThrowsAsynchronously_LoggedAndTheNextUpdateRuns()
    {
        using MidjourneyClient client = Client();
        var handler = new RecordingTaskHandler(async (task, _) =>
        {
            await Task.Yield();
            if (task.Id == "t1")
            {
                throw new TimeoutException("downstream timed out");
            }
        });
        using IDisposable registration = client.AddTaskHandler(handler);

        await Deliver(client, "t1", "SUCCESS", "100%");
        await SentinelAsync(client, handler);

        Assert.Equal(["t1 Succeeded 100", "sentinel Succeeded 100"], handler.Steps);
        LogEntry failure = Assert.Single(_logs.Entries, e => e.Level == LogLevel.Error);
        Assert.IsType<TimeoutException>(failure.Exception);
    }

    [Fact]
    public async Task AddTaskHandler_RegistrationDisposed_HandlerRunsNoMore()
    {
        using MidjourneyClient client = Client();
        var removed = new RecordingTaskHandler();
        var kept = new RecordingTaskHandler();
        IDisposable registration = client.AddTaskHandler(removed);
        using IDisposable keep = client.AddTaskHandler(kept);

        await Deliver(client, "t1", "IN_PROGRESS", "30%");
        await removed.WaitForAsync("t1");
        registration.Dispose();
        registration.Dispose(); // twice is harmless
        await Deliver(client, "t1", "SUCCESS", "100%");
        await SentinelAsync(client, kept);

        Assert.Equal(["t1 InProgress 30"], removed.Steps);
        Assert.Equal(["t1 InProgress 30", "t1 Succeeded 100", "sentinel Succeeded 100"], kept.Steps);
    }

    [Fact]
    public async Task AddTaskHandler_NoHandlerWhenAStateArrived_ThatStateIsNotReplayedLater()
    {
        using MidjourneyClient client = Client();
        await Deliver(client, "t1", "IN_PROGRESS", "30%");
        var handler = new RecordingTaskHandler();
        using IDisposable registration = client.AddTaskHandler(handler);

        await Deliver(client, "t1", "IN_PROGRESS", "30%"); // known already: not news
        await Deliver(client, "t1", "SUCCESS", "100%");
        await SentinelAsync(client, handler);

        Assert.Equal(["t1 Succeeded 100", "sentinel Succeeded 100"], handler.Steps);
    }

    [Fact]
    public async Task AddTaskHandler_RefusedCallbacks_RunNothing()
    {
        using MidjourneyClient client = Client(secret: Secret);
        var handler = new RecordingTaskHandler();
        using IDisposable registration = client.AddTaskHandler(handler);

        await Assert.ThrowsAsync<MidjourneyWebhookException>(() => client.HandleWebhookAsync(Arrived(MjProxy("t1", "SUCCESS", "100%"), [], Hook)));
        await Assert.ThrowsAsync<MidjourneyWebhookException>(() => client.HandleWebhookAsync(Arrived("{not json", [], WithToken(Hook, Secret))));

        // The refused state is not recorded either: the genuine callback of it runs the handler.
        await client.HandleWebhookAsync(Arrived(MjProxy("t1", "SUCCESS", "100%"), [], WithToken(Hook, Secret)));
        await client.HandleWebhookAsync(Arrived(MjProxy("sentinel", "SUCCESS", "100%"), [], WithToken(Hook, Secret)));
        await handler.WaitForAsync("sentinel");

        Assert.Equal(["t1 Succeeded 100", "sentinel Succeeded 100"], handler.Steps);
    }

    [Fact]
    public async Task HandleWebhookAsync_HandlerStillBusy_ReturnsAtOnceAndTheUpdateQueues()
    {
        using MidjourneyClient client = Client();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new RecordingTaskHandler((task, _) => task.Id == "t1" ? release.Task : Task.CompletedTask);
        using IDisposable registration = client.AddTaskHandler(handler);

        await Deliver(client, "t1", "SUCCESS", "100%");
        await handler.WaitForAsync("t1");
        Task<MidjourneyTask> second = Deliver(client, "t2", "SUCCESS", "100%");

        Assert.True(second.IsCompletedSuccessfully);
        Assert.Equal(["t1 Succeeded 100"], handler.Steps);
        release.SetResult();
        await SentinelAsync(client, handler);
        Assert.Equal(["t1 Succeeded 100", "t2 Succeeded 100", "sentinel Succeeded 100"], handler.Steps);
    }

    [Fact]
    public async Task Dispose_HandlerRunning_ItsTokenIsCanceledAndNoHandlerCanBeAdded()
    {
        MidjourneyClient client = Client();
        var canceled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new RecordingTaskHandler(async (_, cancellationToken) =>
        {
            using CancellationTokenRegistration onCancel = cancellationToken.Register(() => canceled.TrySetResult());
            await Task.Delay(Timeout.Infinite, cancellationToken);
        });
        client.AddTaskHandler(handler);
        await Deliver(client, "t1", "SUCCESS", "100%");
        await handler.WaitForAsync("t1");

        client.Dispose();

        await canceled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Throws<ObjectDisposedException>(() => client.AddTaskHandler(new RecordingTaskHandler()));
        Assert.DoesNotContain(_logs.Entries, e => e.Level == LogLevel.Error);
    }
}
