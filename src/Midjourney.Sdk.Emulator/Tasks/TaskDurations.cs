namespace Midjourney.Sdk.Emulator.Tasks;

/// <summary>
/// How long each task takes. Real Midjourney jobs vary a lot (a relaxed job can take many times the median, a turbo one a
/// fraction of it), and a polling planner tuned against one fixed duration would look better than it is; so with a spread
/// the durations follow a lognormal distribution around the configured one. Drawn from the task id, so the same id always
/// takes the same time and a test can rely on it.
/// </summary>
internal static class TaskDurations
{
    /// <summary>The shortest duration a spread can give, as a share of the median: no job is instant.</summary>
    public const double MinFactor = 1.0 / 6;

    /// <summary>The longest duration a spread can give, as a multiple of the median: the lognormal tail is cut off here.</summary>
    public const double MaxFactor = 10;

    /// <summary>
    /// The duration of task <paramref name="taskId"/>: exactly <paramref name="median"/> when <paramref name="spread"/> is 0,
    /// otherwise <c>median * exp(spread * z)</c> for a standard normal <c>z</c> drawn from the id, clipped to
    /// [<see cref="MinFactor"/>, <see cref="MaxFactor"/>] times the median.
    /// </summary>
    public static TimeSpan For(string taskId, TimeSpan median, double spread)
    {
        if (spread == 0 || median <= TimeSpan.Zero)
        {
            return median;
        }

        var factor = Math.Clamp(Math.Exp(spread * StandardNormal(taskId)), MinFactor, MaxFactor);
        var ticks = Math.Round(median.Ticks * factor);
        return ticks >= TimeSpan.MaxValue.Ticks ? TimeSpan.MaxValue : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>
    /// A standard normal number from the id by the Box–Muller transform of two uniforms taken from its hash
    /// (the first kept in (0, 1] so its logarithm is finite).
    /// </summary>
    private static double StandardNormal(string taskId)
    {
        var hash = StableHash.Of("task-duration", taskId);
        var u1 = 1 - StableHash.ToUnitInterval(hash);
        var u2 = StableHash.ToUnitInterval(StableHash.Mix(hash + 0x9E3779B97F4A7C15));
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
