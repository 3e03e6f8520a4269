namespace Midjourney.Sdk.Waiting;

/// <summary>
/// A one-shot <see cref="TimeProvider"/> timer that remembers what it is set for, so setting it again for the same time
/// costs nothing. Created on first use: a client that never waits never holds a timer. Used under the tracker's lock.
/// </summary>
internal sealed class WakeTimer(TimeProvider time, Action fired) : IDisposable
{
    /// <summary>
    /// The longest a timer is set for at once: the system's timers refuse more than about 49.7 days. A time further out
    /// wakes the tracker early, which finds nothing due and sets the timer again.
    /// </summary>
    internal static readonly TimeSpan LongestDelay = TimeSpan.FromDays(30);

    private ITimer? _timer;

    /// <summary>Tracker time it fires at, or null when off.</summary>
    public TimeSpan? SetFor { get; private set; }

    public void Set(TimeSpan? at, TimeSpan now)
    {
        if (at == SetFor)
        {
            return;
        }

        SetFor = at;
        if (at is not { } due)
        {
            _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        _timer ??= Create();
        TimeSpan delay = due > now ? due - now : TimeSpan.Zero;
        _timer.Change(delay < LongestDelay ? delay : LongestDelay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Forgets the time it was set for (it fired), so the next <see cref="Set"/> always sets it.</summary>
    public void Reset() => SetFor = null;

    public void Dispose() => _timer?.Dispose();

    private void Fire() => fired();

    /// <summary>
    /// Created inside whichever wait came first, but it wakes the tracker for every wait of the client: a timer runs its
    /// callback in the <see cref="ExecutionContext"/> it was created in, so without suppressing the flow every later status
    /// request would run in (and keep alive) that first caller's context: its AsyncLocals, its Activity and trace.
    /// </summary>
    private ITimer Create()
    {
        if (ExecutionContext.IsFlowSuppressed())
        {
            return time.CreateTimer(static state => ((WakeTimer)state!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        using (ExecutionContext.SuppressFlow())
        {
            return time.CreateTimer(static state => ((WakeTimer)state!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }
}
