using System.Collections.Immutable;

namespace Midjourney.Sdk.Emulator.Tasks;

/// <summary>
/// When a task leaves the queue, when it reaches each of Midjourney's progress steps and when it ends. Everything is derived
/// from the task's id, creation time and duration, so the same task always follows the same timeline, and nothing is stored
/// or scheduled. The waits vary per task on purpose: a polling planner must not be able to learn one fixed rhythm here.
/// </summary>
internal readonly record struct TaskTimeline
{
    /// <summary>The shortest queue wait, as a share of the task's duration.</summary>
    public const double MinQueuedShare = 0.05;

    /// <summary>The longest queue wait, as a share of the task's duration: busy relays keep jobs waiting a long time.</summary>
    public const double MaxQueuedShare = 0.45;

    /// <summary>How far a step may move from its even spacing, as a share of one step interval, either way.</summary>
    public const double StepJitter = 0.08;

    /// <summary>Odd and spread over all 64 bits, so adding multiples of it gives unrelated inputs to the mix.</summary>
    private const ulong Golden = 0x9E3779B97F4A7C15;

    private readonly ulong _hash;

    private TaskTimeline(DateTimeOffset startedAt, DateTimeOffset endsAt, ulong hash)
    {
        StartedAt = startedAt;
        EndsAt = endsAt;
        _hash = hash;
    }

    /// <summary>
    /// The progress Midjourney reports while a job runs: it moves in these coarse steps, not smoothly, so a client sees the
    /// same number for a while and then a jump. Index 0 is the value right after the job leaves the queue.
    /// </summary>
    public static ImmutableArray<int> ProgressSteps { get; } = [0, 15, 31, 46, 62, 78, 93];

    /// <summary>The end of the queue wait: the task runs (at progress 0) from here on.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>When the task succeeds or fails.</summary>
    public DateTimeOffset EndsAt { get; }

    /// <summary>The number of equal intervals the running time is cut into: one per step, and the last one to finish.</summary>
    private static int Intervals => ProgressSteps.Length;

    public static TaskTimeline Of(EmulatedTask task)
    {
        var hash = StableHash.Of("task-timeline", task.Id);
        var queuedShare = MinQueuedShare + ((MaxQueuedShare - MinQueuedShare) * Draw(hash, 0));
        var queued = TimeSpan.FromTicks((long)Math.Round(task.Duration.Ticks * queuedShare));
        return new(task.CreatedAt + queued, task.CreatedAt + task.Duration, hash);
    }

    /// <summary>
    /// When step <paramref name="step"/> (1 to 6) is reached: at about step/7 of the running time, moved by up to
    /// <see cref="StepJitter"/> of an interval. With the jitter under half an interval the steps stay in order, and the
    /// last one stays before the end.
    /// </summary>
    public DateTimeOffset StepReachedAt(int step)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(step, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(step, ProgressSteps.Length);
        var jitter = StepJitter * ((2 * Draw(_hash, step)) - 1);
        var running = (EndsAt - StartedAt).Ticks;
        return StartedAt + TimeSpan.FromTicks((long)(running * (step + jitter) / Intervals));
    }

    /// <summary>The progress of a running task: the last step reached by <paramref name="now"/>.</summary>
    public int ProgressAt(DateTimeOffset now)
    {
        for (var step = ProgressSteps.Length - 1; step > 0; step--)
        {
            if (now >= StepReachedAt(step))
            {
                return ProgressSteps[step];
            }
        }

        return ProgressSteps[0];
    }

    /// <summary>Uniform draw number <paramref name="index"/> in [0, 1) from the task's hash.</summary>
    private static double Draw(ulong hash, int index) => StableHash.ToUnitInterval(StableHash.Mix(hash + ((ulong)(index + 1) * Golden)));
}
