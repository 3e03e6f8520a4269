using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Validation;

/// <summary>
/// <see cref="ImagineRequest.StyleReferences"/>, <see cref="ImagineRequest.OmniReference"/> and
/// <see cref="ImagineRequest.OmniWeight"/> are checked before any traffic on every provider: null entries, too many style
/// references, inline images (every provider carries references as URLs), a weight without a reference or out of range,
/// and a prompt that already carries the same flag. The server answers anything, so a request that slipped through shows.
/// </summary>
public sealed class ReferenceValidationTests : IDisposable
{
    private static readonly MidjourneyImage Inline = MidjourneyImage.FromBytes(new byte[] { 1, 2, 3 }, "image/png");

    private readonly WireServer _server = new();

    public ReferenceValidationTests() => _server.OnAny(Wire.Json("""{"code":1,"description":"ok","result":"t1"}"""));

    public void Dispose() => _server.Dispose();

    public static TheoryData<MidjourneyProvider> Providers() => [.. Enum.GetValues<MidjourneyProvider>()];

    private static MidjourneyImage Url(int n) => MidjourneyImage.FromUrl(new Uri($"https://img.test/{n}.png"));

    private MidjourneyClient Client(MidjourneyProvider provider) => new(
        new HttpClient(),
        new MidjourneyClientOptions { Provider = provider, ApiKey = "key", BaseUrl = _server.BaseUrl, Retry = { MaxRetries = 0 } },
        new FakeTimeProvider { AutoAdvance = true });

    /// <summary>Submits <paramref name="request"/> and returns the exception, asserting that nothing was sent.</summary>
    private async Task<ArgumentException> Refused(MidjourneyProvider provider, ImagineRequest request)
    {
        using MidjourneyClient client = Client(provider);
        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => client.ImagineAsync(request));
        Assert.Empty(_server.Requests);
        return ex;
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ImagineAsync_NullStyleReferences_ThrowsAndSendsNothing(MidjourneyProvider provider)
    {
        var ex = await Refused(provider, new ImagineRequest("a cat") { StyleReferences = null! });

        Assert.Contains("StyleReferences must not be null", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ImagineAsync_NullStyleReferenceEntry_ThrowsAndSendsNothing(MidjourneyProvider provider)
    {
        var ex = await Refused(provider, new ImagineRequest("a cat") { StyleReferences = [Url(1), null!] });

        Assert.Contains("contain null images", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ImagineAsync_SixStyleReferences_ThrowsNamingTheLimitAndSendsNothing(MidjourneyProvider provider)
    {
        var ex = await Refused(provider, new ImagineRequest("a cat") { StyleReferences = [.. Enumerable.Range(1, 6).Select(Url)] });

        Assert.Contains("StyleReferences has 6 images; a request takes at most 5", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ImagineAsync_InlineStyleReference_ThrowsSayingUrlsAreNeededAndSendsNothing(MidjourneyProvider provider)
    {
        var ex = await Refused(provider, new ImagineRequest("a cat") { StyleReferences = [Url(1), Inline] });

        Assert.Contains("StyleReferences must be URLs", ex.Message, StringComparison.Ordinal);
        Assert.Contains("image/png (3 bytes)", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ImagineAsync_InlineOmniReference_ThrowsSayingAUrlIsNeededAndSendsNothing(MidjourneyProvider provider)
    {
        var ex = await Refused(provider, new ImagineRequest("a cat") { OmniReference = Inline });

        Assert.Contains("OmniReference must be a URL", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ImagineAsync_OmniWeightWithoutOmniReference_ThrowsAndSendsNothing(MidjourneyProvider provider)
    {
        var ex = await Refused(provider, new ImagineRequest("a cat") { OmniWeight = 200 });

        Assert.Contains("OmniWeight is set without an OmniReference", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task ImagineAsync_OmniWeightOutside1To1000_ThrowsOutOfRangeAndSendsNothing(int weight)
    {
        foreach (MidjourneyProvider provider in Enum.GetValues<MidjourneyProvider>())
        {
            var ex = Assert.IsType<ArgumentOutOfRangeException>(await Refused(provider, new ImagineRequest("a cat") { OmniReference = Url(1), OmniWeight = weight }));

            Assert.Contains($"OmniWeight {weight} is outside 1..1000", ex.Message, StringComparison.Ordinal);
            Assert.Equal(weight, ex.ActualValue);
        }
    }

    [Theory]
    [InlineData("a cat --sref https://img.test/9.png", "--sref", "StyleReferences")]
    [InlineData("a cat --SREF 123", "--sref", "StyleReferences")]
    [InlineData("a cat --oref https://img.test/9.png", "--oref", "OmniReference")]
    [InlineData("a cat --ow 50", "--ow", "OmniWeight")]
    public async Task ImagineAsync_PromptCarriesTheFlagAndThePropertyIsSet_ThrowsAsAmbiguousOnEveryProvider(string prompt, string flag, string property)
    {
        var request = new ImagineRequest(prompt) { OmniWeight = property == "OmniWeight" ? 300 : null };
        request = property == "StyleReferences"
            ? request with { StyleReferences = [Url(1)] }
            : request with { OmniReference = Url(1) };

        foreach (MidjourneyProvider provider in Enum.GetValues<MidjourneyProvider>())
        {
            var ex = await Refused(provider, request);

            Assert.Contains($"already carries {flag} and {property} is set too", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ImagineAsync_PromptCarriesSrefAndOnlyAnOmniReferenceIsSet_IsNotAmbiguous()
    {
        using MidjourneyClient client = Client(MidjourneyProvider.MjProxy);

        MidjourneyTask task = await client.ImagineAsync(new ImagineRequest("a cat --sref 123") { OmniReference = Url(1) });

        Assert.Equal("a cat --sref 123 --oref https://img.test/1.png", task.Prompt);
    }
}
