namespace Midjourney.Sdk.Http;

/// <summary>What an error mapping needs to know about the call that failed.</summary>
internal sealed record ApiErrorContext(MidjourneyProvider Provider, HttpMethod Method, string Path, int HttpStatusCode, TimeSpan? RetryAfter)
{
    /// <summary>The call as it reads in a message, for example <c>POST /mj/v2/imagine</c>.</summary>
    public string Call => $"{Method} /{Path}";
}
