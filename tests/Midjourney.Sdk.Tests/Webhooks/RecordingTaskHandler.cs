using System.Diagnostics;

namespace Midjourney.Sdk.Tests.Webhooks;

/// <summary>
/// An <see cref="IMidjourneyTaskHandler"/> that records every update it is given (before running <paramref name="onTask"/>,
/// which may throw or block), and lets a test wait until what it has seen satisfies a condition.
/// </summary>
internal sealed class RecordingTaskHandler(Func<MidjourneyTask, CancellationToken, Task>? onTask = null) : IMidjourneyTaskHandler
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private readonly object _gate = new();
    private readonly List<MidjourneyTask> _seen = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<MidjourneyTask> Seen
    {
        get
        {
            lock (_gate)
            {
                return [.. _seen];
            }
        }
    }

    /// <summary>What was seen as "id status progress" strings, for readable assertions.</summary>
    public IReadOnlyList<string> Steps => [.. Seen.Select(Step)];

    public static string Step(MidjourneyTask task) => $"{task.Id} {task.Status} {task.Progress?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}";

    public async Task HandleAsync(MidjourneyTask task, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _seen.Add(task);
            _changed.TrySetResult();
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        if (onTask is not null)
        {
            await onTask(task, cancellationToken);
        }
    }

    /// <summary>Waits (in real time, at most 30 s: handlers run on the thread pool) until a task with <paramref name="taskId"/> has been seen.</summary>
    public Task WaitForAsync(string taskId) => WaitUntilAsync(seen => seen.Any(t => t.Id == taskId));

    public async Task WaitUntilAsync(Func<IReadOnlyList<MidjourneyTask>, bool> done)
    {
        var real = Stopwatch.StartNew();
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (done(_seen))
                {
                    return;
                }

                changed = _changed.Task;
            }

            TimeSpan left = Limit - real.Elapsed;
            if (left <= TimeSpan.Zero || await Task.WhenAny(changed, Task.Delay(left)) != changed)
            {
                throw new TimeoutException($"The handler did not see what was expected; it saw: {string.Join(", ", Steps)}");
            }
        }
    }
}
