using System.Globalization;

namespace Midjourney.Sdk.Providers.MjProxy;

/// <summary>
/// Reads a task's <c>buttons</c> as the follow-ups it offers, from each button's <c>customId</c>
/// (<c>MJ::JOB::upsample::1::{hash}</c>, <c>MJ::JOB::low_variation::1::{hash}::SOLO</c>, <c>MJ::Outpaint::50::1::{hash}::SOLO</c> ...).
/// </summary>
internal static class MjProxyAvailableActions
{
    public static IReadOnlyList<MidjourneyAvailableAction> Parse(IReadOnlyList<MjProxyButton?>? buttons) =>
        buttons is null
            ? []
            : [.. buttons.Select(b => b?.CustomId).Where(id => !string.IsNullOrWhiteSpace(id)).Select(id => Parse(id!))];

    private static MidjourneyAvailableAction Parse(string customId)
    {
        string[] parts = customId.Split("::");
        string kind = parts.Length > 1 ? parts[1] : "";
        string name = parts.Length > 2 ? parts[2].ToLowerInvariant() : "";
        return kind switch
        {
            "JOB" => Job(customId, name, parts),
            "Inpaint" => new(MidjourneyAction.Inpaint, null, customId),
            "Outpaint" or "CustomZoom" => new(MidjourneyAction.Outpaint, null, customId),
            _ => new(MidjourneyAction.Other, null, customId),
        };
    }

    private static MidjourneyAvailableAction Job(string customId, string name, string[] parts)
    {
        // U1..U4 and V1..V4 carry the grid index; the SOLO buttons of an upscaled image carry 1 and act on the whole image.
        bool onGrid = !customId.EndsWith("::SOLO", StringComparison.Ordinal);
        int? index = onGrid && parts.Length > 3 && int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n is >= 1 and <= 4 ? n : null;
        MidjourneyAction action = name switch
        {
            "reroll" => MidjourneyAction.Reroll,
            _ when name.StartsWith("upsample", StringComparison.Ordinal) => MidjourneyAction.Upscale,
            _ when name.EndsWith("variation", StringComparison.Ordinal) => MidjourneyAction.Variation,
            _ when name.StartsWith("pan_", StringComparison.Ordinal) => MidjourneyAction.Pan,
            _ when name.Contains("video", StringComparison.Ordinal) || name.Contains("animate", StringComparison.Ordinal) => MidjourneyAction.Video,
            _ => MidjourneyAction.Other,
        };
        return new(action, action is MidjourneyAction.Upscale or MidjourneyAction.Variation ? index : null, customId);
    }
}
