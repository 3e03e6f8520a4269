namespace Midjourney.Sdk.Emulator.Callbacks;

/// <summary>
/// Every delivery attempt in the order it happened, and the waits tests need: for an entry that matches, and for the moment
/// nothing is left to send. A callback counts as pending from the moment it is queued until its last attempt is logged.
/// Thread-safe.
/// </summary>
internal sealed class CallbackLog
{
    private readonly Lock _gate = new();
    private readonly List<EmulatorCallbackDelivery> _entries = [];
    private readonly List<(Func<EmulatorCallbackDelivery, bool> Match, TaskCompletionSource<EmulatorCallbackDelivery> Found)> _waiters = [];
    private readonly List<TaskCompletionSource> _idleWaiters = [];
    private int _pending;
    private bool _closed;

    public IReadOnlyList<EmulatorCallbackDelivery> Snapshot()
    {
        lock (_gate)
        {
            return [.. _entries];
        }
    }

    /// <summary>A callback was queued: the log is not idle until its last attempt is added.</summary>
    public void Begin()
    {
        lock (_gate)
        {
            if (!_closed)
            {
                _pending++;
            }
        }
    }

    /// <summary>Records an attempt; <paramref name="last"/> when no retry follows, which ends that callback's pending count.</summary>
    public void Add(EmulatorCallbackDelivery entry, bool last)
    {
        List<TaskCompletionSource<EmulatorCallbackDelivery>> found = [];
        List<TaskCompletionSource> idle = [];
        lock (_gate)
        {
            _entries.Add(entry);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                var (match, waiter) = _waiters[i];
                try
                {
                    if (!match(entry))
                    {
                        continue;
                    }

                    found.Add(waiter);
                }
                catch (Exception e)
                {
                    // The waiter's own condition failed: that is its caller's error, not the sender's.
                    waiter.TrySetException(e);
                }

                _waiters.RemoveAt(i);
            }

            if (last && !_closed && --_pending == 0)
            {
                idle.AddRange(_idleWaiters);
                _idleWaiters.Clear();
            }
        }

        found.ForEach(waiter => waiter.TrySetResult(entry));
        idle.ForEach(waiter => waiter.TrySetResult());
    }

    /// <summary>The first entry, logged already or to come, that <paramref name="match"/> accepts.</summary>
    public Task<EmulatorCallbackDelivery> WaitForAsync(Func<EmulatorCallbackDelivery, bool> match, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var entry in _entries)
            {
                if (match(entry))
                {
                    return Task.FromResult(entry);
                }
            }

            var found = new TaskCompletionSource<EmulatorCallbackDelivery>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, found));
            return found.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Completes when no callback is queued, being sent or waiting for a retry (at once when none is).</summary>
    public Task WhenIdleAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_pending == 0 || _closed)
            {
                return Task.CompletedTask;
            }

            var idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _idleWaiters.Add(idle);
            return idle.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>The emulator stopped: what was pending will never be sent, so idle waits end now.</summary>
    public void Close()
    {
        List<TaskCompletionSource> idle;
        lock (_gate)
        {
            _closed = true;
            _pending = 0;
            idle = [.. _idleWaiters];
            _idleWaiters.Clear();
        }

        idle.ForEach(waiter => waiter.TrySetResult());
    }
}
