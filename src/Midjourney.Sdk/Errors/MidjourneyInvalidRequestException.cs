namespace Midjourney.Sdk;

/// <summary>The provider refused the request as invalid (HTTP 400/422 or its body-level equivalent).</summary>
public sealed class MidjourneyInvalidRequestException : MidjourneyException
{
    /// <summary>Creates an exception with a default message.</summary>
    public MidjourneyInvalidRequestException()
        : this("The provider refused the request as invalid.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public MidjourneyInvalidRequestException(string message)
        : base(message)
    {
        IsTransient = false;
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    public MidjourneyInvalidRequestException(string message, Exception? innerException)
        : base(message, innerException)
    {
        IsTransient = false;
    }
}
