using System.Globalization;
using Midjourney.Sdk.Emulator.Tasks;

namespace Midjourney.Sdk.Emulator.Protocols.MjProxy;

/// <summary>How MJ-Proxy spells the emulator's neutral values: codes, statuses, actions, lanes and Discord buttons.</summary>
internal static class MjProxyNames
{
    public const int Success = 1;
    public const int NotFound = 3;
    public const int ValidationError = 4;
    public const int Failure = 9;
    public const int Existed = 21;
    public const int InQueue = 22;
    public const int QueueRejected = 23;
    public const int BannedPrompt = 24;

    /// <summary>A prompt containing it is accepted with code 22 (queued), so clients can see a queue position.</summary>
    public const string QueueMarker = "[queue]";

    /// <summary>A prompt containing it is refused with code 23 (queue full), so clients can test their retries.</summary>
    public const string QueueFullMarker = "[queue-full]";

    /// <summary>Follow-ups of a task whose prompt contains it behave as with remix on: variations, reroll and pan open the dialog.</summary>
    public const string RemixMarker = "[remix]";

    /// <summary>Words refused with code 24 (whole words, any case).</summary>
    public static readonly IReadOnlyList<string> BannedWords = ["nsfw", "nude", "gore"];

    /// <summary>The lane prefixes relays put before <c>/mj</c> (self-hosted <c>mj-fast</c>, aggregators <c>fast</c>); "" for none.</summary>
    public static readonly IReadOnlyList<string> Lanes = ["", "mj-fast", "mj-relax", "mj-turbo", "fast", "relax", "turbo"];

    public static ProcessMode? ModeOfLane(string lane) => lane.Replace("mj-", "", StringComparison.Ordinal) switch
    {
        "fast" => ProcessMode.Fast,
        "relax" => ProcessMode.Relax,
        "turbo" => ProcessMode.Turbo,
        _ => null,
    };

    public static string Status(TaskPhase phase) => phase switch
    {
        TaskPhase.Pending => "SUBMITTED",
        TaskPhase.Running => "IN_PROGRESS",
        TaskPhase.Succeeded => "SUCCESS",
        _ => "FAILURE",
    };

    public static string Action(TaskKind kind) => kind switch
    {
        TaskKind.Imagine => "IMAGINE",
        TaskKind.Reroll => "REROLL",
        TaskKind.Upscale => "UPSCALE",
        TaskKind.Variation => "VARIATION",
        TaskKind.Inpaint => "INPAINT",
        TaskKind.Outpaint => "ZOOM",
        TaskKind.Pan => "PAN",
        TaskKind.Describe => "DESCRIBE",
        TaskKind.Shorten => "SHORTEN",
        TaskKind.Video => "VIDEO",
        _ => "BLEND",
    };

    /// <summary>A failed task's <c>failReason</c>: <c>"[title] text"</c> as the servers relay Midjourney's messages.</summary>
    public static string? FailReason(EmulatedTask task) => PromptFlags.AsksForContentViolation(task.Prompt)
        ? "[Banned prompt detected] Sorry! Our AI moderator thinks this prompt is probably against our community standards. (emulated)"
        : task.FailureReason;

    /// <summary>The word of <see cref="BannedWords"/> in <paramref name="text"/>, or <see langword="null"/>.</summary>
    public static string? BannedWordIn(string text)
        => new string([.. text.Select(c => char.IsLetterOrDigit(c) ? c : ' ')])
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(word => BannedWords.Contains(word, StringComparer.OrdinalIgnoreCase))?.ToLowerInvariant();

