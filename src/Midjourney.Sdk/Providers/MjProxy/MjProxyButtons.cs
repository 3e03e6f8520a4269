using System.Globalization;

namespace Midjourney.Sdk.Providers.MjProxy;

/// <summary>
/// Midjourney's Discord buttons as MJ-Proxy exposes them (<c>{hash}</c> is Midjourney's job hash, not the proxy task id).
/// Follow-ups press the parent's own button rather than building a customId, so whatever the relay reports is what is sent.
/// </summary>
internal static class MjProxyButtons
{
    public static MjProxyButtonChoice Reroll { get; } = new("Reroll (🔄)", "MJ::JOB::reroll::0::{hash}::SOLO", OnGrid: true, p => Job(p, "reroll"));

    public static MjProxyButtonChoice VarySubtle { get; } = new("Vary (Subtle)", "MJ::JOB::low_variation::1::{hash}::SOLO", OnGrid: false, p => Job(p, "low_variation"));

    public static MjProxyButtonChoice VaryStrong { get; } = new("Vary (Strong)", "MJ::JOB::high_variation::1::{hash}::SOLO", OnGrid: false, p => Job(p, "high_variation"));

    public static MjProxyButtonChoice VaryRegion { get; } = new("Vary (Region)", "MJ::Inpaint::1::{hash}::SOLO", OnGrid: false, p => Kind(p, "Inpaint"));

    public static MjProxyButtonChoice ZoomOut2X { get; } = new("Zoom Out 2x", "MJ::Outpaint::50::1::{hash}::SOLO", OnGrid: false, p => Outpaint(p, "50"));

    public static MjProxyButtonChoice ZoomOut15X { get; } = new("Zoom Out 1.5x", "MJ::Outpaint::75::1::{hash}::SOLO", OnGrid: false, p => Outpaint(p, "75"));

    public static MjProxyButtonChoice MakeSquare { get; } = new("Make Square", "MJ::Outpaint::100::1::{hash}::SOLO", OnGrid: false, p => Outpaint(p, "100"));

    public static MjProxyButtonChoice CustomZoom { get; } = new("Custom Zoom", "MJ::CustomZoom::{hash}", OnGrid: false, p => Kind(p, "CustomZoom"));

    public static MjProxyButtonChoice UpscaleSubtle { get; } = new("Upscale (Subtle)", "MJ::JOB::upsample_v{version}_2x_subtle::1::{hash}::SOLO", OnGrid: false, p => Upsampler(p, "_2x_subtle"));

    public static MjProxyButtonChoice UpscaleCreative { get; } = new("Upscale (Creative)", "MJ::JOB::upsample_v{version}_2x_creative::1::{hash}::SOLO", OnGrid: false, p => Upsampler(p, "_2x_creative"));

    public static MjProxyButtonChoice Upscale2X { get; } = new("Upscale (2x)", "MJ::JOB::upsample_v5_2x::1::{hash}::SOLO", OnGrid: false, p => Upsampler(p, "_2x"));

    public static MjProxyButtonChoice Upscale4X { get; } = new("Upscale (4x)", "MJ::JOB::upsample_v5_4x::1::{hash}::SOLO", OnGrid: false, p => Upsampler(p, "_4x"));

    /// <summary>U1..U4.</summary>
    public static MjProxyButtonChoice Upscale(int index) =>
        new(string.Create(CultureInfo.InvariantCulture, $"U{index}"), string.Create(CultureInfo.InvariantCulture, $"MJ::JOB::upsample::{index}::{{hash}}"), OnGrid: true, p => Job(p, "upsample", index));

    /// <summary>V1..V4.</summary>
    public static MjProxyButtonChoice Variation(int index) =>
        new(string.Create(CultureInfo.InvariantCulture, $"V{index}"), string.Create(CultureInfo.InvariantCulture, $"MJ::JOB::variation::{index}::{{hash}}"), OnGrid: true, p => Job(p, "variation", index));

    public static MjProxyButtonChoice Pan(PanDirection direction)
    {
        string side = direction.ToString().ToLowerInvariant();
        return new($"Pan {side}", $"MJ::JOB::pan_{side}::1::{{hash}}::SOLO", OnGrid: false, p => Job(p, "pan_" + side));
    }

