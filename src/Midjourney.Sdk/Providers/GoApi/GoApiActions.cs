using System.Globalization;

namespace Midjourney.Sdk.Providers.GoApi;

/// <summary>Reads GoAPI's <c>task_result.actions</c> (<c>upscale1</c>, <c>variation2</c>, <c>high_variation</c>, <c>outpaint_2x</c>, <c>pan_up</c> ...).</summary>
internal static class GoApiActions
{
    /// <summary>One action's name (trimmed, not blank) as a follow-up.</summary>
    public static MidjourneyAvailableAction Parse(string name)
    {
        string lower = name.ToLowerInvariant();

        // upscale1..upscale4 and variation1..variation4 act on one image of the grid.
        if (TryIndexed(lower, "upscale", out int upscale))
        {
            return new(MidjourneyAction.Upscale, upscale, name);
        }

        if (TryIndexed(lower, "variation", out int variation))
        {
            return new(MidjourneyAction.Variation, variation, name);
        }

        MidjourneyAction action = lower switch
        {
            "reroll" => MidjourneyAction.Reroll,
            "inpaint" => MidjourneyAction.Inpaint,
            "square" => MidjourneyAction.Outpaint,
            _ when lower.StartsWith("upscale", StringComparison.Ordinal) => MidjourneyAction.Upscale,
            _ when lower.EndsWith("variation", StringComparison.Ordinal) => MidjourneyAction.Variation,
            _ when lower.StartsWith("outpaint", StringComparison.Ordinal) || lower.StartsWith("zoom", StringComparison.Ordinal) => MidjourneyAction.Outpaint,
            _ when lower.StartsWith("pan", StringComparison.Ordinal) => MidjourneyAction.Pan,
            _ when lower.Contains("video", StringComparison.Ordinal) || lower.Contains("animate", StringComparison.Ordinal) => MidjourneyAction.Video,
            _ => MidjourneyAction.Other,
        };
        return new(action, null, name);
    }

    private static bool TryIndexed(string name, string prefix, out int index)
    {
        index = 0;
        return name.Length == prefix.Length + 1
            && name.StartsWith(prefix, StringComparison.Ordinal)
            && int.TryParse(name.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out index)
            && index is >= 1 and <= 4;
    }
}
