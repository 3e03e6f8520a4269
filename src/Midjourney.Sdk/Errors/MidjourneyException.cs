namespace Midjourney.Sdk;

/// <summary>
/// The base of everything the SDK throws for a provider or network problem. Catch it to handle them all;
/// catch a subclass for one kind. Bad arguments are <see cref="ArgumentException"/>s instead, thrown before any traffic.
/// </summary>
public class MidjourneyException : Exception
{
    /// <summary>Creates an exception with a default message.</summary>
    public MidjourneyException()
        : this("The Midjourney provider call failed.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public MidjourneyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    public MidjourneyException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The provider that answered (or failed to), when known.</summary>
    public MidjourneyProvider? Provider { get; init; }

    /// <summary>
    /// The HTTP status code of the failed answer, and only that: 200 when the provider said no inside an HTTP 200 body (MJ-Proxy,
    /// APIXO, midapi), whose own code is then in <see cref="ErrorCode"/>; null when there was no answer.
    /// </summary>
    public int? StatusCode { get; init; }

    /// <summary>
    /// The provider's own error code, when it gave one: the body code of MJ-Proxy (<c>"24"</c>) and midapi (<c>"402"</c>), APIXO's
    /// <c>data.error</c> (else its body code), or, for a failed task, its <see cref="MidjourneyTask.FailureCode"/>.
    /// </summary>
    public string? ErrorCode { get; init; }

    /// <summary>Whether trying the same call again later may succeed (rate limits, outages, timeouts).</summary>
    public bool IsTransient { get; init; }

    /// <summary>
    /// The HTTP-like status a body code stands for (APIXO's and midapi's envelope codes reuse HTTP's numbers: 402, 429, 500 ...),
    /// when it differs from <see cref="StatusCode"/>; the retry and tracker rules read it as they read an HTTP status.
    /// </summary>
    internal int? BodyStatus { get; init; }

    /// <summary>The status the rules go by: the body's HTTP-like code when there is one, else the HTTP status.</summary>
    internal int? EffectiveStatus => BodyStatus ?? StatusCode;

    /// <summary>
    /// True when the provider provably did not take the request (the connection was never made, or it said
    /// "queue full" before accepting), so even a billable submit may be sent again.
    /// </summary>
    internal bool NotAccepted { get; init; }
}
