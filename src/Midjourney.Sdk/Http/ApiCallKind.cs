namespace Midjourney.Sdk.Http;

/// <summary>Whether a call only reads (safe to resend) or submits billable work (resent only when provably not taken).</summary>
internal enum ApiCallKind
{
    Read,
    Submit,
}
