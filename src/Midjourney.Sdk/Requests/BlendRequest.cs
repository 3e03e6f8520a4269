namespace Midjourney.Sdk;

/// <summary>Blend two to five images into one grid.</summary>
/// <param name="Images">Two to five images.</param>
public sealed record BlendRequest(IReadOnlyList<MidjourneyImage> Images) : MidjourneyRequest
{
    /// <summary>The output's shape; null for the provider's default (square).</summary>
    public BlendDimensions? Dimensions { get; init; }

    /// <summary>The generation lane; null for the provider's default.</summary>
    public MidjourneySpeed? Speed { get; init; }
}
