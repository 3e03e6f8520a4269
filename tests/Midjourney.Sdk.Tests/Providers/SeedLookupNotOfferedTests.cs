using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Providers;

/// <summary>APIXO and midapi (and kie.ai) report no seed: <see cref="IMidjourneyClient.GetSeedAsync"/> refuses before any traffic.</summary>
public sealed class SeedLookupNotOfferedTests : IDisposable
{
    private readonly WireServer _server = new();

    public void Dispose() => _server.Dispose();

    private MidjourneyClient Client(MidjourneyProvider provider, Uri? baseUrl = null) => new(
        new HttpClient(),
        new MidjourneyClientOptions { Provider = provider, ApiKey = TestClients.ApiKey, BaseUrl = baseUrl ?? _server.BaseUrl },
        new FakeTimeProvider { AutoAdvance = true });

    [Theory]
    [InlineData(MidjourneyProvider.Apixo)]
    [InlineData(MidjourneyProvider.MidApi)]
    public void Capabilities_NoSeedLookup(MidjourneyProvider provider)
    {
        Assert.False(Client(provider).Capabilities.SupportsSeedLookup);
    }

    [Theory]
    [InlineData(MidjourneyProvider.Apixo)]
    [InlineData(MidjourneyProvider.MidApi)]
    public async Task GetSeedAsync_NotSupportedBeforeAnyRequest(MidjourneyProvider provider)
    {
        _server.OnAny(Wire.Json("{}"));

        var ex = await Assert.ThrowsAsync<MidjourneyNotSupportedException>(() => Client(provider).GetSeedAsync("task-1"));

        Assert.Equal(provider, ex.Provider);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public void Capabilities_OnKieAi_NoSeedLookup()
    {
        Assert.False(Client(MidjourneyProvider.MidApi, new Uri("https://api.kie.ai")).Capabilities.SupportsSeedLookup);
    }

    [Theory]
    [InlineData(MidjourneyProvider.Apixo)]
    [InlineData(MidjourneyProvider.MidApi)]
    public async Task GetSeedAsync_BlankId_ThrowsArgumentBeforeTheCapabilityCheck(MidjourneyProvider provider)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Client(provider).GetSeedAsync(""));

        Assert.Empty(_server.Requests);
    }
}
