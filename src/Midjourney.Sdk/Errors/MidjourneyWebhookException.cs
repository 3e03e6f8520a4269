namespace Midjourney.Sdk;

/// <summary>
/// A callback was refused: not authentic (a missing or wrong secret, token or signature), too large, or not the provider's
/// callback at all. <see cref="Refusal"/> says which, so an endpoint can answer 401, 413 or 400.
/// </summary>
public sealed class MidjourneyWebhookException : MidjourneyException
{
    /// <summary>Creates an exception for an unreadable callback.</summary>
    public MidjourneyWebhookException()
        : this("The callback was refused.")
    {
    }

    /// <summary>Creates an exception with a message, for an unreadable callback.</summary>
    public MidjourneyWebhookException(string message)
        : this(message, MidjourneyWebhookRefusal.Unreadable)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it, for an unreadable callback.</summary>
    public MidjourneyWebhookException(string message, Exception? innerException)
        : this(message, MidjourneyWebhookRefusal.Unreadable, innerException)
    {
    }

    /// <summary>Creates an exception for a refused callback.</summary>
    /// <param name="message">What was wrong; never the secret.</param>
    /// <param name="refusal">Why it was refused.</param>
    /// <param name="innerException">The exception that caused it, if any.</param>
    public MidjourneyWebhookException(string message, MidjourneyWebhookRefusal refusal, Exception? innerException = null)
        : base(message, innerException)
    {
        Refusal = refusal;
        IsTransient = false;
        ErrorCode = refusal switch
        {
            MidjourneyWebhookRefusal.NotAuthentic => "WEBHOOK_NOT_AUTHENTIC",
            MidjourneyWebhookRefusal.TooLarge => "WEBHOOK_TOO_LARGE",
            _ => "WEBHOOK_UNREADABLE",
        };
    }

    /// <summary>Why the callback was refused.</summary>
    public MidjourneyWebhookRefusal Refusal { get; }
}
