using Midjourney.Sdk.Providers;

namespace Midjourney.Sdk.Waiting;

/// <summary>The bounds of every wait on one client: the options' values, with the provider's defaults where they are null.</summary>
/// <param name="InitialDelay">The first check after a submit, when the options fix it; null to plan it.</param>
/// <param name="Interval">The shortest gap between two checks of one task.</param>
/// <param name="MaxInterval">The longest gap between two checks of one task.</param>
/// <param name="Timeout">How long one wait lasts.</param>
/// <param name="LagBudget">See <see cref="PollingDefaults.LagBudget"/>.</param>
internal sealed record WaitBounds(TimeSpan? InitialDelay, TimeSpan Interval, TimeSpan MaxInterval, TimeSpan Timeout, TimeSpan LagBudget)
{
    /// <summary>
    /// Longer values count as this: as good as for ever for a wait, and the tracker's sums (a deadline from now, a backoff
    /// of up to 1024 intervals) stay far from <see cref="TimeSpan.MaxValue"/>, which an option "for ever" may well be.
    /// </summary>
    internal static readonly TimeSpan Longest = TimeSpan.FromDays(3650);

    /// <summary>
    /// With a callback on its way, checks are a safety net: planned as if a late result cost little (this budget), and
    /// at least <see cref="SafetyNetInterval"/> apart, so a lost callback costs latency, never a result.
    /// </summary>
    public static readonly TimeSpan SafetyNetLagBudget = TimeSpan.FromSeconds(20);

    /// <summary>See <see cref="SafetyNetLagBudget"/>.</summary>
    public static readonly TimeSpan SafetyNetInterval = TimeSpan.FromSeconds(15);

    public static WaitBounds Resolve(MidjourneyPollingOptions options, PollingDefaults defaults)
    {
        TimeSpan interval = AtMostLongest(options.Interval ?? defaults.Interval);
        TimeSpan max = AtMostLongest(options.MaxInterval ?? defaults.MaxInterval);
        return new WaitBounds(
            options.InitialDelay is { } initial ? AtMostLongest(initial) : null,
            interval,
            max < interval ? interval : max,
            AtMostLongest(options.Timeout ?? defaults.Timeout),
            defaults.LagBudget);
    }

    /// <summary>The wait after a failed check: doubling from <see cref="Interval"/>, at least what the server asked for, at most <see cref="MaxInterval"/>.</summary>
    public TimeSpan Backoff(int failures, TimeSpan? retryAfter)
    {
        TimeSpan delay = Interval * Math.Pow(2, Math.Min(failures - 1, 10));
        if (retryAfter is { } asked && asked > delay)
        {
            delay = asked;
        }

        return delay > MaxInterval ? MaxInterval : delay;
    }

    private static TimeSpan AtMostLongest(TimeSpan value) => value > Longest ? Longest : value;
}
