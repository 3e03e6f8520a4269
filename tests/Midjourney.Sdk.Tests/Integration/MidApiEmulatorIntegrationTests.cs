using Midjourney.Sdk.Emulator;
using Midjourney.Sdk.Tests.Emulator;
using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Integration;

/// <summary>Every midapi operation through the public client, over real loopback HTTP, against the emulator.</summary>
public sealed class MidApiEmulatorIntegrationTests
{
    private const string Generate = "/api/v1/mj/generate";
    private const string RecordInfo = "/api/v1/mj/record-info";

    private static Task<EmulatorHarness> StartAsync(Action<MidjourneyClientOptions>? configure = null) =>
        EmulatorHarness.StartAsync(MidjourneyProvider.MidApi, configure);

    private static Task<MidjourneyTask> GridAsync(EmulatorHarness h, string prompt = "a red fox in snow") =>
        h.RunAsync(c => c.ImagineAsync(new ImagineRequest(prompt)));

    [Fact]
    public async Task Imagine_WaitForCompletion_ReportsStatusesWithoutProgressAndReturnsFourSplitPngs()
    {
        await using var h = await StartAsync();
        var reports = new List<MidjourneyTask>();

        MidjourneyTask submitted = await h.Client.ImagineAsync(new ImagineRequest("a lighthouse at dawn")
        {
            AspectRatio = "16:9",
            Speed = MidjourneySpeed.Turbo,
            Version = "niji 6",
            Stylize = 250,
            Chaos = 20,
            Weird = 100,
        });
        MidjourneyTask done = await h.Client.DriveAsync(c => c.WaitForCompletionAsync(submitted.Id, new Progress(reports)));

        Assert.Equal(MidjourneyTaskStatus.Pending, submitted.Status);
        Assert.Equal(MidjourneyTaskStatus.Succeeded, done.Status);
        Assert.Equal(MidjourneyAction.Imagine, done.Action);
        Assert.Equal("a lighthouse at dawn", done.Prompt);
        Assert.Equal(100, done.Progress);
        Assert.All(reports.Where(r => !r.IsCompleted), r => Assert.Null(r.Progress));
        Assert.Equal([MidjourneyTaskStatus.InProgress, MidjourneyTaskStatus.Succeeded], reports.Select(r => r.Status));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), done.SubmittedAt);
        Assert.Equal(TimeSpan.FromSeconds(20), done.FinishedAt - done.SubmittedAt);
        Assert.Equal(4, done.ImageUrls.Count);
        Assert.Null(done.ImageUrl);
        foreach (Uri url in done.ImageUrls)
        {
            Assert.Equal((256, 144), TestPng.ReadSize(await h.DownloadAsync(url))); // 16:9, as asked
        }
    }

    [Fact]
    public async Task Imagine_ReferenceImageUrls_RunsAsImageToImage()
    {
        await using var h = await StartAsync();
        MidjourneyTask grid = await GridAsync(h);

        MidjourneyTask done = await h.RunAsync(c => c.ImagineAsync(new ImagineRequest("the same fox, as a watercolor")
        {
            ReferenceImages = [MidjourneyImage.FromUrl(grid.ImageUrls[0]), MidjourneyImage.FromUrl(grid.ImageUrls[1])],
        }));

        Assert.Equal(MidjourneyAction.Imagine, done.Action);
        Assert.Equal(4, done.ImageUrls.Count);
        Assert.Contains("mj_img2img", done.RawJson, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Upscale_EachGridImage_ReturnsOneFullSizePngFromAStringResultInfo(int index)
    {
        await using var h = await StartAsync();
        MidjourneyTask grid = await GridAsync(h);

        MidjourneyTask upscaled = await h.RunAsync(c => c.UpscaleAsync(new UpscaleRequest(grid.Id, index)));

        Assert.Equal(MidjourneyAction.Upscale, upscaled.Action);
        Assert.Equal(grid.Id, upscaled.ParentTaskId);
        Assert.NotNull(upscaled.ImageUrl);
        Assert.Equal([upscaled.ImageUrl], upscaled.ImageUrls);
        Assert.Contains("\"resultInfoJson\":\"{", upscaled.RawJson, StringComparison.Ordinal);
        Assert.Equal((512, 512), TestPng.ReadSize(await h.DownloadAsync(upscaled.ImageUrl!)));
    }

    [Fact]
    public async Task Upscale_U1AndU4_AreTheGridsFirstAndLastImage()
    {
        await using var h = await StartAsync();
        MidjourneyTask grid = await GridAsync(h);

        MidjourneyTask u1 = await h.RunAsync(c => c.UpscaleAsync(new UpscaleRequest(grid.Id, 1)));
        MidjourneyTask u4 = await h.RunAsync(c => c.UpscaleAsync(new UpscaleRequest(grid.Id, 4)));

        // The emulator draws an upscale as its grid quadrant sampled at 512 px: U1 looks like split 1, U4 like split 4.
        TestPng first = TestPng.Decode(await h.DownloadAsync(u1.ImageUrl!));
        TestPng last = TestPng.Decode(await h.DownloadAsync(u4.ImageUrl!));
        TestPng split1 = TestPng.Decode(await h.DownloadAsync(grid.ImageUrls[0]));
        TestPng split4 = TestPng.Decode(await h.DownloadAsync(grid.ImageUrls[3]));
        Assert.True(Close(Pixel(split1, 128, 128), Pixel(first, 256, 256)), "U1 is not split image 1");
        Assert.True(Close(Pixel(split4, 128, 128), Pixel(last, 256, 256)), "U4 is not split image 4");
        Assert.False(Close(Pixel(split4, 128, 128), Pixel(first, 256, 256)), "U1 looks like split image 4");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task Variation_GridImageWithZeroBase_ReturnsANewGridOfFour(int index)
    {
        await using var h = await StartAsync();
        MidjourneyTask grid = await GridAsync(h);

        MidjourneyTask variation = await h.RunAsync(c => c.VariationAsync(new VariationRequest(grid.Id, index)));

        Assert.Equal(MidjourneyAction.Variation, variation.Action);
        Assert.Equal(grid.Id, variation.ParentTaskId);
        Assert.Equal(4, variation.ImageUrls.Count);
        Assert.DoesNotContain(variation.ImageUrls, grid.ImageUrls.Contains);
    }

    [Fact]
    public async Task ImagineUpscaleVary_FullFlow_EachStepSucceedsOnTheGrid()
    {
        await using var h = await StartAsync();

        MidjourneyTask grid = await GridAsync(h, "a castle on a hill");
        MidjourneyTask upscaled = await h.RunAsync(c => c.UpscaleAsync(new UpscaleRequest(grid.Id, 2)));
        MidjourneyTask varied = await h.RunAsync(c => c.VariationAsync(new VariationRequest(grid.Id, 3)));
        MidjourneyTask upscaledVariation = await h.RunAsync(c => c.UpscaleAsync(new UpscaleRequest(varied.Id, 1)));

        Assert.Equal(
            [MidjourneyAction.Imagine, MidjourneyAction.Upscale, MidjourneyAction.Variation, MidjourneyAction.Upscale],
            new[] { grid, upscaled, varied, upscaledVariation }.Select(t => t.Action));
        Assert.Equal(varied.Id, upscaledVariation.ParentTaskId);
        TestPng.ReadSize(await h.DownloadAsync(upscaledVariation.ImageUrl!));
    }

    [Fact]
    public async Task Variation_OneBasedIndexAgainstTheZeroBasedEmulator_V4IsRefusedAsOutOfRange()
    {
        await using var h = await StartAsync(o => o.MidApi.VariationIndexBase = 1);
        MidjourneyTask grid = await GridAsync(h);

        MidjourneyTask v3 = await h.RunAsync(c => c.VariationAsync(new VariationRequest(grid.Id, 3)));
        var ex = await Assert.ThrowsAsync<MidjourneyInvalidRequestException>(() => h.Client.VariationAsync(new VariationRequest(grid.Id, 4)));

        Assert.Equal(MidjourneyTaskStatus.Succeeded, v3.Status);
        Assert.Equal(200, ex.StatusCode); // the emulator, like midapi, says no inside an HTTP 200 envelope
        Assert.Equal("422", ex.ErrorCode);
        Assert.Contains("imageIndex must be between 0 and 3, not 4", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Variation_OnAnUpscaledImage_ThrowsInvalidRequest()
    {
        await using var h = await StartAsync();
        MidjourneyTask grid = await GridAsync(h);
        MidjourneyTask upscaled = await h.RunAsync(c => c.UpscaleAsync(new UpscaleRequest(grid.Id, 1)));

        var ex = await Assert.ThrowsAsync<MidjourneyInvalidRequestException>(() => h.Client.VariationAsync(new VariationRequest(upscaled.Id, 1)));

        Assert.Contains("four images", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operations_MidapiDoesNotOffer_ThrowNotSupportedAndSendNothing()
    {
        await using var h = await StartAsync();
        MidjourneyImage image = MidjourneyImage.FromUrl(new Uri("https://img.test/a.png"));

        await Assert.ThrowsAsync<MidjourneyNotSupportedException>(() => h.Client.RerollAsync(new RerollRequest("t")));
        await Assert.ThrowsAsync<MidjourneyNotSupportedException>(() => h.Client.InpaintAsync(new InpaintRequest("t", MidjourneyImage.FromBytes(new byte[] { 1 }, "image/png"))));
        await Assert.ThrowsAsync<MidjourneyNotSupportedException>(() => h.Client.OutpaintAsync(new OutpaintRequest("t", 2)));
        await Assert.ThrowsAsync<MidjourneyNotSupportedException>(() => h.Client.PanAsync(new PanRequest("t", PanDirection.Up)));
        await Assert.ThrowsAsync<MidjourneyNotSupportedException>(() => h.Client.DescribeAsync(new DescribeRequest(image)));
        await Assert.ThrowsAsync<MidjourneyNotSupportedException>(() => h.Client.BlendAsync(new BlendRequest([image, image])));
        await Assert.ThrowsAsync<MidjourneyNotSupportedException>(() => h.Client.ShortenAsync(new ShortenRequest("a long prompt")));
        await Assert.ThrowsAsync<MidjourneyNotSupportedException>(() => h.Client.UpscaleAsync(new UpscaleRequest("t", 1) { Mode = UpscaleMode.Creative }));
        await Assert.ThrowsAsync<MidjourneyNotSupportedException>(() => h.Client.VariationAsync(new VariationRequest("t", 1) { Strength = VariationStrength.Strong }));

        Assert.Empty(h.Handler.Paths);
    }

    // ---- failures ----

    [Theory]
    [InlineData("a cat [fail]", "400", "[fail]")]
    [InlineData("a cat [flag3]", "501", "[flag3]")]
    public async Task WaitForCompletion_TaskFails_ThrowsTaskFailedWithCodeAndReason(string prompt, string code, string marker)
    {
        await using var h = await StartAsync();
        MidjourneyTask task = await h.Client.ImagineAsync(new ImagineRequest(prompt));

        var ex = await Assert.ThrowsAsync<MidjourneyTaskFailedException>(() => h.Client.DriveAsync(c => c.WaitForCompletionAsync(task.Id)));

        Assert.Equal(MidjourneyTaskStatus.Failed, ex.Task.Status);
        Assert.Equal(code, ex.Task.FailureCode);
        Assert.Contains(marker, ex.Task.FailureReason, StringComparison.Ordinal);
        Assert.Empty(ex.Task.ImageUrls);
        Assert.NotNull(ex.Task.FinishedAt);
    }

    [Fact]
    public async Task GetTask_UnknownId_ThrowsNotFoundFromTheHttp200Envelope()
    {
        await using var h = await StartAsync();

        var ex = await Assert.ThrowsAsync<MidjourneyNotFoundException>(() => h.Client.GetTaskAsync("no-such-task"));

        Assert.Equal(200, ex.StatusCode); // the emulator, like midapi, says no inside an HTTP 200 envelope
        Assert.Equal("404", ex.ErrorCode);
        Assert.Contains("no-such-task", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCall_WrongApiKey_ThrowsAuthenticationWithoutLeakingTheKey()
    {
        await using var h = await StartAsync(o => o.ApiKey = "wrong-key-123");

        var ex = await Assert.ThrowsAsync<MidjourneyAuthenticationException>(() => h.Client.ImagineAsync(new ImagineRequest("a cat")));

        Assert.Equal(200, ex.StatusCode); // the emulator, like midapi, says no inside an HTTP 200 envelope
        Assert.Equal("401", ex.ErrorCode);
        Assert.DoesNotContain("wrong-key-123", ex.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, h.Handler.Count(Generate));
    }

    [Fact]
    public async Task Upscale_ParentStillGenerating_ThrowsInvalidRequest()
    {
        await using var h = await StartAsync();
        MidjourneyTask grid = await h.Client.ImagineAsync(new ImagineRequest("a red fox"));

        var ex = await Assert.ThrowsAsync<MidjourneyInvalidRequestException>(() => h.Client.UpscaleAsync(new UpscaleRequest(grid.Id, 1)));

        Assert.Equal(200, ex.StatusCode); // the emulator, like midapi, says no inside an HTTP 200 envelope
        Assert.Equal("422", ex.ErrorCode);
        Assert.Contains("still generating", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upscale_UnknownParent_ThrowsNotFound()
    {
        await using var h = await StartAsync();

        await Assert.ThrowsAsync<MidjourneyNotFoundException>(() => h.Client.UpscaleAsync(new UpscaleRequest("missing-parent", 1)));
    }

    [Fact]
    public async Task Imagine_ValuesTheEmulatorWouldRefuse_AreCaughtBeforeSending()
    {
        await using var h = await StartAsync();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => h.Client.ImagineAsync(new ImagineRequest("a cat") { AspectRatio = "21:9" }));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => h.Client.ImagineAsync(new ImagineRequest("a cat") { Version = "niji 7" }));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => h.Client.ImagineAsync(new ImagineRequest(new string('a', 2001))));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => h.Client.ImagineAsync(new ImagineRequest("a cat")
        {
            ReferenceImages = [MidjourneyImage.FromBytes(new byte[] { 1, 2 }, "image/png")],
        }));

        Assert.Empty(h.Handler.Paths);
    }

    // ---- faults ----

    [Fact]
    public async Task Submit_RateLimitedWithRetryAfter_WaitsThenSucceeds()
    {
        await using var h = await StartAsync();
        h.Emulator.InjectFault(EmulatorFault.RateLimit(TimeSpan.FromSeconds(4)) with { PathContains = "/generate" });

        MidjourneyTask task = await h.Client.ImagineAsync(new ImagineRequest("a cat"));

        Assert.False(string.IsNullOrEmpty(task.Id));
        Assert.Equal(2, h.Handler.Count(Generate));
        Assert.Contains(TimeSpan.FromSeconds(4), h.Time.RequestedDelays);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    public async Task Submit_ServerError_IsSentOnceAndReportedAsUncertain(int status)
    {
        await using var h = await StartAsync();
        h.Emulator.InjectFault(EmulatorFault.ServerError(status) with { PathContains = "/generate" });

        var ex = await Assert.ThrowsAsync<MidjourneySubmissionUncertainException>(() => h.Client.ImagineAsync(new ImagineRequest("a cat")));

        Assert.Equal(status, ex.StatusCode);
        Assert.Equal(1, h.Handler.Count(Generate));
    }

    [Fact]
    public async Task Submit_ServiceUnavailableWithRetryAfter_IsRetried()
    {
        await using var h = await StartAsync();
        h.Emulator.InjectFault(EmulatorFault.ServiceUnavailable(TimeSpan.FromSeconds(1)) with { PathContains = "/generateUpscale" });
        MidjourneyTask grid = await GridAsync(h);

        MidjourneyTask upscale = await h.Client.UpscaleAsync(new UpscaleRequest(grid.Id, 1));

        Assert.Equal(MidjourneyTaskStatus.Pending, upscale.Status);
        Assert.Equal(2, h.Handler.Count("/api/v1/mj/generateUpscale"));
    }

    [Fact]
    public async Task Wait_ServerErrorsAndHtmlPagesWhilePolling_AreRetriedAndTheWaitSucceeds()
    {
        await using var h = await StartAsync();
        MidjourneyTask task = await h.Client.ImagineAsync(new ImagineRequest("a cat"));
        h.Emulator.InjectFault(EmulatorFault.ServerError(503) with { PathContains = "record-info" });
        h.Emulator.InjectFault(EmulatorFault.HtmlErrorPage(502) with { PathContains = "record-info" });

        MidjourneyTask done = await h.Client.DriveAsync(c => c.WaitForCompletionAsync(task.Id));

        Assert.Equal(MidjourneyTaskStatus.Succeeded, done.Status);
        Assert.True(h.Handler.Count(RecordInfo) >= 3);
    }

    [Fact]
    public async Task GetTask_MalformedJson_ThrowsProtocolError()
    {
        await using var h = await StartAsync();
        MidjourneyTask task = await h.Client.ImagineAsync(new ImagineRequest("a cat"));
        h.Emulator.InjectFault(EmulatorFault.MalformedJson() with { PathContains = "record-info" });

        var ex = await Assert.ThrowsAsync<MidjourneyProtocolException>(() => h.Client.GetTaskAsync(task.Id));

        Assert.Equal(200, ex.StatusCode);
    }

    private static (byte R, byte G, byte B) Pixel(TestPng png, int x, int y)
    {
        int i = ((y * png.Width) + x) * 3;
        return (png.Rgb[i], png.Rgb[i + 1], png.Rgb[i + 2]);
    }

    // The same point sampled at two sizes differs by a rounding step or two per channel.
    private static bool Close((byte R, byte G, byte B) a, (byte R, byte G, byte B) b) =>
        Math.Abs(a.R - b.R) <= 4 && Math.Abs(a.G - b.G) <= 4 && Math.Abs(a.B - b.B) <= 4;

    private sealed class Progress(List<MidjourneyTask> reports) : IProgress<MidjourneyTask>
    {
        public void Report(MidjourneyTask value) => reports.Add(value);
    }
}
