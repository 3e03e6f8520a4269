using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Integration;

/// <summary>
/// <see cref="ImagineRequest.StyleReferences"/>, <see cref="ImagineRequest.OmniReference"/> and
/// <see cref="ImagineRequest.OmniWeight"/> through the public client, over real loopback HTTP, against the emulator on
/// every provider: the grid finishes with four images, and what went out shows how each provider carries them (midapi's
/// task types, the others' prompt flags). The references are images the emulator itself serves.
/// </summary>
public sealed class ReferenceEmulatorIntegrationTests
{
    public static TheoryData<MidjourneyProvider> Providers() => [.. Enum.GetValues<MidjourneyProvider>()];

    /// <summary>A finished grid's images, as references.</summary>
    private static async Task<IReadOnlyList<MidjourneyImage>> ImagesAsync(EmulatorHarness h)
    {
        MidjourneyTask grid = await h.RunAsync(c => c.ImagineAsync(new ImagineRequest("a quiet harbour at dawn")));
        return [.. grid.ImageUrls.Select(MidjourneyImage.FromUrl)];
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Imagine_StyleReferences_FinishesWithFourImagesCarriedAsTheProviderTakesThem(MidjourneyProvider provider)
    {
        await using var h = await EmulatorHarness.StartAsync(provider);
        IReadOnlyList<MidjourneyImage> images = await ImagesAsync(h);

        MidjourneyTask submitted = await h.Client.ImagineAsync(new ImagineRequest("a lighthouse") { StyleReferences = [images[0], images[1]] });
        MidjourneyTask done = await h.Time.DriveAsync(h.Client, c => c.WaitForCompletionAsync(submitted.Id));

        Assert.Equal(MidjourneyTaskStatus.Succeeded, done.Status);
        Assert.Equal(MidjourneyAction.Imagine, done.Action);
        Assert.Equal(4, done.ImageUrls.Count);
        if (provider == MidjourneyProvider.MidApi)
        {
            Assert.Equal("a lighthouse", submitted.Prompt);
            Assert.Contains("\"taskType\":\"mj_style_reference\"", done.RawJson, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal($"a lighthouse --sref {images[0].Url!.AbsoluteUri} {images[1].Url!.AbsoluteUri}", submitted.Prompt);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Imagine_OmniReferenceWithWeight_FinishesWithFourImagesCarriedAsTheProviderTakesThem(MidjourneyProvider provider)
    {
        await using var h = await EmulatorHarness.StartAsync(provider);
        IReadOnlyList<MidjourneyImage> images = await ImagesAsync(h);

        MidjourneyTask submitted = await h.Client.ImagineAsync(new ImagineRequest("a lighthouse") { OmniReference = images[2], OmniWeight = 250 });
        MidjourneyTask done = await h.Time.DriveAsync(h.Client, c => c.WaitForCompletionAsync(submitted.Id));

        Assert.Equal(MidjourneyTaskStatus.Succeeded, done.Status);
        Assert.Equal(4, done.ImageUrls.Count);
        if (provider == MidjourneyProvider.MidApi)
        {
            Assert.Contains("\"taskType\":\"mj_omni_reference\"", done.RawJson, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal($"a lighthouse --oref {images[2].Url!.AbsoluteUri} --ow 250", submitted.Prompt);
        }
    }

    [Theory]
    [InlineData(MidjourneyProvider.GoApi)]
    [InlineData(MidjourneyProvider.MjProxy)]
    [InlineData(MidjourneyProvider.Apixo)]
    public async Task Imagine_StyleAndOmniReferencesTogether_FinishOnTheFlagProviders(MidjourneyProvider provider)
    {
        await using var h = await EmulatorHarness.StartAsync(provider);
        IReadOnlyList<MidjourneyImage> images = await ImagesAsync(h);

        MidjourneyTask done = await h.RunAsync(c => c.ImagineAsync(new ImagineRequest("a lighthouse") { StyleReferences = [images[0]], OmniReference = images[1] }));

        Assert.Equal(MidjourneyTaskStatus.Succeeded, done.Status);
        Assert.Equal(4, done.ImageUrls.Count);
    }

    [Fact]
    public async Task Imagine_StyleAndOmniReferencesTogetherOnMidApi_ThrowsNotSupportedWithNothingSent()
    {
        await using var h = await EmulatorHarness.StartAsync(MidjourneyProvider.MidApi);
        var style = MidjourneyImage.FromUrl(new Uri(h.Emulator.BaseUrl, "images/s.png"));

        await Assert.ThrowsAsync<MidjourneyNotSupportedException>(() => h.Client.ImagineAsync(
            new ImagineRequest("a lighthouse") { StyleReferences = [style], OmniReference = style }));

        Assert.Empty(h.Handler.Paths);
    }

    [Fact]
    public async Task WaitForCompletion_OrefInThePromptWithoutAUrl_FailsWithTheEmulatedInvalidParameter()
    {
        await using var h = await EmulatorHarness.StartAsync(MidjourneyProvider.MjProxy);
        MidjourneyTask task = await h.Client.ImagineAsync(new ImagineRequest("a lighthouse --oref"));

        var ex = await Assert.ThrowsAsync<MidjourneyTaskFailedException>(() => h.Client.DriveAsync(c => c.WaitForCompletionAsync(task.Id)));

        Assert.Contains("--oref takes exactly one image URL", ex.Task.FailureReason, StringComparison.Ordinal);
    }

    /// <summary>The README's snippet, as written there (the emulator never fetches reference URLs, so nothing leaves 127.0.0.1).</summary>
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Readme_StyleAndOmniSnippet_SubmitsBoth(MidjourneyProvider provider)
    {
        await using var h = await EmulatorHarness.StartAsync(provider);
        IMidjourneyClient client = h.Client;

        MidjourneyTask styled = await client.ImagineAsync(new ImagineRequest("a lighthouse on a cliff at dawn")
        {
            StyleReferences = [MidjourneyImage.FromUrl(new Uri("https://example.com/style.png"))],
        });
        MidjourneyTask withSubject = await client.ImagineAsync(new ImagineRequest("my cat as a lighthouse keeper")
        {
            OmniReference = MidjourneyImage.FromUrl(new Uri("https://example.com/cat.png")),
            OmniWeight = 250,
        });

        Assert.Equal(MidjourneyTaskStatus.Pending, styled.Status);
        Assert.Equal(MidjourneyTaskStatus.Pending, withSubject.Status);
        Assert.Equal(2, h.Handler.Paths.Count);
    }
}
