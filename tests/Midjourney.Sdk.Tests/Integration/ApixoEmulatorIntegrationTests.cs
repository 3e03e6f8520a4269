using Midjourney.Sdk.Emulator;
using Midjourney.Sdk.Tests.Emulator;
using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Integration;

/// <summary>Every APIXO operation through the public client, over real loopback HTTP, against the emulator.</summary>
public sealed class ApixoEmulatorIntegrationTests
{
    private const string GeneratePath = "/api/v1/generateTask/midjourney";
    private const string StatusPath = "/api/v1/statusTask/midjourney";

    private static Task<EmulatorHarness> StartAsync(Action<MidjourneyClientOptions>? configure = null) =>
        EmulatorHarness.StartAsync(MidjourneyProvider.Apixo, configure);

    [Fact]
    public async Task Imagine_WaitForCompletion_ReturnsFourRealPngsWithoutProgressUntilDone()
    {
        await using var h = await StartAsync();
        var reports = new List<MidjourneyTask>();

        MidjourneyTask submitted = await h.Client.ImagineAsync(new ImagineRequest("a lighthouse at dawn")
        {
            AspectRatio = "16:9", Speed = MidjourneySpeed.Fast, Version = "7", Stylize = 250, Chaos = 5, Weird = 10,
        });
        MidjourneyTask done = await h.Client.DriveAsync(c => c.WaitForCompletionAsync(submitted.Id, new ListProgress(reports)));

        Assert.Equal(MidjourneyTaskStatus.Pending, submitted.Status);
        Assert.Equal(MidjourneyTaskStatus.Succeeded, done.Status);
        Assert.Equal(MidjourneyAction.Imagine, done.Action);
        Assert.Equal("a lighthouse at dawn", done.Prompt);
        Assert.Equal(100, done.Progress);
        Assert.All(reports.Where(r => !r.IsCompleted), r => Assert.Null(r.Progress));
        Assert.NotNull(done.SubmittedAt);
        Assert.Equal(done.SubmittedAt + TimeSpan.FromSeconds(20), done.FinishedAt);
        Assert.Equal(4, done.ImageUrls.Count);
        Assert.Null(done.ImageUrl);
        Assert.Equal((256, 144), TestPng.ReadSize(await h.DownloadAsync(done.ImageUrls[3]))); // 16:9, as asked
    }

    [Fact]
    public async Task Imagine_CurrentFieldNames_IsAcceptedByTheEmulatorThatRefusesBothSpellings()
    {
        await using var h = await StartAsync(o => o.Apixo.FieldNames = ApixoFieldNames.Current);

        MidjourneyTask done = await h.RunAsync(c => c.ImagineAsync(new ImagineRequest("a cat") { AspectRatio = "9:16", Stylize = 50, Chaos = 80, Weird = 3000, Version = "niji 6" }));

        Assert.Equal(MidjourneyTaskStatus.Succeeded, done.Status);
    }

    [Fact]
    public async Task Imagine_ReferenceImageUrls_RunsImageToImage()
    {
        await using var h = await StartAsync();
        MidjourneyTask grid = await h.RunAsync(c => c.ImagineAsync(new ImagineRequest("a red fox")));

        MidjourneyTask styled = await h.RunAsync(c => c.ImagineAsync(new ImagineRequest("a fox, in this style") { ReferenceImages = [MidjourneyImage.FromUrl(grid.ImageUrls[1])] }));

        Assert.Equal(MidjourneyAction.Imagine, styled.Action);
        Assert.Equal(4, styled.ImageUrls.Count);
    }

