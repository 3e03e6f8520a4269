using System.Globalization;

namespace Midjourney.Sdk;

/// <summary>A wait ran past <see cref="MidjourneyPollingOptions.Timeout"/> before the task finished. The task may still finish later.</summary>
public sealed class MidjourneyWaitTimeoutException : MidjourneyException
{
    /// <summary>Creates an exception for a wait that gave up.</summary>
    /// <param name="task">The last state of the task that was seen.</param>
    /// <param name="timeout">How long the wait lasted.</param>
    public MidjourneyWaitTimeoutException(MidjourneyTask task, TimeSpan timeout)
        : base(Describe(task, timeout))
    {
        Task = task;
        Timeout = timeout;
        Provider = task.Provider;
        IsTransient = true;
    }

    /// <summary>The last state of the task that was seen.</summary>
    public MidjourneyTask Task { get; }

    /// <summary>The wait's time limit.</summary>
    public TimeSpan Timeout { get; }

    private static string Describe(MidjourneyTask task, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(task);
        string progress = task.Progress is int p ? string.Create(CultureInfo.InvariantCulture, $", {p}%") : "";
        return string.Create(CultureInfo.InvariantCulture, $"{task.Provider} task {task.Id} did not finish within {timeout} (last status {task.Status}{progress}).");
    }
}
