namespace Midjourney.Sdk.Webhooks;

/// <summary>
/// The secrets of recent submits that set their own <see cref="MidjourneyRequest.WebhookSecret"/>, so their callbacks are
/// checked against it rather than the options' secret. Bounded: past <see cref="DefaultCapacity"/> the oldest is forgotten (its
/// callbacks are then checked against the options' secret). Held in memory only; never logged. Thread-safe.
/// </summary>
internal sealed class CallbackSecrets(int capacity = CallbackSecrets.DefaultCapacity)
{
    public const int DefaultCapacity = 4096;

    private readonly object _gate = new();
    private readonly Dictionary<string, string> _byTask = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public void Remember(string taskId, string secret)
    {
        lock (_gate)
        {
            if (_byTask.TryAdd(taskId, secret))
            {
                _order.Enqueue(taskId);
                while (_order.Count > capacity)
                {
                    _byTask.Remove(_order.Dequeue());
                }
            }
        }
    }

    public string? Find(string taskId)
    {
        lock (_gate)
        {
            return _byTask.GetValueOrDefault(taskId);
        }
    }
}
