namespace Midjourney.Sdk;

/// <summary>Get four prompts that describe an image.</summary>
/// <param name="Image">The image to describe.</param>
public sealed record DescribeRequest(MidjourneyImage Image) : MidjourneyRequest
{
    /// <summary>The generation lane; null for the provider's default.</summary>
    public MidjourneySpeed? Speed { get; init; }
}
