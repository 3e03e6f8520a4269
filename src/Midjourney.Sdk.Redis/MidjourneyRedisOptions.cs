namespace Midjourney.Sdk;

/// <summary>
/// Settings of the Redis backplane (<c>services.AddMidjourneyRedisBackplane(...)</c>); change them with
/// <c>services.Configure&lt;MidjourneyRedisOptions&gt;(o =&gt; ...)</c>.
/// </summary>
public sealed class MidjourneyRedisOptions
{
    /// <summary>The default <see cref="Prefix"/>.</summary>
    public const string DefaultPrefix = "midjourney";

    /// <summary>
    /// Starts the name of every Redis channel and key the backplane uses, so several apps (or environments) can share one
    /// Redis: instances see each other's updates only when their prefixes match. Default <c>midjourney</c>.
    /// </summary>
    public string Prefix { get; set; } = DefaultPrefix;

    /// <summary>
    /// How long the record of a tracked task stays in Redis once the task is final, or once the last wait on it gave up
    /// without a final state. While a record is there and the task not final, an instance that starts resumes tracking it,
    /// so the app's task handlers still receive its final state. Default 1 hour.
    /// </summary>
    public TimeSpan TaskRetention { get; set; } = TimeSpan.FromHours(1);
}
