namespace Midjourney.Sdk;

/// <summary>
/// A submit failed in a way that leaves open whether the provider took it (a 500, 502 or 504, or a timeout or
/// connection reset after the body was sent). The SDK does not resend it, because a second submit could be billed
/// twice. Check the provider's task list (or wait for the webhook) before submitting again.
/// </summary>
public sealed class MidjourneySubmissionUncertainException : MidjourneyException
{
    /// <summary>Creates an exception with a default message.</summary>
    public MidjourneySubmissionUncertainException()
        : this("The submit may or may not have been accepted by the provider; it was not resent.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public MidjourneySubmissionUncertainException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the failure that caused it.</summary>
    public MidjourneySubmissionUncertainException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
