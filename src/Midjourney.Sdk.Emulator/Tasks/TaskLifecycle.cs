namespace Midjourney.Sdk.Emulator.Tasks;

/// <summary>
/// Computes a task's state from its age on every read. No background timers: a fake clock moves every
/// task forward the moment it is advanced, and nothing runs between requests.
/// </summary>
internal static class TaskLifecycle
{
    /// <summary>The share of the task duration spent queued, like Midjourney's job queue.</summary>
    public const double QueuedShare = 0.1;

    public static TaskState StateAt(EmulatedTask task, DateTimeOffset now)
    {
        var duration = task.Duration;
        var elapsed = now - task.CreatedAt;
        var startedAt = task.CreatedAt + (duration * QueuedShare);

        if (elapsed >= duration)
        {
            var endedAt = task.CreatedAt + duration;
            return task.FailureReason is null
                ? new TaskState(TaskPhase.Succeeded, 100, startedAt, endedAt)
                : new TaskState(TaskPhase.Failed, 0, startedAt, endedAt);
        }

        if (elapsed < duration * QueuedShare)
        {
            return new TaskState(TaskPhase.Pending, 0, null, null);
        }

        var progress = (int)(elapsed.Ticks * 100 / duration.Ticks);
        return new TaskState(TaskPhase.Running, Math.Clamp(progress, 1, 99), startedAt, null);
    }
}
