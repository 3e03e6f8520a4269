using System.Text;
using Midjourney.Sdk.Tests.TestSupport;
using WireMock.ResponseBuilders;

namespace Midjourney.Sdk.Tests.Providers.MidApi;

/// <summary>
/// The midapi adapter through the public facade, over real HTTP to a WireMock.Net server on 127.0.0.1: exactly what
/// reaches the server for every endpoint (method, URL with the BaseUrl's path kept, Bearer header, JSON body with a
/// Content-Length) and what the caller gets back from <c>record-info</c>. Every mapping requires the Bearer header.
/// </summary>
public sealed class MidApiProviderTests : IDisposable
{
    private const string ApiKey = "test-key";
    private const string SubmitAnswer = """{"code":200,"msg":"success","data":{"taskId":"task-1"}}""";
    private const string Generate = "/api/v1/mj/generate";
    private const string GenerateUpscale = "/api/v1/mj/generateUpscale";
    private const string GenerateVary = "/api/v1/mj/generateVary";
    private const string RecordInfo = "/api/v1/mj/record-info";

    private readonly WireServer _server = new WireServer("/base").RequireHeader("Authorization", "Bearer " + ApiKey);
    private readonly HttpClient _transport = new();
    private readonly FakeTimeProvider _time = new() { AutoAdvance = true };
    private readonly ListLoggerProvider _logs = new();

    public void Dispose()
    {
        _transport.Dispose();
        _server.Dispose();
    }

    private MidjourneyClient Client(int variationIndexBase = 0, Uri? baseUrl = null) => new(
        _transport,
        new MidjourneyClientOptions
        {
            Provider = MidjourneyProvider.MidApi,
            ApiKey = ApiKey,
            BaseUrl = baseUrl ?? _server.BaseUrl,
            Retry = { MaxRetries = 0 },
            MidApi = { VariationIndexBase = variationIndexBase },
        },
        _time,
        _logs.CreateFactory());

    /// <summary>Runs one submit against a server that answers only <paramref name="endpoint"/>, and checks the request's envelope.</summary>
    private async Task<(MidjourneyTask Task, RecordedRequest Request)> Submit(string endpoint, Func<MidjourneyClient, Task<MidjourneyTask>> call, int variationIndexBase = 0)
    {
        _server.On(HttpMethod.Post, endpoint, Wire.Json(SubmitAnswer));
        MidjourneyTask task = await call(Client(variationIndexBase));
        RecordedRequest request = _server.Single;
        AssertPost(request, endpoint);
        return (task, request);
    }

    /// <summary>Answers <c>record-info</c> for <paramref name="taskId"/> (and nothing else) with <paramref name="answersInTurn"/>.</summary>
    private void OnRecordInfo(string taskId, params IResponseBuilder[] answersInTurn) =>
        _server.On(_server.Request(HttpMethod.Get, RecordInfo).WithParam("taskId", taskId), answersInTurn);

    private async Task<MidjourneyTask> Record(string dataJson)
    {
        OnRecordInfo("task-9", Wire.Json($$"""{"code":200,"msg":"success","data":{{dataJson}}}"""));
        return await Client().GetTaskAsync("task-9");
    }

    private void AssertPost(RecordedRequest request, string endpoint)
    {
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(new Uri(_server.Url(endpoint)), request.Uri);
        Assert.Equal("Bearer " + ApiKey, request.Header("Authorization"));
        Assert.Equal("application/json", request.Header("Accept"));
        Assert.Equal("application/json", request.ContentType);
        AssertContentLength(request);
        Assert.Empty(_server.Unmatched);
    }

    /// <summary>The body went with a Content-Length matching its bytes, not chunked (some relays refuse chunked uploads).</summary>
    private static void AssertContentLength(RecordedRequest request)
    {
        Assert.NotNull(request.Body);
        Assert.Equal(Encoding.UTF8.GetByteCount(request.Body).ToString(System.Globalization.CultureInfo.InvariantCulture), request.Header("Content-Length"));
        Assert.Null(request.Header("Transfer-Encoding"));
    }

    /// <summary>Compares the request's JSON body with <paramref name="expected"/>: same property names (nulls absent), same values and JSON types.</summary>
    private static void AssertBody(RecordedRequest request, object expected)
        => JsonBodyAssert.Equal(request, expected);

    private static MidjourneyImage Url(string name) => MidjourneyImage.FromUrl(new Uri($"https://img.test/{name}.png"));

    // ---- transport: URL, method, auth, content type ----

    [Theory]
    [InlineData("/base", "", "/base/api/v1/mj/generate")]
    [InlineData("/base", "/", "/base/api/v1/mj/generate")]
    [InlineData("", "", "/api/v1/mj/generate")] // a root, as https://api.kie.ai
    [InlineData("/relays/kie", "/", "/relays/kie/api/v1/mj/generate")]
    [InlineData("", "/", "/api/v1/mj/generate")]
    public async Task ImagineAsync_BaseUrlWithOrWithoutPath_KeepsThePathAndAppendsTheEndpoint(string basePath, string trailingSlash, string expectedPath)
    {
        using var server = new WireServer(basePath).RequireHeader("Authorization", "Bearer " + ApiKey);
        server.On(HttpMethod.Post, Generate, Wire.Json(SubmitAnswer));
        var baseUrl = new Uri(server.BaseUrl.AbsoluteUri.TrimEnd('/') + trailingSlash);

        await Client(baseUrl: baseUrl).ImagineAsync(new ImagineRequest("a cat"));

        Assert.Equal(expectedPath, server.Single.Path);
        Assert.Equal(new Uri(server.Url(Generate)), server.Single.Uri);
        Assert.Empty(server.Unmatched);
    }

