namespace Midjourney.Sdk.Emulator.Tasks;

/// <summary>Reads Midjourney's own parameters out of a prompt.</summary>
internal static class PromptFlags
{
    /// <summary>The marker that makes a task end in failure, so clients can test their failure paths.</summary>
    public const string FailureMarker = "[fail]";

    /// <summary>The marker that makes a task end refused under the content policy (protocols with failure codes report it as such).</summary>
    public const string ContentViolationMarker = "[nsfw]";

    /// <summary>The speed flag (<c>--relax</c>, <c>--fast</c>, <c>--turbo</c>) in the prompt; the last one wins, as in Midjourney.</summary>
    public static ProcessMode? Speed(string prompt)
    {
        ProcessMode? speed = null;
        foreach (var token in prompt.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            speed = token.ToUpperInvariant() switch
            {
                "--RELAX" => ProcessMode.Relax,
                "--FAST" => ProcessMode.Fast,
                "--TURBO" => ProcessMode.Turbo,
                _ => speed,
            };
        }

        return speed;
    }

    /// <summary>True when the text (a prompt or an image URL, plain or URL-encoded) asks for an emulated failure.</summary>
    public static bool AsksForFailure(string text)
        => text.Contains(FailureMarker, StringComparison.OrdinalIgnoreCase)
            || text.Contains("%5Bfail%5D", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the prompt asks for an emulated content-policy refusal.</summary>
    public static bool AsksForContentViolation(string text)
        => text.Contains(ContentViolationMarker, StringComparison.OrdinalIgnoreCase);
}
