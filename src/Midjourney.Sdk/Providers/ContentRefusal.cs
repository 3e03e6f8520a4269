namespace Midjourney.Sdk.Providers;

/// <summary>
/// Recognises a refusal under the content policy in a failed task's message, for the providers that say it only in words
/// (GoAPI's <c>error_messages</c>, MJ-Proxy's <c>failReason</c>, midapi's <c>errorMessage</c>), so it reads
/// <see cref="MidjourneyFailureCodes.ContentPolicy"/> everywhere.
/// </summary>
internal static class ContentRefusal
{
    // Midjourney's and the relays' wording: "Banned prompt detected", "Sorry! Our AI moderator thinks this prompt is probably against
    // our community standards", "[Sensitive content]", "NSFW", "content violation", "flagged by the content filter".
    private static readonly string[] Phrases =
    [
        "banned", "nsfw", "moderator", "moderation", "moderated", "community standards", "community guidelines", "content policy",
        "content violation", "policy violation", "sensitive content", "sensitive word", "inappropriate", "prohibited content",
        "content filter", "unsafe content",
    ];

    /// <summary>True when the message says the prompt or image was refused under the content policy.</summary>
    public static bool Says(string? message) =>
        !string.IsNullOrWhiteSpace(message) && Phrases.Any(phrase => message.Contains(phrase, StringComparison.OrdinalIgnoreCase));

    /// <summary>The neutral failure code: <see cref="MidjourneyFailureCodes.ContentPolicy"/> for a refusal, else the provider's code.</summary>
    public static string? FailureCode(bool refused, string? providerCode) => refused ? MidjourneyFailureCodes.ContentPolicy : providerCode;
}
