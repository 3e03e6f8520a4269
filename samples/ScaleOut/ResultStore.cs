using Midjourney.Sdk;

namespace ScaleOut;

/// <summary>
/// Runs on every instance for every new state of a task (the backplane shares them), so what it writes is keyed by task
/// and status: writing the same final state twice changes nothing. A real app writes to its database here.
/// </summary>
internal sealed class ResultStore(ILogger<ResultStore> logger) : IMidjourneyTaskHandler
{
    public Task HandleAsync(MidjourneyTask task, CancellationToken cancellationToken)
    {
        if (task.IsCompleted)
        {
            logger.LogInformation("Task {TaskId} ended {Status} with {Count} image(s)", task.Id, task.Status, task.ImageUrls.Count);
        }

        return Task.CompletedTask;
    }
}
