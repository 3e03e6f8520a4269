using System.Diagnostics;

namespace Midjourney.Sdk.Waiting;

/// <summary>
/// One status request in flight (a single fetch or a batch), cancelled when none of its tasks has a waiter left. Its
/// token source has no timer, so it holds nothing that needs disposing.
/// </summary>
internal sealed class StatusCall(IReadOnlyList<TrackedTask> tasks)
{
    private readonly CancellationTokenSource _cancellation = new();

    public IReadOnlyList<TrackedTask> Tasks { get; } = tasks;

    public CancellationToken Token => _cancellation.Token;

    /// <summary>Links to the traced waits this request serves (collected when it starts, only when someone listens).</summary>
    public List<ActivityLink>? Links { get; set; }

    /// <summary>Cancels the request when nobody waits for any of its tasks. Callbacks run elsewhere, never under the caller's lock.</summary>
    public void CancelIfAbandoned()
    {
        foreach (TrackedTask task in Tasks)
        {
            if (task.Waiters.Count > 0)
            {
                return;
            }
        }

        Cancel();
    }

    public void Cancel()
    {
        if (!_cancellation.IsCancellationRequested)
        {
            _ = _cancellation.CancelAsync();
        }
    }
}
