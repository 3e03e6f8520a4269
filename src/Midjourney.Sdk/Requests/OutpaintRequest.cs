namespace Midjourney.Sdk;

/// <summary>Extend the canvas of an upscaled image: zoom out, or make it square.</summary>
/// <param name="TaskId">The parent task: an upscaled image.</param>
/// <param name="Zoom">1 makes the image square; 1.5 and 2 are Zoom Out 1.5x and 2x; any other value in (1, 2] is a custom zoom.</param>
public sealed record OutpaintRequest(string TaskId, double Zoom) : MidjourneyRequest
{
    /// <summary>A prompt for the new area; null keeps the parent's.</summary>
    public string? Prompt { get; init; }

    /// <summary>A new aspect ratio as <c>W:H</c>; null keeps the parent's.</summary>
    public string? AspectRatio { get; init; }
}
