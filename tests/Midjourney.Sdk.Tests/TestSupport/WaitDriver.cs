using System.Diagnostics;

namespace Midjourney.Sdk.Tests.TestSupport;

/// <summary>
/// Runs waits on a fake clock without sleeping. A wait's tracker has timers for its next check and its deadline, so a
/// clock that jumps whenever a timer is set would jump to the deadline while a check is still out over real HTTP.
/// This driver moves the clock only while the tracker has no status request out, and only to the tracker's next wake
/// (a due check or a deadline); it turns <see cref="FakeTimeProvider.AutoAdvance"/> off for the wait and back after.
/// </summary>
public static class WaitDriver
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    /// <summary>Starts <paramref name="wait"/> and drives the client's clock (a <see cref="FakeTimeProvider"/>) until it ends.</summary>
    public static Task<T> DriveAsync<T>(this MidjourneyClient client, Func<MidjourneyClient, Task<T>> wait) =>
        client.Tracker.Clock is FakeTimeProvider time ? time.DriveAsync(client, wait) : wait(client);

    /// <summary>Starts <paramref name="wait"/> on <paramref name="client"/> and drives the clock until it ends.</summary>
    public static async Task<T> DriveAsync<T>(this FakeTimeProvider time, MidjourneyClient client, Func<MidjourneyClient, Task<T>> wait)
    {
        bool autoAdvance = time.AutoAdvance;
        time.AutoAdvance = false;
        time.FiresOnlyOnAdvance = true;
        try
        {
            Task<T> waiting = wait(client);
            await DriveUntilAsync(time, client, waiting);
            return await waiting;
        }
        finally
        {
            time.AutoAdvance = autoAdvance;
            time.FiresOnlyOnAdvance = false;
        }
    }

    /// <summary>
    /// Drives the clock for waits already started until <paramref name="done"/> completes. AutoAdvance must be off and
    /// <see cref="FakeTimeProvider.FiresOnlyOnAdvance"/> on, so that between the check for quiet and the move, nothing starts a request.
    /// </summary>
    public static async Task DriveUntilAsync(this FakeTimeProvider time, MidjourneyClient client, Task done)
    {
        var real = Stopwatch.StartNew();
        while (!done.IsCompleted)
        {
            if (real.Elapsed > Limit)
            {
                throw new TimeoutException("The driven wait did not end within a minute of real time.");
            }

            // Taken first, so a change between the checks below and the wait at the end is not missed.
            Task changed = client.Tracker.WhenChangedAsync();
            await client.Tracker.WhenQuietAsync();
            await Task.Yield();
            if (done.IsCompleted)
            {
                break;
            }

            if (!client.Tracker.TryGetIdleWake(out DateTimeOffset? next))
            {
                continue; // a request went out meanwhile
            }

            if (next is { } wake)
            {
                DateTimeOffset now = time.GetUtcNow();
                time.Advance(wake > now ? wake - now : TimeSpan.Zero);
            }
            else
            {
                // Nothing planned: the last answer is on its way to the waiter.
                await Task.WhenAny(done, changed, Task.Delay(Limit));
            }
        }
    }

    /// <summary>
    /// Drives the clock for waits already started, as <see cref="DriveUntilAsync"/> does, up to <paramref name="until"/> and
    /// no further: every check and deadline due by then has run and no request is out when it returns.
    /// </summary>
    public static async Task DriveToAsync(this FakeTimeProvider time, MidjourneyClient client, DateTimeOffset until)
    {
        var real = Stopwatch.StartNew();
        while (true)
        {
            if (real.Elapsed > Limit)
            {
                throw new TimeoutException("The clock did not reach its target within a minute of real time.");
            }

            await client.Tracker.WhenQuietAsync();
            if (!client.Tracker.TryGetIdleWake(out DateTimeOffset? next))
            {
                continue;
            }

            DateTimeOffset now = time.GetUtcNow();
            if (next is { } wake && wake <= until)
            {
                time.Advance(wake > now ? wake - now : TimeSpan.Zero);
            }
            else if (now < until)
            {
                time.Advance(until - now);
            }
            else
            {
                return;
            }
        }
    }
}
