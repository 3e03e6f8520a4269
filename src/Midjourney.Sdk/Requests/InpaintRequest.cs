namespace Midjourney.Sdk;

/// <summary>Regenerate the masked region of an upscaled image (Vary Region).</summary>
/// <param name="TaskId">The parent task: an upscaled image.</param>
/// <param name="Mask">A black and white image of the parent's size; white marks the area to repaint.</param>
public sealed record InpaintRequest(string TaskId, MidjourneyImage Mask) : MidjourneyRequest
{
    /// <summary>What to paint in the region; null keeps the parent's prompt.</summary>
    public string? Prompt { get; init; }
}
