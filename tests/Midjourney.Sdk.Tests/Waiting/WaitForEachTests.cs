using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Waiting;

/// <summary>
/// <see cref="IMidjourneyClient.WaitForEachAsync"/>: each task once, in the order the tasks end (a failed task as it is,
/// without throwing; a task whose wait timed out as last seen, last); leaving the loop early ends the other waits; a bad
/// id is refused before any request. Over GoAPI's batch status on a manual fake clock.
/// </summary>
public sealed class WaitForEachTests
{
    private readonly FakeTimeProvider _time = new() { FiresOnlyOnAdvance = true };

    /// <summary>quick is done at once, broken fails from 8 s, slow is done from 20 s, stuck runs for ever.</summary>
    private static RelayTaskState Script(string id, int check, TimeSpan at) => id switch
    {
        "quick" => RelayTaskState.Succeeded,
        "broken" when at >= TimeSpan.FromSeconds(8) => RelayTaskState.Failed,
        "slow" when at >= TimeSpan.FromSeconds(20) => RelayTaskState.Succeeded,
        _ => RelayTaskState.Running(Math.Min(90, 5 + (int)at.TotalSeconds)),
    };

    private MidjourneyClient Client(ScriptedRelay relay) => relay.Client(o =>
    {
        o.Polling.Interval = TimeSpan.FromSeconds(1);
        o.Polling.MaxInterval = TimeSpan.FromSeconds(2);
        o.Polling.Timeout = TimeSpan.FromSeconds(30);
    });

    [Fact]
    public async Task WaitForEachAsync_TasksEndingAtDifferentTimes_YieldsEachOnceInTheOrderTheyEnd()
    {
        var relay = new ScriptedRelay(MidjourneyProvider.GoApi, _time, Script);
        using MidjourneyClient client = Client(relay);
        DateTimeOffset started = _time.GetUtcNow();
        var seen = new List<(MidjourneyTask Task, TimeSpan At)>();
        using var yielded = new SemaphoreSlim(0);

        // Driven by hand: the clock moves on only once every task answered final so far has been yielded, so each task's
        // time is when it ended (the reader runs apart from the tracker, and could otherwise lag behind the clock).
        Task reading = ReadAsync();
        for (int consumed = 0; ;)
        {
            await client.Tracker.WhenQuietAsync();
            for (; consumed < relay.FinishedCount; consumed++)
            {
                Assert.True(await yielded.WaitAsync(TimeSpan.FromSeconds(30)));
            }

            if (!client.Tracker.TryGetIdleWake(out DateTimeOffset? wake))
            {
                continue;
            }

            if (wake is null)
            {
                break;
            }

            _time.Advance(wake.Value > _time.GetUtcNow() ? wake.Value - _time.GetUtcNow() : TimeSpan.Zero);
        }

        await reading.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["quick", "broken", "slow", "stuck"], seen.Select(s => s.Task.Id));
        Assert.Equal(
            [MidjourneyTaskStatus.Succeeded, MidjourneyTaskStatus.Failed, MidjourneyTaskStatus.Succeeded, MidjourneyTaskStatus.InProgress],
            seen.Select(s => s.Task.Status));
        Assert.False(seen[3].Task.IsCompleted);
        Assert.Equal(TimeSpan.Zero, seen[0].At);
        Assert.InRange(seen[1].At, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(10));
        Assert.InRange(seen[2].At, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(22));
        Assert.Equal(TimeSpan.FromSeconds(30), seen[3].At);
        Assert.Equal(0, client.Tracker.TrackedCount);

        // The tasks still running shared each check.
        Assert.All(relay.Requests.GroupBy(r => r.At), check => Assert.Single(check));

        async Task ReadAsync()
        {
            await foreach (MidjourneyTask task in client.WaitForEachAsync(["slow", "stuck", "quick", "broken", "quick"]))
            {
                seen.Add((task, _time.GetUtcNow() - started));
                yielded.Release();
            }
        }
    }

    [Fact]
    public async Task WaitForEachAsync_LeftAfterTheFirst_EndsTheOtherWaits()
    {
        var quickAnswered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var relay = new ScriptedRelay(MidjourneyProvider.GoApi, _time, (id, check, at) =>
        {
            if (id == "quick")
            {
                quickAnswered.TrySetResult();
            }

            return Script(id, check, at);
        });
        using MidjourneyClient client = Client(relay);

        Task<MidjourneyTask?> reading = FirstAsync();

        // The clock stops once quick has been answered: driven on until the reader took it, it could reach stuck's timeout
        // first on a loaded machine, and the two ends would then race to the reader in real time.
        await _time.DriveUntilAsync(client, quickAnswered.Task);

        Assert.Equal("quick", (await reading.WaitAsync(TimeSpan.FromSeconds(30)))?.Id);
        await client.Tracker.WhenQuietAsync();
        Assert.Equal(0, client.Tracker.TrackedCount);
        Assert.Null(client.Tracker.NextWake);

        async Task<MidjourneyTask?> FirstAsync()
        {
            await foreach (MidjourneyTask task in client.WaitForEachAsync(["slow", "quick", "stuck"]))
            {
                return task;
            }

            return null;
        }
    }

    [Fact]
    public async Task WaitForEachAsync_Canceled_EndsEveryWait()
    {
        var relay = new ScriptedRelay(MidjourneyProvider.GoApi, _time, Script);
        using MidjourneyClient client = Client(relay);
        using var cts = new CancellationTokenSource();
        var seen = new List<string>();

        Task reading = ReadAsync();
        _time.Advance(TimeSpan.Zero);
        await client.Tracker.WhenQuietAsync();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);
        await client.Tracker.WhenQuietAsync();
        Assert.Equal(0, client.Tracker.TrackedCount);

        async Task ReadAsync()
        {
            await foreach (MidjourneyTask task in client.WaitForEachAsync(["slow", "stuck"], cts.Token))
            {
                seen.Add(task.Id);
            }
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(null)]
    public void WaitForEachAsync_InvalidId_ThrowsBeforeAnyRequest(string? bad)
    {
        var relay = new ScriptedRelay(MidjourneyProvider.GoApi, _time, Script);
        using MidjourneyClient client = Client(relay);

        Assert.Throws<ArgumentException>(() => client.WaitForEachAsync(["quick", bad!]));

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(relay.Requests);
        Assert.Equal(0, client.Tracker.TrackedCount);
    }

    [Fact]
    public void WaitForEachAsync_NullList_Throws()
    {
        using MidjourneyClient client = Client(new ScriptedRelay(MidjourneyProvider.GoApi, _time, Script));

        Assert.Throws<ArgumentNullException>(() => client.WaitForEachAsync(null!));
    }

    [Fact]
    public async Task WaitForEachAsync_NoIds_YieldsNothing()
    {
        var relay = new ScriptedRelay(MidjourneyProvider.GoApi, _time, Script);
        using MidjourneyClient client = Client(relay);
        int count = 0;

        await foreach (MidjourneyTask task in client.WaitForEachAsync([]))
        {
            count++;
        }

        Assert.Equal(0, count);
        Assert.Empty(relay.Requests);
    }
}
