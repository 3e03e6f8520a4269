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
}
