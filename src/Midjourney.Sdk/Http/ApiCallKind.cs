namespace Midjourney.Sdk.Http;

/// <summary>Whether a call only reads (safe to resend) or submits billable work (resent only when provably not taken).</summary>
internal enum ApiCallKind
{
    Read,
    Submit,

    /// <summary>
    /// A read for the task tracker: one attempt, never retried here, because the tracker plans the next check itself
    /// (with backoff and the server's <c>Retry-After</c>) and keeps its waits' deadlines.
    /// </summary>
    Check,
}
