using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Validation;

/// <summary>
/// <see cref="IMidjourneyClient.ExtendVideoAsync"/>'s checks before any traffic: the parent task id, the clip index 1..4,
/// the prompt, the motion and speed, on every provider; and GoAPI, APIXO and midapi, which cannot extend a video, refuse it
/// with nothing sent (servers that answer anything). Only MJ-Proxy has <see cref="MidjourneyCapabilities.SupportsVideoExtend"/>.
/// </summary>
public sealed class VideoExtendValidationTests : IDisposable
{
    private readonly WireServer _server = new();

    public VideoExtendValidationTests() => _server.OnAny(Wire.Json("""{"code":1,"description":"ok","result":"t1"}"""));

    public void Dispose() => _server.Dispose();

    private MidjourneyClient Client(MidjourneyProvider provider) => new(
        new HttpClient(),
        new MidjourneyClientOptions { Provider = provider, ApiKey = "key", BaseUrl = _server.BaseUrl, Retry = { MaxRetries = 0 } },
        new FakeTimeProvider { AutoAdvance = true });

    private static VideoExtendRequest Valid => new("video-1", 1) { Prompt = "the tide turns" };

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task ExtendVideoAsync_BlankTaskId_ThrowsOnEveryProviderAndSendsNothing(string? taskId)
    {
        foreach (MidjourneyProvider provider in Enum.GetValues<MidjourneyProvider>())
        {
            using MidjourneyClient client = Client(provider);

            var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.ExtendVideoAsync(Valid with { TaskId = taskId! }));

            Assert.Contains("TaskId is empty", ex.Message, StringComparison.Ordinal);
        }

        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(-1)]
    public async Task ExtendVideoAsync_IndexOutside1To4_ThrowsOnEveryProviderAndSendsNothing(int index)
    {
        foreach (MidjourneyProvider provider in Enum.GetValues<MidjourneyProvider>())
        {
            using MidjourneyClient client = Client(provider);

            var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.ExtendVideoAsync(Valid with { Index = index }));

            Assert.Equal(index, ex.ActualValue);
            Assert.Contains($"Index {index} is outside 1..4", ex.Message, StringComparison.Ordinal);
            Assert.Contains("clips of the parent video", ex.Message, StringComparison.Ordinal);
        }

        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task ExtendVideoAsync_NoPrompt_ThrowsAndSendsNothing(string? prompt)
    {
        using MidjourneyClient client = Client(MidjourneyProvider.MjProxy);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.ExtendVideoAsync(Valid with { Prompt = prompt }));

        Assert.Contains("Prompt", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task ExtendVideoAsync_UndefinedMotionOrSpeed_ThrowsAndSendsNothing()
    {
        using MidjourneyClient client = Client(MidjourneyProvider.MjProxy);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.ExtendVideoAsync(Valid with { Motion = (VideoMotion)7 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.ExtendVideoAsync(Valid with { Speed = (MidjourneySpeed)9 }));
        await Assert.ThrowsAsync<ArgumentNullException>(() => client.ExtendVideoAsync(null!));

        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task ExtendVideoAsync_RelativeWebhook_ThrowsAndSendsNothing()
    {
        using MidjourneyClient client = Client(MidjourneyProvider.MjProxy);

        await Assert.ThrowsAsync<ArgumentException>(() => client.ExtendVideoAsync(Valid with { WebhookUrl = new Uri("/hook", UriKind.Relative) }));

        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData(MidjourneyProvider.GoApi)]
    [InlineData(MidjourneyProvider.Apixo)]
    [InlineData(MidjourneyProvider.MidApi)]
    public async Task ExtendVideoAsync_ProviderWithoutExtend_ThrowsNotSupportedAndSendsNothing(MidjourneyProvider provider)
    {
        using MidjourneyClient client = Client(provider);

        var ex = await Assert.ThrowsAsync<MidjourneyNotSupportedException>(() => client.ExtendVideoAsync(Valid with { Motion = VideoMotion.High }));

        Assert.Equal(provider, ex.Provider);
        Assert.Contains("cannot extend a video", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData(MidjourneyProvider.GoApi, false)]
    [InlineData(MidjourneyProvider.MjProxy, true)]
    [InlineData(MidjourneyProvider.Apixo, false)]
    [InlineData(MidjourneyProvider.MidApi, false)]
    public void Capabilities_SupportsVideoExtend_OnMjProxyOnly(MidjourneyProvider provider, bool offered)
    {
        using MidjourneyClient client = Client(provider);

        Assert.Equal(offered, client.Capabilities.SupportsVideoExtend);
    }

    [Fact]
    public void Capabilities_SupportsVideoExtend_FalseUnlessSet()
    {
        var capabilities = new MidjourneyCapabilities([MidjourneyAction.Video], supportsReferenceImages: false, reportsProgress: false);

        Assert.False(capabilities.SupportsVideoExtend);
        Assert.True((new MidjourneyCapabilities([], false, false) { SupportsVideoExtend = true }).SupportsVideoExtend);
    }

    [Fact]
    public void VideoExtendRequest_ToString_HidesTheWebhookSecret()
    {
        var request = Valid with { WebhookSecret = "s3cret" };

        Assert.DoesNotContain("s3cret", request.ToString(), StringComparison.Ordinal);
        Assert.Contains("the tide turns", request.ToString(), StringComparison.Ordinal);
        Assert.Contains("video-1", request.ToString(), StringComparison.Ordinal);
    }
}
