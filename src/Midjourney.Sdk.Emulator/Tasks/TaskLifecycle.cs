namespace Midjourney.Sdk.Emulator.Tasks;

/// <summary>
/// Computes a task's state from its age on every read. No background timers: a fake clock moves every
/// task forward the moment it is advanced, and nothing runs between requests except the callbacks a submit asked for
/// (<see cref="Callbacks.CallbackScheduler"/>), which read the same timeline.
/// </summary>
/// <remarks>
/// A task waits in the queue for a share of its duration that varies per task (<see cref="TaskTimeline"/>), then runs,
/// reporting Midjourney's progress steps, and ends at the end of its duration: succeeded at 100, or failed.
/// </remarks>
internal static class TaskLifecycle
{
    public static TaskState StateAt(EmulatedTask task, DateTimeOffset now)
    {
        var timeline = TaskTimeline.Of(task);
        if (now >= timeline.EndsAt)
        {
            return task.FailureReason is null
                ? new TaskState(TaskPhase.Succeeded, 100, timeline.StartedAt, timeline.EndsAt)
                : new TaskState(TaskPhase.Failed, 0, timeline.StartedAt, timeline.EndsAt);
        }

        return now < timeline.StartedAt
            ? new TaskState(TaskPhase.Pending, 0, null, null)
            : new TaskState(TaskPhase.Running, timeline.ProgressAt(now), timeline.StartedAt, null);
    }
}
