namespace Midjourney.Sdk;

/// <summary>Where a task is in its lifecycle, the same for every provider.</summary>
public enum MidjourneyTaskStatus
{
    /// <summary>Accepted and queued; not started yet.</summary>
    Pending,

    /// <summary>Being generated. Unknown provider statuses also map here, since they are never terminal.</summary>
    InProgress,

    /// <summary>Waiting for more input before it can run (MJ-Proxy's modal confirmation).</summary>
    NeedsInput,

    /// <summary>Finished with a result.</summary>
    Succeeded,

    /// <summary>Ended without a result; see <see cref="MidjourneyTask.FailureReason"/>.</summary>
    Failed,

    /// <summary>Canceled before it finished.</summary>
    Canceled,
}
