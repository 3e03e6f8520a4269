namespace Midjourney.Sdk.Emulator.Faults;

/// <summary>
/// Queued faults in FIFO order. A request (or a callback) takes the oldest fault of its sort whose filter matches it, and
/// uses up one of that fault's <see cref="EmulatorFault.Times"/>. Thread-safe: requests arrive concurrently.
/// </summary>
internal sealed class FaultQueue
{
    private readonly Lock _gate = new();
    private readonly List<Entry> _entries = [];

    public void Enqueue(EmulatorFault fault)
    {
        lock (_gate)
        {
            _entries.Add(new Entry(fault, fault.Times));
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    /// <summary>Takes the fault for a request to <paramref name="path"/>, or <see langword="null"/> when none matches.</summary>
    public EmulatorFault? TakeFor(string path) => Take(path, fault => !fault.HitsCallbacks);

    /// <summary>
    /// Takes the fault for a callback to <paramref name="pathAndQuery"/>, or <see langword="null"/> when none matches;
    /// <see cref="EmulatorFaultKind.OutOfOrderCallbacks"/> only when the callback can be held back (<paramref name="canHoldBack"/>).
    /// </summary>
    public EmulatorFault? TakeForCallback(string pathAndQuery, bool canHoldBack)
        => Take(pathAndQuery, fault => fault.HitsCallbacks && (canHoldBack || fault.Kind != EmulatorFaultKind.OutOfOrderCallbacks));

    private EmulatorFault? Take(string path, Func<EmulatorFault, bool> applies)
    {
        lock (_gate)
        {
            for (var i = 0; i < _entries.Count; i++)
            {
                var entry = _entries[i];
                if (!applies(entry.Fault)
                    || (entry.Fault.PathContains is { } filter && !path.Contains(filter, StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                if (--entry.Remaining == 0)
                {
                    _entries.RemoveAt(i);
                }

                return entry.Fault;
            }

            return null;
        }
    }

    private sealed class Entry(EmulatorFault fault, int remaining)
    {
        public EmulatorFault Fault { get; } = fault;

        public int Remaining { get; set; } = remaining;
    }
}
