namespace Midjourney.Sdk;

/// <summary>
/// Bounds on how waits check a task. Within them the client plans each check: from the progress the provider reports
/// (GoAPI, MJ-Proxy), and from how long this client's tasks of the same kind (operation and speed) took, starting from
/// the provider's guidance (APIXO, midapi). Each value left null takes the provider's default.
/// </summary>
public sealed class MidjourneyPollingOptions
{
    /// <summary>How long after a submit the first status check of that task comes. A wait on any other task checks at once.</summary>
    /// <value>The default is null: planned from what this client has seen of such tasks (at first, the provider's guidance).</value>
    public TimeSpan? InitialDelay { get; set; }

    /// <summary>The shortest gap between two status checks of one task.</summary>
    /// <value>The default is null: the provider's default (GoAPI 1 s, MJ-Proxy 1 s, APIXO 3 s, midapi 2 s).</value>
    public TimeSpan? Interval { get; set; }

    /// <summary>The longest gap between two status checks of one task.</summary>
    /// <value>The default is null: the provider's default (60 s for every provider).</value>
    public TimeSpan? MaxInterval { get; set; }

    /// <summary>
    /// How long a wait lasts before it throws <see cref="MidjourneyWaitTimeoutException"/>: a hard bound, kept within a second
    /// whatever a retry, a server's <c>Retry-After</c> or a hung status request is doing then.
    /// </summary>
    /// <value>The default is null: the provider's default (10 minutes; midapi 15 minutes). From configuration, at most 24 hours.</value>
    public TimeSpan? Timeout { get; set; }

    internal MidjourneyPollingOptions Clone() => (MidjourneyPollingOptions)MemberwiseClone();
}
