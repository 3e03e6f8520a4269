namespace Midjourney.Sdk;

/// <summary>The provider refused the prompt or image under its content policy (a banned word, NSFW content).</summary>
public sealed class MidjourneyContentPolicyException : MidjourneyException
{
    /// <summary>Creates an exception with a default message.</summary>
    public MidjourneyContentPolicyException()
        : this("The request was refused under the provider's content policy.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public MidjourneyContentPolicyException(string message)
        : base(message)
    {
        IsTransient = false;
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    public MidjourneyContentPolicyException(string message, Exception? innerException)
        : base(message, innerException)
    {
        IsTransient = false;
    }
}
