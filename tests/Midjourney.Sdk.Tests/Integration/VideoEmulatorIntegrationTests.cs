using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Integration;

/// <summary>
/// <see cref="IMidjourneyClient.VideoAsync"/> through the public client, over real loopback HTTP, against the emulator:
/// on midapi and MJ-Proxy a video is submitted, waited for like any task, and its clips download as <c>video/mp4</c>;
/// GoAPI and APIXO refuse it with nothing sent. <see cref="IMidjourneyClient.ExtendVideoAsync"/> on MJ-Proxy extends a
/// finished video the same way, and fails typed on a parent that is not a finished video; the others refuse it.
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

    // ---- extend (MJ-Proxy) ----

    /// <summary>A finished MJ-Proxy video of <paramref name="clips"/> clips, from a start frame the emulator serves.</summary>
    private static async Task<MidjourneyTask> FinishedVideoAsync(EmulatorHarness h, int clips = 4)
    {
        MidjourneyImage start = await StartFrameAsync(h);
        return await h.RunAsync(c => c.VideoAsync(new VideoRequest(start) { Prompt = "the boats rock gently", BatchSize = clips }));
    }

    [Theory]
    [InlineData(4, 1)]
    [InlineData(2, 2)]
    public async Task MjProxy_VideoThenExtend_WaitsToSuccessWithPlayableClips(int clips, int index)
    {
        await using var h = await EmulatorHarness.StartAsync(MidjourneyProvider.MjProxy);
        MidjourneyTask video = await FinishedVideoAsync(h, clips);

        MidjourneyTask submitted = await h.Client.ExtendVideoAsync(new VideoExtendRequest(video.Id, index) { Prompt = "the tide turns", Motion = VideoMotion.High });
        MidjourneyTask done = await h.Client.DriveAsync(c => c.WaitForCompletionAsync(submitted.Id));

        Assert.Equal((MidjourneyAction.Video, video.Id), (submitted.Action, submitted.ParentTaskId));
        Assert.Equal(MidjourneyTaskStatus.Succeeded, done.Status);
        Assert.Equal(MidjourneyAction.Video, done.Action);
        Assert.Equal(video.Id, done.ParentTaskId);
        Assert.Equal("the tide turns", done.Prompt);
        Assert.Equal(clips, done.VideoUrls.Count);
        Assert.Empty(done.VideoUrls.Intersect(video.VideoUrls));
        await AssertPlayableUrlsAsync(done.VideoUrls);
    }

    [Fact]
    public async Task MjProxy_ExtendAnExtendedVideo_Succeeds()
    {
        await using var h = await EmulatorHarness.StartAsync(MidjourneyProvider.MjProxy);
        MidjourneyTask video = await FinishedVideoAsync(h, clips: 1);
        MidjourneyTask once = await h.RunAsync(c => c.ExtendVideoAsync(new VideoExtendRequest(video.Id, 1) { Prompt = "the tide turns" }));

        MidjourneyTask twice = await h.RunAsync(c => c.ExtendVideoAsync(new VideoExtendRequest(once.Id, 1) { Prompt = "night falls" }));

        Assert.Equal(once.Id, twice.ParentTaskId);
        Assert.Single(twice.VideoUrls);
    }

    [Fact]
    public async Task MjProxy_ExtendOfAnImageTask_ThrowsInvalidRequest()
    {
        await using var h = await EmulatorHarness.StartAsync(MidjourneyProvider.MjProxy);
        MidjourneyTask grid = await h.RunAsync(c => c.ImagineAsync(new ImagineRequest("a quiet harbour at dawn")));

        MidjourneyException ex = await Assert.ThrowsAsync<MidjourneyInvalidRequestException>(
            () => h.Client.ExtendVideoAsync(new VideoExtendRequest(grid.Id, 1) { Prompt = "the tide turns" }));

        Assert.Equal((MidjourneyProvider.MjProxy, "4"), (ex.Provider, ex.ErrorCode));
        Assert.Contains("not VIDEO", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MjProxy_ExtendOfAnUnfinishedVideo_ThrowsInvalidRequest()
    {
        await using var h = await EmulatorHarness.StartAsync(MidjourneyProvider.MjProxy);
        MidjourneyTask running = await h.Client.VideoAsync(new VideoRequest(await StartFrameAsync(h)) { Prompt = "the boats rock gently" });

        MidjourneyException ex = await Assert.ThrowsAsync<MidjourneyInvalidRequestException>(
            () => h.Client.ExtendVideoAsync(new VideoExtendRequest(running.Id, 1) { Prompt = "the tide turns" }));

        Assert.Equal("4", ex.ErrorCode);
        Assert.Contains("not SUCCESS", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MjProxy_ExtendOfAClipTheVideoDoesNotHave_ThrowsInvalidRequest()
    {
        await using var h = await EmulatorHarness.StartAsync(MidjourneyProvider.MjProxy);
        MidjourneyTask video = await FinishedVideoAsync(h, clips: 1);

        MidjourneyException ex = await Assert.ThrowsAsync<MidjourneyInvalidRequestException>(
            () => h.Client.ExtendVideoAsync(new VideoExtendRequest(video.Id, 2) { Prompt = "the tide turns" }));

        Assert.Contains("index 1 is not a clip", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MjProxy_ExtendOfAnUnknownTask_ThrowsNotFound()
    {
        await using var h = await EmulatorHarness.StartAsync(MidjourneyProvider.MjProxy);

        var ex = await Assert.ThrowsAsync<MidjourneyNotFoundException>(
            () => h.Client.ExtendVideoAsync(new VideoExtendRequest("no-such-task", 1) { Prompt = "the tide turns" }));

        Assert.Equal(404, ex.StatusCode);
        Assert.NotEqual("ENDPOINT_NOT_FOUND", ex.ErrorCode);
    }

    [Fact]
    public async Task MjProxy_ExtendWithAFailMarker_EndsFailed()
    {
        await using var h = await EmulatorHarness.StartAsync(MidjourneyProvider.MjProxy);
        MidjourneyTask video = await FinishedVideoAsync(h, clips: 1);

        MidjourneyTask submitted = await h.Client.ExtendVideoAsync(new VideoExtendRequest(video.Id, 1) { Prompt = "the boats sink [fail]" });
        var ex = await Assert.ThrowsAsync<MidjourneyTaskFailedException>(() => h.Client.DriveAsync(c => c.WaitForCompletionAsync(submitted.Id)));

        Assert.Equal(MidjourneyTaskStatus.Failed, ex.Task.Status);
        Assert.Empty(ex.Task.VideoUrls);
    }

    [Theory]
    [InlineData(MidjourneyProvider.GoApi)]
    [InlineData(MidjourneyProvider.Apixo)]
    [InlineData(MidjourneyProvider.MidApi)]
    public async Task ExtendVideo_OnGoApiApixoAndMidApi_IsNotSupportedAndSendsNothing(MidjourneyProvider provider)
    {
        await using var h = await EmulatorHarness.StartAsync(provider);

        await Assert.ThrowsAsync<MidjourneyNotSupportedException>(
            () => h.Client.ExtendVideoAsync(new VideoExtendRequest("some-video", 1) { Prompt = "the tide turns" }));

        Assert.False(h.Client.Capabilities.SupportsVideoExtend);
        Assert.Empty(h.Handler.Paths);
    }

    /// <summary>Records reports as they come (<see cref="Progress{T}"/> would post them to the thread pool).</summary>
    private sealed class SyncProgress(List<MidjourneyTask> reports) : IProgress<MidjourneyTask>
    {
        public void Report(MidjourneyTask value) => reports.Add(value);
    }
}
