using System.Drawing;
using Microsoft.Extensions.AI;
using Midjourney.Sdk.Tests.Emulator;
using Midjourney.Sdk.Tests.TestSupport;

#pragma warning disable MEAI001 // IImageGenerator is experimental in Microsoft.Extensions.AI; these tests use it on purpose.

namespace Midjourney.Sdk.Tests.AI;

/// <summary>
/// <c>client.AsIImageGenerator()</c> against the emulator on every provider, over real loopback HTTP: what a
/// Microsoft.Extensions.AI caller gets back, and what the options put on the wire.
/// </summary>
public sealed class MidjourneyImageGeneratorTests
{
    public static TheoryData<MidjourneyProvider> Providers() => [.. Enum.GetValues<MidjourneyProvider>()];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task GenerateAsync_Default_AnswersWithTheFourImagesAsUris(MidjourneyProvider provider)
    {
        await using var h = await ImageGeneratorHarness.StartAsync(provider);

        ImageGenerationResponse response = await h.GenerateAsync(new ImageGenerationRequest("a red fox in snow"));

        var task = Assert.IsType<MidjourneyTask>(response.RawRepresentation);
        Assert.Equal(MidjourneyTaskStatus.Succeeded, task.Status);
        Assert.Equal(MidjourneyAction.Imagine, task.Action);
        Assert.Equal(4, response.Contents.Count);
        UriContent[] images = [.. response.Contents.Select(c => Assert.IsType<UriContent>(c))];
        Assert.Equal(task.ImageUrls, images.Select(i => i.Uri));
        Assert.All(images, i => Assert.Equal("image/png", i.MediaType));
        Assert.Null(response.Usage);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task GenerateAsync_Count_AnswersWithTheFirstCountImages(int count)
    {
        await using var h = await ImageGeneratorHarness.StartAsync(MidjourneyProvider.GoApi);

        ImageGenerationResponse response = await h.GenerateAsync(new ImageGenerationRequest("a red fox in snow"), new ImageGenerationOptions { Count = count });

        var task = (MidjourneyTask)response.RawRepresentation!;
        Assert.Equal(task.ImageUrls.Take(count), response.Contents.Select(c => ((UriContent)c).Uri));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public async Task GenerateAsync_CountOutsideOneToFour_ThrowsBeforeAnyRequest(int count)
    {
        await using var h = await ImageGeneratorHarness.StartAsync(MidjourneyProvider.GoApi);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => h.Generator.GenerateAsync(new ImageGenerationRequest("a fox"), new ImageGenerationOptions { Count = count }));

        Assert.Empty(h.Handler.Requests);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task GenerateAsync_DataFormat_AnswersWithThePngBytes(MidjourneyProvider provider)
    {
        await using var h = await ImageGeneratorHarness.StartAsync(provider);

        ImageGenerationResponse response = await h.GenerateAsync(
            new ImageGenerationRequest("a red fox in snow"),
            new ImageGenerationOptions { ResponseFormat = ImageGenerationResponseFormat.Data, Count = 2 });

        Assert.Equal(2, response.Contents.Count);
        Assert.All(response.Contents, c =>
        {
            var data = Assert.IsType<DataContent>(c);
            Assert.Equal("image/png", data.MediaType);
            Assert.True(TestPng.HasSignature(data.Data.ToArray()));
            (int width, int height) = TestPng.ReadSize(data.Data.ToArray());
            Assert.True(width > 0 && height > 0);
        });
    }

    [Theory]
    [InlineData(MidjourneyProvider.GoApi, "7:4")]
    [InlineData(MidjourneyProvider.MjProxy, "7:4")]
    [InlineData(MidjourneyProvider.Apixo, "16:9")] // a fixed list of ratios: the closest
    [InlineData(MidjourneyProvider.MidApi, "16:9")]
    public async Task GenerateAsync_ImageSize_SendsTheAspectRatio(MidjourneyProvider provider, string expected)
    {
        await using var h = await ImageGeneratorHarness.StartAsync(provider);

        await h.GenerateAsync(new ImageGenerationRequest("a wide valley"), new ImageGenerationOptions { ImageSize = new Size(1792, 1024) });

        Assert.Contains(expected, h.Submit.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MidjourneyProvider.GoApi, "--v 7")]
    [InlineData(MidjourneyProvider.MjProxy, "--v 7")]
    [InlineData(MidjourneyProvider.Apixo, "\"v7\"")]
    [InlineData(MidjourneyProvider.MidApi, "\"7\"")]
    public async Task GenerateAsync_ModelId_SendsTheVersion(MidjourneyProvider provider, string expected)
    {
        await using var h = await ImageGeneratorHarness.StartAsync(provider);

        await h.GenerateAsync(new ImageGenerationRequest("a wide valley"), new ImageGenerationOptions { ModelId = "v7" });

        Assert.Contains(expected, h.Submit.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_RawRepresentationFactory_StartsFromItsImagineRequest()
    {
        await using var h = await ImageGeneratorHarness.StartAsync(MidjourneyProvider.GoApi);

        await h.GenerateAsync(new ImageGenerationRequest("a wide valley"), new ImageGenerationOptions
        {
            RawRepresentationFactory = _ => new ImagineRequest("ignored") { Stylize = 250, AspectRatio = "3:2" },
            ImageSize = new Size(1024, 1024),
        });

        Assert.Contains("a wide valley", h.Submit.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("ignored", h.Submit.Body, StringComparison.Ordinal);
        Assert.Contains("250", h.Submit.Body, StringComparison.Ordinal);
        Assert.Contains("3:2", h.Submit.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("1:1", h.Submit.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_OriginalImagesOnMjProxy_SendsUrlsInThePromptAndBytesInline()
    {
        await using var h = await ImageGeneratorHarness.StartAsync(MidjourneyProvider.MjProxy);
        var url = new Uri(h.Emulator.BaseUrl, "images/reference.png");
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];

        ImageGenerationResponse response = await h.GenerateAsync(new ImageGenerationRequest("a fox", [new UriContent(url, "image/png"), new DataContent(png, "image/png")]));

        Assert.Equal(4, response.Contents.Count);
        Assert.Contains(url.AbsoluteUri + " a fox", h.Submit.Body, StringComparison.Ordinal);
        Assert.Contains("data:image/png;base64," + Convert.ToBase64String(png), h.Submit.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_OriginalImageUrlOnApixo_SendsImageToImage()
    {
        await using var h = await ImageGeneratorHarness.StartAsync(MidjourneyProvider.Apixo);
        var url = new Uri(h.Emulator.BaseUrl, "images/reference.png");

        ImageGenerationResponse response = await h.GenerateAsync(new ImageGenerationRequest("a fox", [new UriContent(url, "image/png")]));

        Assert.Equal(4, response.Contents.Count);
        Assert.Contains("image-to-image", h.Submit.Body, StringComparison.Ordinal);
        Assert.Contains(url.AbsoluteUri, h.Submit.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_OriginalImageBytesOnMidApi_ThrowsArgumentExceptionBeforeAnyRequest()
    {
        await using var h = await ImageGeneratorHarness.StartAsync(MidjourneyProvider.MidApi);

        // midapi takes reference images as URLs only.
        await Assert.ThrowsAsync<ArgumentException>(
            () => h.Generator.GenerateAsync(new ImageGenerationRequest("a fox", [new DataContent(new byte[] { 1, 2, 3 }, "image/png")])));

        Assert.Empty(h.Handler.Requests);
    }

    [Fact]
    public async Task GenerateAsync_OriginalImagesOnGoApi_ThrowsNotSupportedBeforeAnyRequest()
    {
        await using var h = await ImageGeneratorHarness.StartAsync(MidjourneyProvider.GoApi);
        var url = new Uri(h.Emulator.BaseUrl, "images/reference.png");

        var ex = await Assert.ThrowsAsync<MidjourneyNotSupportedException>(
            () => h.Generator.GenerateAsync(new ImageGenerationRequest("a fox", [new UriContent(url, "image/png")])));

        Assert.Equal(MidjourneyProvider.GoApi, ex.Provider);
        Assert.Empty(h.Handler.Requests);
    }

    [Fact]
    public async Task GenerateAsync_OriginalImageOfAnotherContentType_ThrowsArgumentException()
    {
        await using var h = await ImageGeneratorHarness.StartAsync(MidjourneyProvider.MjProxy);

        await Assert.ThrowsAsync<ArgumentException>(() => h.Generator.GenerateAsync(new ImageGenerationRequest("a fox", [new TextContent("not an image")])));

        Assert.Empty(h.Handler.Requests);
    }

    [Fact]
    public async Task GenerateAsync_NoPrompt_ThrowsArgumentExceptionBeforeAnyRequest()
    {
        await using var h = await ImageGeneratorHarness.StartAsync(MidjourneyProvider.GoApi);

        await Assert.ThrowsAsync<ArgumentNullException>(() => h.Generator.GenerateAsync(null!));
        await Assert.ThrowsAsync<ArgumentException>(() => h.Generator.GenerateAsync(new ImageGenerationRequest()));

        Assert.Empty(h.Handler.Requests);
    }

    [Fact]
    public async Task GenerateAsync_TaskFails_ThrowsTaskFailedWithTheTask()
    {
        await using var h = await ImageGeneratorHarness.StartAsync(MidjourneyProvider.MjProxy);

        var ex = await Assert.ThrowsAsync<MidjourneyTaskFailedException>(() => h.GenerateAsync(new ImageGenerationRequest("a lighthouse --oref")));

        Assert.Equal(MidjourneyTaskStatus.Failed, ex.Task.Status);
    }

    [Fact]
    public async Task GenerateAsync_CanceledBeforehand_ThrowsWithNothingSent()
    {
        await using var h = await ImageGeneratorHarness.StartAsync(MidjourneyProvider.GoApi);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => h.Generator.GenerateAsync(new ImageGenerationRequest("a fox"), cancellationToken: new CancellationToken(canceled: true)));

        Assert.Empty(h.Handler.Requests);
    }

    [Fact]
    public async Task GenerateAsync_CanceledWhileWaiting_ThrowsOperationCanceled()
    {
        await using var h = await ImageGeneratorHarness.StartAsync(MidjourneyProvider.GoApi);
        h.Time.AutoAdvance = false; // the task never finishes: only the cancellation ends the wait
        using var cts = new CancellationTokenSource();

        Task<ImageGenerationResponse> generating = h.Generator.GenerateAsync(new ImageGenerationRequest("a fox"), cancellationToken: cts.Token);
        await h.Handler.FirstAnswer.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => generating);
    }

    [Fact]
    public async Task GetService_AnswersMetadataClientAndItself()
    {
        await using var h = await ImageGeneratorHarness.StartAsync(MidjourneyProvider.MidApi);
        IImageGenerator generator = h.Generator;

        var metadata = generator.GetService<ImageGeneratorMetadata>();
        Assert.NotNull(metadata);
        Assert.Equal("midapi", metadata.ProviderName);
        Assert.Equal(h.Emulator.BaseUrl, metadata.ProviderUri);
        Assert.Null(metadata.DefaultModelId);
        Assert.Same(h.Client, generator.GetService<IMidjourneyClient>());
        Assert.Same(h.Client, generator.GetService<MidjourneyClient>());
        Assert.Same(generator, generator.GetService<IImageGenerator>());
        Assert.Null(generator.GetService<IMidjourneyClient>(serviceKey: "other"));
        Assert.Null(generator.GetService<HttpClient>());
        Assert.Throws<ArgumentNullException>(() => generator.GetService(null!));
    }

    [Fact]
    public void GetService_ProviderWithoutBaseUrlOption_GivesThePublicDefault()
    {
        using var client = new MidjourneyClient(new MidjourneyClientOptions { Provider = MidjourneyProvider.GoApi, ApiKey = "k" });

        ImageGeneratorMetadata metadata = client.AsIImageGenerator().GetService<ImageGeneratorMetadata>()!;

        Assert.Equal("goapi", metadata.ProviderName);
        Assert.Equal(new Uri("https://api.midjourneyapi.xyz/"), metadata.ProviderUri);
    }

    [Fact]
    public void AsIImageGenerator_NullClient_Throws() =>
        Assert.Throws<ArgumentNullException>(() => ((IMidjourneyClient)null!).AsIImageGenerator());

    /// <summary>The README's snippet, as written there (between the markers), run against the emulator.</summary>
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Readme_ImageGeneratorSnippet_Runs(MidjourneyProvider provider)
    {
        await using var h = await ImageGeneratorHarness.StartAsync(provider);
        IMidjourneyClient client = h.Client;

        ImageGenerationResponse result = await h.Time.DriveAsync(h.Client, async _ =>
        {
            // README: begin
            IImageGenerator generator = client.AsIImageGenerator();   // warning MEAI001: the M.E.AI image API is experimental

            ImageGenerationResponse response = await generator.GenerateAsync(
                new ImageGenerationRequest("a lighthouse on a cliff at dawn"),
                new ImageGenerationOptions
                {
                    Count = 2,                                          // the first 2 of the grid's 4
                    ImageSize = new System.Drawing.Size(1792, 1024),    // --ar 7:4 (the closest listed ratio on APIXO and midapi)
                    ModelId = "7",                                      // the Midjourney version
                    ResponseFormat = ImageGenerationResponseFormat.Data, // download the images
                });
            foreach (DataContent image in response.Contents.OfType<DataContent>())
            {
                Console.WriteLine($"{image.MediaType}, {image.Data.Length} bytes");
            }

            var task = (MidjourneyTask)response.RawRepresentation!;     // the finished imagine, for upscales and variations
            // README: end
            Assert.Equal(MidjourneyTaskStatus.Succeeded, task.Status);
            return response;
        });

        Assert.Equal(2, result.Contents.OfType<DataContent>().Count());
    }
}
