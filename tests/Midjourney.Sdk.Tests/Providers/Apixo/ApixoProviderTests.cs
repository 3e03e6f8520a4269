using System.Buffers.Binary;
using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Providers.Apixo;

/// <summary>
/// The APIXO adapter through the public facade, against a real HTTP server (WireMock.Net on 127.0.0.1): exactly what
/// goes over the wire for every operation (method, URL, bearer header, the exact generateTask body per mode and
/// spelling, its Content-Length) and what the caller gets back.
/// </summary>
public sealed class ApixoProviderTests : IDisposable
{
    private readonly WireServer _server = ApixoWire.Server();

    public void Dispose() => _server.Dispose();

    private MidjourneyClient Client(Action<MidjourneyClientOptions>? configure = null) => ApixoWire.Client(_server, configure: configure);

    /// <summary>Maps generateTask to <see cref="ApixoWire.SubmitAnswer"/>, runs <paramref name="call"/> and checks the submit the server got.</summary>
    private async Task<(MidjourneyTask Task, RecordedRequest Request)> Submit(Func<MidjourneyClient, Task<MidjourneyTask>> call, MidjourneyClient? client = null)
    {
        _server.On(HttpMethod.Post, ApixoWire.Generate, Wire.Json(ApixoWire.SubmitAnswer));
        MidjourneyTask task = await call(client ?? Client());
        RecordedRequest request = _server.Requests[^1];
        ApixoWire.AssertSubmit(_server, request);
        Assert.Empty(_server.Unmatched);
        return (task, request);
    }

    private static MidjourneyImage Url(string name) => MidjourneyImage.FromUrl(new Uri($"https://img.test/{name}.png"));

