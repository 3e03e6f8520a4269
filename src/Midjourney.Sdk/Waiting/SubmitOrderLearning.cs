namespace Midjourney.Sdk.Waiting;

/// <summary>
/// Hands the durations of this client's own tasks to the <see cref="DurationLearner"/> in the order they were submitted,
/// not the order they finished. After a burst of submits the short jobs finish first; learning from them as they come
/// would teach that jobs are short, and every long job still running would then be checked far too often. A finished
/// task waits here until every task submitted before it that is still being waited for has ended too.
/// Not thread-safe: the tracker calls it under its lock.
/// </summary>
internal sealed class SubmitOrderLearning(DurationLearner learner)
{
    private readonly SortedList<long, (TaskKind Kind, double? Seconds)> _ended = [];

    /// <summary>A task submitted here ended: with its duration when it succeeded, null when it failed or nobody waits any more.</summary>
    public void Ended(long sequence, TaskKind kind, double? seconds) => _ended[sequence] = (kind, seconds);

    /// <summary>Learns every ended task submitted before <paramref name="oldestRunning"/> (null: none is still being waited for).</summary>
    public void Release(long? oldestRunning)
    {
        while (_ended.Count > 0 && (oldestRunning is not { } oldest || _ended.Keys[0] < oldest))
        {
            (TaskKind kind, double? seconds) = _ended.Values[0];
            _ended.RemoveAt(0);
            if (seconds is { } duration)
            {
                learner.Learn(kind, duration);
            }
        }
    }
}
