using Microsoft.Extensions.DependencyInjection;

namespace Midjourney.Sdk.Tests.Waiting;

/// <summary>
/// <c>AddMidjourney</c> registers one client per name and service provider, so every resolve shares one task tracker:
/// the same instance each time (keyed ones per name), a new one per service provider, disposed with it.
/// </summary>
public sealed class ClientLifetimeTests
{
    [Fact]
    public void AddMidjourney_ResolvedManyTimes_IsOneClientPerName()
    {
        var services = new ServiceCollection();
        services.AddMidjourney(o => o.ApiKey = "k");
        services.AddMidjourney("backup", o => o.ApiKey = "k2");
        using ServiceProvider provider = services.BuildServiceProvider();
        IMidjourneyClient client = provider.GetRequiredService<IMidjourneyClient>();
        IMidjourneyClient backup = provider.GetRequiredKeyedService<IMidjourneyClient>("backup");
        int others = 0;

        for (int i = 0; i < 20_000; i++)
        {
            if (!ReferenceEquals(client, provider.GetRequiredService<IMidjourneyClient>())
                || !ReferenceEquals(backup, provider.GetRequiredKeyedService<IMidjourneyClient>("backup")))
            {
                others++;
            }
        }

        Assert.Equal(0, others);
        Assert.NotSame(client, backup);
        using IServiceScope scope = provider.CreateScope();
        Assert.Same(client, scope.ServiceProvider.GetRequiredService<IMidjourneyClient>());
    }

    [Fact]
    public void AddMidjourney_TwoServiceProviders_TwoClients()
    {
        var services = new ServiceCollection();
        services.AddMidjourney(o => o.ApiKey = "k");
        using ServiceProvider first = services.BuildServiceProvider();
        using ServiceProvider second = services.BuildServiceProvider();

        var one = (MidjourneyClient)first.GetRequiredService<IMidjourneyClient>();
        var two = (MidjourneyClient)second.GetRequiredService<IMidjourneyClient>();

        Assert.NotSame(one, two);
        Assert.NotSame(one.Tracker, two.Tracker);
    }

    [Fact]
    public async Task AddMidjourney_ServiceProviderDisposed_DisposesItsClient()
    {
        var services = new ServiceCollection();
        services.AddMidjourney(o => o.ApiKey = "k");
        ServiceProvider provider = services.BuildServiceProvider();
        IMidjourneyClient client = provider.GetRequiredService<IMidjourneyClient>();

        await provider.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.WaitForCompletionAsync("t1"));
    }

    /// <summary>After Dispose, a client that owns its HttpClient and one given a client behave the same: one clear error, nothing sent.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ADisposedClient_FailsEveryCallTheSameWay_NamingTheClient_WhoeverOwnsTheHttpClient(bool ownsHttpClient)
    {
        var handler = new TestSupport.RecordingHandler().RespondJson("{}");
        var options = new MidjourneyClientOptions { Provider = MidjourneyProvider.Apixo, ApiKey = "k" };
        var client = ownsHttpClient
            ? new MidjourneyClient(new HttpClient(handler), MidjourneyClient.HttpClientUse.Owned, options, null, null)
            : new MidjourneyClient(new HttpClient(handler), options);

        client.Dispose();

        var errors = new List<ObjectDisposedException>
        {
            await Assert.ThrowsAsync<ObjectDisposedException>(() => client.ImagineAsync(new ImagineRequest("a cat"))),
            await Assert.ThrowsAsync<ObjectDisposedException>(() => client.GetTaskAsync("t1")),
            await Assert.ThrowsAsync<ObjectDisposedException>(() => client.WaitForCompletionAsync("t1")),
            await Assert.ThrowsAsync<ObjectDisposedException>(() => client.DownloadAsync(new Uri("https://cdn.example/a.png"), new MemoryStream())),
        };
        Assert.All(errors, e =>
        {
            Assert.Equal(nameof(MidjourneyClient), e.ObjectName);
            Assert.Contains("This MidjourneyClient (Apixo) was disposed", e.Message, StringComparison.Ordinal);
        });
        Assert.Empty(handler.Requests);
        client.Dispose(); // twice is harmless
    }
}

/// <summary>Runs alone (no other test allocates meanwhile), so the managed heap it measures is its own.</summary>
[CollectionDefinition(nameof(HeapMeasurement), DisableParallelization = true)]
public sealed class HeapMeasurement;

/// <summary>
/// Resolving the client from the root provider keeps nothing per resolve (a transient disposable client would be kept by
/// the provider until it is disposed: 20,000 resolves would hold 20,000 clients).
/// </summary>
[Collection(nameof(HeapMeasurement))]
public sealed class ClientResolveMemoryTests
{
    [Fact]
    public void AddMidjourney_TwentyThousandResolvesFromTheRoot_HeapGrowsLessThanOneMegabyte()
    {
        var services = new ServiceCollection();
        services.AddMidjourney(o => o.ApiKey = "k");
        services.AddMidjourney("backup", o => o.ApiKey = "k2");
        using ServiceProvider provider = services.BuildServiceProvider();
        Resolve(provider, 10); // warm up: the first resolves build the call sites, options, factory and handlers

        long before = Heap();
        Resolve(provider, 20_000);
        long after = Heap();

        Assert.True(after - before < 1024 * 1024, $"The heap grew by {after - before:N0} bytes over 20,000 resolves.");
        GC.KeepAlive(provider);
    }

    private static void Resolve(IServiceProvider provider, int times)
    {
        for (int i = 0; i < times; i++)
        {
            _ = provider.GetRequiredService<IMidjourneyClient>();
            _ = provider.GetRequiredKeyedService<IMidjourneyClient>("backup");
        }
    }

    private static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