    [Fact]
    public async Task AllEndpoints_KieAiBaseUrl_GoToKieAiWithTheSamePathsAndBearerKey()
    {
        // kie.ai serves the same paths at its root (https://api.kie.ai): a server with no base path stands in for it.
        using var kie = new WireServer().RequireHeader("Authorization", "Bearer " + ApiKey);
        kie.On(HttpMethod.Post, Generate, Wire.Json(SubmitAnswer))
            .On(HttpMethod.Post, GenerateUpscale, Wire.Json(SubmitAnswer))
            .On(HttpMethod.Post, GenerateVary, Wire.Json(SubmitAnswer))
            .On(kie.Request(HttpMethod.Get, RecordInfo).WithParam("taskId", "grid-1"), Wire.Json("""{"code":200,"msg":"success","data":{"taskId":"grid-1","successFlag":0}}"""));
        MidjourneyClient client = Client(baseUrl: kie.BaseUrl);

        await client.ImagineAsync(new ImagineRequest("a cat"));
        await client.UpscaleAsync(new UpscaleRequest("grid-1", 1));
        await client.VariationAsync(new VariationRequest("grid-1", 1));
        await client.GetTaskAsync("grid-1");

        Assert.Equal(
            ["/api/v1/mj/generate", "/api/v1/mj/generateUpscale", "/api/v1/mj/generateVary", "/api/v1/mj/record-info"],
            kie.Requests.Select(r => r.Path));
        Assert.Equal(
            [kie.Url(Generate), kie.Url(GenerateUpscale), kie.Url(GenerateVary), kie.Url(RecordInfo + "?taskId=grid-1")],
            kie.Requests.Select(r => r.Uri.AbsoluteUri));
        Assert.Equal([HttpMethod.Post, HttpMethod.Post, HttpMethod.Post, HttpMethod.Get], kie.Requests.Select(r => r.Method));
        Assert.All(kie.Requests, r => Assert.Equal("Bearer " + ApiKey, r.Header("Authorization")));
        Assert.Empty(kie.Unmatched);
    }

    [Fact]
    public async Task ImagineAsync_NoBaseUrl_SendsToMidapisPublicEndpoint()
    {
        // In memory: the public default base URL cannot point at the loopback server.
        var handler = new RecordingHandler().RespondJson(SubmitAnswer);
        var client = new MidjourneyClient(
            new HttpClient(handler),
            new MidjourneyClientOptions { Provider = MidjourneyProvider.MidApi, ApiKey = ApiKey, Retry = { MaxRetries = 0 } },
            _time);

        await client.ImagineAsync(new ImagineRequest("a cat"));

        Assert.Equal(new Uri("https://api.midapi.ai/api/v1/mj/generate"), handler.Single.Uri);
        Assert.Equal("Bearer " + ApiKey, handler.Single.Header("Authorization"));
    }

