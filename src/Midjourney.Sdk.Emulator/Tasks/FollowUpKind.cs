namespace Midjourney.Sdk.Emulator.Tasks;

/// <summary>The buttons Midjourney offers under a finished image.</summary>
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
}
