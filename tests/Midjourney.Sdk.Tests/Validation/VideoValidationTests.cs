using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Validation;

/// <summary>
/// <see cref="IMidjourneyClient.VideoAsync"/>'s checks before any traffic: the batch size, the prompt and the image, on
/// every provider; and GoAPI and APIXO, which make no videos, refuse it with nothing sent (servers that answer anything).
/// </summary>
public sealed class VideoValidationTests : IDisposable
{
    private static readonly MidjourneyImage Start = MidjourneyImage.FromUrl(new Uri("https://img.test/start.png"));

    private readonly WireServer _server = new();

    public VideoValidationTests() => _server.OnAny(Wire.Json("""{"code":1,"description":"ok","result":"t1"}"""));

    public void Dispose() => _server.Dispose();

    private MidjourneyClient Client(MidjourneyProvider provider) => new(
        new HttpClient(),
        new MidjourneyClientOptions { Provider = provider, ApiKey = "key", BaseUrl = _server.BaseUrl, Retry = { MaxRetries = 0 } },
        new FakeTimeProvider { AutoAdvance = true });

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(-1)]
    public async Task VideoAsync_BatchSizeNot1Or2Or4_ThrowsNamingItOnEveryProviderAndSendsNothing(int batchSize)
    {
        foreach (MidjourneyProvider provider in Enum.GetValues<MidjourneyProvider>())
        {
            using MidjourneyClient client = Client(provider);

            var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.VideoAsync(new VideoRequest(Start) { Prompt = "a cat", BatchSize = batchSize }));

            Assert.Contains($"BatchSize {batchSize}", ex.Message, StringComparison.Ordinal);
            Assert.Contains("1, 2 or 4", ex.Message, StringComparison.Ordinal);
            Assert.Equal(batchSize, ex.ActualValue);
        }

        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task VideoAsync_NoPrompt_ThrowsAndSendsNothing(string? prompt)
    {
        using MidjourneyClient client = Client(MidjourneyProvider.MjProxy);

        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => client.VideoAsync(new VideoRequest(Start) { Prompt = prompt }));

        Assert.Contains("Prompt", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task VideoAsync_NullImageOrRequest_ThrowsAndSendsNothing()
    {
        using MidjourneyClient client = Client(MidjourneyProvider.MidApi);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.VideoAsync(new VideoRequest(null!) { Prompt = "a cat" }));
        await Assert.ThrowsAsync<ArgumentNullException>(() => client.VideoAsync(null!));

        Assert.Contains("Image is required", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task VideoAsync_UndefinedMotion_ThrowsAndSendsNothing()
    {
        using MidjourneyClient client = Client(MidjourneyProvider.MjProxy);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.VideoAsync(new VideoRequest(Start) { Prompt = "a cat", Motion = (VideoMotion)7 }));

        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData(MidjourneyProvider.GoApi)]
    [InlineData(MidjourneyProvider.Apixo)]
    public async Task VideoAsync_ProviderWithoutVideo_ThrowsNotSupportedAndSendsNothing(MidjourneyProvider provider)
    {
        using MidjourneyClient client = Client(provider);

        var ex = await Assert.ThrowsAsync<MidjourneyNotSupportedException>(() => client.VideoAsync(new VideoRequest(Start) { Prompt = "a cat", BatchSize = 4 }));

        Assert.Equal(provider, ex.Provider);
        Assert.Contains("Video", ex.Message, StringComparison.Ordinal);
        Assert.False(client.Capabilities.Supports(MidjourneyAction.Video));
        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData(MidjourneyProvider.GoApi, false)]
    [InlineData(MidjourneyProvider.MjProxy, true)]
    [InlineData(MidjourneyProvider.Apixo, false)]
    [InlineData(MidjourneyProvider.MidApi, true)]
    public void Capabilities_Video_OnMidapiAndMjProxyOnly(MidjourneyProvider provider, bool offered)
    {
        using MidjourneyClient client = Client(provider);

        Assert.Equal(offered, client.Capabilities.Supports(MidjourneyAction.Video));
        Assert.Equal(offered, client.Capabilities.SupportedActions.Contains(MidjourneyAction.Video));
    }

    [Fact]
    public void VideoRequest_ToString_HidesTheWebhookSecret()
    {
        var request = new VideoRequest(Start) { Prompt = "a cat", WebhookSecret = "s3cret" };

        Assert.DoesNotContain("s3cret", request.ToString(), StringComparison.Ordinal);
        Assert.Contains("a cat", request.ToString(), StringComparison.Ordinal);
    }
}
