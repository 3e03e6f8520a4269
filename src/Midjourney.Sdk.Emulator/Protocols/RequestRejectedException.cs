namespace Midjourney.Sdk.Emulator.Protocols;

/// <summary>Thrown by request handlers to answer with an error; the protocol turns it into its own error body.</summary>
internal sealed class RequestRejectedException(int statusCode, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>A 400 Bad Request.</summary>
    public RequestRejectedException(string message, Exception? innerException = null)
        : this(400, message, innerException)
    {
    }

    public int StatusCode { get; } = statusCode;
}
