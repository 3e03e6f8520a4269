namespace Midjourney.Sdk.Http;

/// <summary>
/// A response body that can carry a logical error even with HTTP 2xx (a body-level <c>code</c>, a <c>status: failed</c>).
/// The wire DTO knows its provider's codes; <see cref="ApiCaller"/> asks it after every successful read,
/// inside the retry boundary, so body-level transient errors are retried like HTTP ones.
/// </summary>
internal interface IApiEnvelope
{
    /// <summary>The error this body reports, or null when it reports success.</summary>
    MidjourneyException? GetError(ApiErrorContext context);
}
