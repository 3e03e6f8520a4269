using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Providers.MidApi;

/// <summary>
/// Style and omni references on midapi, over real HTTP to a WireMock.Net server: each is its own task type
/// (<c>mj_style_reference</c>, <c>mj_omni_reference</c>) with the images in <c>fileUrls</c> and the omni weight in <c>ow</c>;
/// the prompt carries no flags for them; a mix of reference kinds is refused before any traffic.
/// </summary>
public sealed class MidApiReferenceTests : IDisposable
{
    private const string ApiKey = "test-key";
    private const string Generate = "/api/v1/mj/generate";

    private readonly WireServer _server = new WireServer("/base").RequireHeader("Authorization", "Bearer " + ApiKey);

    public void Dispose() => _server.Dispose();

    private static MidjourneyImage Url(string name) => MidjourneyImage.FromUrl(new Uri($"https://img.test/{name}.png"));

    private MidjourneyClient Client() => new(
        new HttpClient(),
        new MidjourneyClientOptions { Provider = MidjourneyProvider.MidApi, ApiKey = ApiKey, BaseUrl = _server.BaseUrl, Retry = { MaxRetries = 0 } },
        new FakeTimeProvider { AutoAdvance = true });

    private async Task<(MidjourneyTask Task, RecordedRequest Request)> Submit(ImagineRequest request)
    {
        _server.On(HttpMethod.Post, Generate, Wire.Json("""{"code":200,"msg":"success","data":{"taskId":"task-1"}}"""));
        MidjourneyTask task = await Client().ImagineAsync(request);
        RecordedRequest sent = _server.Single;
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal(new Uri(_server.Url(Generate)), sent.Uri);
        Assert.Empty(_server.Unmatched);
        return (task, sent);
    }

    [Fact]
    public async Task ImagineAsync_StyleReferences_SentAsMjStyleReferenceWithFileUrlsInOrder()
    {
        (MidjourneyTask task, RecordedRequest request) = await Submit(new ImagineRequest(" a cat ") { StyleReferences = [Url("s1"), Url("s2")] });

        JsonBodyAssert.Equal(request, new
        {
            taskType = "mj_style_reference",
            prompt = "a cat",
            fileUrls = new[] { "https://img.test/s1.png", "https://img.test/s2.png" },
        });
        Assert.Equal(MidjourneyAction.Imagine, task.Action);
        Assert.Equal("a cat", task.Prompt);
    }

    [Fact]
    public async Task ImagineAsync_OmniReferenceWithWeightAndOtherFields_SentAsMjOmniReferenceWithOw()
    {
        (_, RecordedRequest request) = await Submit(new ImagineRequest("a cat") { OmniReference = Url("o"), OmniWeight = 250, Version = "7", Speed = MidjourneySpeed.Fast, AspectRatio = "16:9" });

        JsonBodyAssert.Equal(request, new
        {
            taskType = "mj_omni_reference",
            prompt = "a cat",
            speed = "fast",
            aspectRatio = "16:9",
            version = "7",
            fileUrls = new[] { "https://img.test/o.png" },
            ow = 250,
        });
    }

    [Fact]
    public async Task ImagineAsync_OmniReferenceWithoutWeight_SendsNoOw()
    {
        (_, RecordedRequest request) = await Submit(new ImagineRequest("a cat") { OmniReference = Url("o") });

        JsonBodyAssert.Equal(request, new { taskType = "mj_omni_reference", prompt = "a cat", fileUrls = new[] { "https://img.test/o.png" } });
    }

    [Fact]
    public async Task ImagineAsync_StyleAndOmniReferences_ThrowsNotSupportedAndSendsNothing()
    {
        var ex = await Assert.ThrowsAsync<MidjourneyNotSupportedException>(() => Client().ImagineAsync(
            new ImagineRequest("a cat") { StyleReferences = [Url("s")], OmniReference = Url("o") }));

        Assert.Contains("one kind of reference per imagine", ex.Message, StringComparison.Ordinal);
        Assert.Equal(MidjourneyProvider.MidApi, ex.Provider);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task ImagineAsync_ReferenceImagesAndStyleReferences_ThrowsNotSupportedAndSendsNothing()
    {
        var ex = await Assert.ThrowsAsync<MidjourneyNotSupportedException>(() => Client().ImagineAsync(
            new ImagineRequest("a cat") { ReferenceImages = [Url("r")], StyleReferences = [Url("s")] }));

        Assert.Contains("set only one of ReferenceImages, StyleReferences and OmniReference", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }
}
