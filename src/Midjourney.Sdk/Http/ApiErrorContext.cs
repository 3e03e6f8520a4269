namespace Midjourney.Sdk.Http;

/// <summary>What an error mapping needs to know about the call that failed.</summary>
/// <param name="Provider">The provider that answered.</param>
/// <param name="Method">The HTTP method of the call.</param>
/// <param name="Url">The absolute URL the call went to.</param>
/// <param name="HttpStatusCode">The HTTP status of the answer.</param>
/// <param name="RetryAfter">The answer's <c>Retry-After</c>, when it had one.</param>
internal readonly record struct ApiErrorContext(MidjourneyProvider Provider, HttpMethod Method, Uri Url, int HttpStatusCode, TimeSpan? RetryAfter)
{
    /// <summary>The call as it reads in a message, for example <c>POST https://api.midjourneyapi.xyz/mj/v2/imagine</c>.</summary>
    public string Call => $"{Method} {Url.AbsoluteUri}";

    /// <summary>Whether the answer had a 2xx status.</summary>
    public bool IsSuccessStatus => HttpStatusCode is >= 200 and < 300;
}
