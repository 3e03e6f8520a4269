using System.Buffers.Binary;
using Midjourney.Sdk.Emulator;
using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Integration;

/// <summary>Every GoAPI operation through the public client, over real loopback HTTP, against the emulator.</summary>
public sealed class GoApiEmulatorIntegrationTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public async Task Imagine_WaitForCompletion_ReportsRisingProgressAndReturnsAGridOfRealPngs()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var reports = new List<MidjourneyTask>();

        MidjourneyTask submitted = await h.Client.ImagineAsync(new ImagineRequest("a lighthouse at dawn") { AspectRatio = "1:1", Speed = MidjourneySpeed.Fast, Version = "7" });
        MidjourneyTask done = await h.Client.DriveAsync(c => c.WaitForCompletionAsync(submitted.Id, new ListProgress(reports)));

        Assert.Equal(MidjourneyTaskStatus.Pending, submitted.Status);
        Assert.Equal(MidjourneyTaskStatus.Succeeded, done.Status);
        Assert.Equal(MidjourneyAction.Imagine, done.Action);
        Assert.Equal(100, done.Progress);
        Assert.Equal("a lighthouse at dawn --v 7", done.Prompt);
        Assert.NotNull(done.SubmittedAt);
        Assert.NotNull(done.FinishedAt);
        Assert.Equal(4, done.ImageUrls.Count);
        int[] progress = reports.Where(r => r.Status == MidjourneyTaskStatus.InProgress).Select(r => r.Progress!.Value).ToArray();
        Assert.True(progress.Length >= 2, $"expected several progress reports, got {progress.Length}");
        Assert.Equal(progress.Order(), progress);
        Assert.All(progress, p => Assert.Contains(p, new[] { 0, 15, 31, 46, 62, 78, 93 }));

        (int width, int height) = PngSize(await h.DownloadAsync(done.ImageUrl!));
        Assert.Equal((512, 512), (width, height));
        Assert.Equal((256, 256), PngSize(await h.DownloadAsync(done.ImageUrls[2])));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task Upscale_GridImage_ReturnsOneImage(int index)
    {
        await using var h = await EmulatorHarness.StartAsync();

        MidjourneyTask upscaled = await h.UpscaledAsync(index);

        Assert.Equal(MidjourneyAction.Upscale, upscaled.Action);
        Assert.NotNull(upscaled.ImageUrl);
        Assert.Equal([upscaled.ImageUrl], upscaled.ImageUrls);
        Assert.NotNull(upscaled.ParentTaskId);
        PngSize(await h.DownloadAsync(upscaled.ImageUrl!));
    }

    [Theory]
    [InlineData(UpscaleMode.TwoX)]
    [InlineData(UpscaleMode.FourX)]
    public async Task Upscale_TwoXOrFourXOfAnUpscaledImage_Succeeds(UpscaleMode mode)
    {
        await using var h = await EmulatorHarness.StartAsync();
        MidjourneyTask upscaled = await h.UpscaledAsync();

        MidjourneyTask bigger = await h.RunAsync(c => c.UpscaleAsync(new UpscaleRequest(upscaled.Id, 1) { Mode = mode }));

        Assert.Equal(MidjourneyTaskStatus.Succeeded, bigger.Status);
        Assert.Equal(upscaled.Id, bigger.ParentTaskId);
    }

    [Fact]
    public async Task Variation_GridIndex_ReturnsAGrid()
    {
        await using var h = await EmulatorHarness.StartAsync();
        MidjourneyTask grid = await h.RunAsync(c => c.ImagineAsync(new ImagineRequest("a red fox")));

        MidjourneyTask variation = await h.RunAsync(c => c.VariationAsync(new VariationRequest(grid.Id, 3)));

        Assert.Equal(MidjourneyAction.Variation, variation.Action);
        Assert.Equal(4, variation.ImageUrls.Count);
    }

    [Theory]
    [InlineData(VariationStrength.Subtle)]
    [InlineData(VariationStrength.Strong)]
    public async Task Variation_StrengthOnAnUpscaledImage_Succeeds(VariationStrength strength)
    {
        await using var h = await EmulatorHarness.StartAsync();
        MidjourneyTask upscaled = await h.UpscaledAsync();

        MidjourneyTask variation = await h.RunAsync(c => c.VariationAsync(new VariationRequest(upscaled.Id, 1) { Strength = strength }));

        Assert.Equal(4, variation.ImageUrls.Count);
    }

    [Fact]
    public async Task Reroll_Grid_ReturnsANewGrid()
    {
        await using var h = await EmulatorHarness.StartAsync();
        MidjourneyTask grid = await h.RunAsync(c => c.ImagineAsync(new ImagineRequest("a red fox")));

        MidjourneyTask reroll = await h.RunAsync(c => c.RerollAsync(new RerollRequest(grid.Id)));

        Assert.Equal(MidjourneyAction.Reroll, reroll.Action);
        Assert.NotEqual(grid.Id, reroll.Id);
        Assert.Equal(4, reroll.ImageUrls.Count);
    }

    [Fact]
    public async Task Inpaint_MaskBytesOnAnUpscaledImage_Succeeds()
    {
        await using var h = await EmulatorHarness.StartAsync();
        MidjourneyTask upscaled = await h.UpscaledAsync();
        byte[] mask = await h.DownloadAsync(upscaled.ImageUrl!); // any PNG will do as a mask here

        MidjourneyTask inpaint = await h.RunAsync(c => c.InpaintAsync(new InpaintRequest(upscaled.Id, MidjourneyImage.FromBytes(mask, "image/png")) { Prompt = "a hat" }));

        Assert.Equal(MidjourneyAction.Inpaint, inpaint.Action);
        Assert.NotNull(inpaint.ImageUrl);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1.5)]
    [InlineData(2)]
    [InlineData(1.8)]
    public async Task Outpaint_EveryZoomKind_Succeeds(double zoom)
    {
        await using var h = await EmulatorHarness.StartAsync();
        MidjourneyTask upscaled = await h.UpscaledAsync();

        MidjourneyTask outpaint = await h.RunAsync(c => c.OutpaintAsync(new OutpaintRequest(upscaled.Id, zoom)));

        Assert.Equal(MidjourneyAction.Outpaint, outpaint.Action);
        Assert.NotNull(outpaint.ImageUrl);
    }

    [Fact]
    public async Task Pan_EveryDirection_Succeeds()
    {
        await using var h = await EmulatorHarness.StartAsync();
        MidjourneyTask upscaled = await h.UpscaledAsync();

        foreach (PanDirection direction in Enum.GetValues<PanDirection>())
        {
            MidjourneyTask pan = await h.RunAsync(c => c.PanAsync(new PanRequest(upscaled.Id, direction)));
            Assert.Equal(MidjourneyAction.Pan, pan.Action);
        }
    }

    [Fact]
    public async Task Describe_ImageUrl_ReturnsFourPrompts()
    {
        await using var h = await EmulatorHarness.StartAsync();
        MidjourneyTask grid = await h.RunAsync(c => c.ImagineAsync(new ImagineRequest("a red fox")));

        MidjourneyTask described = await h.RunAsync(c => c.DescribeAsync(new DescribeRequest(MidjourneyImage.FromUrl(grid.ImageUrls[0]))));

        Assert.Equal(MidjourneyAction.Describe, described.Action);
        Assert.Equal(4, described.Prompts.Count);
        Assert.All(described.Prompts, p => Assert.False(string.IsNullOrWhiteSpace(p)));
        Assert.DoesNotContain(described.Prompts, p => p.Contains('\u20E3'));
    }

    [Fact]
    public async Task Blend_TwoImageUrls_ReturnsAGrid()
    {
        await using var h = await EmulatorHarness.StartAsync();
        MidjourneyTask grid = await h.RunAsync(c => c.ImagineAsync(new ImagineRequest("a red fox")));

        MidjourneyTask blend = await h.RunAsync(c => c.BlendAsync(new BlendRequest([MidjourneyImage.FromUrl(grid.ImageUrls[0]), MidjourneyImage.FromUrl(grid.ImageUrls[1])])
        {
            Dimensions = BlendDimensions.Landscape,
        }));

        Assert.Equal(MidjourneyAction.Blend, blend.Action);
        Assert.Equal(4, blend.ImageUrls.Count);
    }

    [Fact]
    public async Task Shorten_OnGoApi_IsNotSupportedAndSendsNothing()
    {
        await using var h = await EmulatorHarness.StartAsync();

        await Assert.ThrowsAsync<MidjourneyNotSupportedException>(() => h.Client.ShortenAsync(new ShortenRequest("a very long prompt")));

        Assert.Empty(h.Handler.Paths);
    }

    [Fact]
    public async Task GetTask_UnknownId_ThrowsNotFound()
    {
        await using var h = await EmulatorHarness.StartAsync();

        var ex = await Assert.ThrowsAsync<MidjourneyNotFoundException>(() => h.Client.GetTaskAsync("no-such-task"));

        Assert.Equal(404, ex.StatusCode);
        Assert.Contains("no-such-task", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCall_WrongApiKey_ThrowsAuthenticationWithoutLeakingTheKey()
    {
        await using var h = await EmulatorHarness.StartAsync(configure: o => o.ApiKey = "wrong-key-123");

        var ex = await Assert.ThrowsAsync<MidjourneyAuthenticationException>(() => h.Client.ImagineAsync(new ImagineRequest("a cat")));

        Assert.Equal(401, ex.StatusCode);
        Assert.DoesNotContain("wrong-key-123", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upscale_ParentNotFinished_ThrowsInvalidRequestNamingItsStatus()
    {
        await using var h = await EmulatorHarness.StartAsync();
        MidjourneyTask grid = await h.Client.ImagineAsync(new ImagineRequest("a red fox"));

        var ex = await Assert.ThrowsAsync<MidjourneyInvalidRequestException>(() => h.Client.UpscaleAsync(new UpscaleRequest(grid.Id, 1)));

        Assert.Equal(400, ex.StatusCode);
        Assert.Contains("not finished", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upscale_UnknownParent_ThrowsNotFound()
    {
        await using var h = await EmulatorHarness.StartAsync();

        await Assert.ThrowsAsync<MidjourneyNotFoundException>(() => h.Client.UpscaleAsync(new UpscaleRequest("missing-parent", 1)));
    }

    [Fact]
    public async Task WaitForCompletion_TaskFails_ThrowsTaskFailedWithTheReason()
    {
        await using var h = await EmulatorHarness.StartAsync();
        MidjourneyTask task = await h.Client.ImagineAsync(new ImagineRequest("a cat [fail]"));

        var ex = await Assert.ThrowsAsync<MidjourneyTaskFailedException>(() => h.Client.DriveAsync(c => c.WaitForCompletionAsync(task.Id)));

        Assert.Equal(MidjourneyTaskStatus.Failed, ex.Task.Status);
        Assert.False(string.IsNullOrWhiteSpace(ex.Task.FailureReason));
    }

    [Fact]
    public async Task WaitForCompletion_PollingTimeoutShorterThanTheJob_ThrowsWaitTimeout()
    {
        await using var h = await EmulatorHarness.StartAsync(configure: o => o.Polling.Timeout = TimeSpan.FromSeconds(5));
        MidjourneyTask task = await h.Client.ImagineAsync(new ImagineRequest("a cat"));

        var ex = await Assert.ThrowsAsync<MidjourneyWaitTimeoutException>(() => h.Client.DriveAsync(c => c.WaitForCompletionAsync(task.Id)));

        Assert.False(ex.Task.IsCompleted);
        Assert.Equal(task.Id, ex.Task.Id);
    }

    [Fact]
    public async Task Submit_RateLimitedWithRetryAfter_WaitsThenSucceeds()
    {
        await using var h = await EmulatorHarness.StartAsync();
        h.Emulator.InjectFault(EmulatorFault.RateLimit(TimeSpan.FromSeconds(4)) with { PathContains = "/imagine" });

        MidjourneyTask task = await h.Client.ImagineAsync(new ImagineRequest("a cat"));

        Assert.False(string.IsNullOrEmpty(task.Id));
        Assert.Equal(2, h.Handler.Count("/mj/v2/imagine"));
        Assert.Contains(TimeSpan.FromSeconds(4), h.Time.RequestedDelays);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    public async Task Submit_ServerError_IsSentOnceAndReportedAsUncertain(int status)
    {
        await using var h = await EmulatorHarness.StartAsync();
        h.Emulator.InjectFault(EmulatorFault.ServerError(status) with { PathContains = "/imagine" });

        var ex = await Assert.ThrowsAsync<MidjourneySubmissionUncertainException>(() => h.Client.ImagineAsync(new ImagineRequest("a cat")));

        Assert.Equal(status, ex.StatusCode);
        Assert.Equal(1, h.Handler.Count("/mj/v2/imagine"));
    }

    [Fact]
    public async Task Submit_ServiceUnavailableWithRetryAfter_IsRetried()
    {
        await using var h = await EmulatorHarness.StartAsync();
        h.Emulator.InjectFault(EmulatorFault.ServiceUnavailable(TimeSpan.FromSeconds(1)) with { PathContains = "/imagine" });

        MidjourneyTask task = await h.Client.ImagineAsync(new ImagineRequest("a cat"));

        Assert.Equal(MidjourneyTaskStatus.Pending, task.Status);
        Assert.Equal(2, h.Handler.Count("/mj/v2/imagine"));
    }

    [Fact]
    public async Task Fetch_ServerErrorsAndHtmlPages_AreRetried()
    {
        await using var h = await EmulatorHarness.StartAsync();
        MidjourneyTask task = await h.Client.ImagineAsync(new ImagineRequest("a cat"));
        h.Emulator.InjectFault(EmulatorFault.ServerError(503) with { PathContains = "/fetch" });
        h.Emulator.InjectFault(EmulatorFault.HtmlErrorPage(502) with { PathContains = "/fetch" });

        MidjourneyTask fetched = await h.Client.GetTaskAsync(task.Id);

        Assert.Equal(task.Id, fetched.Id);
        Assert.Equal(3, h.Handler.Count("/mj/v2/fetch"));
    }

    [Fact]
    public async Task Fetch_MalformedJson_ThrowsProtocolError()
    {
        await using var h = await EmulatorHarness.StartAsync();
        MidjourneyTask task = await h.Client.ImagineAsync(new ImagineRequest("a cat"));
        h.Emulator.InjectFault(EmulatorFault.MalformedJson() with { PathContains = "/fetch" });

        var ex = await Assert.ThrowsAsync<MidjourneyProtocolException>(() => h.Client.GetTaskAsync(task.Id));

        Assert.Equal(200, ex.StatusCode);
    }

    [Fact]
    public async Task Fetch_Latency_StillAnswers()
    {
        await using var h = await EmulatorHarness.StartAsync();
        MidjourneyTask task = await h.Client.ImagineAsync(new ImagineRequest("a cat"));
        h.Emulator.InjectFault(EmulatorFault.Latency(TimeSpan.FromSeconds(3)) with { PathContains = "/fetch" });

        MidjourneyTask fetched = await h.Client.GetTaskAsync(task.Id);

        Assert.Equal(task.Id, fetched.Id);
    }

    private static (int Width, int Height) PngSize(byte[] png)
    {
        Assert.True(png.AsSpan(0, 8).SequenceEqual(PngSignature), "not a PNG file");
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    private sealed class ListProgress(List<MidjourneyTask> reports) : IProgress<MidjourneyTask>
    {
        public void Report(MidjourneyTask value) => reports.Add(value);
    }
}