    /// <summary>The customId of the first of <paramref name="buttons"/> that is <paramref name="choice"/>, or null.</summary>
    public static string? Find(IReadOnlyList<MjProxyButton?>? buttons, MjProxyButtonChoice choice) =>
        Ids(buttons).FirstOrDefault(id => choice.Matches(Parts(id)));

    /// <summary>Whether <paramref name="buttons"/> hold <paramref name="choice"/>.</summary>
    public static bool Has(IReadOnlyList<MjProxyButton?>? buttons, MjProxyButtonChoice choice) => Find(buttons, choice) is not null;

    /// <summary>Custom Zoom and Vary (Region) always open Midjourney's dialog: the relay answers code 21 and waits for <c>/mj/submit/modal</c>.</summary>
    public static bool AlwaysOpensModal(string customId) =>
        customId.StartsWith("MJ::CustomZoom::", StringComparison.Ordinal) || customId.StartsWith("MJ::Inpaint::", StringComparison.Ordinal);

    /// <summary>Whether the buttons are a grid's (U1..U4 and friends).</summary>
    public static bool LookLikeGrid(IReadOnlyList<MjProxyButton?>? buttons) =>
        Enumerable.Range(1, 4).Any(i => Has(buttons, Upscale(i)));

    /// <summary>Whether the buttons are an upscaled image's (vary, zoom, pan).</summary>
    public static bool LookLikeImage(IReadOnlyList<MjProxyButton?>? buttons) =>
        Has(buttons, VarySubtle) || Has(buttons, VaryStrong) || Has(buttons, VaryRegion) || Has(buttons, ZoomOut2X) || Has(buttons, CustomZoom);

    /// <summary>The buttons as a reader knows them: <c>U1, U2, 🔄, V1 ...</c> (the label, else the emoji, else the customId).</summary>
    public static string Describe(IReadOnlyList<MjProxyButton?>? buttons)
    {
        string[] names = (buttons ?? [])
            .Where(b => b is not null && !string.IsNullOrWhiteSpace(b.CustomId))
            .Select(b => !string.IsNullOrWhiteSpace(b!.Label) ? b.Label! : !string.IsNullOrWhiteSpace(b.Emoji) ? $"{b.Emoji} ({b.CustomId})" : b.CustomId!)
            .ToArray();
        return names.Length == 0 ? "none" : string.Join(", ", names);
    }

    private static IEnumerable<string> Ids(IReadOnlyList<MjProxyButton?>? buttons) =>
        (buttons ?? []).Select(b => b?.CustomId).Where(id => !string.IsNullOrWhiteSpace(id)).Select(id => id!);

    private static string[] Parts(string customId) => customId.Split("::");

    // MJ::JOB::{verb}::{index}::{hash}[::SOLO]
    private static bool Job(string[] parts, string verb, int? index = null) =>
        parts.Length >= 5 && parts[0] == "MJ" && parts[1] == "JOB" && parts[2] == verb
        && (index is null || parts[3] == index.Value.ToString(CultureInfo.InvariantCulture));

    // MJ::JOB::upsample_v{version}{suffix}::1::{hash}::SOLO, e.g. upsample_v6r1_2x_subtle, upsample_v5_4x.
    private static bool Upsampler(string[] parts, string suffix) =>
        parts.Length >= 5 && parts[0] == "MJ" && parts[1] == "JOB"
        && parts[2].StartsWith("upsample_v", StringComparison.Ordinal) && parts[2].EndsWith(suffix, StringComparison.Ordinal)
        && parts[2].Length > "upsample_v".Length + suffix.Length
        && !parts[2]["upsample_v".Length..^suffix.Length].Contains('_');

    private static bool Kind(string[] parts, string kind) => parts.Length >= 3 && parts[0] == "MJ" && parts[1] == kind;

    // MJ::Outpaint::{50|75|100}::1::{hash}::SOLO
    private static bool Outpaint(string[] parts, string percent) => Kind(parts, "Outpaint") && parts.Length >= 5 && parts[2] == percent;
}
