using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Midjourney.Sdk.Http;
using Midjourney.Sdk.Providers;
using Midjourney.Sdk.Telemetry;

namespace Midjourney.Sdk.Waiting;

/// <summary>
/// Every wait of one client goes through its tracker. Waits on the same task share its checks; the checks of all tasks
/// that are due together go out as one batch request where the provider has a batch endpoint; each task's next check is
/// planned by <see cref="LookPlanner"/> from what the client has learned of such tasks (<see cref="DurationLearner"/>)
/// and what the checks so far saw. One timer wakes the tracker for the next due check or the next wait deadline, so a
/// deadline holds whatever a request in flight is doing. Driven by <see cref="TimeProvider"/>: tests never sleep.
/// </summary>
internal sealed class TaskTracker : ITaskBackplaneHost, IDisposable
{
    /// <summary>Checks due this close together go out in the same batch.</summary>
    private static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(500);

    /// <summary>A resumed task is tracked at least this long, even when its recorded deadline has passed.</summary>
    private static readonly TimeSpan MinimumResumeSpan = TimeSpan.FromSeconds(30);

    private readonly object _gate = new();
    private readonly Dictionary<string, TrackedTask> _tasks = new(StringComparer.Ordinal);
    private readonly RecentSubmissions _submissions = new();
    private readonly DurationLearner _learner;
    private readonly SubmitOrderLearning _inSubmitOrder;
    private readonly TaskStates _states = new();
    private readonly RecentFinals _finals = new();
    private readonly bool _callbacksConfigured;
    private readonly IMidjourneyProvider _provider;
    private readonly WaitBounds _bounds;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ClientLifetime _lifetime;
    private readonly ClientTelemetry _telemetry;
    private readonly long _origin;
    private readonly WakeTimer _checkTimer;
    private readonly WakeTimer _deadlineTimer;
    private readonly SemaphoreSlim _requestSlots;
    private int _callsInFlight;
    private TaskCompletionSource? _quiet;
    private TaskCompletionSource? _changed;
    private ITaskBackplane? _backplane;
    private List<MidjourneyTask>? _outbox;
    private bool _batchUnavailable;
    private bool _disposed;

    public TaskTracker(IMidjourneyProvider provider, WaitBounds bounds, int maxConcurrentRequests, bool callbacksConfigured, TimeProvider time, ILogger logger, ClientLifetime? lifetime = null, ClientTelemetry? telemetry = null)
    {
        _lifetime = lifetime ?? new ClientLifetime(provider.Kind);
        _telemetry = telemetry ?? new ClientTelemetry(provider.Kind, MidjourneyMetrics.Shared, time);
        _callbacksConfigured = callbacksConfigured;
        Handlers = new TaskHandlers(logger);
        _provider = provider;
        _bounds = bounds;
        _time = time;
        _logger = logger;
        _learner = new DurationLearner(provider.PollingDefaults.TypicalDuration);
        _inSubmitOrder = new SubmitOrderLearning(_learner);
        _requestSlots = new SemaphoreSlim(maxConcurrentRequests, maxConcurrentRequests);
        _origin = time.GetTimestamp();

        // Two timers, for the next due check and the next deadline: a deadline is kept while a check is out, and a test
        // clock that jumps to the earliest timer never jumps to a deadline past a check that is due first.
        _checkTimer = new WakeTimer(time, OnTimer);
        _deadlineTimer = new WakeTimer(time, OnTimer);
    }

    /// <summary>The clock the tracker runs on (for tests and the benchmarks' virtual clock).</summary>
    internal TimeProvider Clock => _time;

    /// <summary>The backplane this client shares its updates through, if any (for tests).</summary>
    internal ITaskBackplane? Backplane => Volatile.Read(ref _backplane);

    /// <summary>The app's handlers of task updates.</summary>
    public TaskHandlers Handlers { get; }

    /// <summary>The bounds every wait of this client keeps.</summary>
    public WaitBounds Bounds => _bounds;

    /// <summary>How many tasks are tracked now (for tests and diagnostics).</summary>
    internal int TrackedCount
    {
        get
        {
            lock (_gate)
            {
                return _tasks.Count;
            }
        }
    }

    /// <summary>When the timer fires next (for tests and the benchmark's virtual clock), or null when nothing is due.</summary>
    internal DateTimeOffset? NextWake
    {
        get
        {
            lock (_gate)
            {
                TimeSpan? at = Min(_checkTimer.SetFor, _deadlineTimer.SetFor);
                return at is { } wake ? _time.GetUtcNow() + (wake - Now) : null;
            }
        }
    }

    private TimeSpan Now => _time.GetElapsedTime(_origin);

    /// <summary>
    /// When no status request is out: true, with when the timers fire next (null for never). False while one is out.
    /// For a virtual clock (tests, the benchmarks), which may move only while nothing is in flight.
    /// </summary>
    internal bool TryGetIdleWake(out DateTimeOffset? wake)
    {
        lock (_gate)
        {
            wake = _callsInFlight == 0 && Min(_checkTimer.SetFor, _deadlineTimer.SetFor) is { } at ? _time.GetUtcNow() + (at - Now) : null;
            return _callsInFlight == 0;
        }
    }

