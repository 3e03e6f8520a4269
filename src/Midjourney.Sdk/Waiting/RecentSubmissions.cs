namespace Midjourney.Sdk.Waiting;

/// <summary>
/// The tasks this client submitted lately, with when and what: a wait on one of them plans its first check from its
/// age and kind; a wait on any other task looks at once. Bounded: past <see cref="Capacity"/> the oldest is forgotten.
/// Not thread-safe: the tracker calls it under its lock.
/// </summary>
internal sealed class RecentSubmissions(int capacity = RecentSubmissions.DefaultCapacity)
{
    public const int DefaultCapacity = 4096;

    private readonly Dictionary<string, Submission> _byId = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private long _sequence;

    public int Capacity => capacity;

    public void Add(string taskId, TimeSpan submittedAt, TaskKind kind, bool callbackExpected)
    {
        if (_byId.TryAdd(taskId, new Submission(submittedAt, kind, ++_sequence, callbackExpected)))
        {
            _order.Enqueue(taskId);
            while (_order.Count > capacity)
            {
                _byId.Remove(_order.Dequeue());
            }
        }
    }

    /// <summary>The submission of a task, if it is recent enough (within <paramref name="maxAge"/> of <paramref name="now"/>).</summary>
    public Submission? Find(string taskId, TimeSpan now, TimeSpan maxAge) =>
        _byId.TryGetValue(taskId, out Submission submission) && now - submission.At <= maxAge ? submission : null;

    /// <summary>When (tracker time) and what was submitted, its place in the order of this client's submits, and whether it asked for a callback.</summary>
    internal readonly record struct Submission(TimeSpan At, TaskKind Kind, long Sequence, bool CallbackExpected);
}
