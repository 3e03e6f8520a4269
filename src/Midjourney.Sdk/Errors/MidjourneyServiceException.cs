namespace Midjourney.Sdk;

/// <summary>The provider failed or could not be reached (5xx, network error, timeout). Usually transient.</summary>
public sealed class MidjourneyServiceException : MidjourneyException
{
    /// <summary>Creates an exception with a default message.</summary>
    public MidjourneyServiceException()
        : this("The provider failed to answer.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public MidjourneyServiceException(string message)
        : base(message)
    {
        IsTransient = true;
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    public MidjourneyServiceException(string message, Exception? innerException)
        : base(message, innerException)
    {
        IsTransient = true;
    }

    /// <summary>How long the provider asked to wait (a 503's <c>Retry-After</c>), when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
