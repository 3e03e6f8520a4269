using System.Globalization;

namespace Midjourney.Sdk.Emulator.Tasks;

/// <summary>Reads Midjourney's own parameters out of a prompt.</summary>
internal static class PromptFlags
{
    /// <summary>The marker that makes a task end in failure, so clients can test their failure paths.</summary>
    public const string FailureMarker = "[fail]";

    /// <summary>The marker that makes a task end refused under the content policy (protocols with failure codes report it as such).</summary>
    public const string ContentViolationMarker = "[nsfw]";

    /// <summary>
    /// The same refusal under a marker that is no banned word, so it also reaches generation on MJ-Proxy (whose submit refuses
    /// <c>nsfw</c> with code 24): Midjourney's own moderator turning the job down while it runs.
    /// </summary>
    public const string ModeratedMarker = "[moderated]";

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
        => text.Contains(ContentViolationMarker, StringComparison.OrdinalIgnoreCase)
            || text.Contains(ModeratedMarker, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The image seed Midjourney reports (a number below 2^32, as text) for a task with pictures, derived from the task's drawing seed
    /// so the same task always reports the same one.
    /// </summary>
    public static string ReportedSeed(EmulatedTask task) => (task.Seed % 4_294_967_295).ToString(CultureInfo.InvariantCulture);
}
