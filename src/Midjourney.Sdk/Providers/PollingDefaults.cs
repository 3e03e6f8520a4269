namespace Midjourney.Sdk.Providers;

/// <summary>
/// A provider's waiting defaults, from its own guidance: the bounds of the adaptive schedule and where learning starts.
/// </summary>
/// <param name="Interval">The shortest gap between two status checks of one task (the provider's rate guidance).</param>
/// <param name="MaxInterval">The longest gap between two status checks of one task.</param>
/// <param name="Timeout">How long a wait lasts.</param>
/// <param name="TypicalDuration">The median time from submit to result of a fast job: the starting point of what a client learns.</param>
/// <param name="LagBudget">
/// The next check is planned for when the expected delay in noticing the result, should the task finish before then, reaches
/// this (the trade between status requests and latency); smaller where progress makes the finish easier to predict.
/// </param>
internal sealed record PollingDefaults(TimeSpan Interval, TimeSpan MaxInterval, TimeSpan Timeout, TimeSpan TypicalDuration, TimeSpan LagBudget)
{
    /// <summary>For providers that report progress: the ETA narrows the finish, so a small budget costs few extra checks.</summary>
    public static readonly TimeSpan ProgressLagBudget = TimeSpan.FromSeconds(0.35);

    /// <summary>For providers that report no progress: only the learned durations say when a task will finish.</summary>
    public static readonly TimeSpan DurationLagBudget = TimeSpan.FromSeconds(0.7);

    /// <summary>
    /// GoAPI and MJ-Proxy: no polling guidance of their own; a fast job takes 30 to 60 s and reports its progress, so checks
    /// may come a second apart near the finish.
    /// </summary>
    public static readonly PollingDefaults WithProgress = new(
        Interval: TimeSpan.FromSeconds(1),
        MaxInterval: TimeSpan.FromSeconds(60),
        Timeout: TimeSpan.FromMinutes(10),
        TypicalDuration: TimeSpan.FromSeconds(45),
        LagBudget: ProgressLagBudget);
}