    [Fact]
    public async Task ImagineUpscaleVary_Chain_EachStepSucceedsWithItsParent()
    {
        await using var h = await StartAsync();

        MidjourneyTask grid = await h.RunAsync(c => c.ImagineAsync(new ImagineRequest("a red fox in snow")));
        MidjourneyTask upscaled = await h.RunAsync(c => c.UpscaleAsync(new UpscaleRequest(grid.Id, 2)));
        MidjourneyTask varied = await h.RunAsync(c => c.VariationAsync(new VariationRequest(grid.Id, 3)));
        MidjourneyTask subtle = await h.RunAsync(c => c.VariationAsync(new VariationRequest(grid.Id, 1) { Strength = VariationStrength.Subtle, Prompt = "a grey fox" }));
        MidjourneyTask strongOfUpscale = await h.RunAsync(c => c.VariationAsync(new VariationRequest(upscaled.Id, 1) { Strength = VariationStrength.Strong }));

        Assert.Equal(MidjourneyAction.Upscale, upscaled.Action);
        Assert.Equal(grid.Id, upscaled.ParentTaskId);
        Assert.Equal("a red fox in snow", upscaled.Prompt);
        Assert.Equal(upscaled.ImageUrl, Assert.Single(upscaled.ImageUrls));
        Assert.Equal((512, 512), TestPng.ReadSize(await h.DownloadAsync(upscaled.ImageUrl!)));
        Assert.Equal(MidjourneyAction.Variation, varied.Action);
        Assert.Equal(4, varied.ImageUrls.Count);
        Assert.Equal("a grey fox", subtle.Prompt);
        Assert.Equal(4, subtle.ImageUrls.Count);
        Assert.Equal(upscaled.Id, strongOfUpscale.ParentTaskId);
        Assert.NotEqual(varied.ImageUrls[0], subtle.ImageUrls[0]);
    }

    [Theory]
    [InlineData(UpscaleMode.Creative, 512)]
    [InlineData(UpscaleMode.TwoX, 1024)]
    [InlineData(UpscaleMode.FourX, 2048)]
    public async Task Upscale_CreativeOfAGridImageOrTwoXFourXOfAnUpscale_GiveTheirSizes(UpscaleMode mode, int size)
    {
        await using var h = await StartAsync();
        MidjourneyTask upscaled = await h.UpscaledAsync();

        MidjourneyTask again = await h.RunAsync(c => c.UpscaleAsync(new UpscaleRequest(mode == UpscaleMode.Creative ? upscaled.ParentTaskId! : upscaled.Id, 1) { Mode = mode }));

        Assert.Equal((size, size), TestPng.ReadSize(await h.DownloadAsync(again.ImageUrl!)));
    }

    [Fact]
    public async Task Upscale_Subtle_IsNotSupportedAndSendsNothing()
    {
        await using var h = await StartAsync();

        await Assert.ThrowsAsync<MidjourneyNotSupportedException>(() => h.Client.UpscaleAsync(new UpscaleRequest("any", 1) { Mode = UpscaleMode.Subtle }));

        Assert.Empty(h.Handler.Paths);
    }

    [Fact]
    public async Task Inpaint_PngMaskBytesOnAnUpscaledImage_RepaintsItIntoAGrid()
    {
        await using var h = await StartAsync();
        MidjourneyTask upscaled = await h.UpscaledAsync();
        byte[] mask = await h.DownloadAsync(upscaled.ImageUrl!); // any PNG will do as a mask here

        MidjourneyTask inpaint = await h.RunAsync(c => c.InpaintAsync(new InpaintRequest(upscaled.Id, MidjourneyImage.FromBytes(mask, "image/png")) { Prompt = "a hat" }));

        Assert.Equal(MidjourneyAction.Inpaint, inpaint.Action);
        Assert.Equal(upscaled.Id, inpaint.ParentTaskId);
        Assert.Equal("a hat", inpaint.Prompt);
        Assert.Equal(4, inpaint.ImageUrls.Count);
        Assert.True(TestPng.HasSignature(await h.DownloadAsync(inpaint.ImageUrls[0])));
    }

    [Fact]
    public async Task Inpaint_MaskUrlAndNoPrompt_KeepsTheParentsPrompt()
    {
        await using var h = await StartAsync();
        MidjourneyTask upscaled = await h.UpscaledAsync();

        MidjourneyTask inpaint = await h.RunAsync(c => c.InpaintAsync(new InpaintRequest(upscaled.Id, MidjourneyImage.FromUrl(upscaled.ImageUrl!))));

        Assert.Equal("a red fox in snow", inpaint.Prompt);
        Assert.Equal(MidjourneyTaskStatus.Succeeded, inpaint.Status);
    }

