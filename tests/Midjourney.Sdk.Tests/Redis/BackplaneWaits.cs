using Midjourney.Sdk.Redis;

namespace Midjourney.Sdk.Tests.Redis;

/// <summary>Waits for a backplane's state on its own signal (no polling).</summary>
internal static class BackplaneWaits
{
    /// <summary>Until <paramref name="backplane"/> is (or is no longer) working alone; fails after <paramref name="limit"/>.</summary>
    public static async Task AloneAsync(this RedisTaskBackplane backplane, bool alone, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        while (true)
        {
            Task changed = backplane.WhenAloneChangedAsync(); // taken before the look, so no change is missed
            if (backplane.IsAlone == alone)
            {
                return;
            }

            try
            {
                await changed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                Assert.Fail($"The backplane was still {(alone ? "connected" : "alone")} after {limit}.");
            }
        }
    }
}
