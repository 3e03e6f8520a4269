using System.Net;
using Midjourney.Sdk.Tests.TestSupport;
using WireMock.Matchers;

namespace Midjourney.Sdk.Tests.Providers.GoApi;

/// <summary>
/// GoAPI has no seed endpoint but reports the seed on the task (<c>task_result.seed</c>): <see cref="IMidjourneyClient.GetSeedAsync"/>
/// is one fetch, over a <see cref="WireServer"/>.
/// </summary>
public sealed class GoApiSeedTests : IDisposable
{
    private const string Fetch = "/base/mj/v2/fetch";

    private readonly WireServer _server = new WireServer("/base").RequireHeader("X-API-KEY", TestClients.ApiKey);

    public void Dispose() => _server.Dispose();

    [Fact]
    public void Capabilities_OnGoApi_SeedLookup()
    {
        Assert.True(TestClients.GoApi(_server).Capabilities.SupportsSeedLookup);
    }

    [Fact]
    public async Task GetSeedAsync_FinishedTask_FetchesItAndReturnsTaskResultSeed()
    {
        _server.On(
            _server.Request(HttpMethod.Post, "/mj/v2/fetch").WithBody(new JsonPartialMatcher("""{"task_id":"task-9"}""")),
            Wire.Json(TestClients.GoApiTaskJson("task-9", "finished", 100, extraResult: ""","seed":"2718281828" """)));

        string? seed = await TestClients.GoApi(_server).GetSeedAsync("task-9");

        Assert.Equal("2718281828", seed);
        RecordedRequest request = _server.Single;
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.EndsWith(Fetch, request.Uri.AbsolutePath, StringComparison.Ordinal);
        Assert.Empty(_server.Unmatched);
    }

    [Fact]
    public async Task GetSeedAsync_RunningTask_ReturnsNull()
    {
        _server.On(HttpMethod.Post, "/mj/v2/fetch", Wire.Json(TestClients.GoApiTaskJson("task-9", "processing", 40, extraResult: ""","seed":"" """)));

        Assert.Null(await TestClients.GoApi(_server).GetSeedAsync("task-9"));
    }

    [Fact]
    public async Task GetSeedAsync_UnknownTask_ThrowsNotFound()
    {
        _server.On(HttpMethod.Post, "/mj/v2/fetch", Wire.Error(HttpStatusCode.NotFound, """{"status":"failed","message":"task not found"}"""));

        await Assert.ThrowsAsync<MidjourneyNotFoundException>(() => TestClients.GoApi(_server, configure: o => o.Retry.MaxRetries = 0).GetSeedAsync("task-9"));
    }

    [Fact]
    public async Task GetSeedAsync_BlankId_ThrowsBeforeAnyRequest()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => TestClients.GoApi(_server).GetSeedAsync(" "));

        Assert.Empty(_server.Requests);
    }
}
