using System.Buffers.Binary;
using Midjourney.Sdk.Emulator;
using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Integration;

/// <summary>Every MJ-Proxy operation through the public client, over real loopback HTTP, against the emulator.</summary>
public sealed class MjProxyEmulatorIntegrationTests
{
    private static Task<EmulatorHarness> StartAsync(Action<MidjourneyClientOptions>? configure = null) =>
        EmulatorHarness.StartAsync(MidjourneyProvider.MjProxy, configure);

    private static async Task<MidjourneyTask> GridAsync(EmulatorHarness h, string prompt = "a red fox in snow") =>
        await h.RunAsync(c => c.ImagineAsync(new ImagineRequest(prompt)));

    private static async Task<MidjourneyTask> UpscaledAsync(EmulatorHarness h, string prompt = "a red fox in snow")
    {
        MidjourneyTask grid = await GridAsync(h, prompt);
        return await h.RunAsync(c => c.UpscaleAsync(new UpscaleRequest(grid.Id, 1)));
    }

    private static async Task<MidjourneyImage> PngAsync(EmulatorHarness h, Uri url) => MidjourneyImage.FromBytes(await h.DownloadAsync(url), "image/png");

    [Fact]
    public async Task Imagine_WaitForCompletion_ReportsRisingProgressAndReturnsAGridOfRealPngs()
    {
        await using var h = await StartAsync();
        var reports = new List<MidjourneyTask>();

        MidjourneyTask submitted = await h.Client.ImagineAsync(new ImagineRequest("a lighthouse at dawn") { AspectRatio = "1:1", Version = "7", Stylize = 200 });
        MidjourneyTask done = await h.Client.DriveAsync(c => c.WaitForCompletionAsync(submitted.Id, new ListProgress(reports)));

        Assert.Equal(MidjourneyTaskStatus.Pending, submitted.Status);
        Assert.Equal(MidjourneyTaskStatus.Succeeded, done.Status);
        Assert.Equal(MidjourneyAction.Imagine, done.Action);
        Assert.Equal(100, done.Progress);
        Assert.Equal("a lighthouse at dawn --ar 1:1 --v 7 --s 200", done.Prompt);
        Assert.NotNull(done.SubmittedAt);
        Assert.NotNull(done.StartedAt);
        Assert.NotNull(done.FinishedAt);
        Assert.Contains("\"buttons\"", done.RawJson, StringComparison.Ordinal);
        int[] progress = reports.Where(r => r.Status == MidjourneyTaskStatus.InProgress).Select(r => r.Progress!.Value).ToArray();
        Assert.True(progress.Length >= 2, $"expected several progress reports, got {progress.Length}");
        Assert.Equal(progress.Order(), progress);
        Assert.All(progress, p => Assert.Contains(p, new[] { 0, 15, 31, 46, 62, 78, 93 }));
        Assert.Equal(4, done.ImageUrls.Count);
        Assert.Equal((512, 512), PngSize(await h.DownloadAsync(done.ImageUrl!)));
        Assert.Equal((256, 256), PngSize(await h.DownloadAsync(done.ImageUrls[3])));
    }

    [Fact]
    public async Task Imagine_ReferenceImagesInlineAndByUrl_Succeeds()
    {
        await using var h = await StartAsync();
        MidjourneyTask grid = await GridAsync(h);

        MidjourneyTask done = await h.RunAsync(async c => await c.ImagineAsync(new ImagineRequest("the same fox, as a statue")
        {
            ReferenceImages = [await PngAsync(h, grid.ImageUrls[0]), MidjourneyImage.FromUrl(grid.ImageUrls[1])],
        }));

        Assert.Equal($"{grid.ImageUrls[1].AbsoluteUri} the same fox, as a statue", done.Prompt);
    }

    [Fact]
    public async Task Imagine_NijiVersion_RunsOnTheNijiBot()
    {
        await using var h = await StartAsync();

        MidjourneyTask done = await h.RunAsync(c => c.ImagineAsync(new ImagineRequest("a fox") { Version = "niji 6" }));

        Assert.Contains("\"botType\":\"NIJI_JOURNEY\"", done.RawJson, StringComparison.Ordinal);
        Assert.Equal("a fox --niji 6", done.Prompt);
    }

