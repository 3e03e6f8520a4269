namespace Midjourney.Sdk;

/// <summary>
/// A follow-up a finished task offers (one of Midjourney's buttons under its result), as the provider lists it in
/// <see cref="MidjourneyTask.AvailableActions"/>.
/// </summary>
/// <param name="Action">The kind of follow-up: <see cref="MidjourneyAction.Upscale"/> for U1..U4 and the upscalers of an upscaled image,
/// <see cref="MidjourneyAction.Variation"/> for V1..V4 and Vary (Subtle/Strong), and so on; <see cref="MidjourneyAction.Other"/> for a button
/// the SDK has no operation for.</param>
/// <param name="Index">The image of the grid it acts on (1..4, as in U1..V4), or <see langword="null"/> for a button that acts on the whole result.</param>
/// <param name="Name">The provider's own name for it: GoAPI's action (<c>upscale1</c>, <c>high_variation</c>), MJ-Proxy's button <c>customId</c>.</param>
public sealed record MidjourneyAvailableAction(MidjourneyAction Action, int? Index, string Name);
