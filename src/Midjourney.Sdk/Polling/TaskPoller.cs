using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Midjourney.Sdk.Http;

namespace Midjourney.Sdk.Polling;

/// <summary>
/// Polls a task on a <see cref="PollingSchedule"/> until it is final, driven by <see cref="TimeProvider"/> so tests never
/// sleep. A transient failure of one status check does not end the wait; anything else (an unknown task, a bad key) does.
/// </summary>
internal sealed class TaskPoller(
    Func<string, CancellationToken, Task<MidjourneyTask>> fetch,
    MidjourneyProvider provider,
    PollingSchedule schedule,
    TimeProvider timeProvider,
    ILogger logger,
    Func<string, TimeSpan?>? initialDelayFor = null)
{
    /// <summary>
    /// Yields the task each time its status or progress changes, and ends after the final one, or after one that
    /// waits for input (<see cref="MidjourneyTaskStatus.NeedsInput"/>), since polling alone will never move it on.
    /// </summary>
    public async IAsyncEnumerable<MidjourneyTask> WatchAsync(string taskId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long started = timeProvider.GetTimestamp();
        MidjourneyTask? last = null;
        TimeSpan delay = initialDelayFor?.Invoke(taskId) ?? schedule.InitialDelay;
        TimeSpan interval = schedule.Interval;
        while (true)
        {
            TimeSpan remaining = schedule.Timeout - timeProvider.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                throw new MidjourneyWaitTimeoutException(last ?? NotSeenYet(taskId), schedule.Timeout);
            }

            await Task.Delay(delay < remaining ? delay : remaining, timeProvider, cancellationToken).ConfigureAwait(false);
            delay = interval;
            interval = schedule.Next(interval);

            MidjourneyTask? task = await TryFetchAsync(taskId, cancellationToken).ConfigureAwait(false);
            if (task is null)
            {
                continue;
            }

            if (last is null || task.Status != last.Status || task.Progress != last.Progress)
            {
                yield return task;
            }

            last = task;
            if (task.IsCompleted || task.Status == MidjourneyTaskStatus.NeedsInput)
            {
                yield break;
            }
        }
    }

    /// <summary>Waits for the final task: returns it when it succeeded, throws <see cref="MidjourneyTaskFailedException"/> otherwise.</summary>
    public async Task<MidjourneyTask> WaitAsync(string taskId, IProgress<MidjourneyTask>? progress, CancellationToken cancellationToken)
    {
        MidjourneyTask? last = null;
        await foreach (MidjourneyTask task in WatchAsync(taskId, cancellationToken).ConfigureAwait(false))
        {
            progress?.Report(task);
            last = task;
        }

        // WatchAsync ends only after a final or waiting task (or throws), so last is that task here.
        return last!.Status switch
        {
            MidjourneyTaskStatus.Succeeded => last,
            MidjourneyTaskStatus.NeedsInput => throw new MidjourneyException(
                $"{provider} task {taskId} ({last.Action}) is waiting for input it was not given (for MJ-Proxy's dialog: a prompt, and a mask for vary region); submit it again with that input.")
            {
                Provider = provider,
                ErrorCode = "NEEDS_INPUT",
            },
            _ => throw new MidjourneyTaskFailedException(last),
        };
    }

    private async Task<MidjourneyTask?> TryFetchAsync(string taskId, CancellationToken cancellationToken)
    {
        try
        {
            return await fetch(taskId, cancellationToken).ConfigureAwait(false);
        }
        catch (MidjourneyException ex) when (ex.IsTransient)
        {
            Log.PollFailed(logger, taskId, ex.Message);
            return null;
        }
    }

    private MidjourneyTask NotSeenYet(string taskId) =>
        new() { Id = taskId, Provider = provider, Status = MidjourneyTaskStatus.Pending };
}
