using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Integration;

/// <summary>
/// <see cref="IMidjourneyClient.GetSeedAsync"/> through the public client, over real loopback HTTP, against the emulator:
/// MJ-Proxy asks <c>image-seed</c> (null before the task has finished, the seed after), GoAPI fetches the task, and the
/// providers without seeds refuse with nothing sent.
/// </summary>
public sealed class SeedEmulatorIntegrationTests
{
    [Fact]
    public async Task MjProxy_SeedOfAFinishedGrid_IsTheOneTheTaskReports_AndReproducesWithSeedFlag()
    {
        await using var h = await EmulatorHarness.StartAsync(MidjourneyProvider.MjProxy);
        IMidjourneyClient client = h.Client;
        MidjourneyTask done = await h.RunAsync(c => c.ImagineAsync(new ImagineRequest("a lighthouse at dusk")));

        // README: begin
        string? seed = await client.GetSeedAsync(done.Id);
        if (seed is not null)
        {
            await client.ImagineAsync(new ImagineRequest($"{done.Prompt} --seed {seed}"));
        }
        // README: end

        Assert.NotNull(seed);
        Assert.Null(done.Seed); // not on the task until someone looked it up...
        Assert.Equal(seed, (await client.GetTaskAsync(done.Id)).Seed); // ...and on it from then on
        Assert.Equal(1, h.Handler.Count($"/mj/task/{done.Id}/image-seed"));
        Assert.Equal(2, h.Handler.Count("/mj/submit/imagine"));
    }

    [Fact]
    public async Task MjProxy_SeedOfARunningTask_IsNull()
    {
        await using var h = await EmulatorHarness.StartAsync(MidjourneyProvider.MjProxy);
        MidjourneyTask submitted = await h.Client.ImagineAsync(new ImagineRequest("a lighthouse in fog"));

        Assert.Null(await h.Client.GetSeedAsync(submitted.Id));
        Assert.Equal(1, h.Handler.Count($"/mj/task/{submitted.Id}/image-seed"));
    }

    [Fact]
    public async Task MjProxy_SeedOfAFinishedVideo_IsNull()
    {
        await using var h = await EmulatorHarness.StartAsync(MidjourneyProvider.MjProxy);
        MidjourneyTask video = await h.RunAsync(c => c.VideoAsync(new VideoRequest(MidjourneyImage.FromUrl(new Uri("https://img.test/start.png"))) { Prompt = "waves" }));

        Assert.Null(await h.Client.GetSeedAsync(video.Id));
    }

    [Theory]
    [InlineData(MidjourneyProvider.MjProxy)]
    [InlineData(MidjourneyProvider.GoApi)]
    public async Task UnknownTask_ThrowsNotFound(MidjourneyProvider provider)
    {
        await using var h = await EmulatorHarness.StartAsync(provider);

        await Assert.ThrowsAsync<MidjourneyNotFoundException>(() => h.Client.GetSeedAsync("no-such-task"));
    }

    [Fact]
    public async Task GoApi_SeedOfAFinishedGrid_IsItsTaskResultSeed_NullWhileRunning()
    {
        await using var h = await EmulatorHarness.StartAsync(MidjourneyProvider.GoApi);
        MidjourneyTask submitted = await h.Client.ImagineAsync(new ImagineRequest("a red fox in snow"));
        string? early = await h.Client.GetSeedAsync(submitted.Id);
        MidjourneyTask done = await h.Client.DriveAsync(c => c.WaitForCompletionAsync(submitted.Id));

        string? seed = await h.Client.GetSeedAsync(done.Id);

        Assert.Null(early);
        Assert.NotNull(seed);
        Assert.Equal(done.Seed, seed);
        Assert.All(h.Handler.Paths, path => Assert.StartsWith("/mj/v2/", path, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(MidjourneyProvider.Apixo)]
    [InlineData(MidjourneyProvider.MidApi)]
    public async Task GetSeed_WhereNotOffered_NothingIsSent(MidjourneyProvider provider)
    {
        await using var h = await EmulatorHarness.StartAsync(provider);

        Assert.False(h.Client.Capabilities.SupportsSeedLookup);
        await Assert.ThrowsAsync<MidjourneyNotSupportedException>(() => h.Client.GetSeedAsync("task-1"));
        Assert.Empty(h.Handler.Paths);
    }
}
