namespace Midjourney.Sdk.Emulator.Tasks;

/// <summary>The buttons Midjourney offers under a finished image (and, for <see cref="VideoExtend"/>, under a finished video).</summary>
internal enum FollowUpKind
{
    Reroll,
    Upscale,
    UpscaleTwoX,
    UpscaleFourX,
    Variation,
    StrongVariation,
    SubtleVariation,
    Inpaint,
    Outpaint,
    Pan,

    /// <summary>Extend one clip of a video (MJ-Proxy's <c>/mj/submit/video</c> with <c>action: "extend"</c>): a new video task.</summary>
    VideoExtend,
}
