namespace Midjourney.Sdk;

/// <summary>
/// The schedule on which waits poll a task: a first delay, then an interval that grows by half each poll up to a maximum,
/// until a timeout. Each value left null takes the provider's default, from the provider's own guidance.
/// </summary>
public sealed class MidjourneyPollingOptions
{
    /// <summary>How long to wait before the first status check.</summary>
    /// <value>The default is null: the provider's default (GoAPI 2 s, MJ-Proxy 3 s, APIXO 20 s after a fast or relax submit and 10 s after turbo, midapi 15 s).</value>
    public TimeSpan? InitialDelay { get; set; }

    /// <summary>The delay between status checks at first.</summary>
    /// <value>The default is null: the provider's default (GoAPI 3 s, MJ-Proxy 3 s, APIXO 3 s, midapi 10 s).</value>
    public TimeSpan? Interval { get; set; }

    /// <summary>The longest delay between status checks; the interval grows by half each poll up to this.</summary>
    /// <value>The default is null: the provider's default (GoAPI 10 s, MJ-Proxy 15 s, APIXO 3 s, midapi 30 s).</value>
    public TimeSpan? MaxInterval { get; set; }

    /// <summary>How long a wait lasts before it throws <see cref="MidjourneyWaitTimeoutException"/>.</summary>
    /// <value>The default is null: the provider's default (10 minutes; midapi 15 minutes).</value>
    public TimeSpan? Timeout { get; set; }

    internal MidjourneyPollingOptions Clone() => (MidjourneyPollingOptions)MemberwiseClone();
}