    /// <summary>Midjourney's job hash for a task (a UUID), the last part of its buttons' customIds.</summary>
    public static string JobHash(EmulatedTask task)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, StableHash.Of("mj-job", task.Id));
        BitConverter.TryWriteBytes(bytes[8..], StableHash.Of("mj-job-2", task.Id));
        return new Guid(bytes).ToString("D");
    }

    /// <summary>The buttons Midjourney puts under a finished task: a grid's U/V/reroll row, an upscaled image's tools, none for text.</summary>
    public static IReadOnlyList<MjProxyButton> ButtonsOf(EmulatedTask task)
    {
        var h = JobHash(task);
        if (task.Output == TaskOutput.Grid)
        {
            return
            [
                .. Enumerable.Range(1, 4).Select(i => new MjProxyButton(Id($"MJ::JOB::upsample::{i}::{h}"), Id($"U{i}"), "")),
                new MjProxyButton($"MJ::JOB::reroll::0::{h}::SOLO", "", "🔄"),
                .. Enumerable.Range(1, 4).Select(i => new MjProxyButton(Id($"MJ::JOB::variation::{i}::{h}"), Id($"V{i}"), "")),
            ];
        }

        if (task.Output != TaskOutput.Image)
        {
            return [];
        }

        var version = UpscalerVersion(task.Prompt);
        IReadOnlyList<MjProxyButton> upscalers = version == "v5"
            ?
            [
                new($"MJ::JOB::upsample_v5_2x::1::{h}::SOLO", "Upscale (2x)", ""),
                new($"MJ::JOB::upsample_v5_4x::1::{h}::SOLO", "Upscale (4x)", ""),
            ]
            :
            [
                new($"MJ::JOB::upsample_{version}_2x_subtle::1::{h}::SOLO", "Upscale (Subtle)", ""),
                new($"MJ::JOB::upsample_{version}_2x_creative::1::{h}::SOLO", "Upscale (Creative)", ""),
            ];
        return
        [
            .. upscalers,
            new($"MJ::JOB::low_variation::1::{h}::SOLO", "Vary (Subtle)", "🪄"),
            new($"MJ::JOB::high_variation::1::{h}::SOLO", "Vary (Strong)", "🪄"),
            new($"MJ::Inpaint::1::{h}::SOLO", "Vary (Region)", "🖌️"),
            new($"MJ::Outpaint::50::1::{h}::SOLO", "Zoom Out 2x", "🔍"),
            new($"MJ::Outpaint::75::1::{h}::SOLO", "Zoom Out 1.5x", "🔍"),
            new($"MJ::CustomZoom::{h}", "Custom Zoom", "🔍"),
            new($"MJ::Outpaint::100::1::{h}::SOLO", "Make Square", "↔️"),
            new($"MJ::JOB::pan_left::1::{h}::SOLO", "", "⬅️"),
            new($"MJ::JOB::pan_right::1::{h}::SOLO", "", "➡️"),
            new($"MJ::JOB::pan_up::1::{h}::SOLO", "", "⬆️"),
            new($"MJ::JOB::pan_down::1::{h}::SOLO", "", "⬇️"),
        ];
    }

    /// <summary>What pressing <paramref name="customId"/> (one of a task's <see cref="ButtonsOf"/>) starts.</summary>
    public static MjProxyPress Press(string customId)
    {
        var parts = customId.Split("::");
        var verb = parts.Length > 2 ? parts[2] : "";
        var index = parts.Length > 3 && int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : 0;
        return (parts[1], verb) switch
        {
            ("JOB", "upsample") => new(new FollowUp(FollowUpKind.Upscale, index), false, false),
            ("JOB", "variation") => new(new FollowUp(FollowUpKind.Variation, index), false, true),
            ("JOB", "reroll") => new(new FollowUp(FollowUpKind.Reroll), false, true),
            ("JOB", "low_variation") => new(new FollowUp(FollowUpKind.SubtleVariation), false, true),
            ("JOB", "high_variation") => new(new FollowUp(FollowUpKind.StrongVariation), false, true),
            ("JOB", _) when verb.StartsWith("pan_", StringComparison.Ordinal) => new(new FollowUp(FollowUpKind.Pan, Detail: verb["pan_".Length..]), false, true),
            ("JOB", _) when verb.EndsWith("_4x", StringComparison.Ordinal) => new(new FollowUp(FollowUpKind.UpscaleFourX), false, false),
            ("JOB", _) => new(new FollowUp(FollowUpKind.UpscaleTwoX), false, false),
            ("Outpaint", "50") => new(new FollowUp(FollowUpKind.Outpaint, Detail: "2"), false, false),
            ("Outpaint", "75") => new(new FollowUp(FollowUpKind.Outpaint, Detail: "1.5"), false, false),
            ("Outpaint", _) => new(new FollowUp(FollowUpKind.Outpaint, Detail: "1"), false, false),
            ("CustomZoom", _) => new(new FollowUp(FollowUpKind.Outpaint), true, false),
            _ => new(new FollowUp(FollowUpKind.Inpaint), true, false),
        };
    }

    /// <summary>The upscaler generation of a prompt's model: <c>v5</c> offers 2x/4x, later ones Subtle/Creative.</summary>
    private static string UpscalerVersion(string prompt)
    {
        var tokens = prompt.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        for (var t = 0; t < tokens.Length - 1; t++)
        {
            if (tokens[t] is "--v" or "--version")
            {
                return tokens[t + 1] switch
                {
                    var v when v.StartsWith('5') => "v5",
                    "6.1" => "v6r1",
                    var v when v.StartsWith('6') => "v6",
                    _ => "v7",
                };
            }
        }

        return tokens.Contains("--niji", StringComparer.OrdinalIgnoreCase) ? "v6" : "v7";
    }

    private static string Id(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
