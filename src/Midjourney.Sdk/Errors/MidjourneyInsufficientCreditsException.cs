namespace Midjourney.Sdk;

/// <summary>The account has no credits or quota left for this call. Not transient: top up before trying again.</summary>
public sealed class MidjourneyInsufficientCreditsException : MidjourneyException
{
    /// <summary>Creates an exception with a default message.</summary>
    public MidjourneyInsufficientCreditsException()
        : this("The account has no credits left.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public MidjourneyInsufficientCreditsException(string message)
        : base(message)
    {
        IsTransient = false;
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    public MidjourneyInsufficientCreditsException(string message, Exception? innerException)
        : base(message, innerException)
    {
        IsTransient = false;
    }
}
