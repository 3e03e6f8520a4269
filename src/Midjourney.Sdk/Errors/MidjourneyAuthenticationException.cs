namespace Midjourney.Sdk;

/// <summary>The provider rejected the API key (HTTP 401/403 or its body-level equivalent).</summary>
public sealed class MidjourneyAuthenticationException : MidjourneyException
{
    /// <summary>Creates an exception with a default message.</summary>
    public MidjourneyAuthenticationException()
        : this("The provider rejected the API key.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public MidjourneyAuthenticationException(string message)
        : base(message)
    {
        IsTransient = false;
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    public MidjourneyAuthenticationException(string message, Exception? innerException)
        : base(message, innerException)
    {
        IsTransient = false;
    }
}