    [Theory]
    [InlineData("mj-fast")]
    [InlineData("fast")]
    public async Task Imagine_SpeedWithLanePrefix_GoesToTheLaneAndPollsWithoutIt(string prefix)
    {
        await using var h = await StartAsync(o => o.MjProxy.FastPathPrefix = prefix);

        MidjourneyTask done = await h.RunAsync(c => c.ImagineAsync(new ImagineRequest("a fox") { Speed = MidjourneySpeed.Fast }));

        Assert.Equal(MidjourneyTaskStatus.Succeeded, done.Status);
        Assert.Equal($"/{prefix}/mj/submit/imagine", h.Handler.Paths[0]);
        Assert.All(h.Handler.Paths.Skip(1), p => Assert.Equal($"/mj/task/{done.Id}/fetch", p));
    }

    [Fact]
    public async Task AnyOperation_ApiSecretHeader_Works()
    {
        await using var h = await StartAsync(o => o.MjProxy.AuthHeader = MjProxyAuthHeader.ApiSecret);

        MidjourneyTask upscaled = await UpscaledAsync(h);

        Assert.Equal(MidjourneyTaskStatus.Succeeded, upscaled.Status);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task Upscale_GridImage_PressesUnAndReturnsOneImage(int index)
    {
        await using var h = await StartAsync();
        MidjourneyTask grid = await GridAsync(h);

        MidjourneyTask upscaled = await h.RunAsync(c => c.UpscaleAsync(new UpscaleRequest(grid.Id, index)));

        Assert.Equal(MidjourneyAction.Upscale, upscaled.Action);
        Assert.Equal(grid.Id, upscaled.ParentTaskId);
        Assert.Equal([upscaled.ImageUrl!], upscaled.ImageUrls);
        Assert.Equal((512, 512), PngSize(await h.DownloadAsync(upscaled.ImageUrl!)));
    }

    [Theory]
    [InlineData("a fox", UpscaleMode.Subtle, 1024)]
    [InlineData("a fox --v 6.1", UpscaleMode.Creative, 1024)]
    [InlineData("a fox --v 5.2", UpscaleMode.TwoX, 1024)]
    [InlineData("a fox --v 5.2", UpscaleMode.FourX, 2048)]
    public async Task Upscale_ModesOfTheImagesVersion_Succeed(string prompt, UpscaleMode mode, int size)
    {
        await using var h = await StartAsync();
        MidjourneyTask upscaled = await UpscaledAsync(h, prompt);

        MidjourneyTask bigger = await h.RunAsync(c => c.UpscaleAsync(new UpscaleRequest(upscaled.Id, 1) { Mode = mode }));

        Assert.Equal(MidjourneyAction.Upscale, bigger.Action);
        Assert.Equal(upscaled.Id, bigger.ParentTaskId);
        Assert.Equal((size, size), PngSize(await h.DownloadAsync(bigger.ImageUrl!)));
    }

    [Fact]
    public async Task Upscale_TwoXOnAV7Image_ThrowsPointingToSubtleAndCreativeWithoutPressing()
    {
        await using var h = await StartAsync();
        MidjourneyTask upscaled = await UpscaledAsync(h);
        int before = h.Handler.Paths.Count;

        var ex = await Assert.ThrowsAsync<MidjourneyInvalidRequestException>(() => h.Client.UpscaleAsync(new UpscaleRequest(upscaled.Id, 1) { Mode = UpscaleMode.TwoX }));

        Assert.Contains("Upscale (Subtle)", ex.Message, StringComparison.Ordinal);
        Assert.Equal([$"/mj/task/{upscaled.Id}/fetch"], h.Handler.Paths.Skip(before));
    }

    [Fact]
    public async Task Variation_GridIndex_ReturnsAGrid()
    {
        await using var h = await StartAsync();
        MidjourneyTask grid = await GridAsync(h);

        MidjourneyTask variation = await h.RunAsync(c => c.VariationAsync(new VariationRequest(grid.Id, 3)));

        Assert.Equal(MidjourneyAction.Variation, variation.Action);
        Assert.Equal(4, variation.ImageUrls.Count);
    }

    [Theory]
    [InlineData(VariationStrength.Subtle)]
    [InlineData(VariationStrength.Strong)]
    public async Task Variation_StrengthOnAnUpscaledImage_ReturnsAGrid(VariationStrength strength)
    {
        await using var h = await StartAsync();
        MidjourneyTask upscaled = await UpscaledAsync(h);

        MidjourneyTask variation = await h.RunAsync(c => c.VariationAsync(new VariationRequest(upscaled.Id, 1) { Strength = strength }));

        Assert.Equal(MidjourneyAction.Variation, variation.Action);
        Assert.Equal(4, variation.ImageUrls.Count);
    }

    [Fact]
    public async Task Reroll_Grid_ReturnsANewGrid()
    {
        await using var h = await StartAsync();
        MidjourneyTask grid = await GridAsync(h);

        MidjourneyTask reroll = await h.RunAsync(c => c.RerollAsync(new RerollRequest(grid.Id)));

        Assert.Equal(MidjourneyAction.Reroll, reroll.Action);
        Assert.NotEqual(grid.Id, reroll.Id);
        Assert.Equal(grid.Prompt, reroll.Prompt);
    }

    [Fact]
    public async Task Pan_EveryDirection_Succeeds()
    {
        await using var h = await StartAsync();
        MidjourneyTask upscaled = await UpscaledAsync(h);

        foreach (PanDirection direction in Enum.GetValues<PanDirection>())
        {
            MidjourneyTask pan = await h.RunAsync(c => c.PanAsync(new PanRequest(upscaled.Id, direction)));
            Assert.Equal(MidjourneyAction.Pan, pan.Action);
            Assert.Equal(4, pan.ImageUrls.Count);
        }
    }

    [Theory]
    [InlineData(2, "a red fox in snow")]
    [InlineData(1.5, "a red fox in snow")]
    [InlineData(1, "a red fox in snow")]
    [InlineData(1.8, "a red fox in snow --zoom 1.8")]
    [InlineData(1.25, "a red fox in snow --zoom 1.25")]
    public async Task Outpaint_EveryZoomKind_Succeeds(double zoom, string prompt)
    {
        await using var h = await StartAsync();
        MidjourneyTask upscaled = await UpscaledAsync(h);

        MidjourneyTask outpaint = await h.RunAsync(c => c.OutpaintAsync(new OutpaintRequest(upscaled.Id, zoom)));

        Assert.Equal(MidjourneyAction.Outpaint, outpaint.Action);
        Assert.Equal(upscaled.Id, outpaint.ParentTaskId);
        Assert.Equal(prompt, outpaint.Prompt);
        Assert.NotNull(outpaint.ImageUrl);
    }

    [Fact]
    public async Task Outpaint_ZoomTwoWithPromptAndAspectRatio_GoesThroughCustomZoom()
    {
        await using var h = await StartAsync();
        MidjourneyTask upscaled = await UpscaledAsync(h);

        MidjourneyTask outpaint = await h.RunAsync(c => c.OutpaintAsync(new OutpaintRequest(upscaled.Id, 2) { Prompt = "a fox by a lake", AspectRatio = "16:9" }));

        Assert.Equal("a fox by a lake --zoom 2 --ar 16:9", outpaint.Prompt);
        Assert.Contains("/mj/submit/modal", h.Handler.Paths);
    }

    [Fact]
    public async Task Inpaint_MaskBytesOnAnUpscaledImage_Succeeds()
    {
        await using var h = await StartAsync();
        MidjourneyTask upscaled = await UpscaledAsync(h);

        MidjourneyTask inpaint = await h.RunAsync(async c => await c.InpaintAsync(new InpaintRequest(upscaled.Id, await PngAsync(h, upscaled.ImageUrl!)) { Prompt = "a hat" }));

        Assert.Equal(MidjourneyAction.Inpaint, inpaint.Action);
        Assert.Equal("a hat", inpaint.Prompt);
        Assert.Equal(4, inpaint.ImageUrls.Count);
    }

    [Fact]
    public async Task Inpaint_ImageWithoutAnyPrompt_ReturnsTheTaskWaitingForInput()
    {
        await using var h = await StartAsync();
        MidjourneyTask grid = await GridAsync(h);
        MidjourneyTask blend = await h.RunAsync(async c => await c.BlendAsync(new BlendRequest([await PngAsync(h, grid.ImageUrls[0]), await PngAsync(h, grid.ImageUrls[1])])));
        MidjourneyTask upscaled = await h.RunAsync(c => c.UpscaleAsync(new UpscaleRequest(blend.Id, 1)));

        MidjourneyTask waiting = await h.Client.InpaintAsync(new InpaintRequest(upscaled.Id, await PngAsync(h, upscaled.ImageUrl!)));
        MidjourneyTask fetched = await h.Client.GetTaskAsync(waiting.Id);

        Assert.Equal(MidjourneyTaskStatus.NeedsInput, waiting.Status);
        Assert.Equal(MidjourneyTaskStatus.NeedsInput, fetched.Status);
        Assert.Equal(MidjourneyAction.Inpaint, fetched.Action);
        Assert.Equal(upscaled.Id, fetched.ParentTaskId);
        Assert.DoesNotContain("/mj/submit/modal", h.Handler.Paths);
    }

    [Fact]
    public async Task Chain_ImagineU2ZoomCustomZoomVaryRegion_EachStepWaitedFor()
    {
        await using var h = await StartAsync();

        MidjourneyTask grid = await GridAsync(h, "a lighthouse on a cliff --ar 3:2");
        MidjourneyTask u2 = await h.RunAsync(c => c.UpscaleAsync(new UpscaleRequest(grid.Id, 2)));
        MidjourneyTask zoomed = await h.RunAsync(c => c.OutpaintAsync(new OutpaintRequest(u2.Id, 1.5)));
        MidjourneyTask zoomedU1 = await h.RunAsync(c => c.UpscaleAsync(new UpscaleRequest(zoomed.Id, 1)));
        MidjourneyTask custom = await h.RunAsync(c => c.OutpaintAsync(new OutpaintRequest(zoomedU1.Id, 1.8)));
        MidjourneyTask customU3 = await h.RunAsync(c => c.UpscaleAsync(new UpscaleRequest(custom.Id, 3)));
        MidjourneyTask region = await h.RunAsync(async c => await c.InpaintAsync(new InpaintRequest(customU3.Id, await PngAsync(h, customU3.ImageUrl!)) { Prompt = "a red lighthouse" }));

        MidjourneyTask[] chain = [grid, u2, zoomed, zoomedU1, custom, customU3, region];
        Assert.All(chain, t => Assert.Equal(MidjourneyTaskStatus.Succeeded, t.Status));
        Assert.Equal(
            [MidjourneyAction.Imagine, MidjourneyAction.Upscale, MidjourneyAction.Outpaint, MidjourneyAction.Upscale, MidjourneyAction.Outpaint, MidjourneyAction.Upscale, MidjourneyAction.Inpaint],
            chain.Select(t => t.Action));
        Assert.Equal(chain.SkipLast(1).Select(t => t.Id), chain.Skip(1).Select(t => t.ParentTaskId));
        Assert.Equal("a lighthouse on a cliff --ar 3:2 --zoom 1.8", custom.Prompt);
        Assert.Equal("a red lighthouse", region.Prompt);
        Assert.Equal(2, h.Handler.Count("/mj/submit/modal"));
        PngSize(await h.DownloadAsync(region.ImageUrl!));
    }

    [Fact]
    public async Task RemixOn_VariationWithPrompt_ConfirmsTheDialogWithIt()
    {
        await using var h = await StartAsync();
        MidjourneyTask grid = await GridAsync(h, "a red fox [remix]");

        MidjourneyTask variation = await h.RunAsync(c => c.VariationAsync(new VariationRequest(grid.Id, 2) { Prompt = "a blue fox [remix]" }));
        MidjourneyTask reroll = await h.RunAsync(c => c.RerollAsync(new RerollRequest(grid.Id)));

        Assert.Equal("a blue fox [remix]", variation.Prompt);
        Assert.Equal("a red fox [remix]", reroll.Prompt);
        Assert.Equal(2, h.Handler.Count("/mj/submit/modal"));
    }

    [Fact]
    public async Task Describe_InlineImage_ReturnsFourPrompts()
    {
        await using var h = await StartAsync();
        MidjourneyTask grid = await GridAsync(h);

        MidjourneyTask described = await h.RunAsync(async c => await c.DescribeAsync(new DescribeRequest(await PngAsync(h, grid.ImageUrls[0]))));

        Assert.Equal(MidjourneyAction.Describe, described.Action);
        Assert.Equal(4, described.Prompts.Count);
        Assert.All(described.Prompts, p => Assert.EndsWith("--ar 1:1", p, StringComparison.Ordinal));
        Assert.DoesNotContain(described.Prompts, p => p.Contains('\u20E3'));
    }

    [Fact]
    public async Task Describe_ImageUrl_NeedsTheLinkOption()
    {
        await using var refusing = await StartAsync();
        await using var linking = await StartAsync(o => o.MjProxy.SendDescribeLink = true);
        var image = MidjourneyImage.FromUrl(new Uri("https://img.test/fox.png"));

        await Assert.ThrowsAsync<MidjourneyNotSupportedException>(() => refusing.Client.DescribeAsync(new DescribeRequest(image)));
        MidjourneyTask described = await linking.RunAsync(c => c.DescribeAsync(new DescribeRequest(image)));

        Assert.Empty(refusing.Handler.Paths);
        Assert.Equal(4, described.Prompts.Count);
    }

    [Fact]
    public async Task Blend_InlineImages_ReturnsAGrid()
    {
        await using var h = await StartAsync();
        MidjourneyTask grid = await GridAsync(h);

        MidjourneyTask blend = await h.RunAsync(async c => await c.BlendAsync(
            new BlendRequest([await PngAsync(h, grid.ImageUrls[0]), await PngAsync(h, grid.ImageUrls[1]), await PngAsync(h, grid.ImageUrls[2])])
            {
                Dimensions = BlendDimensions.Portrait,
            }));

        Assert.Equal(MidjourneyAction.Blend, blend.Action);
        Assert.Equal(4, blend.ImageUrls.Count);
    }

    [Fact]
    public async Task Shorten_LongPrompt_ReturnsShorterPrompts()
    {
        await using var h = await StartAsync();

        MidjourneyTask shortened = await h.RunAsync(c => c.ShortenAsync(new ShortenRequest("a very detailed oil painting of a lighthouse on a cliff at dawn with dramatic light")));

        Assert.Equal(MidjourneyAction.Shorten, shortened.Action);
        Assert.Equal(5, shortened.Prompts.Count);
        Assert.Equal("detailed, oil, painting, lighthouse, cliff, dawn, dramatic, light", shortened.Prompts[0]);
        Assert.True(shortened.Prompts.Zip(shortened.Prompts.Skip(1)).All(pair => pair.First.Length > pair.Second.Length));
    }

    [Fact]
    public async Task GetTask_UnknownId_ThrowsNotFound()
    {
        await using var h = await StartAsync();

        var ex = await Assert.ThrowsAsync<MidjourneyNotFoundException>(() => h.Client.GetTaskAsync("no-such-task"));

        Assert.Contains("no-such-task", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upscale_UnknownParent_ThrowsNotFound()
    {
        await using var h = await StartAsync();

        await Assert.ThrowsAsync<MidjourneyNotFoundException>(() => h.Client.UpscaleAsync(new UpscaleRequest("no-such-task", 1)));
    }

    [Fact]
    public async Task Upscale_ParentStillRunning_ThrowsInvalidRequestNamingItsStatus()
    {
        await using var h = await StartAsync();
        MidjourneyTask running = await h.Client.ImagineAsync(new ImagineRequest("a fox"));

        var ex = await Assert.ThrowsAsync<MidjourneyInvalidRequestException>(() => h.Client.UpscaleAsync(new UpscaleRequest(running.Id, 1)));

        Assert.Contains("SUBMITTED", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Imagine_BannedWord_ThrowsContentPolicyNamingTheWord()
    {
        await using var h = await StartAsync();

        var ex = await Assert.ThrowsAsync<MidjourneyContentPolicyException>(() => h.Client.ImagineAsync(new ImagineRequest("a gore scene")));

        Assert.Contains("'gore'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(200, ex.StatusCode);
        Assert.Equal("24", ex.ErrorCode);
    }

    [Fact]
    public async Task Imagine_Queued_AcceptedWithTheQueuePositionInRawJson()
    {
        await using var h = await StartAsync();

        MidjourneyTask queued = await h.Client.ImagineAsync(new ImagineRequest("a fox [queue]"));
        MidjourneyTask done = await h.Client.DriveAsync(c => c.WaitForCompletionAsync(queued.Id));

        Assert.Contains("\"numberOfQueues\":1", queued.RawJson, StringComparison.Ordinal);
        Assert.Equal(MidjourneyTaskStatus.Succeeded, done.Status);
    }

    [Fact]
    public async Task Imagine_QueueFull_RetriedThenThrowsTransient()
    {
        await using var h = await StartAsync(o => (o.Retry.MaxRetries, o.Retry.BaseDelay) = (2, TimeSpan.FromMilliseconds(1)));

        var ex = await Assert.ThrowsAsync<MidjourneyServiceException>(() => h.Client.ImagineAsync(new ImagineRequest("a fox [queue-full]")));

        Assert.True(ex.IsTransient);
        Assert.Equal(3, h.Handler.Count("/mj/submit/imagine"));
    }

    [Fact]
    public async Task Imagine_FailMarker_WaitThrowsTaskFailedWithTheReason()
    {
        await using var h = await StartAsync();
        MidjourneyTask submitted = await h.Client.ImagineAsync(new ImagineRequest("a fox [fail]"));

        var ex = await Assert.ThrowsAsync<MidjourneyTaskFailedException>(() => h.Client.DriveAsync(c => c.WaitForCompletionAsync(submitted.Id)));

        Assert.Equal(MidjourneyTaskStatus.Failed, ex.Task.Status);
        Assert.Contains("[fail]", ex.Task.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCall_WrongApiKey_ThrowsAuthenticationWithoutLeakingTheKey()
    {
        await using var h = await StartAsync(o => o.ApiKey = "sk-wrong-key-12345");

        var ex = await Assert.ThrowsAsync<MidjourneyAuthenticationException>(() => h.Client.ImagineAsync(new ImagineRequest("a fox")));

        Assert.DoesNotContain("sk-wrong-key-12345", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Imagine_RateLimitedOnce_RetriedAndAccepted()
    {
        await using var h = await StartAsync();
        h.Emulator.InjectFault(EmulatorFault.RateLimit(TimeSpan.FromSeconds(1)) with { PathContains = "/mj/submit/imagine" });

        MidjourneyTask task = await h.Client.ImagineAsync(new ImagineRequest("a fox"));

        Assert.Equal(MidjourneyTaskStatus.Pending, task.Status);
        Assert.Equal(2, h.Handler.Count("/mj/submit/imagine"));
    }

    [Fact]
    public async Task Upscale_ServerErrorOnThePress_ThrowsSubmissionUncertainWithoutResending()
    {
        await using var h = await StartAsync();
        MidjourneyTask grid = await GridAsync(h);
        h.Emulator.InjectFault(EmulatorFault.ServerError() with { PathContains = "/mj/submit/action" });

        await Assert.ThrowsAsync<MidjourneySubmissionUncertainException>(() => h.Client.UpscaleAsync(new UpscaleRequest(grid.Id, 1)));

        Assert.Equal(1, h.Handler.Count("/mj/submit/action"));
    }

    [Fact]
    public async Task Wait_FetchUnavailableForAWhile_KeepsWaiting()
    {
        await using var h = await StartAsync();
        MidjourneyTask submitted = await h.Client.ImagineAsync(new ImagineRequest("a fox"));
        h.Emulator.InjectFault(EmulatorFault.ServiceUnavailable() with { PathContains = "/fetch", Times = 5 });

        MidjourneyTask done = await h.Client.DriveAsync(c => c.WaitForCompletionAsync(submitted.Id));

        Assert.Equal(MidjourneyTaskStatus.Succeeded, done.Status);
    }

    private static (int Width, int Height) PngSize(byte[] png)
    {
        Assert.True(png.Length > 24 && png[0] == 0x89 && png[1] == 0x50, "not a PNG");
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    private sealed class ListProgress(List<MidjourneyTask> reports) : IProgress<MidjourneyTask>
    {
        public void Report(MidjourneyTask value) => reports.Add(value);
    }
}