    [Fact]
    public async Task Inpaint_ParentStillRunning_ThrowsInvalidRequestWithoutSubmitting()
    {
        await using var h = await StartAsync();
        MidjourneyTask grid = await h.Client.ImagineAsync(new ImagineRequest("a red fox"));

        await Assert.ThrowsAsync<MidjourneyInvalidRequestException>(() => h.Client.InpaintAsync(new InpaintRequest(grid.Id, MidjourneyImage.FromUrl(new Uri("https://img.test/m.png")))));

        Assert.Equal(1, h.Handler.Count(GeneratePath));
        Assert.Equal(1, h.Handler.Count(StatusPath));
    }

    [Theory]
    [InlineData("a cat [nsfw]", MidjourneyFailureCodes.ContentPolicy, "CONTENT_VIOLATION")]
    [InlineData("a cat [fail]", "GENERATION_FAILED", "GENERATION_FAILED")]
    public async Task WaitForCompletion_TaskFails_ThrowsTaskFailedWithApixosFailCode(string prompt, string failCode, string providerCode)
    {
        await using var h = await StartAsync();
        MidjourneyTask task = await h.Client.ImagineAsync(new ImagineRequest(prompt));

        var ex = await Assert.ThrowsAsync<MidjourneyTaskFailedException>(() => h.Client.DriveAsync(c => c.WaitForCompletionAsync(task.Id)));

        Assert.Equal(failCode, ex.ErrorCode);
        Assert.Equal(failCode, ex.Task.FailureCode);
        Assert.Equal(providerCode, ex.Task.ProviderFailureCode);
        Assert.Equal(MidjourneyTaskStatus.Failed, ex.Task.Status);
        Assert.False(string.IsNullOrWhiteSpace(ex.Task.FailureReason));
        Assert.Null(ex.Task.ImageUrl);
    }

    [Fact]
    public async Task Imagine_Webhook_IsAcceptedInCallbackModeAndStillPollable()
    {
        await using var h = await StartAsync();

        MidjourneyTask done = await h.RunAsync(c => c.ImagineAsync(new ImagineRequest("a cat") { WebhookUrl = new Uri("https://127.0.0.1:9/apixo") }));

        Assert.Equal(MidjourneyTaskStatus.Succeeded, done.Status);
    }

    [Fact]
    public async Task WaitForCompletion_ProviderDefaultSchedule_FirstLooksAfterAboutApixosGuidanceThenAtLeast3Apart()
    {
        await using var h = await StartAsync(o =>
        {
            o.Polling.InitialDelay = null;
            o.Polling.Interval = null;
            o.Polling.MaxInterval = null;
        });
        MidjourneyTask task = await h.Client.ImagineAsync(new ImagineRequest("a cat"));
        DateTimeOffset submitted = h.Time.GetUtcNow();

        MidjourneyTask done = await h.Client.DriveAsync(c => c.WaitForCompletionAsync(task.Id));

        Assert.Equal(MidjourneyTaskStatus.Succeeded, done.Status);

        // The emulated job takes 20 s; APIXO's guidance (about 20 s after a fast submit) puts the first look near it, and
        // the job is seen done within a few checks, at most 20 s late.
        Assert.InRange(h.Handler.Count(StatusPath), 1, 4);
        Assert.InRange(h.Time.GetUtcNow() - submitted, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(40));
    }

    public static TheoryData<string, Func<IMidjourneyClient, Task>> Unsupported => new()
    {
        { "reroll", c => c.RerollAsync(new RerollRequest("grid-1")) },
        { "outpaint", c => c.OutpaintAsync(new OutpaintRequest("up-1", 1.5)) },
        { "pan", c => c.PanAsync(new PanRequest("up-1", PanDirection.Up)) },
        { "describe", c => c.DescribeAsync(new DescribeRequest(MidjourneyImage.FromUrl(new Uri("https://img.test/a.png")))) },
        { "blend", c => c.BlendAsync(new BlendRequest([MidjourneyImage.FromUrl(new Uri("https://img.test/a.png")), MidjourneyImage.FromUrl(new Uri("https://img.test/b.png"))])) },
        { "shorten", c => c.ShortenAsync(new ShortenRequest("a very long prompt")) },
    };

