namespace Midjourney.Sdk.Waiting;

/// <summary>One task the tracker checks for its waiters, with what it has learned of it. Guarded by the tracker's lock.</summary>
internal sealed class TrackedTask(string id)
{
    /// <summary>Past this many, the oldest observations after the first few are dropped (the first ones bound the queue wait).</summary>
    private const int MaxObservations = 32;
    private const int KeptFirst = 8;

    private readonly List<Observation> _observations = [];

    public string Id { get; } = id;

    public List<TaskWaiter> Waiters { get; } = [];

    /// <summary>Tracker time of the submit: known for tasks this client submitted, else estimated from the first answer.</summary>
    public TimeSpan? Origin { get; set; }

    /// <summary>For a task this client submitted, its place in the order of the submits; null for any other task.</summary>
    public long? Sequence { get; init; }

    /// <summary>Whether <see cref="Origin"/> is this client's own record of the submit, not an estimate.</summary>
    public bool SubmittedHere => Sequence is not null;

    /// <summary>How long the task took, once it succeeded and that could be told.</summary>
    public double? LearnedSeconds { get; set; }

    public TaskKind? Kind { get; set; }

    /// <summary>Whether a callback will report the task: checks are then only a slow safety net.</summary>
    public bool CallbackExpected { get; init; }

    /// <summary>Tracker time of the next check.</summary>
    public TimeSpan DueAt { get; set; }

    /// <summary>The status request that is out for this task, or null.</summary>
    public StatusCall? Call { get; set; }

    /// <summary>Set when a batch answer left this task out: its next check is a fetch of its own.</summary>
    public bool FetchAlone { get; set; }

    public int Failures { get; set; }

    /// <summary>The deadline last recorded on the backplane, if any (a later wait records its own).</summary>
    public DateTimeOffset? RecordedDeadline { get; set; }

    public MidjourneyTask? Last { get; set; }

    public IReadOnlyList<Observation> Observations => _observations;

    public void Observe(Observation observation)
    {
        if (_observations.Count == MaxObservations)
        {
            _observations.RemoveAt(KeptFirst);
        }

        _observations.Add(observation);
    }
}
