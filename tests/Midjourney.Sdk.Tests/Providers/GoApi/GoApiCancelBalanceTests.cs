using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Providers.GoApi;

/// <summary>GoAPI (v2) has neither a cancel nor a balance endpoint: both calls fail before any traffic.</summary>
public sealed class GoApiCancelBalanceTests : IDisposable
{
    private readonly WireServer _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public void Capabilities_OnGoApi_NoCancelNoBalance()
    {
        MidjourneyCapabilities capabilities = TestClients.GoApi(_server).Capabilities;

        Assert.False(capabilities.SupportsCancel);
        Assert.False(capabilities.SupportsBalance);
    }

    [Fact]
    public async Task CancelTaskAsync_OnGoApi_NotSupportedBeforeAnyRequest()
    {
        _server.OnAny(Wire.Json("{}"));

        var ex = await Assert.ThrowsAsync<MidjourneyNotSupportedException>(() => TestClients.GoApi(_server).CancelTaskAsync("task-1"));

        Assert.Equal(MidjourneyProvider.GoApi, ex.Provider);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task GetBalanceAsync_OnGoApi_NotSupportedBeforeAnyRequest()
    {
        _server.OnAny(Wire.Json("{}"));

        var ex = await Assert.ThrowsAsync<MidjourneyNotSupportedException>(() => TestClients.GoApi(_server).GetBalanceAsync());

        Assert.Equal(MidjourneyProvider.GoApi, ex.Provider);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task CancelTaskAsync_BlankId_ThrowsArgumentBeforeTheCapabilityCheck()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => TestClients.GoApi(_server).CancelTaskAsync(" "));

        Assert.Empty(_server.Requests);
    }
}
