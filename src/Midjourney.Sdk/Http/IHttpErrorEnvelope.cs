namespace Midjourney.Sdk.Http;

/// <summary>
/// An envelope whose own code also explains a non-2xx answer (midapi sends the same <c>{code, msg}</c> with any HTTP
/// status, and codes such as 455 or 505 mean something HTTP does not). For these, <see cref="JsonApiClient"/> asks
/// <see cref="IApiEnvelope.GetError"/> about a failed answer first, and maps by HTTP status only when it returns null.
/// </summary>
internal interface IHttpErrorEnvelope : IApiEnvelope;
