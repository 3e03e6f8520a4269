using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Waiting;

/// <summary>
/// When a wait looks first: at once for a task this client did not just submit (already final, or submitted by another
/// client), but at the check planned from its kind for a task this client just submitted. On a manual fake clock.
/// </summary>
public sealed class FirstCheckTests
{
    private readonly FakeTimeProvider _time = new() { FiresOnlyOnAdvance = true };

    [Theory]
    [InlineData(MidjourneyProvider.GoApi)]
    [InlineData(MidjourneyProvider.MjProxy)]
    [InlineData(MidjourneyProvider.Apixo)]
    public async Task WaitForCompletionAsync_TaskAlreadyFinal_OneRequestAtZeroFakeTime(MidjourneyProvider provider)
    {
        var relay = new ScriptedRelay(provider, _time, (_, _, _) => RelayTaskState.Succeeded);
        using MidjourneyClient client = relay.Client();
        DateTimeOffset started = _time.GetUtcNow();

        MidjourneyTask task = await _time.DriveAsync(client, c => c.WaitForCompletionAsync("done"));

        Assert.Equal(MidjourneyTaskStatus.Succeeded, task.Status);
        Assert.Equal(TimeSpan.Zero, Assert.Single(relay.Requests).At);
        Assert.Equal(started, _time.GetUtcNow());
        Assert.Equal(0, client.Tracker.TrackedCount);
    }

    [Fact]
    public async Task WaitForCompletionAsync_TaskSubmittedByAnotherClient_LooksAtOnce()
    {
        var relay = new ScriptedRelay(MidjourneyProvider.GoApi, _time, (_, check, _) => check == 1 ? RelayTaskState.Running(20) : RelayTaskState.Succeeded);
        using MidjourneyClient submitter = relay.Client();
        using MidjourneyClient waiter = relay.Client();
        MidjourneyTask submitted = await submitter.ImagineAsync(new ImagineRequest("a cat"));
        _time.Advance(TimeSpan.FromSeconds(3));

        MidjourneyTask task = await _time.DriveAsync(waiter, c => c.WaitForCompletionAsync(submitted.Id));

        Assert.Equal(MidjourneyTaskStatus.Succeeded, task.Status);
        Assert.Equal(TimeSpan.FromSeconds(3), relay.Requests[0].At);
        Assert.Equal(2, relay.Requests.Count);
    }

    [Fact]
    public async Task WaitForCompletionAsync_TaskThisClientJustSubmitted_WaitsForItsPlannedFirstCheck()
    {
        var relay = new ScriptedRelay(MidjourneyProvider.GoApi, _time, (_, _, _) => RelayTaskState.Succeeded);
        using MidjourneyClient client = relay.Client();
        MidjourneyTask submitted = await client.ImagineAsync(new ImagineRequest("a cat"));

        MidjourneyTask task = await _time.DriveAsync(client, c => c.WaitForCompletionAsync(submitted.Id));

        // Planned from what a fast imagine takes (GoAPI's guidance: a median of 45 s): well after the submit, before the median.
        Assert.Equal(MidjourneyTaskStatus.Succeeded, task.Status);
        Assert.InRange(Assert.Single(relay.Requests).At, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(45));
    }

    [Fact]
    public async Task WaitForCompletionAsync_TaskThisClientJustSubmittedWithInitialDelay_FirstCheckAfterIt()
    {
        var relay = new ScriptedRelay(MidjourneyProvider.GoApi, _time, (_, _, _) => RelayTaskState.Succeeded);
        using MidjourneyClient client = relay.Client(o => o.Polling.InitialDelay = TimeSpan.FromSeconds(7));
        MidjourneyTask submitted = await client.ImagineAsync(new ImagineRequest("a cat"));
        _time.Advance(TimeSpan.FromSeconds(2));

        await _time.DriveAsync(client, c => c.WaitForCompletionAsync(submitted.Id));

        // Seven seconds from the submit, not from the start of the wait.
        Assert.Equal(TimeSpan.FromSeconds(7), Assert.Single(relay.Requests).At);
    }

    [Fact]
    public async Task WaitForCompletionAsync_SubmittedLongerAgoThanTheTimeout_LooksAtOnce()
    {
        var relay = new ScriptedRelay(MidjourneyProvider.GoApi, _time, (_, _, _) => RelayTaskState.Succeeded);
        using MidjourneyClient client = relay.Client(o => o.Polling.Timeout = TimeSpan.FromMinutes(1));
        MidjourneyTask submitted = await client.ImagineAsync(new ImagineRequest("a cat"));
        _time.Advance(TimeSpan.FromMinutes(5));

        await _time.DriveAsync(client, c => c.WaitForCompletionAsync(submitted.Id));

        Assert.Equal(TimeSpan.FromMinutes(5), Assert.Single(relay.Requests).At);
    }
}
