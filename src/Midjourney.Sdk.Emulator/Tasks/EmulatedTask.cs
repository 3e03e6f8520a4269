using System.Text.Json;
using Midjourney.Sdk.Emulator.Callbacks;

namespace Midjourney.Sdk.Emulator.Tasks;

/// <summary>
/// One submitted task, the same for every protocol. It is immutable: its status is not stored but computed from
/// <see cref="CreatedAt"/>, <see cref="Duration"/>, <see cref="Id"/> (which varies its queue wait and progress steps)
/// and the clock (<see cref="TaskLifecycle"/>).
/// </summary>
internal sealed class EmulatedTask
{
    public required string Id { get; init; }

    public required TaskKind Kind { get; init; }

    public required TaskOutput Output { get; init; }

    /// <summary>The prompt in effect: the submitted one, or the parent's for a follow-up without one.</summary>
    public required string Prompt { get; init; }

    public required ProcessMode Mode { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Submit to final status, decided at creation (<see cref="TaskDurations"/>), so polling never sees it change.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>The submit body exactly as parsed, echoed back by protocols that do (GoAPI's <c>meta.task_request</c>).</summary>
    public required JsonElement Request { get; init; }

    /// <summary>Where the submit asked to be called back, or <see langword="null"/> when it did not; each submit carries its own.</summary>
    public CallbackTarget? Callback { get; init; }

    public string? ParentId { get; init; }

    /// <summary>The button pressed on the parent, for follow-ups.</summary>
    public FollowUp? FollowUp { get; init; }

    /// <summary>Drives the pictures: the same seed always draws the same pixels.</summary>
    public ulong Seed { get; init; }

    /// <summary>For an upscale, the parent grid's quadrant (0..3) it shows; -1 for a grid.</summary>
    public int Quadrant { get; init; } = -1;

    /// <summary>Edge length in pixels of an upscaled image.</summary>
    public int ImageSize { get; init; } = 512;

    /// <summary>The shape of the task's pictures (its grid, quadrants and upscales).</summary>
    public ImageAspect Aspect { get; init; } = ImageAspect.Square;

    /// <summary>Why the task will fail when its time is up, or <see langword="null"/> when it will succeed.</summary>
    public string? FailureReason { get; init; }

    /// <summary>How many clips a video task makes (1, 2 or 4); 0 for other kinds.</summary>
    public int VideoCount { get; init; }

    /// <summary>Describe's four prompts, or shorten's suggestions (without numbering); empty for other kinds.</summary>
    public IReadOnlyList<string> DescribedPrompts { get; init; } = [];
}