    [Fact]
    public async Task ImagineAsync_AnyRequest_PostsJsonWithTheBearerHeaderOnly()
    {
        (_, RecordedRequest request) = await Submit(Generate, c => c.ImagineAsync(new ImagineRequest("a cat")));

        Assert.Null(request.Header("X-API-KEY"));
        Assert.Null(request.Header("mj-api-secret"));
        Assert.DoesNotContain(ApiKey, request.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, request.Uri.AbsoluteUri, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> SubmitEndpoints => new()
    {
        { "imagine", Generate },
        { "upscale", GenerateUpscale },
        { "variation", GenerateVary },
    };

    [Theory]
    [MemberData(nameof(SubmitEndpoints))]
    public async Task Submit_AnyEndpoint_SendsTheJsonBodyWithAContentLengthNotChunked(string operation, string endpoint)
    {
        var hook = new Uri("https://hooks.example/" + new string('h', 1500)); // a body well past any small write buffer
        (_, RecordedRequest request) = await Submit(endpoint, c => operation switch
        {
            "imagine" => c.ImagineAsync(new ImagineRequest(new string('a', 2000)) { WebhookUrl = hook }),
            "upscale" => c.UpscaleAsync(new UpscaleRequest("grid-1", 1) { WebhookUrl = hook }),
            _ => c.VariationAsync(new VariationRequest("grid-1", 1) { WebhookUrl = hook }),
        });

        AssertContentLength(request);
        Assert.Contains(hook.AbsoluteUri, request.Body, StringComparison.Ordinal);
    }

// ---- imagine ----

    [Fact]
    public async Task ImagineAsync_PromptOnly_SendsTxt2ImgTaskTypeAndThePrompt()
    {
        (_, RecordedRequest request) = await Submit(Generate, c => c.ImagineAsync(new ImagineRequest("  a cat  ")));

        AssertBody(request, new { taskType = "mj_txt2img", prompt = "a cat" });
    }

    [Fact]
    public async Task ImagineAsync_EveryParameter_SentAsItsOwnFieldWithNoPromptFlags()
    {
        (MidjourneyTask task, RecordedRequest request) = await Submit(Generate, c => c.ImagineAsync(new ImagineRequest("a cat")
        {
            AspectRatio = "16:9",
            Speed = MidjourneySpeed.Fast,
            Version = "7",
            Stylize = 250,
            Chaos = 10,
            Weird = 500,
            WebhookUrl = new Uri("https://hooks.example/mj?x=1"),
        }));

        AssertBody(request, new
        {
            taskType = "mj_txt2img",
            prompt = "a cat",
            speed = "fast",
            aspectRatio = "16:9",
            version = "7",
            stylization = 250,
            weirdness = 500,
            variety = 10,
            callBackUrl = "https://hooks.example/mj?x=1",
        });
        Assert.Equal("a cat", task.Prompt);
    }

    [Theory]
    [InlineData(MidjourneySpeed.Relax, "relaxed")]
    [InlineData(MidjourneySpeed.Fast, "fast")]
    [InlineData(MidjourneySpeed.Turbo, "turbo")]
    public async Task ImagineAsync_Speed_SentAsMidapisSpelling(MidjourneySpeed speed, string wire)
    {
        (_, RecordedRequest request) = await Submit(Generate, c => c.ImagineAsync(new ImagineRequest("a cat") { Speed = speed }));

        AssertBody(request, new { taskType = "mj_txt2img", prompt = "a cat", speed = wire });
    }

    [Theory]
    [InlineData("7", "7")]
    [InlineData("v7", "7")]
    [InlineData("V 7", "7")]
    [InlineData("7.0", "7")]
    [InlineData("6.1", "6.1")]
    [InlineData("v6.1", "6.1")]
    [InlineData("6", "6")]
    [InlineData("5.2", "5.2")]
    [InlineData("5.1", "5.1")]
    [InlineData("niji6", "niji6")]
    [InlineData("niji 6", "niji6")]
    [InlineData("Niji 6", "niji6")]
    [InlineData("niji-6", "niji6")]
    public async Task ImagineAsync_VersionSpellings_SentAsMidapisVersion(string version, string wire)
    {
        (_, RecordedRequest request) = await Submit(Generate, c => c.ImagineAsync(new ImagineRequest("a cat") { Version = version }));

        AssertBody(request, new { taskType = "mj_txt2img", prompt = "a cat", version = wire });
    }

    [Theory]
    [InlineData("8")]
    [InlineData("5")]
    [InlineData("niji 7")]
    [InlineData("niji")]
    [InlineData("latest")]
    public async Task ImagineAsync_VersionMidapiDoesNotOffer_ThrowsArgumentNamingItWithoutSending(string version)
    {
        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => Client().ImagineAsync(new ImagineRequest("a cat") { Version = version }));

        Assert.Contains($"'{version}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("6.1", ex.Message, StringComparison.Ordinal);
        Assert.Equal("Version", ex.ParamName);
        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData("1:2")]
    [InlineData("9:16")]
    [InlineData("2:3")]
    [InlineData("3:4")]
    [InlineData("5:6")]
    [InlineData("6:5")]
    [InlineData("4:3")]
    [InlineData("3:2")]
    [InlineData("1:1")]
    [InlineData("16:9")]
    [InlineData("2:1")]
    public async Task ImagineAsync_EveryAspectRatioMidapiOffers_SentAsAspectRatio(string ratio)
    {
        (_, RecordedRequest request) = await Submit(Generate, c => c.ImagineAsync(new ImagineRequest("a cat") { AspectRatio = ratio }));

        AssertBody(request, new { taskType = "mj_txt2img", prompt = "a cat", aspectRatio = ratio });
    }

    [Theory]
    [InlineData("21:9")]
    [InlineData("7:4")]
    [InlineData("2:2")]
    public async Task ImagineAsync_AspectRatioOutsideMidapisList_ThrowsArgumentListingTheAllowedOnesWithoutSending(string ratio)
    {
        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => Client().ImagineAsync(new ImagineRequest("a cat") { AspectRatio = ratio }));

        Assert.Contains($"'{ratio}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("1:2, 9:16, 2:3, 3:4, 5:6, 6:5, 4:3, 3:2, 1:1, 16:9, 2:1", ex.Message, StringComparison.Ordinal);
        Assert.Equal("AspectRatio", ex.ParamName);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task ImagineAsync_PromptOf2000Characters_IsSent()
    {
        string prompt = new('a', 2000);

        (_, RecordedRequest request) = await Submit(Generate, c => c.ImagineAsync(new ImagineRequest(prompt)));

        AssertBody(request, new { taskType = "mj_txt2img", prompt });
    }

    [Fact]
    public async Task ImagineAsync_PromptOver2000Characters_ThrowsArgumentWithTheLengthWithoutSending()
    {
        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => Client().ImagineAsync(new ImagineRequest(new string('a', 2001))));

        Assert.Contains("2001", ex.Message, StringComparison.Ordinal);
        Assert.Contains("2000", ex.Message, StringComparison.Ordinal);
        Assert.Equal("Prompt", ex.ParamName);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task ImagineAsync_ReferenceImageUrls_SentAsImg2ImgWithFileUrlsInOrder()
    {
        (MidjourneyTask task, RecordedRequest request) = await Submit(Generate, c => c.ImagineAsync(
            new ImagineRequest("a cat, watercolor") { ReferenceImages = [Url("a"), Url("b")] }));

        AssertBody(request, new
        {
            taskType = "mj_img2img",
            prompt = "a cat, watercolor",
            fileUrls = new[] { "https://img.test/a.png", "https://img.test/b.png" },
        });
        Assert.Equal(MidjourneyAction.Imagine, task.Action);
    }

    [Fact]
    public async Task ImagineAsync_InlineReferenceImage_ThrowsArgumentSayingUrlsAreNeededWithoutSending()
    {
        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => Client().ImagineAsync(new ImagineRequest("a cat")
        {
            ReferenceImages = [Url("a"), MidjourneyImage.FromBytes(new byte[] { 1, 2, 3 }, "image/png")],
        }));

        Assert.Contains("URL", ex.Message, StringComparison.Ordinal);
        Assert.Contains("image/png (3 bytes)", ex.Message, StringComparison.Ordinal);
        Assert.Equal("ReferenceImages", ex.ParamName);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task ImagineAsync_WebhookWithSecret_SendsCallBackUrlWithATokenNeverTheSecret()
    {
        (_, RecordedRequest request) = await Submit(Generate, c => c.ImagineAsync(
            new ImagineRequest("a cat") { WebhookUrl = new Uri("https://hooks.example/mj"), WebhookSecret = "whsec-1" }));

        AssertBody(request, new { taskType = "mj_txt2img", prompt = "a cat", callBackUrl = "https://hooks.example/mj?mjsdk_token=" + Midjourney.Sdk.Webhooks.WebhookToken.For("whsec-1") });
        Assert.DoesNotContain("whsec-1", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImagineAsync_Accepted_ReturnsPendingTaskWithIdAndRawJson()
    {
        (MidjourneyTask task, _) = await Submit(Generate, c => c.ImagineAsync(new ImagineRequest("a cat")));

        Assert.Equal("task-1", task.Id);
        Assert.Equal(MidjourneyProvider.MidApi, task.Provider);
        Assert.Equal(MidjourneyAction.Imagine, task.Action);
        Assert.Equal(MidjourneyTaskStatus.Pending, task.Status);
        Assert.Null(task.ParentTaskId);
        Assert.Null(task.Progress);
        Assert.Equal(SubmitAnswer, task.RawJson);
        Assert.Empty(task.ImageUrls);
    }

    [Fact]
    public async Task ImagineAsync_NumericTaskId_GivesTheIdAsText()
    {
        _server.On(HttpMethod.Post, Generate, Wire.Json("""{"code":200,"msg":"success","data":{"taskId":98765432109876}}"""));

        MidjourneyTask task = await Client().ImagineAsync(new ImagineRequest("a cat"));

        Assert.Equal("98765432109876", task.Id);
    }

    // ---- upscale ----

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    public async Task UpscaleAsync_Index1To4_SentAsZeroBasedImageIndex(int index, int imageIndex)
    {
        (MidjourneyTask task, RecordedRequest request) = await Submit(GenerateUpscale, c => c.UpscaleAsync(new UpscaleRequest("grid-1", index)));

        AssertBody(request, new { taskId = "grid-1", imageIndex });
        Assert.Equal(MidjourneyAction.Upscale, task.Action);
        Assert.Equal("grid-1", task.ParentTaskId);
        Assert.Equal(MidjourneyTaskStatus.Pending, task.Status);
        Assert.Equal("task-1", task.Id);
    }

    [Fact]
    public async Task UpscaleAsync_ZeroBaseIgnoresTheVariationOption_AlwaysZeroBased()
    {
        (_, RecordedRequest request) = await Submit(GenerateUpscale, c => c.UpscaleAsync(new UpscaleRequest("grid-1", 4)), variationIndexBase: 1);

        AssertBody(request, new { taskId = "grid-1", imageIndex = 3 });
    }

    [Fact]
    public async Task UpscaleAsync_Webhook_SentAsCallBackUrl()
    {
        (_, RecordedRequest request) = await Submit(GenerateUpscale, c => c.UpscaleAsync(new UpscaleRequest("grid-1", 2) { WebhookUrl = new Uri("https://hooks.example/u") }));

        AssertBody(request, new { taskId = "grid-1", imageIndex = 1, callBackUrl = "https://hooks.example/u" });
    }

    [Theory]
    [InlineData(UpscaleMode.Subtle)]
    [InlineData(UpscaleMode.Creative)]
    [InlineData(UpscaleMode.TwoX)]
    [InlineData(UpscaleMode.FourX)]
    public async Task UpscaleAsync_ModeOtherThanDefault_ThrowsNotSupportedWithoutSending(UpscaleMode mode)
    {
        var ex = await Assert.ThrowsAsync<MidjourneyNotSupportedException>(() => Client().UpscaleAsync(new UpscaleRequest("grid-1", 1) { Mode = mode }));

        Assert.Contains(mode.ToString(), ex.Message, StringComparison.Ordinal);
        Assert.Equal(MidjourneyProvider.MidApi, ex.Provider);
        Assert.Empty(_server.Requests);
    }

    // ---- variation ----

    [Theory]
    [InlineData(0, 1, 0)]
    [InlineData(0, 2, 1)]
    [InlineData(0, 4, 3)]
    [InlineData(1, 1, 1)]
    [InlineData(1, 3, 3)]
    [InlineData(1, 4, 4)]
    public async Task VariationAsync_IndexAndConfiguredBase_SentAsImageIndexInThatBase(int indexBase, int index, int imageIndex)
    {
        (MidjourneyTask task, RecordedRequest request) = await Submit(GenerateVary, c => c.VariationAsync(new VariationRequest("grid-1", index)), indexBase);

        AssertBody(request, new { taskId = "grid-1", imageIndex });
        Assert.Equal(MidjourneyAction.Variation, task.Action);
        Assert.Equal("grid-1", task.ParentTaskId);
    }

    [Fact]
    public async Task VariationAsync_Webhook_SentAsCallBackUrl()
    {
        (_, RecordedRequest request) = await Submit(GenerateVary, c => c.VariationAsync(new VariationRequest("grid-1", 3) { WebhookUrl = new Uri("https://hooks.example/v") }));

        AssertBody(request, new { taskId = "grid-1", imageIndex = 2, callBackUrl = "https://hooks.example/v" });
    }

    [Theory]
    [InlineData(VariationStrength.Subtle)]
    [InlineData(VariationStrength.Strong)]
    public async Task VariationAsync_Strength_ThrowsNotSupportedWithoutSending(VariationStrength strength)
    {
        var ex = await Assert.ThrowsAsync<MidjourneyNotSupportedException>(() => Client().VariationAsync(new VariationRequest("up-1", 1) { Strength = strength }));

        Assert.Contains(strength.ToString(), ex.Message, StringComparison.Ordinal);
        Assert.Contains("index", ex.Message, StringComparison.Ordinal);
        Assert.Equal(MidjourneyProvider.MidApi, ex.Provider);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task VariationAsync_Prompt_ThrowsNotSupportedWithoutSending()
    {
        var ex = await Assert.ThrowsAsync<MidjourneyNotSupportedException>(() => Client().VariationAsync(new VariationRequest("grid-1", 1) { Prompt = "a dog" }));

        Assert.Contains("prompt", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    // ---- not offered ----

    public static TheoryData<string> NotOffered => ["reroll", "inpaint", "outpaint", "pan", "describe", "blend", "shorten"];

    [Theory]
    [MemberData(nameof(NotOffered))]
    public async Task Operation_NotOfferedByMidapi_ThrowsNotSupportedWithoutSending(string operation)
    {
        MidjourneyClient client = Client();
        MidjourneyImage image = Url("a");
        Func<Task<MidjourneyTask>> call = operation switch
        {
            "reroll" => () => client.RerollAsync(new RerollRequest("grid-1")),
            "inpaint" => () => client.InpaintAsync(new InpaintRequest("up-1", MidjourneyImage.FromBytes(new byte[] { 1 }, "image/png"))),
            "outpaint" => () => client.OutpaintAsync(new OutpaintRequest("up-1", 2)),
            "pan" => () => client.PanAsync(new PanRequest("up-1", PanDirection.Left)),
            "describe" => () => client.DescribeAsync(new DescribeRequest(image)),
            "blend" => () => client.BlendAsync(new BlendRequest([image, Url("b")])),
            _ => () => client.ShortenAsync(new ShortenRequest("a long prompt")),
        };

        var ex = await Assert.ThrowsAsync<MidjourneyNotSupportedException>(call);

        Assert.Equal(MidjourneyProvider.MidApi, ex.Provider);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public void Capabilities_OnMidApi_ImagineUpscaleVariationVideoWithReferenceImagesAndNoProgress()
    {
        MidjourneyCapabilities capabilities = Client().Capabilities;

        Assert.Equal([MidjourneyAction.Imagine, MidjourneyAction.Upscale, MidjourneyAction.Variation, MidjourneyAction.Video], capabilities.SupportedActions);
        Assert.True(capabilities.SupportsReferenceImages);
        Assert.False(capabilities.ReportsProgress);
        Assert.Equal(MidjourneyProvider.MidApi, Client().Provider);
    }

    // ---- record-info ----

    [Fact]
    public async Task GetTaskAsync_AnyId_GetsRecordInfoWithTheEscapedIdAndNoBody()
    {
        // The mapping matches the decoded id, so the server read back exactly the id that was asked for.
        OnRecordInfo("a b/c?d", Wire.Json("""{"code":200,"msg":"success","data":{"taskId":"a b/c?d","successFlag":0}}"""));

        MidjourneyTask task = await Client().GetTaskAsync("a b/c?d");

        RecordedRequest request = _server.Single;
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal(_server.Url("/api/v1/mj/record-info?taskId=a%20b%2Fc%3Fd"), request.Uri.AbsoluteUri);
        Assert.Equal("/base/api/v1/mj/record-info", request.Path);
        Assert.Equal("Bearer " + ApiKey, request.Header("Authorization"));
        Assert.Equal("application/json", request.Header("Accept"));
        Assert.Null(request.Body);
        Assert.Null(request.ContentType);
        Assert.Null(request.Header("Transfer-Encoding"));
        Assert.Empty(_server.Unmatched);
        Assert.Equal("a b/c?d", task.Id);
    }

    [Theory]
    [InlineData("0", MidjourneyTaskStatus.InProgress)]
    [InlineData("1", MidjourneyTaskStatus.Succeeded)]
    [InlineData("2", MidjourneyTaskStatus.Failed)]
    [InlineData("3", MidjourneyTaskStatus.Failed)]
    [InlineData("\"1\"", MidjourneyTaskStatus.Succeeded)]
    [InlineData("\"3\"", MidjourneyTaskStatus.Failed)]
    [InlineData("7", MidjourneyTaskStatus.InProgress)]
    [InlineData("null", MidjourneyTaskStatus.InProgress)]
    [InlineData("\"done\"", MidjourneyTaskStatus.InProgress)]
    public async Task GetTaskAsync_SuccessFlag_MapsToNeutralStatus(string flag, MidjourneyTaskStatus expected)
    {
        MidjourneyTask task = await Record($$"""{"taskId":"task-9","successFlag":{{flag}}}""");

        Assert.Equal(expected, task.Status);
        Assert.Equal("task-9", task.Id);
        Assert.Equal(MidjourneyProvider.MidApi, task.Provider);

        // midapi reports no progress: null while it runs, 100 once it succeeded (as on every provider).
        Assert.Equal(expected == MidjourneyTaskStatus.Succeeded ? 100 : null, task.Progress);
    }

    [Fact]
    public async Task GetTaskAsync_UnknownSuccessFlag_LoggedOnceAsInProgress()
    {
        MidjourneyClient client = Client();
        OnRecordInfo("task-9", Wire.Json("""{"code":200,"msg":"success","data":{"taskId":"task-9","successFlag":7}}"""));

        await client.GetTaskAsync("task-9");
        await client.GetTaskAsync("task-9");

        Assert.Single(_logs.Entries, e => e.Message.Contains("unknown task status '7'", StringComparison.Ordinal));
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task GetTaskAsync_SucceededGrid_MapsEveryField()
    {
        const string json = """
            {"code":200,"msg":"success","data":{
              "taskId":"task-9","taskType":"mj_txt2img",
              "paramJson":"{\"aspectRatio\":\"16:9\",\"fileUrl\":\"\",\"prompt\":\"a red fox\",\"speed\":\"relaxed\",\"taskType\":\"mj_txt2img\",\"version\":\"7\"}",
              "completeTime":"2026-01-01T00:01:02Z",
              "resultInfoJson":{"resultUrls":[{"resultUrl":"https://img.test/0.jpeg"},{"resultUrl":"https://img.test/1.jpeg"},{"resultUrl":"https://img.test/2.jpeg"},{"resultUrl":"https://img.test/3.jpeg"}]},
              "successFlag":1,"createTime":"2026-01-01T00:00:00Z","errorCode":null,"errorMessage":null,"unknownField":[1,2]}}
            """;
        OnRecordInfo("task-9", Wire.Json(json));

        MidjourneyTask task = await Client().GetTaskAsync("task-9");

        Assert.Equal("task-9", task.Id);
        Assert.Equal(MidjourneyAction.Imagine, task.Action);
        Assert.Equal(MidjourneyTaskStatus.Succeeded, task.Status);
        Assert.Equal("a red fox", task.Prompt);
        Assert.Null(task.ImageUrl); // four separate images and no grid
        Assert.Equal(["https://img.test/0.jpeg", "https://img.test/1.jpeg", "https://img.test/2.jpeg", "https://img.test/3.jpeg"], task.ImageUrls.Select(u => u.AbsoluteUri));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), task.SubmittedAt);
        Assert.Null(task.StartedAt);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 1, 2, TimeSpan.Zero), task.FinishedAt);
        Assert.Null(task.FailureReason);
        Assert.Null(task.FailureCode);
        Assert.Null(task.ParentTaskId);
        Assert.Equal(100, task.Progress);
        Assert.Equal(task.FinishedAt + TimeSpan.FromDays(15), task.ExpiresAt);
        Assert.Empty(task.Prompts);
        Assert.Equal(json, task.RawJson);
    }

    [Theory]
    [InlineData("""{"resultUrls":[{"resultUrl":"https://img.test/u.png"}]}""")]
    [InlineData("\"{\\\"resultUrls\\\":[{\\\"resultUrl\\\":\\\"https://img.test/u.png\\\"}]}\"")]
    [InlineData("""{"resultUrls":["https://img.test/u.png"]}""")]
    [InlineData("\"{\\\"resultUrls\\\":[\\\"https://img.test/u.png\\\"]}\"")]
    [InlineData("""{"resultUrls":["", null, 42, {"other":"x"}, "not a url", {"resultUrl":"https://img.test/u.png"}]}""")]
    public async Task GetTaskAsync_ResultInfoJsonAsObjectOrStringWithObjectsOrStrings_GivesTheUrls(string resultInfoJson)
    {
        MidjourneyTask task = await Record($$"""{"taskId":"task-9","taskType":"mj_upscale","successFlag":1,"resultInfoJson":{{resultInfoJson}}}""");

        Assert.Equal(new Uri("https://img.test/u.png"), task.ImageUrl);
        Assert.Equal([new Uri("https://img.test/u.png")], task.ImageUrls);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"\"")]
    [InlineData("\"{not json\"")]
    [InlineData("{}")]
    [InlineData("{\"resultUrls\":null}")]
    [InlineData("42")]
    public async Task GetTaskAsync_ResultInfoJsonMissingOrUnreadable_GivesNoImagesAndNeverThrows(string resultInfoJson)
    {
        MidjourneyTask task = await Record($$"""{"taskId":"task-9","successFlag":1,"resultInfoJson":{{resultInfoJson}}}""");

        Assert.Equal(MidjourneyTaskStatus.Succeeded, task.Status);
        Assert.Null(task.ImageUrl);
        Assert.Empty(task.ImageUrls);
    }

    [Fact]
    public async Task GetTaskAsync_StillGenerating_IgnoresAnyResultUrls()
    {
        MidjourneyTask task = await Record("""{"taskId":"task-9","successFlag":0,"resultInfoJson":{"resultUrls":[{"resultUrl":"https://img.test/partial.png"}]}}""");

        Assert.Null(task.ImageUrl);
        Assert.Empty(task.ImageUrls);
    }

    [Theory]
    [InlineData("2", "400", "\"400\"", "Invalid prompt", "400")]
    [InlineData("3", "501", "501", "Generation failed: banned prompt", MidjourneyFailureCodes.ContentPolicy)]
    [InlineData("3", "E_NSFW", "\"E_NSFW\"", "NSFW content detected", MidjourneyFailureCodes.ContentPolicy)]
    public async Task GetTaskAsync_Failed_GivesErrorCodeAndMessageAsFailureCodeAndReason(string flag, string code, string codeJson, string message, string failureCode)
    {
        MidjourneyTask task = await Record($$"""{"taskId":"task-9","successFlag":{{flag}},"errorCode":{{codeJson}},"errorMessage":"{{message}}","completeTime":1767225662000}""");

        Assert.Equal(MidjourneyTaskStatus.Failed, task.Status);
        Assert.True(task.IsCompleted);
        Assert.Equal(failureCode, task.FailureCode);
        Assert.Equal(code, task.ProviderFailureCode);
        Assert.Equal(message, task.FailureReason);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 1, 2, TimeSpan.Zero), task.FinishedAt);
    }

    [Fact]
    public async Task GetTaskAsync_FailedWithoutMessage_GivesAReasonNamingTheFlag()
    {
        MidjourneyTask task = await Record("""{"taskId":"task-9","successFlag":3,"errorCode":null,"errorMessage":null}""");

        Assert.Null(task.FailureCode);
        Assert.Contains("successFlag 3", task.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTaskAsync_Succeeded_HasNoFailureFieldsEvenWhenTheyAreFilled()
    {
        MidjourneyTask task = await Record("""{"taskId":"task-9","successFlag":1,"errorCode":0,"errorMessage":"ok"}""");

        Assert.Null(task.FailureCode);
        Assert.Null(task.FailureReason);
    }

    [Theory]
    [InlineData("1767225600000")]
    [InlineData("1767225600")]
    [InlineData("\"1767225600000\"")]
    [InlineData("\"2026-01-01T00:00:00Z\"")]
    [InlineData("\"2026-01-01T00:00:00.000Z\"")]
    [InlineData("\"2026-01-01 00:00:00\"")]
    public async Task GetTaskAsync_CreateTimeAsMillisecondsSecondsOrIsoString_ReadsTheSameInstant(string createTime)
    {
        MidjourneyTask task = await Record($$"""{"taskId":"task-9","successFlag":0,"createTime":{{createTime}},"completeTime":null}""");

        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), task.SubmittedAt);
        Assert.Null(task.FinishedAt);
    }

    [Theory]
    [InlineData("\"yesterday\"")]
    [InlineData("0")]
    [InlineData("\"\"")]
    [InlineData("{}")]
    public async Task GetTaskAsync_UnreadableTimes_AreNullAndNeverThrow(string time)
    {
        MidjourneyTask task = await Record($$"""{"taskId":"task-9","successFlag":1,"createTime":{{time}},"completeTime":{{time}}}""");

        Assert.Null(task.SubmittedAt);
        Assert.Null(task.FinishedAt);
    }

    [Theory]
    [InlineData("mj_txt2img", MidjourneyAction.Imagine)]
    [InlineData("mj_img2img", MidjourneyAction.Imagine)]
    [InlineData("mj_style_reference", MidjourneyAction.Imagine)]
    [InlineData("mj_omni_reference", MidjourneyAction.Imagine)]
    [InlineData("mj_upscale", MidjourneyAction.Upscale)]
    [InlineData("MJ_UPSCALE", MidjourneyAction.Upscale)]
    [InlineData("mj_vary", MidjourneyAction.Variation)]
    [InlineData("mj_variation", MidjourneyAction.Variation)]
    [InlineData("mj_video", MidjourneyAction.Video)]
    [InlineData("mj_video_hd", MidjourneyAction.Video)]
    [InlineData("mj_something_new", MidjourneyAction.Other)]
    [InlineData("", MidjourneyAction.Other)]
    public async Task GetTaskAsync_TaskType_MapsToAction(string taskType, MidjourneyAction expected)
    {
        MidjourneyTask task = await Record($$"""{"taskId":"task-9","taskType":"{{taskType}}","successFlag":0}""");

        Assert.Equal(expected, task.Action);
    }

    [Fact]
    public async Task GetTaskAsync_UpscaleParamJsonWithTheParentTaskId_GivesParentTaskIdAndNoPrompt()
    {
        MidjourneyTask task = await Record("""{"taskId":"task-9","taskType":"mj_upscale","paramJson":"{\"taskId\":\"grid-1\",\"imageIndex\":2}","successFlag":0}""");

        Assert.Equal("grid-1", task.ParentTaskId);
        Assert.Null(task.Prompt);
        Assert.Equal(MidjourneyAction.Upscale, task.Action);
    }

    [Theory]
    [InlineData("""{"prompt":"a red fox"}""", "a red fox")]
    [InlineData("\"{\\\"prompt\\\":\\\"a red fox\\\"}\"", "a red fox")]
    [InlineData("\"not json\"", null)]
    [InlineData("\"[1,2]\"", null)]
    [InlineData("\"{\\\"prompt\\\":42}\"", null)]
    [InlineData("null", null)]
    [InlineData("17", null)]
    public async Task GetTaskAsync_ParamJsonAsStringOrObject_GivesThePromptWhenItHasOne(string paramJson, string? prompt)
    {
        MidjourneyTask task = await Record($$"""{"taskId":"task-9","paramJson":{{paramJson}},"successFlag":0}""");

        Assert.Equal(prompt, task.Prompt);
    }

    [Fact]
    public async Task GetTaskAsync_RecordWithoutItsOwnTaskId_UsesTheIdAskedFor()
    {
        MidjourneyTask task = await Record("""{"successFlag":0}""");

        Assert.Equal("task-9", task.Id);
    }

    [Fact]
    public async Task GetTaskAsync_Code501WithTheRecord_IsAFailedTaskWithTheMessage()
    {
        OnRecordInfo("task-9", Wire.Json("""{"code":501,"msg":"Generation failed: content moderation","data":{"taskId":"task-9","successFlag":0,"errorCode":null,"errorMessage":null}}"""));

        MidjourneyTask task = await Client().GetTaskAsync("task-9");

        Assert.Equal(MidjourneyTaskStatus.Failed, task.Status);
        Assert.Equal("Generation failed: content moderation", task.FailureReason);
    }

    [Fact]
    public async Task GetTaskAsync_Answer_KeepsRawJsonExactlyAsReceived()
    {
        const string json = "{ \"code\" : 200, \"msg\":\"success\",\n \"data\": {\"taskId\":\"task-9\", \"successFlag\": 0, \"extra\": [true, null, 1.50]} }";
        OnRecordInfo("task-9", Wire.Json(json));

        MidjourneyTask task = await Client().GetTaskAsync("task-9");

        Assert.Equal(json, task.RawJson);
    }

    // ---- waiting ----

    [Fact]
    public async Task WaitForCompletionAsync_DefaultSchedule_PollsRecordInfoAtOnceThenAtLeast2sApart()
    {
        IResponseBuilder generating = Wire.Json("""{"code":200,"msg":"success","data":{"taskId":"task-9","successFlag":0}}""");
        OnRecordInfo(
            "task-9",
            generating,
            generating,
            generating,
            generating,
            generating,
            Wire.Json("""{"code":200,"msg":"success","data":{"taskId":"task-9","successFlag":1,"resultInfoJson":{"resultUrls":[{"resultUrl":"https://img.test/g.png"}]}}}"""));

        DateTimeOffset started = _time.GetUtcNow();

        MidjourneyTask task = await Client().DriveAsync(c => c.WaitForCompletionAsync("task-9"));

        Assert.Equal(MidjourneyTaskStatus.Succeeded, task.Status);
        Assert.Equal(new Uri("https://img.test/g.png"), task.ImageUrl);
        Assert.Equal(6, _server.Requests.Count);
        Assert.All(_server.Requests, r => Assert.Equal(HttpMethod.Get, r.Method));
        Assert.All(_server.Requests, r => Assert.Equal(_server.Url(RecordInfo + "?taskId=task-9"), r.Uri.AbsoluteUri));

        // Not submitted by this client: looked at once; then midapi's 2 s to 60 s apart (five gaps).
        Assert.InRange(_time.GetUtcNow() - started, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(300));
    }

    [Fact]
    public async Task WaitForCompletionAsync_GenerationFailed_ThrowsTaskFailedCarryingCodeAndReason()
    {
        OnRecordInfo("task-9", Wire.Json("""{"code":200,"msg":"success","data":{"taskId":"task-9","successFlag":3,"errorCode":501,"errorMessage":"Midjourney refused the prompt"}}"""));

        var ex = await Assert.ThrowsAsync<MidjourneyTaskFailedException>(() => Client().DriveAsync(c => c.WaitForCompletionAsync("task-9")));

        Assert.Equal(MidjourneyTaskStatus.Failed, ex.Task.Status);
        Assert.Equal("501", ex.Task.FailureCode);
        Assert.Equal("Midjourney refused the prompt", ex.Task.FailureReason);
        Assert.Single(_server.Requests);
    }
}
