namespace Midjourney.Sdk;

/// <summary>Upscale image <paramref name="Index"/> of a grid task (U1..U4), or an upscaled image further.</summary>
/// <param name="TaskId">The parent task.</param>
/// <param name="Index">Which image of the grid, 1..4 (ignored by the modes that act on an upscaled image, but still validated).</param>
public sealed record UpscaleRequest(string TaskId, int Index) : MidjourneyRequest
{
    /// <summary>The upscaler; <see cref="UpscaleMode.Default"/> picks one image of a grid.</summary>
    public UpscaleMode Mode { get; init; } = UpscaleMode.Default;
}
