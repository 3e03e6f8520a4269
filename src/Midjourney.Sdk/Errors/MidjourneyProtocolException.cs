namespace Midjourney.Sdk;

/// <summary>The provider's answer could not be read: not JSON, or JSON without what the protocol promises. The HTTP status is kept.</summary>
public sealed class MidjourneyProtocolException : MidjourneyException
{
    /// <summary>Creates an exception with a default message.</summary>
    public MidjourneyProtocolException()
        : this("The provider's answer could not be read.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public MidjourneyProtocolException(string message)
        : base(message)
    {
        IsTransient = false;
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    public MidjourneyProtocolException(string message, Exception? innerException)
        : base(message, innerException)
    {
        IsTransient = false;
    }

    /// <summary>The <c>Retry-After</c> that came with an unreadable error page (a CDN's 503), so the retry still honours it.</summary>
    internal TimeSpan? RetryAfter { get; init; }
}
