namespace Midjourney.Sdk;

/// <summary>
/// Animate an image: Midjourney's image-to-video, clips of about 5 seconds. Offered by midapi (and kie.ai) and by
/// MJ-Proxy servers of the trueai-org line (see <see cref="MidjourneyCapabilities"/>); the finished task has the clips in
/// <see cref="MidjourneyTask.VideoUrls"/>.
/// </summary>
/// <param name="Image">
/// The start frame. midapi takes it as a URL only (inline data is an <see cref="ArgumentException"/> before any traffic);
/// MJ-Proxy takes a URL or inline data (sent as a data URL).
/// </param>
public sealed record VideoRequest(MidjourneyImage Image) : MidjourneyRequest
{
    /// <summary>
    /// What should happen in the video. Both wires require one: a null or blank prompt is an
    /// <see cref="ArgumentException"/> before any traffic.
    /// </summary>
    public string? Prompt { get; init; }

    /// <summary>Low or high motion; null for the provider's default (low).</summary>
    public VideoMotion? Motion { get; init; }

    /// <summary>How many clips to make: 1, 2 or 4; null for the provider's default (4).</summary>
    public int? BatchSize { get; init; }

    /// <summary>720p (HD) instead of 480p (SD): midapi's <c>mj_video_hd</c>, MJ-Proxy's <c>vid_1.1_i2v_720</c>.</summary>
    public bool HighDefinition { get; init; }

    /// <summary>The last frame (MJ-Proxy only; a URL or inline data); null for none. midapi has no field for it.</summary>
    public MidjourneyImage? EndImage { get; init; }

    /// <summary>Make the clip end where it started (MJ-Proxy only; midapi has no field for it).</summary>
    public bool Loop { get; init; }

    /// <summary>
    /// The generation lane; null for the provider's default. MJ-Proxy uses it as for imagine (a configured lane prefix, else
    /// Midjourney's speed flag in the prompt); midapi does not use a speed for video, and does not send it.
    /// </summary>
    public MidjourneySpeed? Speed { get; init; }
}
