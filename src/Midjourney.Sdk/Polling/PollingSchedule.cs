using Midjourney.Sdk.Providers;

namespace Midjourney.Sdk.Polling;

/// <summary>The resolved schedule of a wait: the options' values, with the provider's defaults where they are null.</summary>
internal sealed record PollingSchedule(TimeSpan InitialDelay, TimeSpan Interval, TimeSpan MaxInterval, TimeSpan Timeout)
{
    /// <summary>Each poll waits half again as long as the last, up to <see cref="MaxInterval"/>.</summary>
    public const double Growth = 1.5;

    public static PollingSchedule Resolve(MidjourneyPollingOptions options, PollingDefaults defaults)
    {
        TimeSpan interval = options.Interval ?? defaults.Interval;
        TimeSpan max = options.MaxInterval ?? (defaults.MaxInterval > interval ? defaults.MaxInterval : interval);
        return new PollingSchedule(
            options.InitialDelay ?? defaults.InitialDelay,
            interval,
            max < interval ? interval : max,
            options.Timeout ?? defaults.Timeout);
    }

    public TimeSpan Next(TimeSpan current)
    {
        TimeSpan next = current * Growth;
        return next > MaxInterval ? MaxInterval : next;
    }
}
