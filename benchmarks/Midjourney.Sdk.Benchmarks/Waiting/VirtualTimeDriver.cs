namespace Midjourney.Sdk.Benchmarks.Waiting;

/// <summary>
/// Drives a <see cref="VirtualClock"/> for the waits of one client: while the client's tracker has no status request
/// out, the clock jumps to the tracker's next wake (a due check or a deadline); nothing else moves it.
/// </summary>
public static class VirtualTimeDriver
{
    /// <summary>
    /// Runs until <paramref name="done"/> completes. When <paramref name="eventAt"/> is given, the clock stops there once
    /// (if nothing the tracker planned comes first) and <paramref name="onEvent"/> runs: a callback arriving, say.
    /// </summary>
    public static async Task RunUntilAsync(VirtualClock clock, MidjourneyClient client, Task done, DateTimeOffset? eventAt = null, Func<Task>? onEvent = null)
    {
        while (!done.IsCompleted)
        {
            await client.Tracker.WhenQuietAsync().ConfigureAwait(false);
            await Task.Yield();
            if (done.IsCompleted || !client.Tracker.TryGetIdleWake(out DateTimeOffset? wake))
            {
                continue;
            }

            if (eventAt is { } due && onEvent is not null && (wake is null || due <= wake))
            {
                DateTimeOffset current = clock.GetUtcNow();
                clock.Advance(due > current ? due - current : TimeSpan.Zero);
                eventAt = null;
                await onEvent().ConfigureAwait(false);
                continue;
            }

            if (wake is { } at)
            {
                DateTimeOffset now = clock.GetUtcNow();
                clock.Advance(at > now ? at - now : TimeSpan.Zero);
            }
            else
            {
                await Task.WhenAny(done, Task.Delay(1)).ConfigureAwait(false);
            }
        }
    }
}
