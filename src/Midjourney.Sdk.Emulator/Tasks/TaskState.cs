namespace Midjourney.Sdk.Emulator.Tasks;

/// <summary>A task as seen at one instant: computed from the clock, never stored.</summary>
/// <param name="Phase">The lifecycle phase.</param>
/// <param name="Progress">0 while pending, one of <see cref="TaskTimeline.ProgressSteps"/> while running, 100 when succeeded, 0 when failed.</param>
/// <param name="StartedAt">When the task left the queue, or <see langword="null"/> while pending.</param>
/// <param name="EndedAt">When the task ended, or <see langword="null"/> while it runs.</param>
internal readonly record struct TaskState(TaskPhase Phase, int Progress, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt)
{
    public bool IsTerminal => Phase is TaskPhase.Succeeded or TaskPhase.Failed;

    /// <summary>True for a task canceled before it ended (its <see cref="Phase"/> is then <see cref="TaskPhase.Failed"/>).</summary>
    public bool Canceled { get; init; }

    /// <summary>True once the task's seed was looked up (MJ-Proxy's <c>image-seed</c>), after which trueai-org reports it on the task.</summary>
    public bool SeedLookedUp { get; init; }

    /// <summary>Seconds spent working: 0 while queued, growing while running, fixed once ended.</summary>
    public double ProcessSeconds(DateTimeOffset now) => StartedAt is { } started
        ? Math.Max(0, ((EndedAt ?? now) - started).TotalSeconds)
        : 0;
}
