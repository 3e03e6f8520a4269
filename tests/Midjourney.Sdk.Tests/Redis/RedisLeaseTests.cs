using Midjourney.Sdk.Redis;
using StackExchange.Redis;

namespace Midjourney.Sdk.Tests.Redis;

/// <summary>
/// The polling lease between two instances against one embedded Garnet: one takes it, the other cannot while it is held,
/// the holder renews it; a stopping host gives up only its own leases and takes none after, so another instance takes
/// over at its next check instead of a lease period later.
/// </summary>
public sealed class RedisLeaseTests(GarnetFixture garnet) : IClassFixture<GarnetFixture>
{
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(1); // never expires during a test: every change is the code's

    /// <summary>This test's own prefix (the class's tests share one server).</summary>
    private readonly string _prefix = "lease-" + Guid.NewGuid().ToString("N")[..8];

    private Task<AppInstance> StartAsync() => AppInstance.StartAsync(garnet.Garnet.Configuration, configure: o => o.Prefix = _prefix);

    private RedisKey Key(string taskId) => RedisTaskBackplaneFactory.LeaseKeyPrefix(_prefix, "mj", MidjourneyProvider.GoApi) + taskId;

    [Fact]
    public async Task OneInstanceHoldsTheLease_TheOtherCannotTakeIt_AndTheHolderRenewsIt()
    {
        using AppInstance a = await StartAsync();
        using AppInstance b = await StartAsync();
        IDatabase db = a.Backplane.Database!;

        Assert.True(await a.Backplane.TryLeaseAsync("t-1", Period));
        Assert.False(await b.Backplane.TryLeaseAsync("t-1", Period));
        await db.KeyExpireAsync(Key("t-1"), TimeSpan.FromSeconds(30));
        Assert.True(await a.Backplane.TryLeaseAsync("t-1", Period));

        Assert.Equal(a.Backplane.InstanceId, (string?)await db.StringGetAsync(Key("t-1")));
        Assert.True(await db.KeyTimeToLiveAsync(Key("t-1")) > TimeSpan.FromSeconds(30), "renewed to a full period");
    }

    [Fact]
    public async Task AStoppingInstance_GivesUpItsLeases_AndTakesNoneAfter_SoTheOtherTakesOverAtOnce()
    {
        using AppInstance a = await StartAsync();
        using AppInstance b = await StartAsync();
        IDatabase db = b.Backplane.Database!;
        Assert.True(await a.Backplane.TryLeaseAsync("t-1", Period));
        Assert.True(await a.Backplane.TryLeaseAsync("t-2", Period));

        await a.Backplane.ReleaseLeasesAsync(CancellationToken.None);

        Assert.False(await db.KeyExistsAsync(Key("t-1")));
        Assert.False(await db.KeyExistsAsync(Key("t-2")));
        Assert.True(await a.Backplane.TryLeaseAsync("t-1", Period)); // it still checks (alone) until disposed...
        Assert.False(await db.KeyExistsAsync(Key("t-1")));          // ...without taking the lease back
        Assert.True(await b.Backplane.TryLeaseAsync("t-1", Period));
        Assert.Equal(b.Backplane.InstanceId, (string?)await db.StringGetAsync(Key("t-1")));
    }

    [Fact]
    public async Task AStoppingInstance_LeavesALeaseThatIsNoLongerItsOwn()
    {
        using AppInstance a = await StartAsync();
        using AppInstance b = await StartAsync();
        IDatabase db = b.Backplane.Database!;
        Assert.True(await a.Backplane.TryLeaseAsync("t-1", Period));
        await db.KeyDeleteAsync(Key("t-1"));                        // as if it had expired on a stalled holder...
        Assert.True(await b.Backplane.TryLeaseAsync("t-1", Period)); // ...and B took it over

        await a.Backplane.ReleaseLeasesAsync(CancellationToken.None);

        Assert.Equal(b.Backplane.InstanceId, (string?)await db.StringGetAsync(Key("t-1")));
    }

    [Fact]
    public async Task TheLeaseOfATaskThatEnded_IsGivenUp()
    {
        using AppInstance a = await StartAsync();
        Assert.True(await a.Backplane.TryLeaseAsync("t-1", Period));

        a.Backplane.Release("t-1");

        // Sent fire and forget on the backplane's connection: a command sent after it on that connection sees its effect.
        Assert.False(await a.Backplane.Database!.KeyExistsAsync(Key("t-1")));
    }
}
