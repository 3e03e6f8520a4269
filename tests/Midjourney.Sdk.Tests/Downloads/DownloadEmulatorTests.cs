using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Downloads;

/// <summary>
/// <c>DownloadAsync</c> against the emulator on every protocol: a finished imagine's files are saved under predictable
/// names as real PNGs, an upscale's single image once, and a file can be copied to a stream.
/// </summary>
public sealed class DownloadEmulatorTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mjsdk-downloads-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static bool IsPng(byte[] bytes) => bytes.AsSpan().StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });

    [Theory]
    [MemberData(nameof(Webhooks.WebhookKit.AllProviders), MemberType = typeof(Webhooks.WebhookKit))]
    public async Task AFinishedImagine_IsSavedUnderPredictableNames_AsRealPngs(MidjourneyProvider provider)
    {
        await using EmulatorHarness harness = await EmulatorHarness.StartAsync(provider);
        MidjourneyTask imagine = await harness.RunAsync(c => c.ImagineAsync(new ImagineRequest("a lighthouse")));
        MidjourneyTask upscale = await harness.RunAsync(c => c.UpscaleAsync(new UpscaleRequest(imagine.Id, 2)));

        IReadOnlyList<MidjourneyDownload> grid = await harness.Client.DownloadAsync(imagine, _folder);
        IReadOnlyList<MidjourneyDownload> single = await harness.Client.DownloadAsync(upscale, _folder);

        string[] expected = [.. (imagine.ImageUrl is null ? Array.Empty<string>() : [$"{imagine.Id}.png"]),
            .. imagine.ImageUrls.Select((_, i) => $"{imagine.Id}-{i + 1}.png")];
        Assert.Equal(expected, grid.Select(d => Path.GetFileName(d.Path!)));
        Assert.Equal(4, imagine.ImageUrls.Count);
        MidjourneyDownload upscaled = Assert.Single(single); // ImageUrl and ImageUrls[0] are one file: saved once
        Assert.All(grid.Concat(single), d =>
        {
            Assert.Equal("image/png", d.ContentType);
            byte[] bytes = File.ReadAllBytes(d.Path!);
            Assert.True(IsPng(bytes));
            Assert.Equal(d.Length, bytes.Length);
        });
        Assert.StartsWith(upscale.Id, Path.GetFileName(upscaled.Path!), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_folder, "*.part", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task AFile_IsCopiedToAStream()
    {
        await using EmulatorHarness harness = await EmulatorHarness.StartAsync();
        MidjourneyTask imagine = await harness.RunAsync(c => c.ImagineAsync(new ImagineRequest("a lighthouse")));
        using var copy = new MemoryStream();

        MidjourneyDownload download = await harness.Client.DownloadAsync(imagine.ImageUrls[0], copy);

        Assert.Null(download.Path);
        Assert.Equal("image/png", download.ContentType);
        Assert.Equal(copy.Length, download.Length);
        Assert.True(IsPng(copy.ToArray()));
    }

    [Fact]
    public async Task ATaskWithoutFiles_IsAnArgumentError_BeforeAnyRequest()
    {
        await using EmulatorHarness harness = await EmulatorHarness.StartAsync();
        var pending = new MidjourneyTask { Id = "t1", Provider = MidjourneyProvider.GoApi, Status = MidjourneyTaskStatus.InProgress };

        ArgumentException error = await Assert.ThrowsAsync<ArgumentException>(() => harness.Client.DownloadAsync(pending, _folder));

        Assert.Contains("no image or video URL", error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Handler.Paths);
        Assert.False(Directory.Exists(_folder));
    }
}
