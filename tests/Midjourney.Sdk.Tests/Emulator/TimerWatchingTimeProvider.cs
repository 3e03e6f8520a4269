using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Emulator;

/// <summary>
/// Wraps a fake clock and reports the first timer started on it: the moment a latency fault starts waiting,
/// so a test can act on a held request without sleeping.
/// </summary>
internal sealed class TimerWatchingTimeProvider(FakeTimeProvider inner) : TimeProvider
{
    private readonly TaskCompletionSource<TimeSpan> _firstTimer = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the due time of the first timer created.</summary>
    public Task<TimeSpan> FirstTimer => _firstTimer.Task;

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override long GetTimestamp() => inner.GetTimestamp();

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = inner.CreateTimer(callback, state, dueTime, period);
        _firstTimer.TrySetResult(dueTime);
        return timer;
    }
}
