namespace Midjourney.Sdk.Tests.TestSupport;

/// <summary>
/// A deterministic clock for tests. Time moves only through <see cref="Advance"/>, or, when
/// <see cref="AutoAdvance"/> is on, to the earliest pending timer whenever a timer is started
/// (so a polling loop that waits 3 s "waits" 3 s of fake time at once and no test ever sleeps, and a
/// wait's deadline timer, pending further out, fires only when nothing earlier is left).
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

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FakeTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
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

    private sealed class FakeTimer(FakeTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset DueAt { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _period = period;
            owner.Schedule(this, dueTime);
            return true;
        }

        public void Fire()
        {
            callback(state);
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
    }
}
