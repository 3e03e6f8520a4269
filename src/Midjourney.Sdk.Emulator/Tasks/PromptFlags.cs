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

    /// <summary>
    /// What is wrong with the prompt's style and omni reference flags, as Midjourney would refuse them, or null when nothing
    /// is: <c>--sref</c> needs at least one value (an image URL or a style code), <c>--oref</c> exactly one image URL, and
    /// <c>--ow</c> a whole number from 1 to 1000. Relays accept such a prompt; Midjourney then fails the job.
    /// </summary>
    public static string? ReferenceProblem(string prompt)
    {
        var tokens = prompt.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < tokens.Length; i++)
        {
            var values = tokens.Skip(i + 1).TakeWhile(token => !token.StartsWith("--", StringComparison.Ordinal)).ToArray();
            var problem = tokens[i].ToLowerInvariant() switch
            {
                "--sref" when values.Length == 0 => "--sref needs an image URL or a style code",
                "--oref" when values.Length != 1 || !IsHttpUrl(values[0]) => "--oref takes exactly one image URL",
                "--ow" when values.Length != 1 || !int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var weight) || weight is < 1 or > 1000
                    => "--ow takes a whole number from 1 to 1000",
                _ => null,
            };
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
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

    private static bool IsHttpUrl(string value)
        => Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
