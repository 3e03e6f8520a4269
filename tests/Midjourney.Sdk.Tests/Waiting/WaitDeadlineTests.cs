using System.Net;
using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Waiting;

/// <summary>
/// Hard wait deadlines: a wait ends with <see cref="MidjourneyWaitTimeoutException"/> when its <c>Polling.Timeout</c> is up,
/// whatever the server says (a Retry-After, retries in the options) and even while a status request hangs (that request
/// is then cancelled); each wait keeps its own deadline; a deadline or first check further out than a timer can wait
/// for at once (about 49.7 days) still works. On a manual fake clock whose timers refuse what the system's refuse.
/// </summary>
public sealed class WaitDeadlineTests
{
    private readonly FakeTimeProvider _time = new() { FiresOnlyOnAdvance = true };

    [Fact]
    public async Task WaitForCompletionAsync_ServiceUnavailableWithRetryAfter_TimesOutAtTheDeadline()
    {
        using var server = new WireServer("/base").RequireHeader("X-API-KEY", TestClients.ApiKey);
        server.On(HttpMethod.Post, "/mj/v2/fetch", Wire.Error(HttpStatusCode.ServiceUnavailable, """{"message":"overloaded"}""", TimeSpan.FromSeconds(30)));
        var stamps = new ClockStampingHandler(_time);
        var options = new MidjourneyClientOptions
        {
            Provider = MidjourneyProvider.GoApi,
            ApiKey = TestClients.ApiKey,
            BaseUrl = server.BaseUrl,
            Retry = { MaxRetries = 5, MaxDelay = TimeSpan.FromMinutes(2) }, // retries on: a status check still makes one attempt
            Polling = { Timeout = TimeSpan.FromSeconds(60) },
        };
        using var client = new MidjourneyClient(new HttpClient(stamps), options, _time);
        DateTimeOffset started = _time.GetUtcNow();

        var ex = await Assert.ThrowsAsync<MidjourneyWaitTimeoutException>(() => _time.DriveAsync(client, c => c.WaitForCompletionAsync("t1")));

        Assert.InRange(_time.GetUtcNow() - started, TimeSpan.FromSeconds(59), TimeSpan.FromSeconds(61));
        Assert.Equal(TimeSpan.FromSeconds(60), ex.Timeout);
        Assert.Equal(("t1", MidjourneyTaskStatus.Pending), (ex.Task.Id, ex.Task.Status));

        // One attempt per check, the next one after the server's 30 s; none at the deadline itself.
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(30)], stamps.Times.Select(t => t - started));
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(0, client.Tracker.TrackedCount);
    }

    [Fact]
    public async Task WaitForCompletionAsync_FirstCheckHangs_TimesOutAtTheDeadlineAndCancelsIt()
    {
        var hang = new Hang(after: 0);
        var relay = new ScriptedRelay(MidjourneyProvider.GoApi, _time, (_, _, _) => RelayTaskState.Running(40)) { Hold = hang.HoldAsync };
        using MidjourneyClient client = relay.Client(o => o.Polling.Timeout = TimeSpan.FromSeconds(2));
        DateTimeOffset started = _time.GetUtcNow();

        Task<MidjourneyTask> wait = client.WaitForCompletionAsync("t1");
        _time.Advance(TimeSpan.Zero);
        await hang.Observed.WaitAsync(TimeSpan.FromSeconds(30));
        _time.Advance(TimeSpan.FromSeconds(2));

        var ex = await Assert.ThrowsAsync<MidjourneyWaitTimeoutException>(() => wait);
        Assert.Equal(TimeSpan.FromSeconds(2), _time.GetUtcNow() - started);
        Assert.Equal(("t1", MidjourneyTaskStatus.Pending, MidjourneyProvider.GoApi), (ex.Task.Id, ex.Task.Status, ex.Task.Provider));
        await hang.Cancelled.WaitAsync(TimeSpan.FromSeconds(30));
        await client.Tracker.WhenQuietAsync();
        Assert.Equal(0, client.Tracker.TrackedCount);
        Assert.Single(relay.Requests);
    }

    [Fact]
    public async Task WaitForCompletionAsync_LaterCheckHangs_TimesOutWithTheLastTaskSeen()
    {
        var hang = new Hang(after: 1);
        var relay = new ScriptedRelay(MidjourneyProvider.GoApi, _time, (_, _, _) => RelayTaskState.Running(40)) { Hold = hang.HoldAsync };
        using MidjourneyClient client = relay.Client(o =>
        {
            o.Polling.Timeout = TimeSpan.FromSeconds(2);
            o.Polling.Interval = TimeSpan.FromSeconds(1);
            o.Polling.MaxInterval = TimeSpan.FromSeconds(1);
        });
        DateTimeOffset started = _time.GetUtcNow();

        Task<MidjourneyTask> wait = client.WaitForCompletionAsync("t1");
        _time.Advance(TimeSpan.Zero);
        await client.Tracker.WhenQuietAsync();
        DateTimeOffset second = client.Tracker.NextWake!.Value;
        Assert.Equal(started + TimeSpan.FromSeconds(1), second);
        _time.Advance(second - _time.GetUtcNow());
        await hang.Observed.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(wait.IsCompleted);
        _time.Advance(started + TimeSpan.FromSeconds(2) - _time.GetUtcNow());

        var ex = await Assert.ThrowsAsync<MidjourneyWaitTimeoutException>(() => wait);
        Assert.Equal(TimeSpan.FromSeconds(2), _time.GetUtcNow() - started);
        Assert.Equal((MidjourneyTaskStatus.InProgress, 40), (ex.Task.Status, ex.Task.Progress));
        Assert.True(ex.IsTransient);
        await hang.Cancelled.WaitAsync(TimeSpan.FromSeconds(30));
        await client.Tracker.WhenQuietAsync();
        Assert.Equal(0, client.Tracker.TrackedCount);
        Assert.Equal(2, relay.Requests.Count);
    }

    [Fact]
    public async Task WaitForCompletionAsync_WaitsStartedApart_EachEndsAtItsOwnDeadline()
    {
        var relay = new ScriptedRelay(MidjourneyProvider.GoApi, _time, (_, _, _) => RelayTaskState.Running(50));
        using MidjourneyClient client = relay.Client(o => o.Polling.Timeout = TimeSpan.FromSeconds(10));
        DateTimeOffset started = _time.GetUtcNow();

        Task<MidjourneyTask> first = client.WaitForCompletionAsync("t1");
        await _time.DriveToAsync(client, started + TimeSpan.FromSeconds(4));
        Task<MidjourneyTask> second = client.WaitForCompletionAsync("t1");
        await _time.DriveToAsync(client, started + TimeSpan.FromSeconds(10));

        await Assert.ThrowsAsync<MidjourneyWaitTimeoutException>(() => first.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.False(second.IsCompleted);
        Assert.Equal(1, client.Tracker.TrackedCount);

        await _time.DriveToAsync(client, started + TimeSpan.FromSeconds(14));
        await Assert.ThrowsAsync<MidjourneyWaitTimeoutException>(() => second.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(0, client.Tracker.TrackedCount);
        Assert.All(relay.Requests, r => Assert.InRange(r.At, TimeSpan.Zero, TimeSpan.FromSeconds(14)));
    }

    public static TheoryData<TimeSpan> LongTimeouts => new(TimeSpan.FromDays(60), TimeSpan.FromDays(365 * 100), TimeSpan.MaxValue);

    [Theory]
    [MemberData(nameof(LongTimeouts))]
    public async Task WaitForCompletionAsync_TimeoutLongerThanATimerTakes_Waits(TimeSpan timeout)
    {
        var relay = new ScriptedRelay(MidjourneyProvider.GoApi, _time, (_, check, _) => check < 3 ? RelayTaskState.Running(50) : RelayTaskState.Succeeded);
        using MidjourneyClient client = relay.Client(o => o.Polling.Timeout = timeout);

        MidjourneyTask task = await _time.DriveAsync(client, c => c.WaitForCompletionAsync("t1"));

        Assert.Equal(MidjourneyTaskStatus.Succeeded, task.Status);
        Assert.Equal(3, relay.Requests.Count);
    }

    [Fact]
    public async Task WaitForCompletionAsync_SixtyDayTimeout_TimesOutAfterSixtyDays()
    {
        var relay = new ScriptedRelay(MidjourneyProvider.GoApi, _time, (_, _, _) => RelayTaskState.Running(50));
        using MidjourneyClient client = relay.Client(o =>
        {
            o.Polling.Timeout = TimeSpan.FromDays(60);
            o.Polling.Interval = TimeSpan.FromDays(1);
            o.Polling.MaxInterval = TimeSpan.FromDays(1);
        });
        DateTimeOffset started = _time.GetUtcNow();

        var ex = await Assert.ThrowsAsync<MidjourneyWaitTimeoutException>(() => _time.DriveAsync(client, c => c.WaitForCompletionAsync("t1")));

        Assert.Equal(TimeSpan.FromDays(60), _time.GetUtcNow() - started);
        Assert.Equal(TimeSpan.FromDays(60), ex.Timeout);
        Assert.Equal(60, relay.Requests.Count);
    }

    [Fact]
    public async Task WaitForCompletionAsync_InitialDelayLongerThanATimerTakes_FirstCheckAfterIt()
    {
        var relay = new ScriptedRelay(MidjourneyProvider.GoApi, _time, (_, _, _) => RelayTaskState.Succeeded);
        using MidjourneyClient client = relay.Client(o =>
        {
            o.Polling.InitialDelay = TimeSpan.FromDays(90);
            o.Polling.Timeout = TimeSpan.FromDays(100);
        });
        MidjourneyTask submitted = await client.ImagineAsync(new ImagineRequest("a cat"));

        await _time.DriveAsync(client, c => c.WaitForCompletionAsync(submitted.Id));

        Assert.Equal(TimeSpan.FromDays(90), Assert.Single(relay.Requests).At);
    }

    /// <summary>Answers the first <c>after</c> requests, then holds the next one until it is cancelled.</summary>
    private sealed class Hang(int after)
    {
        private readonly TaskCompletionSource _observed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _cancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _never = new();
        private int _seen;

        /// <summary>Completes when the held request arrived.</summary>
        public Task Observed => _observed.Task;

        /// <summary>Completes when the held request's token was cancelled.</summary>
        public Task Cancelled => _cancelled.Task;

        public async Task HoldAsync(StatusRequest request, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _seen) - 1 != after)
            {
                return;
            }

            _observed.TrySetResult();
            try
            {
                await _never.Task.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                _cancelled.TrySetResult();
                throw;
            }
        }
    }
}
