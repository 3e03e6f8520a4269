namespace Midjourney.Sdk;

/// <summary>The provider is rate limiting this account (HTTP 429 or its body-level equivalent). Transient.</summary>
public sealed class MidjourneyRateLimitException : MidjourneyException
{
    /// <summary>Creates an exception with a default message.</summary>
    public MidjourneyRateLimitException()
        : this("The provider is rate limiting requests.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public MidjourneyRateLimitException(string message)
        : base(message)
    {
        IsTransient = true;
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    public MidjourneyRateLimitException(string message, Exception? innerException)
        : base(message, innerException)
    {
        IsTransient = true;
    }

    /// <summary>How long the provider asked to wait (its <c>Retry-After</c>), when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
