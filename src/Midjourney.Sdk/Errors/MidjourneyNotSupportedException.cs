namespace Midjourney.Sdk;

/// <summary>The provider does not offer this operation or this form of input. Thrown before any network traffic.</summary>
public sealed class MidjourneyNotSupportedException : MidjourneyException
{
    /// <summary>Creates an exception with a default message.</summary>
    public MidjourneyNotSupportedException()
        : this("The provider does not support this operation.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public MidjourneyNotSupportedException(string message)
        : base(message)
    {
        IsTransient = false;
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    public MidjourneyNotSupportedException(string message, Exception? innerException)
        : base(message, innerException)
    {
        IsTransient = false;
    }
}
