using System.Collections.Concurrent;
using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Waiting;

/// <summary>
/// Several waits on one task share its checks (one request per check, every wait sees each answer; a wait that joins
/// later starts from the latest state); cancelling one wait leaves the others running, and cancelling the last one
/// forgets the task and cancels its request in flight (a wait that joins before that request is over still looks at
/// once); disposing the client ends every wait; the shared checks run in none of the waiting callers' contexts. On a
/// manual fake clock.
/// </summary>
public sealed class SharedWaitTests
{
    private readonly FakeTimeProvider _time = new() { FiresOnlyOnAdvance = true };

    private static RelayTaskState ThreeChecks(string id, int check, TimeSpan at) => check switch
    {
        1 => RelayTaskState.Running(30),
        2 => RelayTaskState.Running(70),
        _ => RelayTaskState.Succeeded,
    };

    private static async Task<List<MidjourneyTask>> CollectAsync(IAsyncEnumerable<MidjourneyTask> updates)
    {
        var seen = new List<MidjourneyTask>();
        await foreach (MidjourneyTask task in updates)
        {
            seen.Add(task);
        }

        return seen;
    }

    /// <summary>Moves the clock to the tracker's next wake and lets the checks that start then finish.</summary>
    private async Task StepAsync(MidjourneyClient client)
    {
        await client.Tracker.WhenQuietAsync();
        Assert.True(client.Tracker.TryGetIdleWake(out DateTimeOffset? wake));
        DateTimeOffset now = _time.GetUtcNow();
        _time.Advance(wake!.Value > now ? wake.Value - now : TimeSpan.Zero);
        await client.Tracker.WhenQuietAsync();
    }

    [Theory]
    [InlineData(MidjourneyProvider.GoApi)]
    [InlineData(MidjourneyProvider.MjProxy)]
    public async Task WaitForCompletionAsync_AndWatchAsyncOnOneTask_ShareEachCheck(MidjourneyProvider provider)
    {
        var relay = new ScriptedRelay(provider, _time, ThreeChecks);
        using MidjourneyClient client = relay.Client();

        Task<MidjourneyTask> wait = client.WaitForCompletionAsync("t1");
        Task<List<MidjourneyTask>> watch = CollectAsync(client.WatchAsync("t1"));
        await _time.DriveUntilAsync(client, Task.WhenAll(wait, watch));

        Assert.Equal(MidjourneyTaskStatus.Succeeded, (await wait).Status);
        Assert.Equal([30, 70, 100], (await watch).Select(t => t.Progress ?? -1));
        Assert.Equal(3, relay.Requests.Count);
        Assert.All(relay.Requests, r => Assert.Equal(["t1"], r.Ids));
        Assert.Equal(0, client.Tracker.TrackedCount);
    }

