using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Providers.Apixo;

/// <summary>
/// Style and omni references on APIXO, over real HTTP: <c>image_urls</c> are image prompts (image-to-image), so the
/// references travel as Midjourney's own <c>--sref</c>, <c>--oref</c> and <c>--ow</c> at the end of <c>input.prompt</c>,
/// with the mode unchanged.
/// </summary>
public sealed class ApixoReferenceTests : IDisposable
{
    private readonly WireServer _server = ApixoWire.Server();

    public void Dispose() => _server.Dispose();

    private static MidjourneyImage Url(string name) => MidjourneyImage.FromUrl(new Uri($"https://img.test/{name}.png"));

    private async Task<(MidjourneyTask Task, RecordedRequest Request)> Submit(ImagineRequest request)
    {
        _server.On(HttpMethod.Post, ApixoWire.Generate, Wire.Json(ApixoWire.SubmitAnswer));
        MidjourneyTask task = await ApixoWire.Client(_server).ImagineAsync(request);
        RecordedRequest sent = _server.Single;
        ApixoWire.AssertSubmit(_server, sent);
        Assert.Empty(_server.Unmatched);
        return (task, sent);
    }

    [Fact]
    public async Task ImagineAsync_StyleAndOmniReferences_AppendedToThePromptOfATextToImage()
    {
        (MidjourneyTask task, RecordedRequest request) = await Submit(new ImagineRequest("a cat")
        {
            StyleReferences = [Url("s")],
            OmniReference = Url("o"),
            OmniWeight = 1000,
            Version = "7",
        });

        const string Expected = "a cat --sref https://img.test/s.png --oref https://img.test/o.png --ow 1000";
        ApixoWire.AssertInput(request, new { mode = "text-to-image", prompt = Expected, version = "v7" });
        Assert.Equal(Expected, task.Prompt);
    }

    [Fact]
    public async Task ImagineAsync_StyleReferenceWithImagePrompts_KeepsImageToImageAndAddsTheFlag()
    {
        (_, RecordedRequest request) = await Submit(new ImagineRequest("a cat") { ReferenceImages = [Url("r")], StyleReferences = [Url("s")] });

        ApixoWire.AssertInput(request, new { mode = "image-to-image", prompt = "a cat --sref https://img.test/s.png", image_urls = new[] { "https://img.test/r.png" } });
    }
}
