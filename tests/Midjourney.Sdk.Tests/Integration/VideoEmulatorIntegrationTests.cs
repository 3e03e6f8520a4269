using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Integration;

/// <summary>
/// <see cref="IMidjourneyClient.VideoAsync"/> through the public client, over real loopback HTTP, against the emulator:
/// on midapi and MJ-Proxy a video is submitted, waited for like any task, and its clips download as <c>video/mp4</c>;
/// GoAPI and APIXO refuse it with nothing sent.
/// </summary>
public sealed class VideoEmulatorIntegrationTests
{
    /// <summary>A finished grid's first image: a start frame the emulator itself serves.</summary>
    private static async Task<MidjourneyImage> StartFrameAsync(EmulatorHarness h)
    {
        MidjourneyTask grid = await h.RunAsync(c => c.ImagineAsync(new ImagineRequest("a quiet harbour at dawn")));
        return MidjourneyImage.FromUrl(grid.ImageUrls[0]);
    }

    private static async Task AssertPlayableUrlsAsync(IReadOnlyList<Uri> urls)
    {
        using var http = new HttpClient();
        foreach (Uri url in urls)
        {
            using HttpResponseMessage response = await http.GetAsync(url);
            byte[] bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}");
            Assert.Equal("video/mp4", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("ftyp", System.Text.Encoding.ASCII.GetString(bytes, 4, 4));
            Assert.True(bytes.AsSpan().IndexOf("moov"u8) > 0, $"{url} has no movie box");
        }
    }

    [Theory]
    [InlineData(null, false, 4)]
    [InlineData(1, false, 1)]
    [InlineData(2, true, 2)]
    [InlineData(4, true, 4)]
    public async Task MidApi_Video_WaitsToSuccessWithDownloadableMp4Clips(int? batchSize, bool highDefinition, int clips)
    {
        await using var h = await EmulatorHarness.StartAsync(MidjourneyProvider.MidApi);
        MidjourneyImage start = await StartFrameAsync(h);

        MidjourneyTask submitted = await h.Client.VideoAsync(new VideoRequest(start)
        {
            Prompt = "the boats rock gently",
            Motion = VideoMotion.High,
            BatchSize = batchSize,
            HighDefinition = highDefinition,
        });
        MidjourneyTask done = await h.Client.DriveAsync(c => c.WaitForCompletionAsync(submitted.Id));

        Assert.Equal(MidjourneyAction.Video, submitted.Action);
        Assert.Equal(MidjourneyTaskStatus.Succeeded, done.Status);
        Assert.Equal(MidjourneyAction.Video, done.Action);
        Assert.Equal("the boats rock gently", done.Prompt);
        Assert.Equal(clips, done.VideoUrls.Count);
        Assert.Empty(done.ImageUrls);
        Assert.Null(done.ImageUrl);
        Assert.Contains(highDefinition ? "mj_video_hd" : "\"mj_video\"", done.RawJson, StringComparison.Ordinal);
        await AssertPlayableUrlsAsync(done.VideoUrls);
    }

    [Fact]
    public async Task MidApi_VideoWithAFailMarker_EndsFailed()
    {
        await using var h = await EmulatorHarness.StartAsync(MidjourneyProvider.MidApi);

        MidjourneyTask submitted = await h.Client.VideoAsync(new VideoRequest(MidjourneyImage.FromUrl(new Uri("https://img.test/a.png"))) { Prompt = "the boats sink [fail]" });
        var ex = await Assert.ThrowsAsync<MidjourneyTaskFailedException>(() => h.Client.DriveAsync(c => c.WaitForCompletionAsync(submitted.Id)));

        Assert.Equal(MidjourneyTaskStatus.Failed, ex.Task.Status);
        Assert.Empty(ex.Task.VideoUrls);
    }

    [Theory]
    [InlineData(null, 4)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    public async Task MjProxy_Video_WaitsToSuccessWithProgressAndDownloadableMp4Clips(int? batchSize, int clips)
    {
        await using var h = await EmulatorHarness.StartAsync(MidjourneyProvider.MjProxy);
        MidjourneyImage start = await StartFrameAsync(h);
        var reports = new List<MidjourneyTask>();

        MidjourneyTask submitted = await h.Client.VideoAsync(new VideoRequest(start)
        {
            Prompt = "the boats rock gently",
            BatchSize = batchSize,
            HighDefinition = true,
            Loop = true,
            EndImage = start,
        });
        MidjourneyTask done = await h.Client.DriveAsync(c => c.WaitForCompletionAsync(submitted.Id, new SyncProgress(reports)));

        Assert.Equal(MidjourneyTaskStatus.Succeeded, done.Status);
        Assert.Equal(MidjourneyAction.Video, done.Action);
        Assert.Equal(100, done.Progress);
        Assert.Equal(clips, done.VideoUrls.Count);
        Assert.Contains(reports, r => r.Status == MidjourneyTaskStatus.InProgress && r.Progress is > 0 and < 100);
        await AssertPlayableUrlsAsync(done.VideoUrls);
    }

    [Fact]
    public async Task MjProxy_VideoFromInlineBytes_Succeeds()
    {
        await using var h = await EmulatorHarness.StartAsync(MidjourneyProvider.MjProxy);
        MidjourneyImage inline = MidjourneyImage.FromBytes(await h.DownloadAsync((await StartFrameAsync(h)).Url!), "image/png");

        MidjourneyTask done = await h.RunAsync(c => c.VideoAsync(new VideoRequest(inline) { Prompt = "waves", Motion = VideoMotion.Low, BatchSize = 1 }));

        Assert.Single(done.VideoUrls);
        await AssertPlayableUrlsAsync(done.VideoUrls);
    }

    [Theory]
    [InlineData(MidjourneyProvider.GoApi)]
    [InlineData(MidjourneyProvider.Apixo)]
    public async Task Video_OnGoApiAndApixo_IsNotSupportedAndSendsNothing(MidjourneyProvider provider)
    {
        await using var h = await EmulatorHarness.StartAsync(provider);

        await Assert.ThrowsAsync<MidjourneyNotSupportedException>(
            () => h.Client.VideoAsync(new VideoRequest(MidjourneyImage.FromUrl(new Uri("https://img.test/a.png"))) { Prompt = "waves" }));

        Assert.Empty(h.Handler.Paths);
    }

    /// <summary>Records reports as they come (<see cref="Progress{T}"/> would post them to the thread pool).</summary>
    private sealed class SyncProgress(List<MidjourneyTask> reports) : IProgress<MidjourneyTask>
    {
        public void Report(MidjourneyTask value) => reports.Add(value);
    }
}
