using System.Buffers.Binary;
using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Emulator;

/// <summary>
/// The emulator draws in the shape asked for, on every protocol: an imagine's aspect ratio (GoAPI's field, MJ-Proxy's
/// <c>--ar</c>, APIXO's and midapi's fields) shapes its grid, its four images and their upscales; a blend's dimensions
/// shape the blend.
/// </summary>
public sealed class EmulatorAspectTests
{
    private static (int Width, int Height) SizeOf(byte[] png)
    {
        Assert.True(png.AsSpan().StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47 }));
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    private static async Task<(int Width, int Height)> SizeAsync(EmulatorHarness harness, Uri url)
    {
        using var copy = new MemoryStream();
        await harness.Client.DownloadAsync(url, copy);
        return SizeOf(copy.ToArray());
    }

    [Theory]
    [MemberData(nameof(Webhooks.WebhookKit.AllProviders), MemberType = typeof(Webhooks.WebhookKit))]
    public async Task AnImagineOfSixteenByNine_IsDrawnSixteenByNine_AndSoIsItsUpscale(MidjourneyProvider provider)
    {
        await using EmulatorHarness harness = await EmulatorHarness.StartAsync(provider);
        MidjourneyTask imagine = await harness.RunAsync(c => c.ImagineAsync(new ImagineRequest("a wide harbour") { AspectRatio = "16:9" }));
        MidjourneyTask upscale = await harness.RunAsync(c => c.UpscaleAsync(new UpscaleRequest(imagine.Id, 3)));

        if (imagine.ImageUrl is { } grid)
        {
            Assert.Equal((512, 288), await SizeAsync(harness, grid));
        }

        foreach (Uri image in imagine.ImageUrls)
        {
            Assert.Equal((256, 144), await SizeAsync(harness, image));
        }

        Assert.Equal((512, 288), await SizeAsync(harness, upscale.ImageUrl ?? upscale.ImageUrls[0]));
    }

    [Fact]
    public async Task APortraitImagine_IsDrawnPortrait()
    {
        await using EmulatorHarness harness = await EmulatorHarness.StartAsync(MidjourneyProvider.MjProxy);
        MidjourneyTask imagine = await harness.RunAsync(c => c.ImagineAsync(new ImagineRequest("a tall tower --ar 2:3")));

        Assert.Equal((340, 512), await SizeAsync(harness, imagine.ImageUrl!)); // two quadrants of 170 x 256
    }

    [Theory]
    [InlineData(MidjourneyProvider.GoApi)]
    [InlineData(MidjourneyProvider.MjProxy)]
    public async Task ABlendOfPortraitDimensions_IsDrawnPortrait(MidjourneyProvider provider)
    {
        await using EmulatorHarness harness = await EmulatorHarness.StartAsync(provider);
        MidjourneyTask a = await harness.RunAsync(c => c.ImagineAsync(new ImagineRequest("a cat")));
        MidjourneyTask b = await harness.RunAsync(c => c.ImagineAsync(new ImagineRequest("a dog")));
        MidjourneyImage[] images = [await InputAsync(harness, a.ImageUrls[0]), await InputAsync(harness, b.ImageUrls[0])];

        MidjourneyTask blend = await harness.RunAsync(c => c.BlendAsync(new BlendRequest(images) { Dimensions = BlendDimensions.Portrait }));

        Assert.Equal((340, 512), await SizeAsync(harness, blend.ImageUrl ?? blend.ImageUrls[0]));
    }

    /// <summary>An earlier result as an input: a URL where the provider takes one, else its bytes (MJ-Proxy blends inline).</summary>
    private static async Task<MidjourneyImage> InputAsync(EmulatorHarness harness, Uri url)
    {
        if (harness.Client.Provider != MidjourneyProvider.MjProxy)
        {
            return MidjourneyImage.FromUrl(url);
        }

        using var copy = new MemoryStream();
        await harness.Client.DownloadAsync(url, copy);
        copy.Position = 0;
        return await MidjourneyImage.FromStreamAsync(copy);
    }
}
