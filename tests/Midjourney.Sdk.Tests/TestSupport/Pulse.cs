using System.Diagnostics;

namespace Midjourney.Sdk.Tests.TestSupport;

/// <summary>
/// A signal a test waits on instead of polling with sleeps: whatever changes the state under test calls <see cref="Signal"/>,
/// and <see cref="WaitUntilAsync"/> re-checks its condition on each signal, within a real-time limit (a bound, not a poll).
/// </summary>
public sealed class Pulse
{
    private readonly object _gate = new();
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Signal()
    {
        TaskCompletionSource current;
        lock (_gate)
        {
            current = _next;
            _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        current.TrySetResult();
    }

    /// <summary>True as soon as <paramref name="condition"/> holds; false when <paramref name="limit"/> passes first.</summary>
    public async Task<bool> TryWaitUntilAsync(Func<bool> condition, TimeSpan limit)
    {
        var real = Stopwatch.StartNew();
        while (true)
        {
            // Taken before the check, so a signal between the check and the wait is not lost.
            Task next;
            lock (_gate)
            {
                next = _next.Task;
            }

            if (condition())
            {
                return true;
            }

            TimeSpan left = limit - real.Elapsed;
            if (left <= TimeSpan.Zero || await Task.WhenAny(next, Task.Delay(left)) != next)
            {
                return condition();
            }
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds; throws <see cref="TimeoutException"/> after <paramref name="limit"/>.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, TimeSpan limit, string what)
    {
        if (!await TryWaitUntilAsync(condition, limit))
        {
            throw new TimeoutException($"{what} did not happen within {limit}.");
        }
    }
}
