namespace Midjourney.Sdk;

/// <summary>
/// How failed calls are retried: exponential backoff with jitter. Status reads retry on any transient failure;
/// billable submits retry only when the provider provably did not take them.
/// </summary>
public sealed class MidjourneyRetryOptions
{
    /// <summary>The most retries after the first attempt; 0 turns retries off. At most 10.</summary>
    /// <value>The default is 3.</value>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The delay before the first retry; later ones double it, with jitter.</summary>
    /// <value>The default is 1 second.</value>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay between attempts, including one asked for by a <c>Retry-After</c> header.</summary>
    /// <value>The default is 30 seconds.</value>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    internal MidjourneyRetryOptions Clone() => (MidjourneyRetryOptions)MemberwiseClone();
}
