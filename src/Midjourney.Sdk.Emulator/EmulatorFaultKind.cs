namespace Midjourney.Sdk.Emulator;

/// <summary>What an <see cref="EmulatorFault"/> does to the request, or the callback, it hits.</summary>
public enum EmulatorFaultKind
{
    /// <summary>Answers 429 with a <c>Retry-After</c> header and a JSON error body.</summary>
    RateLimit,

    /// <summary>Answers a 5xx status with a JSON error body.</summary>
    ServerError,

    /// <summary>Answers 503 with a JSON error body, and a <c>Retry-After</c> header when one was given.</summary>
    ServiceUnavailable,

    /// <summary>Waits on the emulator's clock, then serves the request normally.</summary>
    Latency,

    /// <summary>Answers 200 with a truncated JSON body.</summary>
    MalformedJson,

    /// <summary>Answers an HTML error page like a CDN's, with content type <c>text/html</c>.</summary>
    HtmlErrorPage,

    /// <summary>A callback is not sent at all (no attempt, no retry), and the delivery log marks it dropped.</summary>
    DropCallbacks,

    /// <summary>A callback is sent twice: the second copy follows the first, retries included.</summary>
    DuplicateCallbacks,

    /// <summary>A callback is held back and sent after the task's next one, so the receiver sees the later state first.</summary>
    OutOfOrderCallbacks,
}
