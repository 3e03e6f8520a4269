namespace Midjourney.Sdk.Emulator.Faults;

/// <summary>
/// Queued faults in FIFO order. A request takes the oldest fault whose filter matches it, and uses up one of
/// that fault's <see cref="EmulatorFault.Times"/>. Thread-safe: requests arrive concurrently.
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
    public EmulatorFault? TakeFor(string path)
    {
        lock (_gate)
        {
            for (var i = 0; i < _entries.Count; i++)
            {
                var entry = _entries[i];
                if (entry.Fault.PathContains is { } filter && !path.Contains(filter, StringComparison.OrdinalIgnoreCase))
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
