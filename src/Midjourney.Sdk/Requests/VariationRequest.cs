namespace Midjourney.Sdk;

/// <summary>Generate variations of image <paramref name="Index"/> of a grid (V1..V4), or of an upscaled image with a <see cref="Strength"/>.</summary>
/// <param name="TaskId">The parent task.</param>
/// <param name="Index">Which image of the grid, 1..4.</param>
public sealed record VariationRequest(string TaskId, int Index) : MidjourneyRequest
{
    /// <summary>For an upscaled parent: Vary (Subtle) or Vary (Strong); null for a grid variation (V1..V4).</summary>
    public VariationStrength? Strength { get; init; }

    /// <summary>A new prompt (remix); null keeps the parent's.</summary>
    public string? Prompt { get; init; }
}