    /// <summary>The first 24 bytes of a PNG (signature and IHDR), enough for its size to be read.</summary>
    private static byte[] PngHeader(int width, int height)
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 0, 0, 0, 0, 0, 0, 8, 2, 0, 0, 0];
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), height);
        return png;
    }

    // ---- transport ----

    [Theory]
    [InlineData("/base", "")]
    [InlineData("/base", "/")]
    [InlineData("", "")]
    [InlineData("/relay/x", "")]
    public async Task ImagineAsync_BaseUrlWithOrWithoutPath_KeepsThePathAndAppendsTheEndpoint(string basePath, string trailingSlash)
    {
        using WireServer server = ApixoWire.Server(basePath);
        server.On(HttpMethod.Post, ApixoWire.Generate, Wire.Json(ApixoWire.SubmitAnswer));
        Uri baseUrl = new(server.BaseUrl.AbsoluteUri.TrimEnd('/') + trailingSlash);

        await ApixoWire.Client(server, configure: o => o.BaseUrl = baseUrl).ImagineAsync(new ImagineRequest("a cat"));

        Assert.Equal(basePath + ApixoWire.Generate, server.Single.Path);
        Assert.Equal(new Uri(server.Url(ApixoWire.Generate)), server.Single.Uri);
        Assert.Empty(server.Unmatched);
    }

    [Fact]
    public async Task ImagineAsync_NoBaseUrl_SendsToApixosPublicEndpoint()
    {
        // In memory: the public default address cannot point at a loopback server.
        var handler = new RecordingHandler();
        handler.RespondJson(ApixoWire.SubmitAnswer);
        var options = new MidjourneyClientOptions { Provider = MidjourneyProvider.Apixo, ApiKey = ApixoWire.ApiKey, BaseUrl = null };

        await new MidjourneyClient(new HttpClient(handler), options, new FakeTimeProvider { AutoAdvance = true }).ImagineAsync(new ImagineRequest("a cat"));

        Assert.Equal(new Uri("https://api.apixo.ai/api/v1/generateTask/midjourney"), handler.Single.Uri);
    }

    [Fact]
    public async Task ImagineAsync_AnyRequest_PostsJsonWithTheBearerKeyOnly()
    {
        (_, RecordedRequest request) = await Submit(c => c.ImagineAsync(new ImagineRequest("a cat")));

        Assert.Equal("Bearer " + ApixoWire.ApiKey, request.Header("Authorization"));
        Assert.Null(request.Header("X-API-KEY"));
        Assert.DoesNotContain(ApixoWire.ApiKey, request.Body, StringComparison.Ordinal);
    }

    // ---- imagine ----

    [Fact]
    public async Task ImagineAsync_PromptOnly_SendsTextToImageAsyncWithProviderAuto()
    {
        (_, RecordedRequest request) = await Submit(c => c.ImagineAsync(new ImagineRequest("a cat")));

        JsonBodyAssert.Equal(request, new { request_type = "async", provider = "auto", input = new { mode = "text-to-image", prompt = "a cat" } });
    }

    [Fact]
    public async Task ImagineAsync_EveryParameterClassicSpelling_SentAsAspectChaosStylizeWeird()
    {
        (MidjourneyTask task, RecordedRequest request) = await Submit(c => c.ImagineAsync(new ImagineRequest("a cat")
        {
            Version = "7", Speed = MidjourneySpeed.Fast, AspectRatio = "16:9", Chaos = 10, Stylize = 250, Weird = 5,
        }));

        ApixoWire.AssertInput(request, new
        {
            mode = "text-to-image", prompt = "a cat", version = "v7", speed = "fast", aspect = "16:9", chaos = 10, stylize = 250, weird = 5,
        });
        Assert.Equal("a cat", task.Prompt);
    }

    [Fact]
    public async Task ImagineAsync_EveryParameterCurrentSpelling_SentAsAspectRatioVarietyStylizationWeirdness()
    {
        MidjourneyClient client = Client(o => o.Apixo.FieldNames = ApixoFieldNames.Current);

        (_, RecordedRequest request) = await Submit(
            c => c.ImagineAsync(new ImagineRequest("a cat") { Version = "niji 6", Speed = MidjourneySpeed.Turbo, AspectRatio = "2:3", Chaos = 0, Stylize = 1000, Weird = 3000 }),
            client);

        ApixoWire.AssertInput(request, new
        {
            mode = "text-to-image", prompt = "a cat", version = "niji 6", speed = "turbo", aspect_ratio = "2:3", variety = 0, stylization = 1000, weirdness = 3000,
        });
    }

    [Fact]
    public async Task ImagineAsync_CurrentSpellingAspectOnly_SendsOnlyAspectRatio()
    {
        (_, RecordedRequest request) = await Submit(
            c => c.ImagineAsync(new ImagineRequest("a cat") { AspectRatio = "1:1" }),
            Client(o => o.Apixo.FieldNames = ApixoFieldNames.Current));

        ApixoWire.AssertInput(request, new { mode = "text-to-image", prompt = "a cat", aspect_ratio = "1:1" });
    }

    [Theory]
    [InlineData(MidjourneySpeed.Relax, "relaxed")]
    [InlineData(MidjourneySpeed.Fast, "fast")]
    [InlineData(MidjourneySpeed.Turbo, "turbo")]
    public async Task ImagineAsync_Speed_SentInApixosSpelling(MidjourneySpeed speed, string wire)
    {
        (_, RecordedRequest request) = await Submit(c => c.ImagineAsync(new ImagineRequest("a cat") { Speed = speed }));

        ApixoWire.AssertInput(request, new { mode = "text-to-image", prompt = "a cat", speed = wire });
    }

    [Theory]
    [InlineData("7", "v7")]
    [InlineData("v7", "v7")]
    [InlineData("V 7.0", "v7")]
    [InlineData("6.1", "v6.1")]
    [InlineData("6", "v6")]
    [InlineData("niji 6", "niji 6")]
    [InlineData("niji7", "niji 7")]
    [InlineData("Niji 6", "niji 6")]
    public async Task ImagineAsync_VersionSpellings_SentAsApixosVersion(string version, string wire)
    {
        (_, RecordedRequest request) = await Submit(c => c.ImagineAsync(new ImagineRequest("a cat") { Version = version }));

        ApixoWire.AssertInput(request, new { mode = "text-to-image", prompt = "a cat", version = wire });
    }

    [Theory]
    [InlineData("latest")]
    [InlineData("niji")]
    [InlineData("v7 raw")]
    public async Task ImagineAsync_VersionThatIsNoVersion_ThrowsArgumentNamingItWithoutSending(string version)
    {
        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => Client().ImagineAsync(new ImagineRequest("a cat") { Version = version }));

        Assert.Contains($"'{version}'", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData("21:9")]
    [InlineData("7:4")]
    [InlineData("4:5")]
    public async Task ImagineAsync_AspectRatioNotOnApixosList_ThrowsArgumentListingTheOffersWithoutSending(string aspectRatio)
    {
        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => Client().ImagineAsync(new ImagineRequest("a cat") { AspectRatio = aspectRatio }));

        Assert.Contains($"'{aspectRatio}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("1:1, 1:2, 2:1, 2:3, 3:2, 3:4, 4:3, 5:6, 6:5, 9:16, 16:9", ex.Message, StringComparison.Ordinal);
        Assert.Equal("AspectRatio", ex.ParamName);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task ImagineAsync_PromptWithFlags_SentUnchangedAndNothingAppended()
    {
        (_, RecordedRequest request) = await Submit(c => c.ImagineAsync(new ImagineRequest("a cat --tile") { Version = "7", Stylize = 50 }));

        ApixoWire.AssertInput(request, new { mode = "text-to-image", prompt = "a cat --tile", version = "v7", stylize = 50 });
    }

    [Fact]
    public async Task ImagineAsync_ReferenceImageUrls_SendsImageToImageWithTheUrls()
    {
        (MidjourneyTask task, RecordedRequest request) = await Submit(c => c.ImagineAsync(
            new ImagineRequest("a cat in this style") { ReferenceImages = [Url("a"), Url("b")], AspectRatio = "3:4" }));

        ApixoWire.AssertInput(request, new
        {
            mode = "image-to-image", prompt = "a cat in this style", aspect = "3:4", image_urls = new[] { "https://img.test/a.png", "https://img.test/b.png" },
        });
        Assert.Equal(MidjourneyAction.Imagine, task.Action);
    }

    [Fact]
    public async Task ImagineAsync_InlineReferenceImage_ThrowsArgumentSayingUrlsAreNeededWithoutSending()
    {
        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => Client().ImagineAsync(
            new ImagineRequest("a cat") { ReferenceImages = [Url("a"), MidjourneyImage.FromBytes(new byte[] { 1, 2, 3 }, "image/png")] }));

        Assert.Contains("URL", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task ImagineAsync_ThreeReferenceImages_ThrowsArgumentWithoutSending()
    {
        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => Client().ImagineAsync(
            new ImagineRequest("a cat") { ReferenceImages = [Url("a"), Url("b"), Url("c")] }));

        Assert.Contains("1 or 2", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task ImagineAsync_WebhookWithSecret_SendsCallbackModeWithATokenInTheUrlNeverTheSecret()
    {
        (_, RecordedRequest request) = await Submit(c => c.ImagineAsync(
            new ImagineRequest("a cat") { WebhookUrl = new Uri("https://hooks.example/apixo?x=1"), WebhookSecret = "whsec-1" }));

        JsonBodyAssert.Equal(request, new
        {
            request_type = "callback",
            callback_url = "https://hooks.example/apixo?x=1&mjsdk_token=" + Midjourney.Sdk.Webhooks.WebhookToken.For("whsec-1"),
            provider = "auto",
            input = new { mode = "text-to-image", prompt = "a cat" },
        });
        Assert.DoesNotContain("whsec-1", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImagineAsync_Accepted_ReturnsPendingTaskWithIdAndRawJson()
    {
        (MidjourneyTask task, _) = await Submit(c => c.ImagineAsync(new ImagineRequest("a cat")));

        Assert.Equal("task-1", task.Id);
        Assert.Equal(MidjourneyProvider.Apixo, task.Provider);
        Assert.Equal(MidjourneyAction.Imagine, task.Action);
        Assert.Equal(MidjourneyTaskStatus.Pending, task.Status);
        Assert.Null(task.Progress);
        Assert.Null(task.ParentTaskId);
        Assert.Equal(ApixoWire.SubmitAnswer, task.RawJson);
        Assert.Empty(task.ImageUrls);
    }

    [Fact]
    public async Task ImagineAsync_NumericTaskId_GivesTheIdAsText()
    {
        _server.On(HttpMethod.Post, ApixoWire.Generate, Wire.Json("""{"code":200,"message":"success","data":{"taskId":1234567890123}}"""));

        MidjourneyTask task = await Client().ImagineAsync(new ImagineRequest("a cat"));

        Assert.Equal("1234567890123", task.Id);
        ApixoWire.AssertSubmit(_server, _server.Single);
    }

    // ---- upscale ----

    [Theory]
    [InlineData(1, UpscaleMode.Default, 0, 0)]
    [InlineData(4, UpscaleMode.Default, 3, 0)]
    [InlineData(2, UpscaleMode.Creative, 1, 1)]
    [InlineData(1, UpscaleMode.TwoX, 0, 2)]
    [InlineData(3, UpscaleMode.FourX, 2, 3)]
    public async Task UpscaleAsync_IndexAndMode_SentAsZeroBasedImageIndexAndType(int index, UpscaleMode mode, int imageIndex, int type)
    {
        (MidjourneyTask task, RecordedRequest request) = await Submit(c => c.UpscaleAsync(new UpscaleRequest("grid-1", index) { Mode = mode }));

        ApixoWire.AssertInput(request, new { mode = "upscale", taskId = "grid-1", imageIndex, type });
        Assert.Equal(MidjourneyAction.Upscale, task.Action);
        Assert.Equal("grid-1", task.ParentTaskId);
        Assert.Equal(MidjourneyTaskStatus.Pending, task.Status);
    }

    [Fact]
    public async Task UpscaleAsync_Subtle_ThrowsNotSupportedWithoutSending()
    {
        var ex = await Assert.ThrowsAsync<MidjourneyNotSupportedException>(() => Client().UpscaleAsync(new UpscaleRequest("grid-1", 1) { Mode = UpscaleMode.Subtle }));

        Assert.Contains("Subtle", ex.Message, StringComparison.Ordinal);
        Assert.Equal(MidjourneyProvider.Apixo, ex.Provider);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task UpscaleAsync_Webhook_SendsCallbackMode()
    {
        (_, RecordedRequest request) = await Submit(c => c.UpscaleAsync(new UpscaleRequest("grid-1", 2) { WebhookUrl = new Uri("https://hooks.example/u") }));

        JsonBodyAssert.Equal(request, new
        {
            request_type = "callback",
            callback_url = "https://hooks.example/u",
            provider = "auto",
            input = new { mode = "upscale", taskId = "grid-1", imageIndex = 1, type = 0 },
        });
    }

    // ---- variation ----

    [Theory]
    [InlineData(null, 3, 2, 1)]
    [InlineData(VariationStrength.Strong, 4, 3, 1)]
    [InlineData(VariationStrength.Subtle, 1, 0, 0)]
    public async Task VariationAsync_IndexAndStrength_SentAsImageIndexAndType(VariationStrength? strength, int index, int imageIndex, int type)
    {
        (MidjourneyTask task, RecordedRequest request) = await Submit(c => c.VariationAsync(new VariationRequest("grid-1", index) { Strength = strength }));

        ApixoWire.AssertInput(request, new { mode = "vary", taskId = "grid-1", imageIndex, type });
        Assert.Equal(MidjourneyAction.Variation, task.Action);
        Assert.Equal("grid-1", task.ParentTaskId);
    }

    [Fact]
    public async Task VariationAsync_WithPrompt_SendsIt()
    {
        (MidjourneyTask task, RecordedRequest request) = await Submit(c => c.VariationAsync(new VariationRequest("grid-1", 2) { Prompt = "a cat, blue" }));

        ApixoWire.AssertInput(request, new { mode = "vary", taskId = "grid-1", imageIndex = 1, type = 1, prompt = "a cat, blue" });
        Assert.Equal("a cat, blue", task.Prompt);
    }

    // ---- inpaint (upload-paint) ----

    [Fact]
    public async Task InpaintAsync_PngMaskBytes_FetchesTheParentThenSendsItsImageTheMaskAsDataUrlAndItsSize()
    {
        byte[] mask = PngHeader(1024, 768);
        ApixoWire.AnswerStatus(_server, "up-1", ApixoWire.Succeeded("up-1", "https://cdn.apixo.test/up-1.png"));

        (MidjourneyTask task, RecordedRequest request) = await Submit(c => c.InpaintAsync(
            new InpaintRequest("up-1", MidjourneyImage.FromBytes(mask, "image/png")) { Prompt = "a hat" }));

        Assert.Equal(2, _server.Requests.Count);
        ApixoWire.AssertStatus(_server, _server.Requests[0], "up-1");
        ApixoWire.AssertInput(request, new
        {
            mode = "upload-paint",
            prompt = "a hat",
            image_urls = new[] { "https://cdn.apixo.test/up-1.png" },
            mask = new { url = "data:image/png;base64," + Convert.ToBase64String(mask) },
            canvas = new { width = 1024, height = 768 },
            imgPos = new { width = 1024, height = 768, x = 0, y = 0 },
        });
        Assert.Equal(MidjourneyAction.Inpaint, task.Action);
        Assert.Equal("up-1", task.ParentTaskId);
        Assert.Equal("task-1", task.Id);
    }

    [Fact]
    public async Task InpaintAsync_MaskUrl_SendsTheUrlAsIsWithoutCanvas()
    {
        ApixoWire.AnswerStatus(_server, "up-1", ApixoWire.Succeeded("up-1", "https://cdn.apixo.test/up-1.png"));

        (_, RecordedRequest request) = await Submit(c => c.InpaintAsync(new InpaintRequest("up-1", Url("mask")) { Prompt = "a hat" }));

        ApixoWire.AssertInput(request, new
        {
            mode = "upload-paint", prompt = "a hat", image_urls = new[] { "https://cdn.apixo.test/up-1.png" }, mask = new { url = "https://img.test/mask.png" },
        });
    }

    [Fact]
    public async Task InpaintAsync_JpegMaskBytes_SendsTheDataUrlWithoutCanvas()
    {
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3];
        ApixoWire.AnswerStatus(_server, "up-1", ApixoWire.Succeeded("up-1", "https://cdn.apixo.test/up-1.png"));

        (_, RecordedRequest request) = await Submit(c => c.InpaintAsync(new InpaintRequest("up-1", MidjourneyImage.FromBytes(jpeg, "image/jpeg")) { Prompt = "a hat" }));

        ApixoWire.AssertInput(request, new
        {
            mode = "upload-paint",
            prompt = "a hat",
            image_urls = new[] { "https://cdn.apixo.test/up-1.png" },
            mask = new { url = "data:image/jpeg;base64," + Convert.ToBase64String(jpeg) },
        });
    }

    [Fact]
    public async Task InpaintAsync_GridParent_RepaintsItsFirstImage()
    {
        ApixoWire.AnswerStatus(_server, "grid-1", ApixoWire.Succeeded("grid-1", "https://cdn.apixo.test/1.png", "https://cdn.apixo.test/2.png", "https://cdn.apixo.test/3.png", "https://cdn.apixo.test/4.png"));

        (_, RecordedRequest request) = await Submit(c => c.InpaintAsync(new InpaintRequest("grid-1", Url("mask")) { Prompt = "a hat" }));

        ApixoWire.AssertInput(request, new
        {
            mode = "upload-paint", prompt = "a hat", image_urls = new[] { "https://cdn.apixo.test/1.png" }, mask = new { url = "https://img.test/mask.png" },
        });
    }

    [Fact]
    public async Task InpaintAsync_NoPromptOnAParentThisClientSubmitted_SendsTheParentsPrompt()
    {
        MidjourneyClient client = Client();
        ApixoWire.AnswerSubmits(_server, "grid-1", "up-1", "task-1");
        ApixoWire.AnswerStatus(_server, "up-1", ApixoWire.Succeeded("up-1", "https://cdn.apixo.test/up-1.png"));
        await client.ImagineAsync(new ImagineRequest("a red fox"));
        await client.UpscaleAsync(new UpscaleRequest("grid-1", 1));

        MidjourneyTask task = await client.InpaintAsync(new InpaintRequest("up-1", Url("mask")));

        Assert.Equal(4, _server.Requests.Count);
        ApixoWire.AssertStatus(_server, _server.Requests[2], "up-1");
        RecordedRequest request = _server.Requests[3];
        ApixoWire.AssertSubmit(_server, request);
        ApixoWire.AssertInput(request, new
        {
            mode = "upload-paint", prompt = "a red fox", image_urls = new[] { "https://cdn.apixo.test/up-1.png" }, mask = new { url = "https://img.test/mask.png" },
        });
        Assert.Equal("a red fox", task.Prompt);
        Assert.Equal("task-1", task.Id);
    }

    [Fact]
    public async Task InpaintAsync_NoPromptOnAnUnknownParent_SendsNoPrompt()
    {
        ApixoWire.AnswerStatus(_server, "up-9", ApixoWire.Succeeded("up-9", "https://cdn.apixo.test/up-9.png"));

        (_, RecordedRequest request) = await Submit(c => c.InpaintAsync(new InpaintRequest("up-9", Url("mask"))));

        ApixoWire.AssertInput(request, new { mode = "upload-paint", image_urls = new[] { "https://cdn.apixo.test/up-9.png" }, mask = new { url = "https://img.test/mask.png" } });
    }

    [Theory]
    [InlineData("""{"taskId":"up-1","state":"processing","createTime":1767225600000}""", "not finished")]
    [InlineData("""{"taskId":"up-1","state":"failed","failCode":"GENERATION_FAILED","failMsg":"boom"}""", "not finished")]
    [InlineData("""{"taskId":"up-1","state":"success","resultJson":"{\"resultUrls\":[]}"}""", "without a result image")]
    public async Task InpaintAsync_ParentWithoutAnImage_ThrowsInvalidRequestAndSubmitsNothing(string parentData, string expected)
    {
        ApixoWire.AnswerStatus(_server, "up-1", ApixoWire.Status(parentData));
        _server.On(HttpMethod.Post, ApixoWire.Generate, Wire.Json(ApixoWire.SubmitAnswer));

        var ex = await Assert.ThrowsAsync<MidjourneyInvalidRequestException>(() => Client().InpaintAsync(new InpaintRequest("up-1", Url("mask")) { Prompt = "a hat" }));

        Assert.Contains("up-1", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Equal(MidjourneyProvider.Apixo, ex.Provider);
        ApixoWire.AssertStatus(_server, _server.Single, "up-1");
    }

    [Fact]
    public async Task InpaintAsync_UnknownParent_ThrowsNotFoundAndSubmitsNothing()
    {
        _server.On(
            _server.Request(HttpMethod.Get, ApixoWire.StatusTask).WithParam("taskId", "nope"),
            Wire.Error(System.Net.HttpStatusCode.NotFound, """{"code":404,"message":"Task not found","data":null}"""));
        _server.On(HttpMethod.Post, ApixoWire.Generate, Wire.Json(ApixoWire.SubmitAnswer));

        var ex = await Assert.ThrowsAsync<MidjourneyNotFoundException>(() => Client().InpaintAsync(new InpaintRequest("nope", Url("mask")) { Prompt = "a hat" }));

        ApixoWire.AssertStatus(_server, _server.Single, "nope");
        Assert.Equal(404, ex.StatusCode);
        Assert.Contains($"GET {_server.Url(ApixoWire.StatusTask)}?taskId=nope (404): Task not found", ex.Message, StringComparison.Ordinal);
    }

    // ---- not offered ----

    public static TheoryData<string, Func<IMidjourneyClient, Task>> Unsupported => new()
    {
        { "reroll", c => c.RerollAsync(new RerollRequest("grid-1")) },
        { "outpaint", c => c.OutpaintAsync(new OutpaintRequest("up-1", 2)) },
        { "pan", c => c.PanAsync(new PanRequest("up-1", PanDirection.Left)) },
        { "describe", c => c.DescribeAsync(new DescribeRequest(MidjourneyImage.FromUrl(new Uri("https://img.test/a.png")))) },
        { "blend", c => c.BlendAsync(new BlendRequest([MidjourneyImage.FromUrl(new Uri("https://img.test/a.png")), MidjourneyImage.FromUrl(new Uri("https://img.test/b.png"))])) },
        { "shorten", c => c.ShortenAsync(new ShortenRequest("a very long prompt")) },
    };

    [Theory]
    [MemberData(nameof(Unsupported))]
    public async Task Operation_NotOfferedByApixo_ThrowsNotSupportedWithoutSending(string operation, Func<IMidjourneyClient, Task> call)
    {
        var ex = await Assert.ThrowsAsync<MidjourneyNotSupportedException>(() => call(Client()));

        Assert.Equal(MidjourneyProvider.Apixo, ex.Provider);
        Assert.Empty(_server.Requests);
        Assert.False(string.IsNullOrEmpty(operation));
    }

    [Fact]
    public void Capabilities_OnApixo_ImagineUpscaleVariationInpaintWithReferenceImagesAndNoProgress()
    {
        MidjourneyCapabilities capabilities = Client().Capabilities;

        Assert.Equal([MidjourneyAction.Imagine, MidjourneyAction.Upscale, MidjourneyAction.Variation, MidjourneyAction.Inpaint], capabilities.SupportedActions);
        Assert.True(capabilities.SupportsReferenceImages);
        Assert.False(capabilities.ReportsProgress);
        Assert.Equal(MidjourneyProvider.Apixo, Client().Provider);
    }
}
