using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Providers.GoApi;

/// <summary>
/// Style and omni references on GoAPI v2, over real HTTP to a WireMock.Net server: the imagine body has no field for
/// them, so they travel as Midjourney's own <c>--sref</c>, <c>--oref</c> and <c>--ow</c> at the end of the prompt, after the
/// other flags the adapter appends.
/// </summary>
public sealed class GoApiReferenceTests : IDisposable
{
    private const string ApiKey = "test-key";
    private const string Imagine = "/mj/v2/imagine";

    private readonly WireServer _server = new WireServer("/base").RequireHeader("X-API-KEY", ApiKey);

    public void Dispose() => _server.Dispose();

    private static MidjourneyImage Url(string name) => MidjourneyImage.FromUrl(new Uri($"https://img.test/{name}.png"));

    private async Task<(MidjourneyTask Task, RecordedRequest Request)> Submit(ImagineRequest request)
    {
        _server.On(HttpMethod.Post, Imagine, Wire.Json("""{"task_id":"task-1","status":"success","message":""}"""));
        using var client = new MidjourneyClient(
            new HttpClient(),
            new MidjourneyClientOptions { Provider = MidjourneyProvider.GoApi, ApiKey = ApiKey, BaseUrl = _server.BaseUrl, Retry = { MaxRetries = 0 } },
            new FakeTimeProvider { AutoAdvance = true });
        MidjourneyTask task = await client.ImagineAsync(request);
        RecordedRequest sent = _server.Single;
        Assert.Equal(new Uri(_server.Url(Imagine)), sent.Uri);
        Assert.Empty(_server.Unmatched);
        return (task, sent);
    }

    [Fact]
    public async Task ImagineAsync_StyleReferences_AppendedAsOneSrefFlagWithTheUrlsInOrder()
    {
        (MidjourneyTask task, RecordedRequest request) = await Submit(new ImagineRequest("a cat") { StyleReferences = [Url("s1"), Url("s2")] });

        JsonBodyAssert.Equal(request, new { prompt = "a cat --sref https://img.test/s1.png https://img.test/s2.png" });
        Assert.Equal("a cat --sref https://img.test/s1.png https://img.test/s2.png", task.Prompt);
    }

    [Fact]
    public async Task ImagineAsync_EveryReferenceWithOtherFlags_AppendsSrefOrefAndOwAfterTheOtherFlags()
    {
        (_, RecordedRequest request) = await Submit(new ImagineRequest("a cat --tile")
        {
            Version = "7",
            AspectRatio = "16:9",
            StyleReferences = [Url("s")],
            OmniReference = Url("o"),
            OmniWeight = 400,
        });

        JsonBodyAssert.Equal(request, new
        {
            prompt = "a cat --tile --v 7 --sref https://img.test/s.png --oref https://img.test/o.png --ow 400",
            aspect_ratio = "16:9",
        });
    }

    [Fact]
    public async Task ImagineAsync_OmniReferenceWithoutWeight_AppendsOrefOnly()
    {
        (_, RecordedRequest request) = await Submit(new ImagineRequest("a cat") { OmniReference = Url("o") });

        JsonBodyAssert.Equal(request, new { prompt = "a cat --oref https://img.test/o.png" });
    }

    [Fact]
    public async Task ImagineAsync_ReferenceUrlWithSpacesAndQuery_SentEscapedAsOneToken()
    {
        var reference = MidjourneyImage.FromUrl(new Uri("https://img.test/my style.png?v=1&s=2"));

        (_, RecordedRequest request) = await Submit(new ImagineRequest("a cat") { StyleReferences = [reference] });

        JsonBodyAssert.Equal(request, new { prompt = "a cat --sref https://img.test/my%20style.png?v=1&s=2" });
    }
}
