namespace Midjourney.Sdk.Waiting;

/// <summary>
/// The last tasks this client saw end (by a callback or a check), so a wait that starts after the end (a callback that
/// came before the app began to wait, a second wait on a finished task) is answered at once and costs no request. A final
/// state never changes, so it is never stale. Bounded: past <see cref="Capacity"/> the oldest is forgotten (a wait on it
/// then looks once). Not thread-safe: the tracker's lock guards it.
/// </summary>
internal sealed class RecentFinals(int capacity = RecentFinals.DefaultCapacity)
{
    public const int DefaultCapacity = 256;

    private readonly Dictionary<string, MidjourneyTask> _byId = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public int Capacity => capacity;

    public void Add(MidjourneyTask task)
    {
        if (!_byId.TryAdd(task.Id, task))
        {
            return;
        }

        _order.Enqueue(task.Id);
        while (_order.Count > capacity)
        {
            _byId.Remove(_order.Dequeue());
        }
    }

    public MidjourneyTask? Find(string taskId) => _byId.GetValueOrDefault(taskId);
}
