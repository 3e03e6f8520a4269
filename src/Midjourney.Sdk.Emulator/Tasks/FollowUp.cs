namespace Midjourney.Sdk.Emulator.Tasks;

/// <summary>A follow-up on a finished task, independent of how a protocol spells it.</summary>
/// <param name="Kind">The button.</param>
/// <param name="Index">
/// The grid image, 1..4, for <see cref="FollowUpKind.Upscale"/> and <see cref="FollowUpKind.Variation"/>; the clip, 1..4,
/// for <see cref="FollowUpKind.VideoExtend"/>; else 0.
/// </param>
/// <param name="Detail">The zoom (outpaint) or direction (pan) as given, else empty; it feeds the picture's seed.</param>
internal readonly record struct FollowUp(FollowUpKind Kind, int Index = 0, string Detail = "")
{
    /// <summary>Grid buttons (U1..U4, V1..V4, reroll) need a grid, extend a video; the rest need an upscaled image.</summary>
    public TaskOutput RequiredParentOutput => Kind switch
    {
        FollowUpKind.Reroll or FollowUpKind.Upscale or FollowUpKind.Variation => TaskOutput.Grid,
        FollowUpKind.VideoExtend => TaskOutput.Video,
        _ => TaskOutput.Image,
    };

    public TaskOutput ResultOutput => Kind switch
    {
        FollowUpKind.Upscale or FollowUpKind.UpscaleTwoX or FollowUpKind.UpscaleFourX => TaskOutput.Image,
        FollowUpKind.VideoExtend => TaskOutput.Video,
        _ => TaskOutput.Grid,
    };

    public TaskKind ResultKind => Kind switch
    {
        FollowUpKind.Reroll => TaskKind.Reroll,
        FollowUpKind.VideoExtend => TaskKind.Video,
        FollowUpKind.Upscale or FollowUpKind.UpscaleTwoX or FollowUpKind.UpscaleFourX => TaskKind.Upscale,
        FollowUpKind.Variation or FollowUpKind.StrongVariation or FollowUpKind.SubtleVariation => TaskKind.Variation,
        FollowUpKind.Inpaint => TaskKind.Inpaint,
        FollowUpKind.Outpaint => TaskKind.Outpaint,
        _ => TaskKind.Pan,
    };
}
