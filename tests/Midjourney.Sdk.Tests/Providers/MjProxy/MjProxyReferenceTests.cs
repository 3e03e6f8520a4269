using Midjourney.Sdk.Tests.TestSupport;
using static Midjourney.Sdk.Tests.Providers.MjProxy.MjProxyTestData;

namespace Midjourney.Sdk.Tests.Providers.MjProxy;

/// <summary>
/// Style and omni references on MJ-Proxy, over real HTTP: <c>base64Array</c> holds image prompts only, so the references
/// travel as Midjourney's own <c>--sref</c>, <c>--oref</c> and <c>--ow</c> in the prompt; image prompts given by URL still
/// lead the prompt, and a speed without a lane still adds its flag.
/// </summary>
public sealed class MjProxyReferenceTests : IDisposable
{
    private const string Imagine = "/mj/submit/imagine";

    private readonly WireServer _server = Server();

    public void Dispose() => _server.Dispose();

    private static MidjourneyImage Url(string name) => MidjourneyImage.FromUrl(new Uri($"https://img.test/{name}.png"));

    private async Task<(MidjourneyTask Task, RecordedRequest Request)> Submit(ImagineRequest request)
    {
        _server.On(HttpMethod.Post, Imagine, Wire.Json(Answer()));
        MidjourneyTask task = await Client(_server).ImagineAsync(request);
        Assert.Empty(_server.Unmatched);
        RecordedRequest sent = _server.Single;
        AssertRequest(_server, sent, HttpMethod.Post, Imagine);
        return (task, sent);
    }

    [Fact]
    public async Task ImagineAsync_StyleAndOmniReferences_AppendedAsFlagsNotBase64()
    {
        (MidjourneyTask task, RecordedRequest request) = await Submit(new ImagineRequest("a cat")
        {
            StyleReferences = [Url("s1"), Url("s2")],
            OmniReference = Url("o"),
            OmniWeight = 100,
        });

        const string Expected = "a cat --sref https://img.test/s1.png https://img.test/s2.png --oref https://img.test/o.png --ow 100";
        AssertBody(request, new { prompt = Expected, botType = "MID_JOURNEY" });
        Assert.Equal(Expected, task.Prompt);
    }

    [Fact]
    public async Task ImagineAsync_ReferencesWithImagePromptAndSpeed_ImagePromptLeadsAndFlagsFollow()
    {
        (_, RecordedRequest request) = await Submit(new ImagineRequest("a cat")
        {
            ReferenceImages = [Url("r")],
            StyleReferences = [Url("s")],
            Stylize = 50,
            Speed = MidjourneySpeed.Fast,
        });

        AssertBody(request, new { prompt = "https://img.test/r.png a cat --s 50 --sref https://img.test/s.png --fast", botType = "MID_JOURNEY" });
    }
}
