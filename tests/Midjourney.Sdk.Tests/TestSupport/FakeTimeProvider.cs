namespace Midjourney.Sdk.Tests.TestSupport;

/// <summary>
/// A deterministic clock for tests. Time moves only through <see cref="Advance"/>, or, when
/// <see cref="AutoAdvance"/> is on, to the earliest pending timer whenever a timer is started
/// (so a polling loop that waits 3 s "waits" 3 s of fake time at once and no test ever sleeps, and a
/// wait's deadline timer, pending further out, fires only when nothing earlier is left). Its timers behave as the
/// system clock's do where code can tell: they run their callback in the <see cref="ExecutionContext"/> captured when
/// they were created (unless its flow was suppressed then), and refuse a due time or period the system's timers refuse.
/// </summary>
public sealed class FakeTimeProvider : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<FakeTimer> _timers = [];
    private DateTimeOffset _now;

    public FakeTimeProvider(DateTimeOffset? start = null)
        => _now = start ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>When true, starting a timer moves the clock forward to the earliest pending timer's due time and fires it.</summary>
    public bool AutoAdvance { get; set; }

    /// <summary>
    /// When true, timers fire only inside <see cref="Advance"/>, on the caller's thread, never on their own (a timer set
    /// for "now" waits for the next Advance). <see cref="WaitDriver"/> sets it so that nothing it does not do moves a wait on.
    /// </summary>
    public bool FiresOnlyOnAdvance { get; set; }

    /// <summary>Every finite due time a timer was started with, in order (what a polling loop waited).</summary>
    public List<TimeSpan> RequestedDelays { get; } = [];

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Moves the clock forward and fires every timer that has come due.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        lock (_gate)
        {
            _now += delta;
        }

        FireDueTimers();
    }

    /// <summary>The longest due time or period the system's timers take (0xfffffffe ms, about 49.7 days).</summary>
    public static TimeSpan MaxTimerDelay { get; } = TimeSpan.FromMilliseconds(0xfffffffe);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new FakeTimer(this, callback, state, ExecutionContext.Capture());
        timer.Change(dueTime, period);
        return timer;
    }

    private static void CheckDelay(TimeSpan delay, string name)
    {
        if ((delay < TimeSpan.Zero && delay != Timeout.InfiniteTimeSpan) || delay > MaxTimerDelay)
        {
            throw new ArgumentOutOfRangeException(name, delay, $"A timer takes {MaxTimerDelay} at most (as the system's do), or Timeout.InfiniteTimeSpan.");
        }
    }

    private void Schedule(FakeTimer timer, TimeSpan dueTime)
    {
        bool fireNow = false;
        lock (_gate)
        {
            _timers.Remove(timer);
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return;
            }

            RequestedDelays.Add(dueTime);
            timer.DueAt = _now + dueTime;
            _timers.Add(timer);
            DateTimeOffset earliest = _timers.Min(t => t.DueAt);
            if (AutoAdvance && earliest > _now)
            {
                _now = earliest;
            }

            fireNow = earliest <= _now && !FiresOnlyOnAdvance;
        }

        if (fireNow)
        {
            // Fire asynchronously: a callback that runs inside Change/CreateTimer would re-enter its caller.
            ThreadPool.QueueUserWorkItem(_ => FireDueTimers());
        }
    }

    private void Unschedule(FakeTimer timer)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
        }
    }

    private void FireDueTimers()
    {
        while (true)
        {
            FakeTimer? due;
            lock (_gate)
            {
                due = _timers.Where(t => t.DueAt <= _now).OrderBy(t => t.DueAt).FirstOrDefault();
                if (due is null)
                {
                    return;
                }

                _timers.Remove(due);
            }

            due.Fire();
        }
    }

    /// <param name="context">The context the callback runs in (null: the firing thread's, as when flow was suppressed).</param>
    private sealed class FakeTimer(FakeTimeProvider owner, TimerCallback callback, object? state, ExecutionContext? context) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset DueAt { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            CheckDelay(dueTime, nameof(dueTime));
            CheckDelay(period, nameof(period));
            _period = period;
            owner.Schedule(this, dueTime);
            return true;
        }

        public void Fire()
        {
            if (context is null)
            {
                callback(state);
            }
            else
            {
                ExecutionContext.Run(context, static s => ((FakeTimer)s!).Invoke(), this);
            }

            if (_period != Timeout.InfiniteTimeSpan && _period > TimeSpan.Zero)
            {
                owner.Schedule(this, _period);
            }
        }

        public void Dispose() => owner.Unschedule(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }

        private void Invoke() => callback(state);
    }
}