    [Theory]
    [MemberData(nameof(Unsupported))]
    public async Task Operation_NotOffered_IsNotSupportedAndSendsNothing(string operation, Func<IMidjourneyClient, Task> call)
    {
        await using var h = await StartAsync();

        var ex = await Assert.ThrowsAsync<MidjourneyNotSupportedException>(() => call(h.Client));

        Assert.Contains(operation, ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(h.Handler.Paths);
    }

    [Fact]
    public async Task GetTask_UnknownId_ThrowsNotFound()
    {
        await using var h = await StartAsync();

        var ex = await Assert.ThrowsAsync<MidjourneyNotFoundException>(() => h.Client.GetTaskAsync("no-such-task"));

        Assert.Equal(404, ex.StatusCode);
        Assert.Contains("no-such-task", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCall_WrongApiKey_ThrowsAuthenticationWithoutLeakingTheKey()
    {
        await using var h = await StartAsync(o => o.ApiKey = "wrong-key-123");

        var ex = await Assert.ThrowsAsync<MidjourneyAuthenticationException>(() => h.Client.ImagineAsync(new ImagineRequest("a cat")));

        Assert.Equal(401, ex.StatusCode);
        Assert.DoesNotContain("wrong-key-123", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upscale_ParentNotFinished_ThrowsInvalidRequestNamingItsState()
    {
        await using var h = await StartAsync();
        MidjourneyTask grid = await h.Client.ImagineAsync(new ImagineRequest("a red fox"));

        var ex = await Assert.ThrowsAsync<MidjourneyInvalidRequestException>(() => h.Client.UpscaleAsync(new UpscaleRequest(grid.Id, 1)));

        Assert.Equal(400, ex.StatusCode);
        Assert.Contains("not finished", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Variation_UnknownParent_ThrowsNotFound()
    {
        await using var h = await StartAsync();

        await Assert.ThrowsAsync<MidjourneyNotFoundException>(() => h.Client.VariationAsync(new VariationRequest("missing-parent", 1)));
    }

    [Fact]
    public async Task Submit_RateLimitedWithRetryAfter_WaitsThenSucceeds()
    {
        await using var h = await StartAsync();
        h.Emulator.InjectFault(EmulatorFault.RateLimit(TimeSpan.FromSeconds(4)) with { PathContains = "generateTask" });

        MidjourneyTask task = await h.Client.ImagineAsync(new ImagineRequest("a cat"));

        Assert.False(string.IsNullOrEmpty(task.Id));
        Assert.Equal(2, h.Handler.Count(GeneratePath));
        Assert.Contains(TimeSpan.FromSeconds(4), h.Time.RequestedDelays);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    public async Task Submit_ServerError_IsSentOnceAndReportedAsUncertain(int status)
    {
        await using var h = await StartAsync();
        h.Emulator.InjectFault(EmulatorFault.ServerError(status) with { PathContains = "generateTask" });

        var ex = await Assert.ThrowsAsync<MidjourneySubmissionUncertainException>(() => h.Client.ImagineAsync(new ImagineRequest("a cat")));

        Assert.Equal(status, ex.StatusCode);
        Assert.Equal(1, h.Handler.Count(GeneratePath));
    }

    [Fact]
    public async Task Status_ServerErrorsAndHtmlPages_AreRetried()
    {
        await using var h = await StartAsync();
        MidjourneyTask task = await h.Client.ImagineAsync(new ImagineRequest("a cat"));
        h.Emulator.InjectFault(EmulatorFault.ServerError(503) with { PathContains = "statusTask" });
        h.Emulator.InjectFault(EmulatorFault.HtmlErrorPage(502) with { PathContains = "statusTask" });

        MidjourneyTask fetched = await h.Client.GetTaskAsync(task.Id);

        Assert.Equal(task.Id, fetched.Id);
        Assert.Equal(3, h.Handler.Count(StatusPath));
    }

    [Fact]
    public async Task Status_MalformedJson_ThrowsProtocolError()
    {
        await using var h = await StartAsync();
        MidjourneyTask task = await h.Client.ImagineAsync(new ImagineRequest("a cat"));
        h.Emulator.InjectFault(EmulatorFault.MalformedJson() with { PathContains = "statusTask" });

        var ex = await Assert.ThrowsAsync<MidjourneyProtocolException>(() => h.Client.GetTaskAsync(task.Id));

        Assert.Equal(200, ex.StatusCode);
    }

    private sealed class ListProgress(List<MidjourneyTask> reports) : IProgress<MidjourneyTask>
    {
        public void Report(MidjourneyTask value) => reports.Add(value);
    }
}
