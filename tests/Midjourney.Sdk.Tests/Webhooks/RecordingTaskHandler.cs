using Midjourney.Sdk.Tests.TestSupport;

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
    private readonly Pulse _changed = new();

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
        }

        _changed.Signal();

        if (onTask is not null)
        {
            await onTask(task, cancellationToken);
        }
    }

    /// <summary>Waits (in real time, at most 30 s: handlers run on the thread pool) until a task with <paramref name="taskId"/> has been seen.</summary>
    public Task WaitForAsync(string taskId) => WaitUntilAsync(seen => seen.Any(t => t.Id == taskId));

    /// <summary>The first task seen that matches, waiting for it as <see cref="WaitUntilAsync"/> does.</summary>
    public async Task<MidjourneyTask> WaitForAsync(Func<MidjourneyTask, bool> match)
    {
        await WaitUntilAsync(seen => seen.Any(match));
        return Seen.First(match);
    }

    public async Task WaitUntilAsync(Func<IReadOnlyList<MidjourneyTask>, bool> done)
    {
        if (!await TryWaitUntilAsync(done, Limit))
        {
            throw new TimeoutException($"The handler did not see what was expected; it saw: {string.Join(", ", Steps)}");
        }
    }

    /// <summary>True as soon as what was seen satisfies <paramref name="done"/>; false when <paramref name="limit"/> passes first.</summary>
    public Task<bool> TryWaitUntilAsync(Func<IReadOnlyList<MidjourneyTask>, bool> done, TimeSpan limit) =>
        _changed.TryWaitUntilAsync(() => done(Seen), limit);
}
