namespace Midjourney.Sdk.Providers.Apixo;

/// <summary>
/// APIXO's <c>failCode</c> is an open set of strings (<c>CONTENT_VIOLATION</c>, <c>NSFW_DETECTED</c>,
/// <c>SensitiveContentDetected</c>, <c>GENERATION_FAILED</c>, ...). This recognises the content-policy ones, in any spelling.
/// </summary>
internal static class ApixoFailCodes
{
    private static readonly string[] ContentWords = ["violation", "nsfw", "sensitive", "banned", "moderation", "prohibited", "policy"];

    /// <summary>True for a code that says the prompt or image was refused under the content policy.</summary>
    public static bool IsContentViolation(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return false;
        }

        // CONTENT_VIOLATION, ContentViolation and content-violation all read "contentviolation".
        string flat = new([.. code.Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant)]);
        return ContentWords.Any(word => flat.Contains(word, StringComparison.Ordinal));
    }

    /// <summary>True for an identifier such as <c>INSUFFICIENT_CREDITS</c> or <c>SensitiveContentDetected</c>, false for a sentence.</summary>
    public static bool LooksLikeCode(string? text) =>
        !string.IsNullOrWhiteSpace(text) && text.Length <= 64 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');

    /// <summary>What to show as the failure reason when APIXO sent a code but no <c>failMsg</c>.</summary>
    public static string DefaultReason(string code) => IsContentViolation(code)
        ? $"The prompt or image was refused under APIXO's content policy ({code})."
        : $"APIXO reported {code}.";
}
