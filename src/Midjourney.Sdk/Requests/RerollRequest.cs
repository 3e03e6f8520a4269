namespace Midjourney.Sdk;

/// <summary>Run a grid task's prompt again.</summary>
/// <param name="TaskId">The parent task.</param>
public sealed record RerollRequest(string TaskId) : MidjourneyRequest
{
    /// <summary>A new prompt; null keeps the parent's.</summary>
    public string? Prompt { get; init; }

    /// <summary>A new aspect ratio as <c>W:H</c>; null keeps the parent's.</summary>
    public string? AspectRatio { get; init; }
}
