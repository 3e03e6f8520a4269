namespace Midjourney.Sdk;

/// <summary>
/// Extend clip <paramref name="Index"/> of a finished video task by about 4 more seconds: a follow-up, like an upscale of a
/// grid image. Offered by MJ-Proxy servers of the trueai-org line only (<c>/mj/submit/video</c> with
/// <c>action: "extend"</c>; see <see cref="MidjourneyCapabilities.SupportsVideoExtend"/>); the finished task is a
/// <see cref="MidjourneyAction.Video"/> task with the new clips in <see cref="MidjourneyTask.VideoUrls"/>.
/// </summary>
/// <param name="TaskId">The parent: a video task that has succeeded.</param>
/// <param name="Index">Which clip of the parent, 1..4 (sent 0-based, as the wire counts).</param>
public sealed record VideoExtendRequest(string TaskId, int Index) : MidjourneyRequest
{
    /// <summary>
    /// What should happen next in the video. trueai-org's servers require one for extend as for a new video (Midjourney's
    /// "Extend Auto" button has no API form there): a null or blank prompt is an <see cref="ArgumentException"/> before any traffic.
    /// </summary>
    public string? Prompt { get; init; }

    /// <summary>Low or high motion; null for the provider's default (low).</summary>
    public VideoMotion? Motion { get; init; }

    /// <summary>
    /// The generation lane; null for the provider's default. MJ-Proxy uses it as for a new video (a configured lane prefix,
    /// else Midjourney's speed flag in the prompt).
    /// </summary>
    public MidjourneySpeed? Speed { get; init; }
}
