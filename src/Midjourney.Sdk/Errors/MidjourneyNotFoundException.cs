namespace Midjourney.Sdk;

/// <summary>The task (or the parent task of a follow-up) does not exist at the provider.</summary>
public sealed class MidjourneyNotFoundException : MidjourneyException
{
    /// <summary>Creates an exception with a default message.</summary>
    public MidjourneyNotFoundException()
        : this("The task was not found.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public MidjourneyNotFoundException(string message)
        : base(message)
    {
        IsTransient = false;
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    public MidjourneyNotFoundException(string message, Exception? innerException)
        : base(message, innerException)
    {
        IsTransient = false;
    }
}
