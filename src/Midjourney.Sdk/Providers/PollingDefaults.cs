namespace Midjourney.Sdk.Providers;

/// <summary>A provider's default polling schedule, from its own guidance.</summary>
internal sealed record PollingDefaults(TimeSpan InitialDelay, TimeSpan Interval, TimeSpan MaxInterval, TimeSpan Timeout);
