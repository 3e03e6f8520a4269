namespace Midjourney.Sdk.Http;

/// <summary>
/// An envelope whose own code also explains a non-2xx answer (midapi sends the same <c>{code, msg}</c> with any HTTP
/// status, and codes such as 455 or 505 mean something HTTP does not; APIXO's error bodies carry the detail in
/// <c>data.error</c>). For these, <see cref="ApiCaller"/> asks <see cref="GetHttpError"/> about a failed answer first,
/// and maps by HTTP status only when it returns null.
/// </summary>
internal interface IHttpErrorEnvelope : IApiEnvelope
{
    /// <summary>The error this body reports for an answer with an error status; null to let the HTTP status decide.</summary>
    MidjourneyException? GetHttpError(ApiErrorContext context) => GetError(context);
}
