using System.Text.Json;
using Midjourney.Sdk.Emulator.Tasks;

namespace Midjourney.Sdk.Tests.Emulator;

/// <summary>
/// The emulated task lifecycle on its own: queue waits that vary per task, Midjourney's progress steps, and the end.
/// Tasks get fixed ids here (the store hands out random ones), so every run checks exactly the same timelines.
/// </summary>
public sealed class TaskLifecycleTests
{
    private static readonly DateTimeOffset Created = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(10);

    private static readonly int[] Steps = [0, 15, 31, 46, 62, 78, 93];

    private static IEnumerable<string> Ids(int count) => Enumerable.Range(0, count).Select(i => $"task-{i}");

    private static EmulatedTask Task(string id, TimeSpan? duration = null, string? failure = null) => new()
    {
        Id = id,
        Kind = TaskKind.Imagine,
        Output = TaskOutput.Grid,
        Prompt = "a lighthouse",
        Mode = ProcessMode.Fast,
        CreatedAt = Created,
        Duration = duration ?? Duration,
        Request = default(JsonElement),
        FailureReason = failure,
    };

    private static double QueuedShare(EmulatedTask task)
        => (TaskTimeline.Of(task).StartedAt - task.CreatedAt) / task.Duration;

    [Fact]
    public void QueueWait_VariesBetweenTasks_Within5To45PercentOfTheDuration()
    {
        var shares = Ids(200).Select(id => QueuedShare(Task(id))).ToArray();

        Assert.All(shares, share => Assert.InRange(share, 0.05, 0.45));
        Assert.True(shares.Distinct().Count() >= 190, "every task should wait its own time");
        Assert.True(shares.Min() < 0.1, $"some task should barely wait, shortest share {shares.Min()}");
        Assert.True(shares.Max() > 0.4, $"some task should wait long, longest share {shares.Max()}");
        Assert.InRange(shares.Average(), 0.22, 0.28);
    }

    [Fact]
    public void QueueWait_SameTaskId_IsTheSameEveryTime()
    {
        Assert.Equal(TaskTimeline.Of(Task("task-7")), TaskTimeline.Of(Task("task-7")));
        Assert.NotEqual(TaskTimeline.Of(Task("task-7")).StartedAt, TaskTimeline.Of(Task("task-8")).StartedAt);
    }

    [Fact]
    public void StateAt_AroundTheEndOfTheQueueWait_IsPendingThenRunningAt0WithThatStartTime()
    {
        var task = Task("task-3");
        var started = TaskTimeline.Of(task).StartedAt;

        Assert.Equal(new TaskState(TaskPhase.Pending, 0, null, null), TaskLifecycle.StateAt(task, started - TimeSpan.FromTicks(1)));
        Assert.Equal(new TaskState(TaskPhase.Running, 0, started, null), TaskLifecycle.StateAt(task, started));
    }

    [Fact]
    public void StateAt_WalkedThroughInSmallSteps_ReportsEveryProgressStepInOrderThenSucceedsAt100()
    {
        foreach (var id in Ids(50))
        {
            var task = Task(id);
            var states = Walk(task, TimeSpan.FromMilliseconds(10));

            var phases = states.Select(s => s.Phase).Distinct().ToArray();
            Assert.Equal([TaskPhase.Pending, TaskPhase.Running, TaskPhase.Succeeded], phases);
            var running = states.Where(s => s.Phase == TaskPhase.Running).ToArray();
            var progress = running.Select(s => s.Progress).ToArray();
            Assert.Equal(progress.Order(), progress);
            Assert.Equal(Steps, progress.Distinct());
            Assert.Single(running.Select(s => s.StartedAt).Distinct());
            Assert.All(running, s => Assert.Null(s.EndedAt));
            var done = states[^1];
            Assert.Equal(new TaskState(TaskPhase.Succeeded, 100, running[0].StartedAt, Created + Duration), done);
        }
    }

    [Fact]
    public void StepReachedAt_EachStep_IsNearItsSeventhOfTheRunningTimeStrictlyInOrderAndBeforeTheEnd()
    {
        var offsets = new List<double>();
        foreach (var id in Ids(100))
        {
            var timeline = TaskTimeline.Of(Task(id));
            var running = timeline.EndsAt - timeline.StartedAt;
            var previous = timeline.StartedAt;
            for (var step = 1; step < Steps.Length; step++)
            {
                var reached = timeline.StepReachedAt(step);
                Assert.True(reached > previous, $"{id}: step {step} at {reached:O} is not after {previous:O}");
                Assert.True(reached < timeline.EndsAt, $"{id}: step {step} is not before the end");
                var position = (reached - timeline.StartedAt) / running * 7;
                Assert.InRange(position, step - 0.08 - 1e-6, step + 0.08 + 1e-6);
                offsets.Add(position - step);
                Assert.Equal(Steps[step], timeline.ProgressAt(reached));
                Assert.Equal(Steps[step - 1], timeline.ProgressAt(reached - TimeSpan.FromTicks(1)));
                previous = reached;
            }
        }

        Assert.True(offsets.Min() < -0.06 && offsets.Max() > 0.06, "the step times should be jittered both ways");
    }

    [Fact]
    public void StateAt_FailingTask_RunsThroughTheStepsThenFailsAtTheEndOfItsDuration()
    {
        var task = Task("task-1", failure: "Emulated failure");
        var states = Walk(task, TimeSpan.FromMilliseconds(50));

        Assert.All(states.Where(s => s.Phase == TaskPhase.Running), s => Assert.Contains(s.Progress, Steps));
        Assert.Equal(new TaskState(TaskPhase.Failed, 0, TaskTimeline.Of(task).StartedAt, Created + Duration), states[^1]);
        Assert.Equal(TaskPhase.Running, TaskLifecycle.StateAt(task, Created + Duration - TimeSpan.FromTicks(1)).Phase);
    }

    [Fact]
    public void StateAt_ZeroDuration_SucceedsAtOnce()
    {
        var task = Task("task-0", TimeSpan.Zero);

        Assert.Equal(new TaskState(TaskPhase.Succeeded, 100, Created, Created), TaskLifecycle.StateAt(task, Created));
    }

    /// <summary>The task's state at every <paramref name="step"/> from its creation until just past its end.</summary>
    private static List<TaskState> Walk(EmulatedTask task, TimeSpan step)
    {
        var states = new List<TaskState>();
        for (var now = task.CreatedAt; now <= task.CreatedAt + task.Duration + step; now += step)
        {
            states.Add(TaskLifecycle.StateAt(task, now));
        }

        return states;
    }
}
