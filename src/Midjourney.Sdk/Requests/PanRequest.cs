namespace Midjourney.Sdk;

/// <summary>Extend an upscaled image in one direction.</summary>
/// <param name="TaskId">The parent task: an upscaled image.</param>
/// <param name="Direction">The side to extend.</param>
public sealed record PanRequest(string TaskId, PanDirection Direction) : MidjourneyRequest
{
    /// <summary>A prompt for the new area; null keeps the parent's.</summary>
    public string? Prompt { get; init; }
}
