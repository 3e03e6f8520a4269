using Midjourney.Sdk.Emulator.Protocols.MidApi;
using Midjourney.Sdk.Emulator.Tasks;

namespace Midjourney.Sdk.Emulator.Callbacks;

/// <summary>
/// When each provider calls back, worked out from the task's timeline (its state is never stored, so the changes are known
/// at submit): GoAPI when the task ends and, with <c>notify_progress</c>, when it starts and at every progress step; MJ-Proxy
/// at every change of status or progress, from the submit on; APIXO and midapi when it ends.
/// </summary>
internal static class CallbackTriggers
{
    /// <summary>The task's callbacks in time order; a moment that shows nothing new (a zero-length task) is left out.</summary>
    public static IReadOnlyList<CallbackChange> ChangesOf(EmulatedTask task, CallbackTarget target)
    {
        var timeline = TaskTimeline.Of(task);
        var steps = Enumerable.Range(1, TaskTimeline.ProgressSteps.Length - 1).Select(timeline.StepReachedAt);
        IEnumerable<DateTimeOffset> moments = target.Protocol switch
        {
            CallbackProtocol.MjProxy => [task.CreatedAt, timeline.StartedAt, .. steps, timeline.EndsAt],
            CallbackProtocol.GoApi when target.NotifyProgress => [timeline.StartedAt, .. steps, timeline.EndsAt],
            _ => [timeline.EndsAt],
        };

        var changes = new List<CallbackChange>();
        foreach (var at in moments)
        {
            var state = TaskLifecycle.StateAt(task, at);
            var status = StatusOf(target.Protocol, task, state);
            if (changes.Count == 0 || changes[^1].Status != status || changes[^1].State.Progress != state.Progress)
            {
                changes.Add(new CallbackChange(at, state, status));
            }
        }

        return changes;
    }

    /// <summary>The status as the SDK names it; midapi's <c>successFlag</c> 3 is a failure though the task ran to its end.</summary>
    private static string StatusOf(CallbackProtocol protocol, EmulatedTask task, TaskState state) => state.Phase switch
    {
        TaskPhase.Pending => "Pending",
        TaskPhase.Running => "InProgress",
        TaskPhase.Failed => "Failed",
        _ when protocol == CallbackProtocol.MidApi && !MidApiOutcome.Of(task, state).Succeeded => "Failed",
        _ => "Succeeded",
    };
}
