using Midjourney.Sdk.Emulator;

namespace Midjourney.Sdk.Tests.Cli;

/// <summary>
/// The <c>mj</c> commands, run in process against an emulator the test starts (--provider, --base-url, --api-key) or the
/// in-process one of <c>--emulator</c>: exit codes, what is printed and what is saved.
/// </summary>
public sealed class MjCommandTests : IAsyncLifetime
{
    // A 1x1 PNG: the describe and video inputs read from a file.
    private static readonly byte[] OnePixelPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mj-cli-tests-" + Guid.NewGuid().ToString("N"));
    private MidjourneyEmulator _emulator = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _emulator = await MidjourneyEmulator.StartAsync(new MidjourneyEmulatorOptions { TaskDuration = TimeSpan.FromSeconds(1) });
    }

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Imagine_WithEmulatorFlag_SavesTheImagesAndExitsZero()
    {
        string output = Path.Combine(_folder, "images");

        CliResult result = await new CliRunner().RunAsync(
            "imagine", "a cat", "--emulator", "--emulator-task-duration", "1", "--poll-interval", "0.2", "--ar", "16:9", "--out", output);

        Assert.True(result.ExitCode == 0, result.ToString());
        string[] pngs = Directory.GetFiles(output, "*.png");
        Assert.True(pngs.Length >= 4, result.ToString());
        Assert.All(pngs, png => Assert.Equal(0x89, File.ReadAllBytes(png)[0]));
        Assert.Contains("Submitted Imagine task", result.Output, StringComparison.Ordinal);
        Assert.Contains(": Succeeded 100%", result.Output, StringComparison.Ordinal); // the progress, as plain lines
        Assert.Contains("Saved", result.Output, StringComparison.Ordinal);
        Assert.Contains(pngs[0], result.Output, StringComparison.Ordinal);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public async Task Imagine_OnAnInteractiveConsole_DrawsTheProgressBarAndSaves()
    {
        string output = Path.Combine(_folder, "interactive");

        CliResult result = await new CliRunner(interactive: true).RunAsync(
            "imagine", "a cat", "--emulator", "--emulator-task-duration", "1", "--poll-interval", "0.2", "--out", output);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(result.Output.Contains("100%", StringComparison.Ordinal), result.ToString());
        Assert.DoesNotContain(": Succeeded 100%", result.Output, StringComparison.Ordinal); // the bar, not the plain lines
        Assert.True(Directory.GetFiles(output, "*.png").Length >= 4, result.ToString());
    }

    [Fact]
    public async Task ImagineNoWait_ThenStatusWaitUpscaleVariation_AgainstARunningEmulator()
    {
        var cli = new CliRunner();
        string[] target = GoApiTarget();

        CliResult submitted = await cli.RunAsync(["imagine", "a red fox in snow", "--no-wait", .. target]);
        Assert.True(submitted.ExitCode == 0, submitted.ToString());
        string taskId = LastLine(submitted.Output);

        CliResult status = await new CliRunner().RunAsync(["status", taskId, .. target]);
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains(taskId, status.Output, StringComparison.Ordinal);
        Assert.Contains("Imagine", status.Output, StringComparison.Ordinal);

        CliResult waited = await new CliRunner().RunAsync(["wait", taskId, "--out", Path.Combine(_folder, "grid"), .. target]);
        Assert.True(waited.ExitCode == 0, waited.ToString());
        Assert.True(File.Exists(Path.Combine(_folder, "grid", taskId + "-1.png")), waited.ToString());

        CliResult upscaled = await new CliRunner().RunAsync(["upscale", taskId, "1", "--out", Path.Combine(_folder, "upscale"), .. target]);
        Assert.True(upscaled.ExitCode == 0, upscaled.ToString());
        Assert.Contains("Submitted Upscale task", upscaled.Output, StringComparison.Ordinal);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_folder, "upscale"), "*.png"));

        CliResult varied = await new CliRunner().RunAsync(["variation", taskId, "2", "--out", Path.Combine(_folder, "variation"), .. target]);
        Assert.True(varied.ExitCode == 0, varied.ToString());
        Assert.Contains("Submitted Variation task", varied.Output, StringComparison.Ordinal);
        Assert.True(Directory.GetFiles(Path.Combine(_folder, "variation"), "*.png").Length >= 4, varied.ToString());

        CliResult finished = await new CliRunner().RunAsync(["status", taskId, .. target]);
        Assert.Contains("Succeeded", finished.Output, StringComparison.Ordinal);
        Assert.Contains("Image 4", finished.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DescribeAndVideo_FromAFile_OnMjProxy()
    {
        string image = Path.Combine(_folder, "frame.png");
        await File.WriteAllBytesAsync(image, OnePixelPng);
        string[] target = MjProxyTarget();

        CliResult described = await new CliRunner().RunAsync(["describe", image, .. target]);
        Assert.True(described.ExitCode == 0, described.ToString());
        Assert.Contains("1. ", described.Output, StringComparison.Ordinal);
        Assert.Contains("4. ", described.Output, StringComparison.Ordinal);

        string clips = Path.Combine(_folder, "clips");
        CliResult video = await new CliRunner().RunAsync(["video", image, "--prompt", "the waves roll in", "--motion", "high", "--hd", "--out", clips, .. target]);
        Assert.True(video.ExitCode == 0, video.ToString());
        Assert.NotEmpty(Directory.GetFiles(clips, "*.mp4"));
    }

    [Fact]
    public async Task VideoThenExtend_OnMjProxy_SavesTheNewClips()
    {
        string image = Path.Combine(_folder, "frame.png");
        await File.WriteAllBytesAsync(image, OnePixelPng);
        string[] target = MjProxyTarget();
        CliResult video = await new CliRunner().RunAsync(["video", image, "--prompt", "the waves roll in", "--no-wait", .. target]);
        Assert.True(video.ExitCode == 0, video.ToString());
        string videoId = LastLine(video.Output);
        Assert.True((await new CliRunner().RunAsync(["wait", videoId, "--out", Path.Combine(_folder, "video"), .. target])).ExitCode == 0);

        string clips = Path.Combine(_folder, "extended");
        CliResult extended = await new CliRunner().RunAsync(["extend", videoId, "2", "--prompt", "the tide turns", "--motion", "high", "--out", clips, .. target]);

        Assert.True(extended.ExitCode == 0, extended.ToString());
        Assert.Contains("Submitted Video task", extended.Output, StringComparison.Ordinal);
        Assert.Contains(": Succeeded 100%", extended.Output, StringComparison.Ordinal);
        string[] mp4s = Directory.GetFiles(clips, "*.mp4");
        Assert.NotEmpty(mp4s);
        Assert.DoesNotContain(mp4s, file => Path.GetFileName(file).StartsWith(videoId, StringComparison.Ordinal));
        Assert.Empty(extended.Errors);
    }

    [Fact]
    public async Task Extend_WithEmulatorFlagOnMjProxy_AnUnknownVideoIsOneClearError()
    {
        CliResult result = await new CliRunner().RunAsync("extend", "no-such-video", "1", "--prompt", "the tide turns", "--emulator", "--provider", "MjProxy");

        Assert.Equal(1, result.ExitCode);
        string line = Assert.Single(result.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("Error: ", line, StringComparison.Ordinal);
        Assert.Contains("NotFound", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Extend_OnGoApi_SaysItCannotExtend_AndExitCodeOne()
    {
        CliResult result = await new CliRunner().RunAsync("extend", "some-video", "1", "--prompt", "the tide turns", "--emulator", "--provider", "GoApi");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("Error: GoApi cannot extend a video", result.Errors, StringComparison.Ordinal);
        Assert.Contains("(NotSupported)", result.Errors, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task Seed_OnMjProxy_NoneWhileRunning_ThenTheNumberOnceFinished()
    {
        string[] target = MjProxyTarget();
        CliResult submitted = await new CliRunner().RunAsync(["imagine", "a lighthouse", "--no-wait", .. target]);
        string taskId = LastLine(submitted.Output);

        CliResult early = await new CliRunner().RunAsync(["seed", taskId, .. target]);
        Assert.True((await new CliRunner().RunAsync(["wait", taskId, "--out", Path.Combine(_folder, "seeded"), .. target])).ExitCode == 0);
        CliResult seed = await new CliRunner().RunAsync(["seed", taskId, .. target]);

        Assert.Equal(1, early.ExitCode);
        Assert.Contains($"MjProxy has no seed for task {taskId}", early.Errors, StringComparison.Ordinal);
        Assert.Empty(early.Output);
        Assert.True(seed.ExitCode == 0, seed.ToString());
        Assert.Matches("^[0-9]+$", seed.Output.Trim());
    }

    [Fact]
    public async Task Describe_AFileOnAProviderThatTakesOnlyUrls_SaysSoInOneLine_WithoutTheParameterName()
    {
        string image = Path.Combine(_folder, "pixel.png");
        await File.WriteAllBytesAsync(image, OnePixelPng);

        CliResult result = await new CliRunner().RunAsync("describe", image, "--emulator", "--provider", "GoApi");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("GoAPI takes describe images as URLs", result.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", result.Errors, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task Seed_OnApixo_SaysItHasNone_AndExitCodeOne()
    {
        CliResult result = await new CliRunner().RunAsync("seed", "some-task", "--emulator", "--provider", "Apixo");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("(NotSupported)", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RerollPanAndUpscaleMode_OnGoApi_FollowAGridAndItsUpscale()
    {
        string[] target = GoApiTarget();
        string gridId = await SubmitAndWaitAsync(["imagine", "a red fox in snow", .. target], target);

        string rerolled = Path.Combine(_folder, "reroll");
        CliResult reroll = await new CliRunner().RunAsync(["reroll", gridId, "--prompt", "a grey fox in snow", "--ar", "3:2", "--out", rerolled, .. target]);
        Assert.True(reroll.ExitCode == 0, reroll.ToString());
        Assert.Contains("Submitted Reroll task", reroll.Output, StringComparison.Ordinal);
        Assert.True(Directory.GetFiles(rerolled, "*.png").Length >= 4, reroll.ToString());
        Assert.DoesNotContain(Directory.GetFiles(rerolled), file => Path.GetFileName(file).StartsWith(gridId, StringComparison.Ordinal));

        string upscaleId = await SubmitAndWaitAsync(["upscale", gridId, "1", .. target], target);

        string panned = Path.Combine(_folder, "pan");
        CliResult pan = await new CliRunner().RunAsync(["pan", upscaleId, "LEFT", "--prompt", "more snow", "--out", panned, .. target]);
        Assert.True(pan.ExitCode == 0, pan.ToString());
        Assert.Contains("Submitted Pan task", pan.Output, StringComparison.Ordinal);
        Assert.NotEmpty(Directory.GetFiles(panned, "*.png"));
        Assert.Empty(pan.Errors);

        string doubled = Path.Combine(_folder, "twox");
        CliResult twoX = await new CliRunner().RunAsync(["upscale", upscaleId, "1", "--mode", "twox", "--out", doubled, .. target]);
        Assert.True(twoX.ExitCode == 0, twoX.ToString());
        Assert.Contains("Submitted Upscale task", twoX.Output, StringComparison.Ordinal);
        Assert.NotEmpty(Directory.GetFiles(doubled, "*.png"));
    }

    [Fact]
    public async Task Blend_ThreeFilesOnMjProxy_SavesTheGrid()
    {
        string[] images = new string[3];
        for (var i = 0; i < images.Length; i++)
        {
            images[i] = Path.Combine(_folder, $"blend-{i}.png");
            await File.WriteAllBytesAsync(images[i], OnePixelPng);
        }

        string output = Path.Combine(_folder, "blend");
        CliResult result = await new CliRunner().RunAsync(["blend", .. images, "--dimensions", "landscape", "--out", output, .. MjProxyTarget()]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Submitted Blend task", result.Output, StringComparison.Ordinal);
        Assert.Contains(": Succeeded 100%", result.Output, StringComparison.Ordinal);
        Assert.NotEmpty(Directory.GetFiles(output, "*.png"));
        Assert.Empty(result.Errors);
    }

    [Theory]
    [InlineData("Apixo", "reroll", "some-task", "--prompt", "again")]
    [InlineData("MidApi", "pan", "some-task", "up")]
    [InlineData("Apixo", "blend", "https://127.0.0.1/a.png", "https://127.0.0.1/b.png")]
    [InlineData("MidApi", "upscale", "some-task", "1", "--mode", "creative")]
    public async Task FollowUp_OnAProviderWithoutIt_IsOneErrorLine_AndExitCodeOne(string provider, params string[] args)
    {
        CliResult result = await new CliRunner().RunAsync([.. args, "--emulator", "--provider", provider]);

        Assert.Equal(1, result.ExitCode);
        string line = Assert.Single(result.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("Error: ", line, StringComparison.Ordinal);
        Assert.EndsWith("(NotSupported)", line, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task Blend_OfOneImage_SaysItTakesTwoToFive_AndExitCodeTwo()
    {
        CliResult result = await new CliRunner().RunAsync("blend", "https://127.0.0.1/a.png", "--emulator", "--provider", "GoApi");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("A blend takes 2 to 5 images, not 1.", result.Errors, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    private string[] GoApiTarget() => ["--provider", "GoApi", "--base-url", _emulator.BaseUrl.ToString(), "--api-key", _emulator.ApiKey, "--poll-interval", "0.2"];

    /// <summary>Submits with --no-wait, then waits with 'mj wait' (saving into a scratch folder), and returns the task id.</summary>
    private async Task<string> SubmitAndWaitAsync(string[] submit, string[] target)
    {
        CliResult submitted = await new CliRunner().RunAsync([.. submit, "--no-wait"]);
        Assert.True(submitted.ExitCode == 0, submitted.ToString());
        string taskId = LastLine(submitted.Output);
        CliResult waited = await new CliRunner().RunAsync(["wait", taskId, "--out", Path.Combine(_folder, "waited"), .. target]);
        Assert.True(waited.ExitCode == 0, waited.ToString());
        return taskId;
    }

    private string[] MjProxyTarget() => ["--provider", "MjProxy", "--base-url", _emulator.BaseUrl.ToString(), "--api-key", _emulator.ApiKey, "--poll-interval", "0.2"];

    private static string LastLine(string output) => output.Trim().Split('\n')[^1].Trim();

    [Fact]
    public async Task Settings_ComeFromTheMidjourneySection_AndFlagsOverrideThem()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Midjourney:Provider"] = "MjProxy",
            ["Midjourney:BaseUrl"] = _emulator.BaseUrl.ToString(),
            ["Midjourney:ApiKey"] = "not-the-key",
            ["Midjourney:Polling:Interval"] = "00:00:00.2",
        };

        CliResult refused = await new CliRunner(settings).RunAsync("imagine", "a cat", "--no-wait");
        CliResult accepted = await new CliRunner(settings).RunAsync("imagine", "a cat", "--no-wait", "--api-key", _emulator.ApiKey);

        Assert.Equal(1, refused.ExitCode);
        Assert.True(accepted.ExitCode == 0, accepted.ToString());
        Assert.Contains("to MjProxy", accepted.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProviderError_IsOneRedLineWithoutAStackTrace_AndExitCodeOne()
    {
        CliResult result = await new CliRunner().RunAsync(
            "imagine", "a cat", "--provider", "GoApi", "--base-url", _emulator.BaseUrl.ToString(), "--api-key", "wrong-key");

        Assert.Equal(1, result.ExitCode);
        string line = Assert.Single(result.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("Error: ", line, StringComparison.Ordinal);
        Assert.Contains("HTTP 401", line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", result.Output + result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailedTask_IsReportedWithItsReason_AndExitCodeOne()
    {
        CliResult result = await new CliRunner().RunAsync(
            "imagine", "a cat [fail]", "--emulator", "--emulator-task-duration", "0.5", "--poll-interval", "0.2", "--out", _folder);

        Assert.Equal(1, result.ExitCode);
        Assert.Matches("^Error: Task .+ failed: ", result.Errors);
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Theory]
    [InlineData("upscale", "some-task", "5")]
    [InlineData("upscale", "some-task", "one")]
    [InlineData("extend", "some-task", "5", "--prompt", "more")]
    [InlineData("extend", "some-task", "1")]
    [InlineData("extend", "some-task", "1", "--prompt", "more", "--motion", "wild")]
    [InlineData("seed")]
    [InlineData("reroll")]
    [InlineData("reroll", "some-task", "--ar")]
    [InlineData("pan", "some-task")]
    [InlineData("pan", "some-task", "sideways")]
    [InlineData("pan", "some-task", "2")]
    [InlineData("blend")]
    [InlineData("blend", "a.png")]
    [InlineData("blend", "a.png", "b.png", "c.png", "d.png", "e.png", "f.png")]
    [InlineData("blend", "a.png", "b.png", "--dimensions", "round")]
    [InlineData("upscale", "some-task", "1", "--mode", "huge")]
    [InlineData("imagine", "a cat", "--bogus")]
    [InlineData("imagine")]
    [InlineData("imagine", "a cat", "--speed", "warp")]
    [InlineData("imagine", "a cat", "--base-url", "not a url")]
    [InlineData("emulator", "--port", "70000")]
    [InlineData("wait")]
    [InlineData("imagine", "a cat", "--poll-interval", "0")]
    public async Task BadArguments_PrintTheParsersError_AndExitCodeTwo(params string[] args)
    {
        CliResult result = await new CliRunner().RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("mj --help", result.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoApiKey_SaysWhichSettingIsMissing_AndExitCodeTwo()
    {
        CliResult result = await new CliRunner().RunAsync("status", "some-task");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("MIDJOURNEY__APIKEY", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Video_WithoutAPrompt_IsABadArgument()
    {
        string image = Path.Combine(_folder, "frame.png");
        await File.WriteAllBytesAsync(image, OnePixelPng);

        CliResult result = await new CliRunner().RunAsync("video", image, "--emulator", "--provider", "MidApi");

        Assert.NotEqual(0, result.ExitCode);
        Assert.StartsWith("Error: ", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Emulator_PrintsTheSettingsToUse_AndStopsWhenCanceled()
    {
        var cli = new CliRunner();
        using var stop = new CancellationTokenSource();
        Task<CliResult> running = cli.RunAsync(["emulator", "--port", "0", "--provider", "MidApi"], stop.Token);

        string? BaseUrl() => cli.Output.ToString().Split('\n').Select(l => l.Trim())
            .FirstOrDefault(l => l.StartsWith("MIDJOURNEY__BASEURL=", StringComparison.Ordinal))?["MIDJOURNEY__BASEURL=".Length..];
        await cli.Output.Written.WaitUntilAsync(() => BaseUrl() is not null, TimeSpan.FromSeconds(10), "The emulator's settings");
        string? baseUrl = BaseUrl();

        Assert.NotNull(baseUrl);
        Assert.StartsWith("http://127.0.0.1:", baseUrl, StringComparison.Ordinal);
        Assert.Contains("MIDJOURNEY__PROVIDER=MidApi", cli.Output.ToString(), StringComparison.Ordinal);
        Assert.Contains("MIDJOURNEY__APIKEY=emulator-key", cli.Output.ToString(), StringComparison.Ordinal);

        // It serves until canceled: a command pointed at it works.
        CliResult status = await new CliRunner().RunAsync("imagine", "a cat", "--no-wait", "--provider", "MidApi", "--base-url", baseUrl, "--api-key", "emulator-key");
        Assert.True(status.ExitCode == 0, status.ToString());

        await stop.CancelAsync();
        CliResult result = await running.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Emulator stopped.", result.Output, StringComparison.Ordinal);
    }
}
