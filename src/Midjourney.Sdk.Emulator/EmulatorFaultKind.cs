namespace Midjourney.Sdk.Emulator;

/// <summary>What an <see cref="EmulatorFault"/> does to the request it hits.</summary>
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
}
