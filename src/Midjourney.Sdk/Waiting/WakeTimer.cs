namespace Midjourney.Sdk.Waiting;

/// <summary>
/// A one-shot <see cref="TimeProvider"/> timer that remembers what it is set for, so setting it again for the same time
/// costs nothing. Created on first use: a client that never waits never holds a timer. Used under the tracker's lock.
/// </summary>
internal sealed class WakeTimer(TimeProvider time, Action fired) : IDisposable
{
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

        _timer ??= time.CreateTimer(static state => ((WakeTimer)state!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(due > now ? due - now : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Forgets the time it was set for (it fired), so the next <see cref="Set"/> always sets it.</summary>
    public void Reset() => SetFor = null;

    public void Dispose() => _timer?.Dispose();

    private void Fire() => fired();
}
