using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Midjourney.Sdk.Tests.Redis;

/// <summary>What <c>AddMidjourneyRedisBackplane</c> accepts and refuses, and whose connection it closes.</summary>
public sealed class RedisRegistrationTests
{
    [Fact]
    public void AddMidjourneyRedisBackplane_EmptyConfiguration_Throws()
    {
        var services = new ServiceCollection();

        Assert.Throws<ArgumentException>(() => services.AddMidjourneyRedisBackplane(" "));
        Assert.Throws<ArgumentNullException>(() => services.AddMidjourneyRedisBackplane((Func<IServiceProvider, IConnectionMultiplexer>)null!));
    }

    [Fact]
    public void AddMidjourneyRedisBackplane_InvalidConfiguration_ThrowsWithoutQuotingIt()
    {
        var services = new ServiceCollection();

        ArgumentException refused = Assert.Throws<ArgumentException>(() => services.AddMidjourneyRedisBackplane("127.0.0.1:1,password=hunter2-secret,nosuchkey=1"));

        Assert.DoesNotContain("hunter2", refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyPrefix_FailsWhenTheClientIsResolved()
    {
        var services = new ServiceCollection();
        services.AddMidjourney("mj", o => (o.Provider, o.ApiKey) = (MidjourneyProvider.GoApi, "key"));
        services.AddMidjourneyRedisBackplane("127.0.0.1:1,abortConnect=false");
        services.Configure<MidjourneyRedisOptions>(o => o.Prefix = "");
        using ServiceProvider provider = services.BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredKeyedService<IMidjourneyClient>("mj"));
    }

    [Fact]
    public async Task TheAppsConnection_IsAskedForOnce_AndNotClosedWithTheProvider()
    {
        int asked = 0;
        using var garnet = new EmbeddedGarnet();
        using ConnectionMultiplexer shared = await ConnectionMultiplexer.ConnectAsync(garnet.Configuration);
        var services = new ServiceCollection();
        services.AddMidjourney("a", o => (o.Provider, o.ApiKey) = (MidjourneyProvider.GoApi, "key"));
        services.AddMidjourney("b", o => (o.Provider, o.ApiKey) = (MidjourneyProvider.GoApi, "key"));
        services.AddMidjourneyRedisBackplane(_ =>
        {
            Interlocked.Increment(ref asked);
            return shared;
        });
        using (ServiceProvider provider = services.BuildServiceProvider())
        {
            var a = (MidjourneyClient)provider.GetRequiredKeyedService<IMidjourneyClient>("a");
            var b = (MidjourneyClient)provider.GetRequiredKeyedService<IMidjourneyClient>("b");
            await Task.WhenAll(((Sdk.Redis.RedisTaskBackplane)a.Tracker.Backplane!).Started, ((Sdk.Redis.RedisTaskBackplane)b.Tracker.Backplane!).Started)
                .WaitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.Equal(1, asked);
        Assert.True(await shared.GetDatabase().PingAsync() >= TimeSpan.Zero); // still usable: not closed with the provider
    }
}
