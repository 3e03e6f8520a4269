namespace Midjourney.Sdk.Providers.Apixo;

/// <summary>
/// The most recent tasks this adapter submitted, so a status answer (which says nothing of the operation, prompt, parent or
/// speed) can be completed and the first poll timed by speed. Bounded: past <see cref="Capacity"/> the oldest is forgotten.
/// Thread-safe.
/// </summary>
internal sealed class ApixoSubmittedTasks(int capacity = ApixoSubmittedTasks.DefaultCapacity)
{
    public const int DefaultCapacity = 1024;

    private readonly object _gate = new();
    private readonly Dictionary<string, ApixoSubmission> _byId = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public int Capacity => capacity;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byId.Count;
            }
        }
    }

    public void Remember(string taskId, ApixoSubmission submission)
    {
        lock (_gate)
        {
            if (_byId.TryAdd(taskId, submission))
            {
                _order.Enqueue(taskId);
                while (_order.Count > capacity)
                {
                    _byId.Remove(_order.Dequeue());
                }
            }
            else
            {
                _byId[taskId] = submission;
            }
        }
    }

    public ApixoSubmission? Find(string taskId)
    {
        lock (_gate)
        {
            return _byId.GetValueOrDefault(taskId);
        }
    }
}