    [Fact]
    public async Task WatchAsync_JoiningAWaitInProgress_SeesTheLatestStateAtOnce()
    {
        var relay = new ScriptedRelay(MidjourneyProvider.GoApi, _time, ThreeChecks);
        using MidjourneyClient client = relay.Client();
        Task<MidjourneyTask> wait = client.WaitForCompletionAsync("t1");
        await StepAsync(client);
        await StepAsync(client);
        Assert.Equal(2, relay.Requests.Count);
        DateTimeOffset joined = _time.GetUtcNow();

        await using IAsyncEnumerator<MidjourneyTask> late = client.WatchAsync("t1").GetAsyncEnumerator();
        Assert.True(await late.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30)));

        // The second answer, without a request of its own and without the clock moving.
        Assert.Equal((MidjourneyTaskStatus.InProgress, 70), (late.Current.Status, late.Current.Progress));
        Assert.Equal(2, relay.Requests.Count);
        Assert.Equal(joined, _time.GetUtcNow());

        Task<bool> next = late.MoveNextAsync().AsTask();
        await _time.DriveUntilAsync(client, Task.WhenAll(wait, next));
        Assert.True(await next);
        Assert.Equal(MidjourneyTaskStatus.Succeeded, late.Current.Status);
        Assert.False(await late.MoveNextAsync());
        Assert.Equal(3, relay.Requests.Count);
    }

    [Fact]
    public async Task WaitForCompletionAsync_OneOfTwoWaitsCanceled_TheOtherStillCompletes()
    {
        var relay = new ScriptedRelay(MidjourneyProvider.GoApi, _time, ThreeChecks);
        using MidjourneyClient client = relay.Client();
        using var cts = new CancellationTokenSource();

        Task<MidjourneyTask> canceled = client.WaitForCompletionAsync("t1", cancellationToken: cts.Token);
        Task<MidjourneyTask> kept = client.WaitForCompletionAsync("t1");
        await StepAsync(client);
        DateTimeOffset at = _time.GetUtcNow();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => canceled);
        Assert.Equal(at, _time.GetUtcNow());
        Assert.Equal(1, client.Tracker.TrackedCount);

        await _time.DriveUntilAsync(client, kept);
        Assert.Equal(MidjourneyTaskStatus.Succeeded, (await kept).Status);
        Assert.Equal(3, relay.Requests.Count);
        Assert.Equal(0, client.Tracker.TrackedCount);
    }

    [Fact]
    public async Task WaitForCompletionAsync_LastWaitCanceledWhileItsCheckIsOut_ForgetsTheTaskAndCancelsTheRequest()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requestCanceled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource();
        var relay = new ScriptedRelay(MidjourneyProvider.GoApi, _time, ThreeChecks)
        {
            Hold = async (_, ct) =>
            {
                arrived.TrySetResult();
                try
                {
                    await never.Task.WaitAsync(ct);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    requestCanceled.TrySetResult();
                    throw;
                }
            },
        };
        using MidjourneyClient client = relay.Client();
        using var first = new CancellationTokenSource();
        using var second = new CancellationTokenSource();

        Task<MidjourneyTask> one = client.WaitForCompletionAsync("t1", cancellationToken: first.Token);
        Task<List<MidjourneyTask>> two = CollectAsync(client.WatchAsync("t1", second.Token));
        _time.Advance(TimeSpan.Zero);
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // One wait left: the request stays out.
        await first.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => one);
        Assert.False(requestCanceled.Task.IsCompleted);
        Assert.Equal(1, client.Tracker.TrackedCount);

        // None left: the request is cancelled and the task forgotten.
        await second.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => two);
        await requestCanceled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await client.Tracker.WhenQuietAsync();
        Assert.Equal(0, client.Tracker.TrackedCount);
        Assert.Single(relay.Requests);
        Assert.Null(client.Tracker.NextWake);
    }

    [Fact]
    public async Task WaitForCompletionAsync_SameTaskAfterAnEarlierWaitWasCanceled_StartsAfresh()
    {
        var relay = new ScriptedRelay(MidjourneyProvider.GoApi, _time, ThreeChecks);
        using MidjourneyClient client = relay.Client();
        using var cts = new CancellationTokenSource();
        Task<MidjourneyTask> abandoned = client.WaitForCompletionAsync("t1", cancellationToken: cts.Token);
        await StepAsync(client);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        Assert.Equal(0, client.Tracker.TrackedCount);

        MidjourneyTask task = await _time.DriveAsync(client, c => c.WaitForCompletionAsync("t1"));

        Assert.Equal(MidjourneyTaskStatus.Succeeded, task.Status);
        Assert.Equal(3, relay.Requests.Count);
        Assert.Equal(relay.Requests[0].At, relay.Requests[1].At); // looked at once again
    }

    [Fact]
    public async Task WaitForCompletionAsync_JoiningWhileTheAbandonedRequestIsStillOut_LooksAgainAtOnce()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requestCanceled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource();
        int requests = 0;
        var relay = new ScriptedRelay(MidjourneyProvider.Apixo, _time, (_, _, _) => RelayTaskState.Succeeded)
        {
            Hold = async (_, ct) =>
            {
                if (Interlocked.Increment(ref requests) != 1)
                {
                    return;
                }

                arrived.TrySetResult();
                try
                {
                    await never.Task.WaitAsync(ct);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    // Cancelled, but not over yet: the new wait joins now.
                    requestCanceled.TrySetResult();
                    await release.Task;
                    throw;
                }
            },
        };
        using MidjourneyClient client = relay.Client();
        using var cts = new CancellationTokenSource();
        Task<MidjourneyTask> abandoned = client.WaitForCompletionAsync("t1", cancellationToken: cts.Token);
        _time.Advance(TimeSpan.Zero);
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        await requestCanceled.Task.WaitAsync(TimeSpan.FromSeconds(30));

        DateTimeOffset joinedAt = _time.GetUtcNow();
        Task<MidjourneyTask> joined = client.WaitForCompletionAsync("t1");
        release.SetResult();
        await client.Tracker.WhenQuietAsync();

        // The abandoned request is no failure of the task: no backoff (APIXO's is 3 s), the new wait looks at once.
        Assert.Equal(joinedAt, client.Tracker.NextWake);
        await _time.DriveUntilAsync(client, joined);
        Assert.Equal(MidjourneyTaskStatus.Succeeded, (await joined).Status);
        Assert.Equal([TimeSpan.Zero, TimeSpan.Zero], relay.Requests.Select(r => r.At));
    }

    [Fact]
    public async Task WaitForCompletionAsync_ChecksSharedByWaits_RunInNoCallersContext()
    {
        // A check serves every wait of the client, so it must not run in (nor keep alive) the context of whichever caller
        // happened to start the tracker's timers: its AsyncLocals, its Activity (the trace each request would join).
        var caller = new AsyncLocal<string?>();
        var contexts = new ConcurrentQueue<string>();
        var relay = new ScriptedRelay(MidjourneyProvider.GoApi, _time, (id, check, at) =>
        {
            contexts.Enqueue(caller.Value ?? "none");
            return ThreeChecks(id, check, at);
        });
        using MidjourneyClient client = relay.Client();

        caller.Value = "first caller";
        Task<MidjourneyTask> first = client.WaitForCompletionAsync("t1");
        caller.Value = "second caller";
        Task<MidjourneyTask> second = client.WaitForCompletionAsync("t2");
        caller.Value = null;
        await _time.DriveUntilAsync(client, Task.WhenAll(first, second));

        Assert.Equal(6, contexts.Count);
        Assert.All(contexts, c => Assert.Equal("none", c));
    }

    [Fact]
    public async Task Dispose_WhileWaitsAreRunning_EndsThemAndCancelsTheRequestOut()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requestCanceled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource();
        var relay = new ScriptedRelay(MidjourneyProvider.GoApi, _time, ThreeChecks)
        {
            Hold = async (_, ct) =>
            {
                arrived.TrySetResult();
                try
                {
                    await never.Task.WaitAsync(ct);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    requestCanceled.TrySetResult();
                    throw;
                }
            },
        };
        MidjourneyClient client = relay.Client();
        Task<MidjourneyTask> wait = client.WaitForCompletionAsync("t1");
        Task<List<MidjourneyTask>> watch = CollectAsync(client.WatchAsync("t2"));
        _time.Advance(TimeSpan.Zero);
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));

        client.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => wait);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => watch);
        await requestCanceled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await client.Tracker.WhenQuietAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.WaitForCompletionAsync("t3"));
        Assert.Equal(["t1", "t2"], Assert.Single(relay.Requests).Ids.Order(StringComparer.Ordinal));
    }
}
