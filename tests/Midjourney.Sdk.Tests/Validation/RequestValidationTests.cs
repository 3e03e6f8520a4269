using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Validation;

/// <summary>
/// Bad input fails locally with an <see cref="ArgumentException"/> that names the bad value, and nothing reaches the server
/// (a real one on 127.0.0.1 that would answer anything sent to it).
/// </summary>
public sealed class RequestValidationTests : IDisposable
{
    private readonly WireServer _server = new();
    private readonly MidjourneyClient _client;

    public RequestValidationTests()
    {
        _server.OnAny(Wire.Json("""{"task_id":"t1","status":"success","message":""}"""));
        _client = TestClients.GoApi(_server);
    }

    public void Dispose()
    {
        _client.Dispose();
        _server.Dispose();
    }

    private static MidjourneyImage Url(int n) => MidjourneyImage.FromUrl(new Uri($"https://img.test/{n}.png"));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task ImagineAsync_EmptyPrompt_ThrowsBeforeSending(string prompt)
    {
        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => _client.ImagineAsync(new ImagineRequest(prompt)));

        Assert.Contains("Prompt", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task ImagineAsync_NullRequest_ThrowsArgumentNull()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => _client.ImagineAsync(null!));
        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(-1)]
    public async Task UpscaleAndVariation_IndexOutside1To4_ThrowsNamingTheIndex(int index)
    {
        var upscale = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _client.UpscaleAsync(new UpscaleRequest("t1", index)));
        var variation = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _client.VariationAsync(new VariationRequest("t1", index)));

        Assert.Contains($"Index {index}", upscale.Message, StringComparison.Ordinal);
        Assert.Contains("1..4", variation.Message, StringComparison.Ordinal);
        Assert.Equal(index, upscale.ActualValue);
        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.99)]
    [InlineData(2.01)]
    [InlineData(3)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public async Task OutpaintAsync_ZoomOutsideOneOrOneToTwo_Throws(double zoom)
    {
        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _client.OutpaintAsync(new OutpaintRequest("t1", zoom)));

        Assert.Contains("Zoom", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData("16x9")]
    [InlineData("0:1")]
    [InlineData("-1:2")]
    [InlineData("a:b")]
    [InlineData("16:9:1")]
    [InlineData("1.5:1")]
    [InlineData(":9")]
    [InlineData("")]
    public async Task AspectRatio_Malformed_ThrowsNamingTheValue(string ratio)
    {
        var imagine = await Assert.ThrowsAnyAsync<ArgumentException>(() => _client.ImagineAsync(new ImagineRequest("a cat") { AspectRatio = ratio }));
        var reroll = await Assert.ThrowsAnyAsync<ArgumentException>(() => _client.RerollAsync(new RerollRequest("t1") { AspectRatio = ratio }));
        var outpaint = await Assert.ThrowsAnyAsync<ArgumentException>(() => _client.OutpaintAsync(new OutpaintRequest("t1", 2) { AspectRatio = ratio }));

        Assert.Contains($"'{ratio}'", imagine.Message, StringComparison.Ordinal);
        Assert.Contains("W:H", reroll.Message, StringComparison.Ordinal);
        Assert.Contains("AspectRatio", outpaint.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    [InlineData(0)]
    public async Task BlendAsync_FewerThanTwoOrMoreThanFiveImages_Throws(int count)
    {
        MidjourneyImage[] images = Enumerable.Range(1, count).Select(Url).ToArray();

        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => _client.BlendAsync(new BlendRequest(images)));

        Assert.Contains($"{count} image(s)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("2 to 5", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData("Stylize", -1)]
    [InlineData("Stylize", 1001)]
    [InlineData("Chaos", -1)]
    [InlineData("Chaos", 101)]
    [InlineData("Weird", -1)]
    [InlineData("Weird", 3001)]
    public async Task ImagineAsync_ParameterOutOfRange_ThrowsNamingIt(string parameter, int value)
    {
        var request = parameter switch
        {
            "Stylize" => new ImagineRequest("a cat") { Stylize = value },
            "Chaos" => new ImagineRequest("a cat") { Chaos = value },
            _ => new ImagineRequest("a cat") { Weird = value },
        };

        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _client.ImagineAsync(request));

        Assert.Equal(parameter, ex.ParamName);
        Assert.Contains($"{parameter} {value} is outside", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(1000, 100, 3000)]
    public async Task ImagineAsync_ParametersAtTheirLimits_AreSent(int stylize, int chaos, int weird)
    {
        MidjourneyTask task = await _client.ImagineAsync(new ImagineRequest("a cat") { Stylize = stylize, Chaos = chaos, Weird = weird });

        Assert.Equal("t1", task.Id);
        Assert.Single(_server.Requests);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public async Task TaskId_Empty_ThrowsForEveryOperation(string id)
    {
        var mask = MidjourneyImage.FromBytes(new byte[] { 1, 2, 3 }, "image/png");
        Func<Task>[] calls =
        [
            () => _client.UpscaleAsync(new UpscaleRequest(id, 1)),
            () => _client.VariationAsync(new VariationRequest(id, 1)),
            () => _client.RerollAsync(new RerollRequest(id)),
            () => _client.InpaintAsync(new InpaintRequest(id, mask)),
            () => _client.OutpaintAsync(new OutpaintRequest(id, 2)),
            () => _client.PanAsync(new PanRequest(id, PanDirection.Left)),
            () => _client.GetTaskAsync(id),
            () => _client.WaitForCompletionAsync(id),
        ];

        foreach (Func<Task> call in calls)
        {
            var ex = await Assert.ThrowsAnyAsync<ArgumentException>(call);
            Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
        }

        Assert.ThrowsAny<ArgumentException>(() => _client.WatchAsync(id));
        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData("http://hooks.test/mj")]
    [InlineData("ftp://hooks.test/mj")]
    public async Task WebhookUrl_NotAbsoluteHttps_Throws(string url)
    {
        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(
            () => _client.ImagineAsync(new ImagineRequest("a cat") { WebhookUrl = new Uri(url) }));

        Assert.Contains(url, ex.Message, StringComparison.Ordinal);
        Assert.Contains("https", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task WebhookUrl_Relative_Throws()
    {
        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(
            () => _client.UpscaleAsync(new UpscaleRequest("t1", 1) { WebhookUrl = new Uri("/hooks/mj", UriKind.Relative) }));

        Assert.Contains("absolute https", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task VariationAsync_BlankPrompt_Throws()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _client.VariationAsync(new VariationRequest("t1", 1) { Prompt = " " }));
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task DescribeAndInpaint_NullImage_Throw()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _client.DescribeAsync(new DescribeRequest(null!)));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _client.InpaintAsync(new InpaintRequest("t1", null!)));
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public void MidjourneyImage_FromUrl_RejectsNonHttp()
    {
        var ex = Assert.Throws<ArgumentException>(() => MidjourneyImage.FromUrl(new Uri("file:///tmp/cat.png")));

        Assert.Contains("file:///tmp/cat.png", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("image/png;base64,AAAA")]
    [InlineData("data:image/png,AAAA")]
    [InlineData("data:image/png;base64,***")]
    [InlineData("data:text/plain;base64,AAAA")]
    public void MidjourneyImage_FromDataUri_RejectsMalformed(string uri) =>
        Assert.ThrowsAny<ArgumentException>(() => MidjourneyImage.FromDataUri(uri));

    [Fact]
    public void MidjourneyImage_FromDataUri_RoundTrips()
    {
        var image = MidjourneyImage.FromDataUri("data:image/png;base64,AQID");

        Assert.False(image.IsUrl);
        Assert.Equal("image/png", image.MediaType);
        Assert.Equal(new byte[] { 1, 2, 3 }, image.Data.ToArray());
        Assert.Equal("data:image/png;base64,AQID", image.ToDataUri());
        Assert.Equal("image/png (3 bytes)", image.ToString());
    }

    [Fact]
    public void MidjourneyRequest_ToString_HidesWebhookSecret()
    {
        var request = new ImagineRequest("a cat") { WebhookUrl = new Uri("https://hooks.test/"), WebhookSecret = "hook-secret-42" };

        string text = request.ToString();

        Assert.DoesNotContain("hook-secret-42", text, StringComparison.Ordinal);
        Assert.Contains("WebhookSecret = ***", text, StringComparison.Ordinal);
        Assert.Contains("Prompt = a cat", text, StringComparison.Ordinal);
    }
}
