using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Midjourney.Sdk.Tests.TestSupport;
using Midjourney.Sdk.Validation;

namespace Midjourney.Sdk.Tests.Waiting;

/// <summary>
/// <see cref="MidjourneyClientOptions.MaxConnectionsPerServer"/>: the handler the SDK builds (and the primary handler
/// <c>AddMidjourney</c> registers) caps connections per server and recycles them; the option is validated; and the
/// tracker never has more status requests out at once than the cap, even with many waits on a provider without batches.
/// </summary>
public sealed class ConnectionCapTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(20)]
    [InlineData(1000)]
    public void CreateConnectionHandler_Cap_CapsAndRecyclesConnections(int cap)
    {
        using SocketsHttpHandler handler = MidjourneyClient.CreateConnectionHandler(cap);

        Assert.Equal(cap, handler.MaxConnectionsPerServer);
        Assert.NotEqual(Timeout.InfiniteTimeSpan, handler.PooledConnectionLifetime);
        Assert.InRange(handler.PooledConnectionLifetime, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(15));
    }

    [Fact]
    public void AddMidjourney_PrimaryHandler_IsASocketsHandlerWithTheConfiguredCap()
    {
        var services = new ServiceCollection();
        services.AddMidjourney(o => { o.ApiKey = "k"; o.MaxConnectionsPerServer = 7; });
        services.AddMidjourney("backup", o => { o.ApiKey = "k2"; o.MaxConnectionsPerServer = 3; });
        services.AddMidjourney("plain", o => o.ApiKey = "k3");
        using ServiceProvider provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IHttpMessageHandlerFactory>();

        Assert.Equal(7, Primary(factory.CreateHandler(MidjourneyServiceCollectionExtensions.HttpClientName)).MaxConnectionsPerServer);
        Assert.Equal(3, Primary(factory.CreateHandler(MidjourneyServiceCollectionExtensions.HttpClientName + ":backup")).MaxConnectionsPerServer);
        SocketsHttpHandler plain = Primary(factory.CreateHandler(MidjourneyServiceCollectionExtensions.HttpClientName + ":plain"));
        Assert.Equal(MidjourneyClientOptions.DefaultMaxConnectionsPerServer, plain.MaxConnectionsPerServer);
        Assert.NotEqual(Timeout.InfiniteTimeSpan, plain.PooledConnectionLifetime);

        static SocketsHttpHandler Primary(HttpMessageHandler handler)
        {
            while (handler is DelegatingHandler delegating)
            {
                handler = delegating.InnerHandler!;
            }

            return Assert.IsType<SocketsHttpHandler>(handler);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1001)]
    public void Constructor_CapOutOfRange_IsRefusedNamingTheOption(int cap)
    {
        var options = new MidjourneyClientOptions { ApiKey = "k", MaxConnectionsPerServer = cap };

        var ex = Assert.Throws<ArgumentException>(() => new MidjourneyClient(new HttpClient(), options));
        ValidateOptionsResult result = new OptionsValidator().Validate(Options.DefaultName, options);

        Assert.Contains($"MaxConnectionsPerServer ({cap})", ex.Message, StringComparison.Ordinal);
        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("MaxConnectionsPerServer", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1000)]
    public void Constructor_CapAtTheBounds_IsAccepted(int cap)
    {
        using var client = new MidjourneyClient(new HttpClient(), new MidjourneyClientOptions { ApiKey = "k", MaxConnectionsPerServer = cap });

        Assert.Equal(MidjourneyProvider.GoApi, client.Provider);
    }

    [Fact]
    public async Task AddMidjourney_CapOutOfRange_FailsAtHostStart()
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddMidjourney(o => { o.ApiKey = "k"; o.MaxConnectionsPerServer = 0; });
        using IHost host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(ex.Failures, f => f.Contains("MaxConnectionsPerServer (0)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WaitForCompletionAsync_FiftyWaitsWithoutBatches_NeverMoreRequestsOutThanTheCap()
    {
        var time = new FakeTimeProvider { FiresOnlyOnAdvance = true };
        var held = Channel.CreateUnbounded<TaskCompletionSource>();
        var relay = new ScriptedRelay(MidjourneyProvider.Apixo, time, (_, _, _) => RelayTaskState.Succeeded)
        {
            Hold = async (_, ct) =>
            {
                var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                held.Writer.TryWrite(gate);
                await gate.Task.WaitAsync(ct);
            },
        };
        using MidjourneyClient client = relay.Client(o => o.MaxConnectionsPerServer = 5);

        Task<MidjourneyTask>[] waits = [.. Enumerable.Range(1, 50).Select(i => client.WaitForCompletionAsync($"task-{i}"))];
        time.Advance(TimeSpan.Zero);

        // Five come in and are held; each one let go lets the next one in.
        var outstanding = new Queue<TaskCompletionSource>();
        for (int i = 0; i < 5; i++)
        {
            outstanding.Enqueue(await NextAsync());
        }

        for (int released = 0; released < 50; released++)
        {
            outstanding.Dequeue().SetResult();
            if (released + 5 < 50)
            {
                outstanding.Enqueue(await NextAsync());
            }
        }

        await Task.WhenAll(waits).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.All(waits, w => Assert.Equal(MidjourneyTaskStatus.Succeeded, w.Result.Status));
        Assert.Equal(50, relay.Requests.Count);
        Assert.Equal(5, relay.MaxInFlight);
        Assert.Equal(TimeSpan.Zero, relay.Requests[^1].At);

        async Task<TaskCompletionSource> NextAsync() => await held.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
    }
}