    /// <summary>Completes when no status request is in flight (for tests and the benchmark's virtual clock).</summary>
    /// <summary>
    /// Completes at the next change of the timers or of what is in flight (for tests' virtual clocks, which then look again
    /// instead of polling). Costs nothing unless asked for.
    /// </summary>
    internal Task WhenChangedAsync()
    {
        lock (_gate)
        {
            return (_changed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }
    }

    internal Task WhenQuietAsync()
    {
        lock (_gate)
        {
            if (_callsInFlight == 0)
            {
                return Task.CompletedTask;
            }

            _quiet ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _quiet.Task;
        }
    }

    /// <summary>Records a task this client just submitted, so a wait on it plans its first check from its age and kind.</summary>
    public void Submitted(MidjourneyTask task, MidjourneySpeed? speed, bool callbackExpected = false)
    {
        lock (_gate)
        {
            _submissions.Add(task.Id, Now, new TaskKind(task.Action, speed), callbackExpected);
        }
    }

    /// <summary>Starts a wait now (its deadline runs from here); read it with <see cref="TaskWaiter.ReadAllAsync"/>, then dispose it.</summary>
    public TaskWaiter Watch(string taskId, ActivityContext trace = default)
    {
        TaskWaiter waiter;
        TrackedTaskRecord? record;
        ITaskBackplane? backplane;
        lock (_gate)
        {
            if (_disposed)
            {
                throw _lifetime.Disposed();
            }

            TimeSpan now = Now;
            if (!_tasks.ContainsKey(taskId) && _finals.Find(taskId) is { } final)
            {
                // Ended before this wait began: answered at once, nothing to check.
                var answered = new TaskWaiter(this, new TrackedTask(taskId), now + _bounds.Timeout) { Trace = trace };
                answered.Offer(final);
                return answered;
            }

            if (!_tasks.TryGetValue(taskId, out TrackedTask? tracked))
            {
                tracked = Track(taskId, now);
                _tasks.Add(taskId, tracked);
            }

            waiter = new TaskWaiter(this, tracked, now + _bounds.Timeout) { Trace = trace };
            tracked.Waiters.Add(waiter);
            if (tracked.Last is { } last)
            {
                waiter.Offer(last);
            }

            Rearm(now);
            backplane = _backplane;
            record = backplane is null ? null : Record(tracked, waiter.Deadline, now);
        }

        if (record is not null)
        {
            TrackOnBackplane(backplane!, record);
        }

        return waiter;
    }

    /// <summary>
    /// What the backplane should keep of a task a new wait joins: null when a record with this deadline or a later one was
    /// already sent.
    /// </summary>
    private TrackedTaskRecord? Record(TrackedTask tracked, TimeSpan deadline, TimeSpan now)
    {
        DateTimeOffset utcNow = _time.GetUtcNow();
        DateTimeOffset until = utcNow + (deadline - now);
        if (tracked.RecordedDeadline is { } recorded && recorded >= until)
        {
            return null;
        }

        tracked.RecordedDeadline = until;
        DateTimeOffset? submitted = tracked.SubmittedHere && tracked.Origin is { } origin ? utcNow - (now - origin) : tracked.Last?.SubmittedAt;
        return new TrackedTaskRecord(tracked.Id, submitted, until, tracked.Last);
    }

    private void TrackOnBackplane(ITaskBackplane backplane, TrackedTaskRecord record)
    {
        try
        {
            backplane.Track(record);
        }
        catch (Exception ex)
        {
            // A backplane must not throw; if one does, the task is still tracked here, only not resumed after a restart.
            Log.BackplanePublishFailed(_logger, ex, record.Id);
        }
    }

    /// <summary>Yields each change of the task, ending after the final one (or one waiting for input).</summary>
    public IAsyncEnumerable<MidjourneyTask> WatchAsync(string taskId, CancellationToken cancellationToken) =>
        ClientTelemetry.Source.HasListeners() ? WatchTracedAsync(taskId, cancellationToken) : WatchUntracedAsync(taskId, cancellationToken);

    /// <summary>Waits for the final task: returns it when it succeeded, throws <see cref="MidjourneyTaskFailedException"/> otherwise.</summary>
    public Task<MidjourneyTask> WaitAsync(string taskId, IProgress<MidjourneyTask>? progress, CancellationToken cancellationToken)
    {
        Activity? activity = _telemetry.StartWait(ClientTelemetry.WaitActivity, taskId);
        if (activity is null)
        {
            return WaitAsync(Watch(taskId), progress, cancellationToken);
        }

        TaskWaiter waiter;
        try
        {
            waiter = Watch(taskId, activity.Context);
        }
        catch (Exception ex)
        {
            ClientTelemetry.WaitEnded(activity, last: null, ex);
            throw;
        }

        return WaitTracedAsync(waiter, activity, progress, cancellationToken);
    }

    private async IAsyncEnumerable<MidjourneyTask> WatchUntracedAsync(string taskId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using TaskWaiter waiter = Watch(taskId);
        await foreach (MidjourneyTask task in waiter.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return task;
        }
    }

    /// <summary>A watch inside its activity: an event per state, the outcome when it ends (or is left early: <c>canceled</c>).</summary>
    private async IAsyncEnumerable<MidjourneyTask> WatchTracedAsync(string taskId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Activity? activity = _telemetry.StartWait(ClientTelemetry.WatchActivity, taskId);
        MidjourneyTask? last = null;
        Exception? failure = null;
        try
        {
            using TaskWaiter waiter = Watch(taskId, activity?.Context ?? default);
            await using IAsyncEnumerator<MidjourneyTask> updates = waiter.ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                try
                {
                    if (!await updates.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch (Exception ex)
                {
                    failure = ex;
                    throw;
                }

                last = updates.Current;
                ClientTelemetry.StatusSeen(activity, last);
                yield return last;
            }
        }
        finally
        {
            bool ended = failure is not null || last is not null && TaskWaiter.Ends(last);
            ClientTelemetry.WaitEnded(activity, last, failure, ended ? null : "abandoned");
        }
    }

    /// <summary>Waits for each task and yields it when it is final (or waits for input, or its wait timed out), in that order.</summary>
    public async IAsyncEnumerable<MidjourneyTask> WaitForEachAsync(IReadOnlyList<string> taskIds, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var waiters = new List<TaskWaiter>(taskIds.Count);
        var reads = new List<Task<MidjourneyTask>>(taskIds.Count);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Activity? activity = _telemetry.StartWait(ClientTelemetry.WaitEachActivity, taskId: null);
        activity?.SetTag(TelemetryTags.WaitTaskCount, taskIds.Count);
        Exception? failure = null;
        int yielded = 0;
        try
        {
            foreach (string taskId in taskIds)
            {
                waiters.Add(Watch(taskId, activity?.Context ?? default));
            }

            // Task.WhenEach, which net8.0 lacks: each read posts itself when it ends.
            var ended = Channel.CreateUnbounded<Task<MidjourneyTask>>();
            foreach (TaskWaiter waiter in waiters)
            {
                Task<MidjourneyTask> read = LastOfAsync(waiter, stop.Token);
                reads.Add(read);
                _ = read.ContinueWith(
                    static (r, writer) => ((ChannelWriter<Task<MidjourneyTask>>)writer!).TryWrite(r),
                    ended.Writer,
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
            }

            for (int i = 0; i < reads.Count; i++)
            {
                MidjourneyTask task;
                try
                {
                    Task<MidjourneyTask> read = await ended.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                    task = await read.ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    failure = ex;
                    throw;
                }

                ClientTelemetry.StatusSeen(activity, task, several: true);
                yielded++;
                yield return task;
            }
        }
        finally
        {
            ClientTelemetry.WaitEnded(activity, last: null, failure, failure is not null ? null : yielded == waiters.Count ? "completed" : "abandoned");
            // Left early (a break, an error, cancellation): the other reads end as canceled, and a failure among them is observed.
            await stop.CancelAsync().ConfigureAwait(false);
            foreach (TaskWaiter waiter in waiters)
            {
                waiter.Dispose();
            }

            foreach (Task<MidjourneyTask> read in reads)
            {
                _ = read.ContinueWith(static r => r.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
    }

    /// <summary>
    /// Shares this client's updates with the other instances of the app from now on (see <see cref="ITaskBackplane"/>),
    /// through the backplane <paramref name="factory"/> makes for this tracker; disposed with the tracker.
    /// </summary>
    internal void Attach(ITaskBackplaneFactory factory, string clientName) => Attach(factory.Create(clientName, _provider.Kind, this));

    /// <summary>Shares this client's updates through <paramref name="backplane"/> from now on, and starts it; disposed with the tracker.</summary>
    internal void Attach(ITaskBackplane backplane)
    {
        lock (_gate)
        {
            if (!_disposed && _backplane is null)
            {
                _backplane = backplane;
            }
            else
            {
                backplane.Dispose();
                return;
            }
        }

        backplane.Start();
    }

    /// <inheritdoc/>
    public bool DeliverRemote(MidjourneyTask task) => Deliver(task, remote: true);

    /// <inheritdoc/>
    public void Resume(TrackedTaskRecord record)
    {
        TaskWaiter waiter;
        lock (_gate)
        {
            if (_disposed || _tasks.ContainsKey(record.Id) || _finals.Find(record.Id) is not null || record.Last is { } last && TaskWaiter.Ends(last))
            {
                return;
            }

            TimeSpan now = Now;
            var tracked = new TrackedTask(record.Id) { DueAt = now, CallbackExpected = _callbacksConfigured };
            if (record.SubmittedAt is { } submitted && _time.GetUtcNow() - submitted is { } age && age > TimeSpan.Zero && age < TimeSpan.FromDays(1))
            {
                tracked.Origin = now - age;
            }

            if (record.Last is { } seen)
            {
                // Known already (the handlers heard it before the restart): only news reaches them.
                _states.TryAdvance(seen);
                tracked.Last = seen;
            }

            _tasks.Add(record.Id, tracked);

            // Until the recorded deadline, but at least one look: a task that ended while no instance watched is still reported.
            TimeSpan deadline = now + (record.Deadline - _time.GetUtcNow());
            waiter = new TaskWaiter(this, tracked, Max(deadline, now + Max(_bounds.Interval, MinimumResumeSpan)));
            tracked.Waiters.Add(waiter);
            Rearm(now);
        }

        _ = KeepAsync(waiter);
    }

    /// <summary>Ends every wait and stops checking.</summary>
    public void Dispose()
    {
        ITaskBackplane? backplane;
        lock (_gate)
        {
            backplane = _backplane;
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            ObjectDisposedException disposed = _lifetime.Disposed();
            foreach (TrackedTask tracked in _tasks.Values)
            {
                tracked.Call?.Cancel();
                foreach (TaskWaiter waiter in tracked.Waiters)
                {
                    waiter.Fail(disposed);
                }
            }

            _tasks.Clear();
            _outbox = null;
            Handlers.Dispose();
            _checkTimer.Dispose();
            _deadlineTimer.Dispose();
        }

        backplane?.Dispose();
    }

    /// <summary>A waiter is done (read to the end, abandoned or cancelled): its task stops being checked when nobody else waits.</summary>
    internal void Leave(TaskWaiter waiter)
    {
        lock (_gate)
        {
            TrackedTask tracked = waiter.Task;
            if (!tracked.Waiters.Remove(waiter) || tracked.Waiters.Count > 0)
            {
                return;
            }

            if (tracked.Call is { } call)
            {
                call.CancelIfAbandoned();
            }
            else
            {
                Forget(tracked);
            }

            if (!_disposed)
            {
                Rearm(Now);
            }
        }
    }

    /// <summary>A wait inside its activity: an event per state, the outcome and <c>error.type</c> when it ends.</summary>
    private static async Task<MidjourneyTask> WaitTracedAsync(TaskWaiter waiter, Activity activity, IProgress<MidjourneyTask>? progress, CancellationToken cancellationToken)
    {
        try
        {
            MidjourneyTask task = await WaitAsync(waiter, new Progress(activity, progress), cancellationToken).ConfigureAwait(false);
            ClientTelemetry.WaitEnded(activity, task, exception: null);
            return task;
        }
        catch (Exception ex)
        {
            MidjourneyTask? last = ex switch
            {
                MidjourneyTaskFailedException failed => failed.Task,
                MidjourneyWaitTimeoutException timeout => timeout.Task,
                _ => waiter.LastSeen,
            };
            ClientTelemetry.WaitEnded(activity, last, ex);
            throw;
        }
    }

    private static async Task<MidjourneyTask> WaitAsync(TaskWaiter waiter, IProgress<MidjourneyTask>? progress, CancellationToken cancellationToken)
    {
        using (waiter)
        {
            MidjourneyTask? last = null;
            await foreach (MidjourneyTask task in waiter.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                progress?.Report(task);
                last = task;
            }

            // A wait ends only after a final or waiting task (or throws), so last is that task here.
            return last!.Status switch
            {
                MidjourneyTaskStatus.Succeeded => last,
                MidjourneyTaskStatus.NeedsInput => throw new MidjourneyException(
                    $"{last.Provider} task {last.Id} ({last.Action}) is waiting for input it was not given (for MJ-Proxy's dialog: a prompt, and a mask for vary region); submit it again with that input.")
                {
                    Provider = last.Provider,
                    ErrorCode = "NEEDS_INPUT",
                },
                _ => throw new MidjourneyTaskFailedException(last),
            };
        }
    }

    /// <summary>The snapshot a wait ended on; a timed-out wait gives the last one it saw rather than throwing.</summary>
    private static async Task<MidjourneyTask> LastOfAsync(TaskWaiter waiter, CancellationToken cancellationToken)
    {
        MidjourneyTask? last = null;
        try
        {
            await foreach (MidjourneyTask task in waiter.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                last = task;
            }
        }
        catch (MidjourneyWaitTimeoutException timeout)
        {
            return timeout.Task;
        }

        return last!;
    }

    /// <summary>
    /// Runs a resumed task's wait, which nobody reads: its states reach the handlers as the tracker accepts them. A failure
    /// or the deadline ends it quietly (the app had no wait to report it to).
    /// </summary>
    private async Task KeepAsync(TaskWaiter waiter)
    {
        try
        {
            using (waiter)
            {
                await foreach (MidjourneyTask _ in waiter.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
                {
                }
            }
        }
        catch (Exception ex) when (ex is MidjourneyException or ObjectDisposedException)
        {
            Log.ResumedTrackingEnded(_logger, waiter.Task.Id, ex.GetType().Name);
        }
    }

    /// <summary>A new tracked task: a recent submit of this client is checked when its kind says; any other task at once.</summary>
    private TrackedTask Track(string taskId, TimeSpan now)
    {
        if (_submissions.Find(taskId, now, _bounds.Timeout) is { } submission)
        {
            var tracked = new TrackedTask(taskId)
            {
                Origin = submission.At,
                Sequence = submission.Sequence,
                Kind = submission.Kind,
                CallbackExpected = submission.CallbackExpected,
            };
            tracked.DueAt = _bounds.InitialDelay is { } initial ? Max(now, submission.At + initial) : PlanNext(tracked, now, firstLook: true);
            return tracked;
        }

        // Submitted elsewhere (another instance, before a restart): its callbacks come if the app configures them.
        return new TrackedTask(taskId) { DueAt = now, CallbackExpected = _callbacksConfigured };
    }

    private TimeSpan PlanNext(TrackedTask tracked, TimeSpan now, bool firstLook = false)
    {
        TimeSpan origin = tracked.Origin ?? now;
        DurationModel model = _learner.For(tracked.Kind ?? new TaskKind(MidjourneyAction.Other, null));
        double age = (now - origin).TotalSeconds;
        TimeSpan minGap = firstLook ? TimeSpan.Zero : tracked.CallbackExpected ? Max(_bounds.Interval, WaitBounds.SafetyNetInterval) : _bounds.Interval;
        TimeSpan budget = tracked.CallbackExpected ? Max(_bounds.LagBudget, WaitBounds.SafetyNetLagBudget) : _bounds.LagBudget;
        double next = LookPlanner.NextLook(age, tracked.Observations, model, budget.TotalSeconds, minGap.TotalSeconds, _bounds.MaxInterval.TotalSeconds);

        // In whole ticks, never closer than the shortest gap (the seconds' rounding could shave a tick off it).
        TimeSpan due = origin + TimeSpan.FromSeconds(next);
        return due < now + minGap ? now + minGap : due;
    }

    private void OnTimer()
    {
        List<StatusCall> calls;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            TimeSpan now = Now;
            _checkTimer.Reset();
            _deadlineTimer.Reset();
            EndExpiredWaits(now);
            calls = StartDueCalls(now);
            Rearm(now);
        }

        foreach (StatusCall call in calls)
        {
            // Not awaited: each request completes under the lock on its own, and catches everything it can end with.
            _ = Volatile.Read(ref _backplane) is { } backplane ? RunLeasedAsync(backplane, call)
                : call.Tasks.Count == 1 ? RunSingleAsync(call, call.Tasks[0]) : RunBatchAsync(call, call.Tasks);
        }
    }

    private void EndExpiredWaits(TimeSpan now)
    {
        List<TrackedTask>? abandoned = null;
        foreach (TrackedTask tracked in _tasks.Values)
        {
            for (int i = tracked.Waiters.Count - 1; i >= 0; i--)
            {
                TaskWaiter waiter = tracked.Waiters[i];
                if (waiter.Deadline <= now)
                {
                    waiter.Fail(new MidjourneyWaitTimeoutException(waiter.LastSeen ?? NotSeenYet(tracked.Id), _bounds.Timeout));
                    tracked.Waiters.RemoveAt(i);
                }
            }

            if (tracked.Waiters.Count == 0)
            {
                (abandoned ??= []).Add(tracked);
            }
        }

        foreach (TrackedTask tracked in abandoned ?? [])
        {
            if (tracked.Call is { } call)
            {
                call.CancelIfAbandoned();
            }
            else
            {
                Forget(tracked);
            }
        }
    }

    /// <summary>Marks the due tasks as checked and groups them: batches of the provider's size, or one request each.</summary>
    private List<StatusCall> StartDueCalls(TimeSpan now)
    {
        int batchSize = _batchUnavailable ? 0 : _provider.StatusBatchSize;
        TimeSpan horizon = batchSize > 1 ? now + BatchWindow : now;
        var calls = new List<StatusCall>();
        var batch = new List<TrackedTask>();
        foreach (TrackedTask tracked in _tasks.Values)
        {
            if (tracked.Call is not null || tracked.Waiters.Count == 0 || tracked.DueAt > horizon)
            {
                continue;
            }

            if (batchSize <= 1 || tracked.FetchAlone)
            {
                calls.Add(Start([tracked]));
                continue;
            }

            batch.Add(tracked);
            if (batch.Count == batchSize)
            {
                calls.Add(Start([.. batch]));
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            calls.Add(Start([.. batch]));
        }

        return calls;
    }

    private StatusCall Start(TrackedTask[] tasks)
    {
        var call = new StatusCall(tasks);
        bool traced = ClientTelemetry.Source.HasListeners();
        foreach (TrackedTask tracked in tasks)
        {
            tracked.Call = call;
            if (traced)
            {
                foreach (TaskWaiter waiter in tracked.Waiters)
                {
                    if (waiter.Trace != default)
                    {
                        (call.Links ??= []).Add(new ActivityLink(waiter.Trace));
                    }
                }
            }
        }

        _callsInFlight++;
        return call;
    }

    /// <summary>
    /// With a backplane: one instance at a time checks a task. The tasks whose lease another instance holds are not
    /// checked here (their updates come through the backplane); each is planned again for its next look, when this instance
    /// tries the lease again, so it takes over within a lease period when the holder stops.
    /// </summary>
    private async Task RunLeasedAsync(ITaskBackplane backplane, StatusCall call)
    {
        var leased = new List<TrackedTask>(call.Tasks.Count);
        List<TrackedTask>? elsewhere = null;
        foreach (TrackedTask tracked in call.Tasks)
        {
            bool mine;
            try
            {
                mine = await backplane.TryLeaseAsync(tracked.Id, LeasePeriod).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // A backplane must not throw; if one does, this instance checks as it would alone.
                Log.BackplaneLeaseFailed(_logger, ex, tracked.Id);
                mine = true;
            }

            if (mine)
            {
                leased.Add(tracked);
            }
            else
            {
                (elsewhere ??= []).Add(tracked);
            }
        }

        if (leased.Count == 0 || elsewhere is not null)
        {
            lock (_gate)
            {
                TimeSpan now = Now;
                foreach (TrackedTask tracked in elsewhere ?? [])
                {
                    CheckedElsewhere(tracked, now);
                }

                if (leased.Count == 0)
                {
                    Finish();
                    return;
                }

                if (!_disposed)
                {
                    Rearm(now);
                }
            }
        }

        await (leased.Count == 1 ? RunSingleAsync(call, leased[0]) : RunBatchAsync(call, leased)).ConfigureAwait(false);
    }

    /// <summary>
    /// How long a lease lasts: past the holder's next check (it renews it at each), so that another instance takes over
    /// only when the holder stops checking.
    /// </summary>
    private TimeSpan LeasePeriod => Max(_bounds.MaxInterval, 2 * (_callbacksConfigured ? Max(_bounds.Interval, WaitBounds.SafetyNetInterval) : _bounds.Interval));

    /// <summary>Another instance checks the task now: not checked here; looked at again (the lease tried again) at its next planned check.</summary>
    private void CheckedElsewhere(TrackedTask tracked, TimeSpan now)
    {
        tracked.Call = null;
        if (_disposed)
        {
            return;
        }

        if (tracked.Waiters.Count == 0)
        {
            Forget(tracked);
            return;
        }

        tracked.DueAt = PlanNext(tracked, now);
    }

    private async Task RunSingleAsync(StatusCall call, TrackedTask tracked)
    {
        StatusOutcome? outcome;
        using (Activity? activity = _telemetry.StartStatusCheck(batch: false, 1, call.Links))
        {
            try
            {
                string id = tracked.Id;
                MidjourneyTask task = await SendAsync(call, (provider, c, ct) => provider.GetTaskAsync(id, ApiCallKind.Check, ct)).ConfigureAwait(false);
                outcome = new StatusOutcome(task, null);
                ClientTelemetry.TaskSeen(activity, task);
                _telemetry.StatusRequested(batch: false, error: null);
            }
            catch (OperationCanceledException) when (call.Token.IsCancellationRequested)
            {
                outcome = null; // nobody waits any more: see Abandoned
                activity?.SetTag(TelemetryTags.WaitOutcome, "abandoned");
            }
            catch (Exception ex)
            {
                outcome = new StatusOutcome(null, AsFailure(ex));
                ClientTelemetry.Failed(activity, ex);
                _telemetry.StatusRequested(batch: false, ex);
            }
        }

        lock (_gate)
        {
            TimeSpan now = Now;
            if (outcome is { } known)
            {
                Complete(tracked, known, now);
            }
            else
            {
                Abandoned(tracked, now);
            }

            Finish();
        }

        PublishObserved();
    }

    private async Task RunBatchAsync(StatusCall call, IReadOnlyList<TrackedTask> checkedTasks)
    {
        IReadOnlyList<MidjourneyTask>? tasks = null;
        MidjourneyException? failure = null;
        bool abandoned = false;
        using (Activity? activity = _telemetry.StartStatusCheck(batch: true, checkedTasks.Count, call.Links))
        {
            try
            {
                string[] ids = [.. checkedTasks.Select(t => t.Id)];
                tasks = await SendAsync(call, (provider, c, ct) => provider.GetTasksAsync(ids, ct)).ConfigureAwait(false);
                _telemetry.StatusRequested(batch: true, error: null);
            }
            catch (OperationCanceledException) when (call.Token.IsCancellationRequested)
            {
                abandoned = true;
            }
            catch (Exception ex)
            {
                failure = AsFailure(ex);
                ClientTelemetry.Failed(activity, ex);
                _telemetry.StatusRequested(batch: true, ex);
            }
        }

        lock (_gate)
        {
            TimeSpan now = Now;
            if (abandoned)
            {
                foreach (TrackedTask tracked in checkedTasks)
                {
                    Abandoned(tracked, now);
                }
            }
            else if (failure is MidjourneyProtocolException or { EffectiveStatus: 400 or 404 or 405 or 501 })
            {
                // The server has no batch endpoint (an older relay), or one that takes or answers something else (a fork's
                // paged list, a page of its dashboard): the batch is only a saving, so fetch one by one from now on, and
                // let each task's own fetch say what is wrong, if anything is.
                _batchUnavailable = true;
                Log.BatchStatusUnavailable(_logger, _provider.Kind, failure.Message);
                foreach (TrackedTask tracked in checkedTasks)
                {
                    Reschedule(tracked, now);
                }
            }
            else if (failure is not null)
            {
                foreach (TrackedTask tracked in checkedTasks)
                {
                    Complete(tracked, new StatusOutcome(null, failure), now);
                }
            }
            else
            {
                var byId = new Dictionary<string, MidjourneyTask>(StringComparer.Ordinal);
                foreach (MidjourneyTask task in tasks!)
                {
                    byId.TryAdd(task.Id, task);
                }

                foreach (TrackedTask tracked in checkedTasks)
                {
                    if (byId.TryGetValue(tracked.Id, out MidjourneyTask? task))
                    {
                        Complete(tracked, new StatusOutcome(task, null), now);
                    }
                    else
                    {
                        // Left out of the answer: a fetch of its own says whether it exists.
                        tracked.FetchAlone = true;
                        Reschedule(tracked, now);
                    }
                }
            }

            Finish();
        }

        PublishObserved();
    }

    private async Task<T> SendAsync<T>(StatusCall call, Func<IMidjourneyProvider, StatusCall, CancellationToken, Task<T>> send)
    {
        await _requestSlots.WaitAsync(call.Token).ConfigureAwait(false);
        try
        {
            return await send(_provider, call, call.Token).ConfigureAwait(false);
        }
        finally
        {
            _requestSlots.Release();
        }
    }

    /// <summary>
    /// What a status request ended with, as a failure of the check. Everything is caught: the request runs in the
    /// background, so an exception it let through would go unobserved and leave its waiters to their deadline.
    /// </summary>
    private MidjourneyException AsFailure(Exception ex) => ex switch
    {
        MidjourneyException known => known,
        OperationCanceledException => new MidjourneyException($"A status check of {_provider.Kind} was cancelled: {ex.Message}", ex)
        {
            Provider = _provider.Kind,
            IsTransient = true,
        },
        _ => new MidjourneyProtocolException($"A status check of {_provider.Kind} failed unexpectedly: {ex.Message}", ex) { Provider = _provider.Kind },
    };

    /// <summary>Applies what one check found to the task and its waiters, and plans its next check.</summary>
    private void Complete(TrackedTask tracked, StatusOutcome outcome, TimeSpan now)
    {
        tracked.Call = null;
        if (_disposed)
        {
            return;
        }

        if (tracked.Waiters.Count == 0)
        {
            Forget(tracked);
            return;
        }

        if (outcome.Task is { } task)
        {
            Observe(tracked, task, now);
            return;
        }

        MidjourneyException failure = outcome.Failure!;
        if (failure.IsTransient)
        {
            tracked.Failures++;
            tracked.DueAt = now + _bounds.Backoff(tracked.Failures, RetryAfter(failure));
            Log.PollFailed(_logger, tracked.Id, failure.Message);
            return;
        }

        // An unknown task or a refused key will not get better by asking again.
        foreach (TaskWaiter waiter in tracked.Waiters)
        {
            waiter.Fail(failure);
        }

        tracked.Waiters.Clear();
        Forget(tracked);
    }

    /// <summary>
    /// A verified update from outside (a callback, or with <paramref name="remote"/> another instance's update through the
    /// backplane): applied to the task's waiters and handed to the handlers when it is further along than anything seen of
    /// the task. False for a repeat or an older state, which change nothing. A new state from a callback is published on
    /// the backplane, if any; a remote one is not (it came from there).
    /// </summary>
    public bool Deliver(MidjourneyTask task, bool remote = false)
    {
        bool accepted = DeliverLocked(task, remote);
        if (accepted && !remote)
        {
            Publish(Volatile.Read(ref _backplane), task);
        }

        return accepted;
    }

    private bool DeliverLocked(MidjourneyTask task, bool remote)
    {
        lock (_gate)
        {
            if (_disposed || !_states.TryAdvance(task))
            {
                return false;
            }

            Handlers.Post(task);
            if (!remote)
            {
                // Another instance's update: measured there, where it was seen first.
                RecordEnd(task, _tasks.GetValueOrDefault(task.Id), Now);
            }
            if (TaskWaiter.Ends(task) && task.IsCompleted)
            {
                _finals.Add(task);
            }

            if (_tasks.TryGetValue(task.Id, out TrackedTask? tracked) && tracked.Waiters.Count > 0)
            {
                TimeSpan now = Now;
                Apply(tracked, task, now);
                Rearm(now);
            }

            return true;
        }
    }

    /// <summary>What a status check found: applied when it is news (a callback may have said more already).</summary>
    private void Observe(TrackedTask tracked, MidjourneyTask task, TimeSpan now)
    {
        tracked.Failures = 0;
        tracked.FetchAlone = false;
        bool news = _states.TryAdvance(task);
        if (news)
        {
            Handlers.Post(task);
            RecordEnd(task, tracked, now);
            if (_backplane is not null)
            {
                // Published after the lock is released (see PublishObserved).
                (_outbox ??= []).Add(task);
            }
        }

        // A repeat still answers a wait that has seen nothing yet, and a final state still ends waits; an older state
        // than one a callback reported is not shown (a wait never sees a task move back).
        if (news || tracked.Last is null || TaskWaiter.Ends(task))
        {
            Apply(tracked, task, now);
            return;
        }

        // Still what was known: that it is not final by now is what the plan learns from this check.
        tracked.Observe(new Observation((now - (tracked.Origin ??= EstimateOrigin(task, now))).TotalSeconds, task.Status, task.Progress));
        tracked.DueAt = PlanNext(tracked, now);
    }

    /// <summary>Publishes what the checks just found that was news, outside the lock.</summary>
    private void PublishObserved()
    {
        if (Volatile.Read(ref _backplane) is not { } backplane)
        {
            return;
        }

        List<MidjourneyTask>? outbox;
        lock (_gate)
        {
            outbox = _outbox;
            _outbox = null;
        }

        foreach (MidjourneyTask task in outbox ?? [])
        {
            Publish(backplane, task);
        }
    }

    private void Publish(ITaskBackplane? backplane, MidjourneyTask task)
    {
        if (backplane is null)
        {
            return;
        }

        try
        {
            backplane.Publish(task);
            if (TaskWaiter.Ends(task))
            {
                // Nothing more to check: another instance need not wait for the lease to expire.
                backplane.Release(task.Id);
            }
        }
        catch (Exception ex)
        {
            // A backplane must not throw; if one does, this instance still has the update, and the others their own checks.
            Log.BackplanePublishFailed(_logger, ex, task.Id);
        }
    }

    private void Apply(TrackedTask tracked, MidjourneyTask task, TimeSpan now)
    {
        tracked.Last = task;
        tracked.Origin ??= EstimateOrigin(task, now);
        tracked.Kind ??= new TaskKind(task.Action, null);
        foreach (TaskWaiter waiter in tracked.Waiters)
        {
            waiter.Offer(task);
        }

        if (TaskWaiter.Ends(task))
        {
            if (task.IsCompleted)
            {
                _finals.Add(task);
            }

            if (task.Status == MidjourneyTaskStatus.Succeeded && Duration(tracked, task, now) is { } seconds)
            {
                // A task from elsewhere is learned from at once; this client's own go in submit order (see Forget).
                tracked.LearnedSeconds = seconds;
                if (!tracked.SubmittedHere)
                {
                    _learner.Learn(tracked.Kind.Value, seconds);
                }
            }

            tracked.Waiters.Clear();
            Forget(tracked);
            return;
        }

        tracked.Observe(new Observation((now - tracked.Origin.Value).TotalSeconds, task.Status, task.Progress));
        tracked.DueAt = PlanNext(tracked, now);
    }

    /// <summary>
    /// How long the task took: from the provider's own timestamps when it gives both, else (for a task this client
    /// submitted) the middle of the span between the last check that found it running and this one.
    /// </summary>
    private static double? Duration(TrackedTask tracked, MidjourneyTask task, TimeSpan now)
    {
        if (task is { SubmittedAt: { } submitted, FinishedAt: { } finished } && finished > submitted)
        {
            return (finished - submitted).TotalSeconds;
        }

        if (tracked.SubmittedHere && tracked.Origin is { } origin)
        {
            double age = (now - origin).TotalSeconds;
            double before = tracked.Observations.Count > 0 ? tracked.Observations[^1].Age : 0;
            return (before + age) / 2;
        }

        return null;
    }

    /// <summary>
    /// A task seen final for the first time (a new state, so once per task): its duration, from the provider's own
    /// timestamps when it gives both, else from when this client submitted it or first tracked it.
    /// </summary>
    private void RecordEnd(MidjourneyTask task, TrackedTask? tracked, TimeSpan now)
    {
        if (!task.IsCompleted || !_telemetry.Metrics.TaskDuration.Enabled)
        {
            return;
        }

        double? seconds = task is { SubmittedAt: { } submitted, FinishedAt: { } finished } && finished >= submitted
            ? (finished - submitted).TotalSeconds
            : tracked?.Origin is { } origin ? (now - origin).TotalSeconds : null;
        if (seconds is { } known)
        {
            _telemetry.TaskEnded(task, known);
        }
    }

    /// <summary>A task submitted elsewhere: its age from the provider's submit time (when sane), else "just now".</summary>
    private TimeSpan EstimateOrigin(MidjourneyTask task, TimeSpan now)
    {
        if (task.SubmittedAt is { } submitted)
        {
            TimeSpan age = _time.GetUtcNow() - submitted;
            if (age > TimeSpan.Zero && age < TimeSpan.FromDays(1))
            {
                return now - age;
            }
        }

        return now;
    }

    private static TimeSpan? RetryAfter(MidjourneyException failure) => failure switch
    {
        MidjourneyRateLimitException rateLimit => rateLimit.RetryAfter,
        MidjourneyServiceException service => service.RetryAfter,
        _ => null,
    };

    /// <summary>
    /// The task's request was cancelled because nobody waited for it any more (or the client was disposed). That says
    /// nothing of the task: forget it, or, when a wait joined meanwhile, look again at once (no failure counted, no
    /// backoff), as for any new wait.
    /// </summary>
    private void Abandoned(TrackedTask tracked, TimeSpan now) => Reschedule(tracked, now);

    private void Reschedule(TrackedTask tracked, TimeSpan now)
    {
        tracked.Call = null;
        if (tracked.Waiters.Count == 0)
        {
            Forget(tracked);
            return;
        }

        tracked.DueAt = now;
    }

    /// <summary>Stops tracking a task; for one this client submitted, hands what it taught to the learner in submit order.</summary>
    private void Forget(TrackedTask tracked)
    {
        if (!_tasks.TryGetValue(tracked.Id, out TrackedTask? current) || current != tracked)
        {
            return;
        }

        _tasks.Remove(tracked.Id);
        if (tracked.Sequence is { } sequence)
        {
            _inSubmitOrder.Ended(sequence, tracked.Kind!.Value, tracked.LearnedSeconds);
            long? oldestRunning = null;
            foreach (TrackedTask other in _tasks.Values)
            {
                if (other.Sequence is { } running && (oldestRunning is null || running < oldestRunning))
                {
                    oldestRunning = running;
                }
            }

            _inSubmitOrder.Release(oldestRunning);
        }
    }

    private void Finish()
    {
        _callsInFlight--;
        if (!_disposed)
        {
            Rearm(Now);
        }

        if (_callsInFlight == 0 && _quiet is { } quiet)
        {
            _quiet = null;
            quiet.TrySetResult();
        }
    }

    /// <summary>Sets the timers for the earliest due check and the earliest wait deadline.</summary>
    private void Rearm(TimeSpan now)
    {
        if (_changed is { } changed)
        {
            _changed = null;
            changed.TrySetResult();
        }

        TimeSpan? check = null, deadline = null;
        foreach (TrackedTask tracked in _tasks.Values)
        {
            if (tracked.Waiters.Count == 0)
            {
                continue;
            }

            if (tracked.Call is null)
            {
                check = Min(check, tracked.DueAt);
            }

            foreach (TaskWaiter waiter in tracked.Waiters)
            {
                deadline = Min(deadline, waiter.Deadline);
            }
        }

        // The check first: a test clock that jumps to the earliest timer when one is set then finds it already set.
        _checkTimer.Set(check, now);
        _deadlineTimer.Set(deadline, now);
    }

    private static TimeSpan? Min(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a < b ? a : b;

    private MidjourneyTask NotSeenYet(string taskId) => new() { Id = taskId, Provider = _provider.Kind, Status = MidjourneyTaskStatus.Pending };

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private readonly record struct StatusOutcome(MidjourneyTask? Task, MidjourneyException? Failure);

    /// <summary>Adds each state a traced wait sees to its activity, then passes it on to the caller's progress, if any.</summary>
    private sealed class Progress(Activity activity, IProgress<MidjourneyTask>? inner) : IProgress<MidjourneyTask>
    {
        public void Report(MidjourneyTask value)
        {
            ClientTelemetry.StatusSeen(activity, value);
            inner?.Report(value);
        }
    }
}
