using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Midjourney.Sdk.Http;
using Midjourney.Sdk.Providers;
using Midjourney.Sdk.Providers.GoApi;
using Midjourney.Sdk.Tests.TestSupport;
using WireMock.Matchers;
using WireMock.RequestBuilders;

namespace Midjourney.Sdk.Tests.Providers.GoApi;

/// <summary>
/// The GoAPI v2 adapter through the public facade, over real HTTP to a WireMock.Net server on 127.0.0.1: exactly what
/// goes over the wire for every endpoint (method, URL, auth header, JSON body with a Content-Length) and exactly what the
/// caller gets back. Only the public default base URL is checked in memory, since it cannot point at 127.0.0.1.
/// </summary>
public sealed class GoApiProviderTests : IDisposable
{
    private const string ApiKey = "test-key";
    private const string SubmitAnswer = """{"task_id":"task-1","status":"success","message":""}""";
    private const string V2 = "/mj/v2/";

    private readonly WireServer _server = new WireServer("/base").RequireHeader("X-API-KEY", ApiKey);
    private readonly FakeTimeProvider _time = new() { AutoAdvance = true };

    public void Dispose() => _server.Dispose();

    private MidjourneyClient Client(Uri? baseUrl = null, int maxRetries = 0) => new(
        new HttpClient(),
        new MidjourneyClientOptions
        {
            Provider = MidjourneyProvider.GoApi,
            ApiKey = ApiKey,
            BaseUrl = baseUrl ?? _server.BaseUrl,
            Retry = { MaxRetries = maxRetries, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(30) },
        },
        _time);

    /// <summary>
    /// Answers <paramref name="endpoint"/> with a submit answer, runs the call, checks the one request that went out is a
    /// JSON POST to that endpoint, and returns it with the task.
    /// </summary>
    private async Task<(MidjourneyTask Task, RecordedRequest Request)> Submit(string endpoint, Func<MidjourneyClient, Task<MidjourneyTask>> call)
    {
        _server.On(HttpMethod.Post, V2 + endpoint, Wire.Json(SubmitAnswer));
        MidjourneyTask task = await call(Client());
        RecordedRequest request = _server.Single;
        AssertPost(request, endpoint);
        return (task, request);
    }

    /// <summary>Answers a fetch of task-9 (and only of task-9) with <paramref name="json"/> and reads it.</summary>
    private async Task<MidjourneyTask> Fetch(string json)
    {
        _server.On(FetchOf("task-9"), Wire.Json(json));
        MidjourneyTask task = await Client().GetTaskAsync("task-9");
        AssertPost(_server.Single, "fetch");
        return task;
    }

    /// <summary>A fetch whose body names <paramref name="taskId"/>.</summary>
    private IRequestBuilder FetchOf(string taskId) =>
        _server.Request(HttpMethod.Post, V2 + "fetch").WithBody(new JsonPartialMatcher($$"""{"task_id":"{{taskId}}"}"""));

    /// <summary>The typed API and its caller as the provider builds them, for multi_fetch, which the client does not call yet.</summary>
    private (IGoApiV2Api Api, ApiCaller Http) TypedApi(int maxRetries = 0)
    {
        var options = new MidjourneyClientOptions
        {
            Provider = MidjourneyProvider.GoApi,
            ApiKey = ApiKey,
            BaseUrl = _server.BaseUrl,
            Retry = { MaxRetries = maxRetries, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(30) },
        };
        var context = new ProviderContext(new HttpClient(), options, _time, NullLoggerFactory.Instance);
        return context.CreateApi<IGoApiV2Api>(GoApiProvider.DefaultBaseUrl, GoApiJsonContext.Default);
    }

    /// <summary>A JSON POST to <paramref name="endpoint"/> under the base path, with the key and a Content-Length (not chunked).</summary>
    private void AssertPost(RecordedRequest request, string endpoint)
    {
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(new Uri(_server.Url(V2 + endpoint)), request.Uri);
        Assert.Equal(ApiKey, request.Header("X-API-KEY"));
        Assert.Equal("application/json", request.ContentType);
        Assert.NotNull(request.Body);
        Assert.Equal(Encoding.UTF8.GetByteCount(request.Body).ToString(CultureInfo.InvariantCulture), request.Header("Content-Length"));
        Assert.Null(request.Header("Transfer-Encoding"));
    }

    /// <summary>Compares the request's JSON body with <paramref name="expected"/> property by property: same names (absent nulls), same values.</summary>
    private static void AssertBody(RecordedRequest request, object expected)
        => JsonBodyAssert.Equal(request, expected);

    private static MidjourneyImage Url(string name) => MidjourneyImage.FromUrl(new Uri($"https://img.test/{name}.png"));

    // ---- transport: URL, method, auth, content type ----

    [Theory]
    [InlineData("/base", "")]
    [InlineData("/base", "/")]
    [InlineData("/deep/relay/path", "")]
    [InlineData("", "")]
    [InlineData("", "/")]
    public async Task ImagineAsync_BaseUrlWithOrWithoutPath_KeepsThePathAndAppendsTheEndpoint(string basePath, string trailingSlash)
    {
        using var server = new WireServer(basePath).RequireHeader("X-API-KEY", ApiKey);
        server.On(HttpMethod.Post, V2 + "imagine", Wire.Json(SubmitAnswer));

        await Client(new Uri(server.BaseUrl.AbsoluteUri.TrimEnd('/') + trailingSlash)).ImagineAsync(new ImagineRequest("a cat"));

        Assert.Equal(basePath + "/mj/v2/imagine", server.Single.Path);
        Assert.Equal(new Uri(server.Url(V2 + "imagine")), server.Single.Uri);
        Assert.Empty(server.Unmatched);
    }

    [Fact]
    public async Task ImagineAsync_NoBaseUrl_SendsToGoApisPublicEndpoint()
    {
        // In memory: the public default base URL cannot point at 127.0.0.1.
        var handler = new RecordingHandler().RespondJson(SubmitAnswer);
        using var client = new MidjourneyClient(
            new HttpClient(handler),
            new MidjourneyClientOptions { Provider = MidjourneyProvider.GoApi, ApiKey = ApiKey, Retry = { MaxRetries = 0 } },
            _time);

        await client.ImagineAsync(new ImagineRequest("a cat"));

        Assert.Equal(new Uri("https://api.midjourneyapi.xyz/mj/v2/imagine"), handler.Single.Uri);
        Assert.Equal(ApiKey, handler.Single.Header("X-API-KEY"));
    }

    [Fact]
    public async Task ImagineAsync_AnyRequest_PostsJsonWithTheApiKeyHeaderOnly()
    {
        (_, RecordedRequest request) = await Submit("imagine", c => c.ImagineAsync(new ImagineRequest("a cat")));

        Assert.Null(request.Header("Authorization"));
        Assert.Equal("application/json", request.Header("Accept"));
        Assert.DoesNotContain(ApiKey, request.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, request.Uri.AbsoluteUri, StringComparison.Ordinal);
    }

    // ---- imagine ----

    [Fact]
    public async Task ImagineAsync_PromptOnly_SendsOnlyThePrompt()
    {
        (_, RecordedRequest request) = await Submit("imagine", c => c.ImagineAsync(new ImagineRequest("a cat")));

        AssertBody(request, new { prompt = "a cat" });
    }

    [Theory]
    [InlineData(MidjourneySpeed.Relax, "relax")]
    [InlineData(MidjourneySpeed.Fast, "fast")]
    [InlineData(MidjourneySpeed.Turbo, "turbo")]
    public async Task ImagineAsync_Speed_SentAsProcessMode(MidjourneySpeed speed, string processMode)
    {
        (_, RecordedRequest request) = await Submit("imagine", c => c.ImagineAsync(new ImagineRequest("a cat") { Speed = speed }));

        AssertBody(request, new { prompt = "a cat", process_mode = processMode });
    }

    [Fact]
    public async Task ImagineAsync_AspectRatio_SentAsFieldNotAsPromptFlag()
    {
        (_, RecordedRequest request) = await Submit("imagine", c => c.ImagineAsync(new ImagineRequest("a cat") { AspectRatio = "16:9" }));

        AssertBody(request, new { prompt = "a cat", aspect_ratio = "16:9" });
    }

    [Fact]
    public async Task ImagineAsync_VersionStylizeChaosWeird_AppendedAsPromptFlags()
    {
        (MidjourneyTask task, RecordedRequest request) = await Submit("imagine", c => c.ImagineAsync(
            new ImagineRequest("a cat") { Version = "7", Stylize = 250, Chaos = 10, Weird = 5, Speed = MidjourneySpeed.Fast, AspectRatio = "2:3" }));

        AssertBody(request, new { prompt = "a cat --v 7 --s 250 --c 10 --weird 5", aspect_ratio = "2:3", process_mode = "fast" });
        Assert.Equal("a cat --v 7 --s 250 --c 10 --weird 5", task.Prompt);
    }

    [Theory]
    [InlineData("niji 6", "a cat --niji 6")]
    [InlineData("6.1", "a cat --v 6.1")]
    [InlineData("v7", "a cat --v 7")]
    public async Task ImagineAsync_VersionSpellings_AppendTheMatchingFlag(string version, string expectedPrompt)
    {
        (_, RecordedRequest request) = await Submit("imagine", c => c.ImagineAsync(new ImagineRequest("a cat") { Version = version }));

        AssertBody(request, new { prompt = expectedPrompt });
    }

    [Theory]
    [InlineData("a cat --v 6", "7", null, null, null, "a cat --v 6")]
    [InlineData("a cat --niji 5", "7", null, null, null, "a cat --niji 5")]
    [InlineData("a cat --version 6", "niji 6", null, null, null, "a cat --version 6")]
    [InlineData("a cat --s 50", null, 250, null, null, "a cat --s 50")]
    [InlineData("a cat --stylize 50", null, 250, null, null, "a cat --stylize 50")]
    [InlineData("a cat --c 3", null, null, 10, null, "a cat --c 3")]
    [InlineData("a cat --chaos 3", null, null, 10, null, "a cat --chaos 3")]
    [InlineData("a cat --weird 9", null, null, null, 5, "a cat --weird 9")]
    [InlineData("a cat --v 6 --s 50", "7", 250, 10, null, "a cat --v 6 --s 50 --c 10")]
    public async Task ImagineAsync_PromptAlreadyHasTheFlag_KeepsTheUsersFlagOnly(string prompt, string? version, int? stylize, int? chaos, int? weird, string expected)
    {
        (_, RecordedRequest request) = await Submit("imagine", c => c.ImagineAsync(
            new ImagineRequest(prompt) { Version = version, Stylize = stylize, Chaos = chaos, Weird = weird }));

        AssertBody(request, new { prompt = expected });
    }

    [Fact]
    public async Task ImagineAsync_Webhook_SentAsEndpointAndSecret()
    {
        (_, RecordedRequest request) = await Submit("imagine", c => c.ImagineAsync(
            new ImagineRequest("a cat") { WebhookUrl = new Uri("https://hooks.example/mj?x=1"), WebhookSecret = "whsec-1" }));

        AssertBody(request, new { prompt = "a cat", webhook_endpoint = "https://hooks.example/mj?x=1", webhook_secret = "whsec-1" });
    }

    [Fact]
    public async Task ImagineAsync_WebhookWithoutSecret_OmitsTheSecret()
    {
        (_, RecordedRequest request) = await Submit("imagine", c => c.ImagineAsync(
            new ImagineRequest("a cat") { WebhookUrl = new Uri("https://hooks.example:443/mj") }));

        AssertBody(request, new { prompt = "a cat", webhook_endpoint = "https://hooks.example/mj" });
    }

    [Fact]
    public async Task ImagineAsync_Accepted_ReturnsPendingTaskWithIdAndRawJson()
    {
        (MidjourneyTask task, _) = await Submit("imagine", c => c.ImagineAsync(new ImagineRequest("a cat")));

        Assert.Equal("task-1", task.Id);
        Assert.Equal(MidjourneyProvider.GoApi, task.Provider);
        Assert.Equal(MidjourneyAction.Imagine, task.Action);
        Assert.Equal(MidjourneyTaskStatus.Pending, task.Status);
        Assert.False(task.IsCompleted);
        Assert.Null(task.ParentTaskId);
        Assert.Equal("a cat", task.Prompt);
        Assert.Equal(SubmitAnswer, task.RawJson);
        Assert.Empty(task.ImageUrls);
        Assert.Empty(task.Prompts);
    }

    // ---- reroll ----

    [Fact]
    public async Task RerollAsync_AllFields_PostsOriginPromptAndAspectRatio()
    {
        (MidjourneyTask task, RecordedRequest request) = await Submit("reroll", c => c.RerollAsync(
            new RerollRequest("grid-1") { Prompt = "a dog", AspectRatio = "3:2", WebhookUrl = new Uri("https://hooks.example/r"), WebhookSecret = "s" }));

        AssertBody(request, new { origin_task_id = "grid-1", prompt = "a dog", aspect_ratio = "3:2", webhook_endpoint = "https://hooks.example/r", webhook_secret = "s" });
        Assert.Equal(MidjourneyAction.Reroll, task.Action);
        Assert.Equal("grid-1", task.ParentTaskId);
        Assert.Equal(MidjourneyTaskStatus.Pending, task.Status);
        Assert.Equal("task-1", task.Id);
    }

    [Fact]
    public async Task RerollAsync_OnlyTaskId_SendsOnlyTheOrigin()
    {
        (_, RecordedRequest request) = await Submit("reroll", c => c.RerollAsync(new RerollRequest("grid-1")));

        AssertBody(request, new { origin_task_id = "grid-1" });
    }

    // ---- upscale ----

    [Theory]
    [InlineData(1, UpscaleMode.Default, "1")]
    [InlineData(2, UpscaleMode.Default, "2")]
    [InlineData(3, UpscaleMode.Default, "3")]
    [InlineData(4, UpscaleMode.Default, "4")]
    [InlineData(1, UpscaleMode.TwoX, "2x")]
    [InlineData(1, UpscaleMode.FourX, "4x")]
    public async Task UpscaleAsync_IndexAndMode_SentAsStringIndex(int index, UpscaleMode mode, string wireIndex)
    {
        (MidjourneyTask task, RecordedRequest request) = await Submit("upscale", c => c.UpscaleAsync(new UpscaleRequest("grid-1", index) { Mode = mode }));

        AssertBody(request, new { origin_task_id = "grid-1", index = wireIndex });
        Assert.Equal(MidjourneyAction.Upscale, task.Action);
        Assert.Equal("grid-1", task.ParentTaskId);
        Assert.Equal(MidjourneyTaskStatus.Pending, task.Status);
        Assert.Equal(SubmitAnswer, task.RawJson);
    }

    [Theory]
    [InlineData(UpscaleMode.Subtle)]
    [InlineData(UpscaleMode.Creative)]
    public async Task UpscaleAsync_SubtleOrCreative_ThrowsNotSupportedWithoutSending(UpscaleMode mode)
    {
        var ex = await Assert.ThrowsAsync<MidjourneyNotSupportedException>(() => Client().UpscaleAsync(new UpscaleRequest("u-1", 1) { Mode = mode }));

        Assert.Contains(mode.ToString(), ex.Message, StringComparison.Ordinal);
        Assert.Equal(MidjourneyProvider.GoApi, ex.Provider);
        Assert.Empty(_server.Requests);
    }

    // ---- variation ----

    [Theory]
    [InlineData(null, 3, "3")]
    [InlineData(VariationStrength.Subtle, 1, "low_variation")]
    [InlineData(VariationStrength.Strong, 1, "high_variation")]
    public async Task VariationAsync_IndexOrStrength_SentAsStringIndex(VariationStrength? strength, int index, string wireIndex)
    {
        (MidjourneyTask task, RecordedRequest request) = await Submit("variation", c => c.VariationAsync(new VariationRequest("grid-1", index) { Strength = strength }));

        AssertBody(request, new { origin_task_id = "grid-1", index = wireIndex });
        Assert.Equal(MidjourneyAction.Variation, task.Action);
        Assert.Equal("grid-1", task.ParentTaskId);
    }

    [Fact]
    public async Task VariationAsync_WithPromptAndWebhook_SendsThem()
    {
        (MidjourneyTask task, RecordedRequest request) = await Submit("variation", c => c.VariationAsync(
            new VariationRequest("grid-1", 2) { Prompt = "a cat, blue", WebhookUrl = new Uri("https://hooks.example/v") }));

        AssertBody(request, new { origin_task_id = "grid-1", index = "2", prompt = "a cat, blue", webhook_endpoint = "https://hooks.example/v" });
        Assert.Equal("a cat, blue", task.Prompt);
    }

    // ---- inpaint ----

    [Fact]
    public async Task InpaintAsync_MaskBytes_SentAsPlainBase64()
    {
        byte[] mask = [1, 2, 3, 250, 251, 252];

        (MidjourneyTask task, RecordedRequest request) = await Submit("inpaint", c => c.InpaintAsync(
            new InpaintRequest("up-1", MidjourneyImage.FromBytes(mask, "image/png")) { Prompt = "a hat" }));

        AssertBody(request, new { origin_task_id = "up-1", mask = "AQID+vv8", prompt = "a hat" });
        Assert.Equal(MidjourneyAction.Inpaint, task.Action);
        Assert.Equal("up-1", task.ParentTaskId);
    }

    [Fact]
    public async Task InpaintAsync_MaskFromDataUri_SendsPayloadWithoutTheDataUriHeader()
    {
        (_, RecordedRequest request) = await Submit("inpaint", c => c.InpaintAsync(
            new InpaintRequest("up-1", MidjourneyImage.FromDataUri("data:image/png;base64,AQID+vv8"))));

        AssertBody(request, new { origin_task_id = "up-1", mask = "AQID+vv8" });
    }

    [Fact]
    public async Task InpaintAsync_MaskAsUrl_ThrowsArgumentSayingBase64IsNeededWithoutSending()
    {
        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => Client().InpaintAsync(new InpaintRequest("up-1", Url("mask"))));

        Assert.Contains("base64", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(_server.Requests);
    }

    // ---- outpaint ----

    [Theory]
    [InlineData(1.0, "1")]
    [InlineData(1.5, "1.5")]
    [InlineData(2.0, "2")]
    [InlineData(1.8, "1.8")]
    [InlineData(1.25, "1.25")]
    public async Task OutpaintAsync_Zoom_SentAsInvariantString(double zoom, string zoomRatio)
    {
        (MidjourneyTask task, RecordedRequest request) = await Submit("outpaint", c => c.OutpaintAsync(new OutpaintRequest("up-1", zoom)));

        AssertBody(request, new { origin_task_id = "up-1", zoom_ratio = zoomRatio });
        Assert.Equal(MidjourneyAction.Outpaint, task.Action);
        Assert.Equal("up-1", task.ParentTaskId);
    }

    [Fact]
    public async Task OutpaintAsync_UnderACommaCulture_StillSendsADot()
    {
        CultureInfo previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            (_, RecordedRequest request) = await Submit("outpaint", c => c.OutpaintAsync(new OutpaintRequest("up-1", 1.5)));

            AssertBody(request, new { origin_task_id = "up-1", zoom_ratio = "1.5" });
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public async Task OutpaintAsync_PromptAndAspectRatio_SendsThem()
    {
        (_, RecordedRequest request) = await Submit("outpaint", c => c.OutpaintAsync(new OutpaintRequest("up-1", 2) { Prompt = "a beach", AspectRatio = "16:9" }));

        AssertBody(request, new { origin_task_id = "up-1", zoom_ratio = "2", prompt = "a beach", aspect_ratio = "16:9" });
    }

    // ---- pan ----

    [Theory]
    [InlineData(PanDirection.Up, "up")]
    [InlineData(PanDirection.Down, "down")]
    [InlineData(PanDirection.Left, "left")]
    [InlineData(PanDirection.Right, "right")]
    public async Task PanAsync_Direction_SentLowercase(PanDirection direction, string wireDirection)
    {
        (MidjourneyTask task, RecordedRequest request) = await Submit("pan", c => c.PanAsync(new PanRequest("up-1", direction)));

        AssertBody(request, new { origin_task_id = "up-1", direction = wireDirection });
        Assert.Equal(MidjourneyAction.Pan, task.Action);
        Assert.Equal("up-1", task.ParentTaskId);
    }

    [Fact]
    public async Task PanAsync_WithPrompt_SendsIt()
    {
        (_, RecordedRequest request) = await Submit("pan", c => c.PanAsync(new PanRequest("up-1", PanDirection.Left) { Prompt = "a wide valley" }));

        AssertBody(request, new { origin_task_id = "up-1", direction = "left", prompt = "a wide valley" });
    }

    // ---- describe ----

    [Fact]
    public async Task DescribeAsync_ImageUrlAndSpeed_SentAsImageUrlAndProcessMode()
    {
        (MidjourneyTask task, RecordedRequest request) = await Submit("describe", c => c.DescribeAsync(
            new DescribeRequest(Url("photo")) { Speed = MidjourneySpeed.Relax }));

        AssertBody(request, new { image_url = "https://img.test/photo.png", process_mode = "relax" });
        Assert.Equal(MidjourneyAction.Describe, task.Action);
        Assert.Null(task.ParentTaskId);
        Assert.Equal(MidjourneyTaskStatus.Pending, task.Status);
    }

    [Fact]
    public async Task DescribeAsync_InlineBytes_ThrowsArgumentSayingUrlsAreNeededWithoutSending()
    {
        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => Client().DescribeAsync(
            new DescribeRequest(MidjourneyImage.FromBytes(new byte[] { 1, 2, 3 }, "image/png"))));

        Assert.Contains("URL", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    // ---- blend ----

    [Theory]
    [InlineData(BlendDimensions.Portrait, "portrait")]
    [InlineData(BlendDimensions.Square, "square")]
    [InlineData(BlendDimensions.Landscape, "landscape")]
    public async Task BlendAsync_Dimensions_SentLowercaseWithImageUrlsInOrder(BlendDimensions dimensions, string wireDimension)
    {
        (MidjourneyTask task, RecordedRequest request) = await Submit("blend", c => c.BlendAsync(
            new BlendRequest([Url("a"), Url("b"), Url("c")]) { Dimensions = dimensions, Speed = MidjourneySpeed.Turbo }));

        AssertBody(request, new
        {
            image_urls = new[] { "https://img.test/a.png", "https://img.test/b.png", "https://img.test/c.png" },
            process_mode = "turbo",
            dimension = wireDimension,
        });
        Assert.Equal(MidjourneyAction.Blend, task.Action);
        Assert.Null(task.ParentTaskId);
    }

    [Fact]
    public async Task BlendAsync_NoDimensionsOrSpeed_SendsOnlyTheUrls()
    {
        (_, RecordedRequest request) = await Submit("blend", c => c.BlendAsync(new BlendRequest([Url("a"), Url("b")])));

        AssertBody(request, new { image_urls = new[] { "https://img.test/a.png", "https://img.test/b.png" } });
    }

    [Fact]
    public async Task BlendAsync_AnyInlineImage_ThrowsArgumentSayingUrlsAreNeededWithoutSending()
    {
        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => Client().BlendAsync(
            new BlendRequest([Url("a"), MidjourneyImage.FromBytes(new byte[] { 1, 2, 3 }, "image/jpeg")])));

        Assert.Contains("URL", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    // ---- not offered, wrong form ----

    [Fact]
    public async Task ShortenAsync_OnGoApi_ThrowsNotSupportedWithoutSending()
    {
        var ex = await Assert.ThrowsAsync<MidjourneyNotSupportedException>(() => Client().ShortenAsync(new ShortenRequest("a very long prompt")));

        Assert.Equal(MidjourneyProvider.GoApi, ex.Provider);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public void Capabilities_OnGoApi_ListEveryOperationButShortenAndNoReferenceImages()
    {
        MidjourneyCapabilities capabilities = Client().Capabilities;

        Assert.Equal(
            [
                MidjourneyAction.Imagine, MidjourneyAction.Upscale, MidjourneyAction.Variation, MidjourneyAction.Reroll, MidjourneyAction.Inpaint,
                MidjourneyAction.Outpaint, MidjourneyAction.Pan, MidjourneyAction.Describe, MidjourneyAction.Blend,
            ],
            capabilities.SupportedActions);
        Assert.False(capabilities.Supports(MidjourneyAction.Shorten));
        Assert.False(capabilities.SupportsReferenceImages);
        Assert.True(capabilities.ReportsProgress);
    }

    [Fact]
    public async Task ImagineAsync_ReferenceImages_ThrowsNotSupportedWithoutSending()
    {
        await Assert.ThrowsAsync<MidjourneyNotSupportedException>(() => Client().ImagineAsync(
            new ImagineRequest("a cat") { ReferenceImages = [Url("ref")] }));

        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData("https://hooks.example:8443/mj")]
    [InlineData("https://hooks.example:9000/mj")]
    public async Task SubmitAsync_WebhookOnAPortOtherThan443Or80_ThrowsArgumentWithoutSending(string webhook)
    {
        var imagine = await Assert.ThrowsAnyAsync<ArgumentException>(() => Client().ImagineAsync(
            new ImagineRequest("a cat") { WebhookUrl = new Uri(webhook) }));
        var upscale = await Assert.ThrowsAnyAsync<ArgumentException>(() => Client().UpscaleAsync(
            new UpscaleRequest("grid-1", 1) { WebhookUrl = new Uri(webhook) }));

        Assert.Contains("443", imagine.Message, StringComparison.Ordinal);
        Assert.Contains("443", upscale.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    // ---- fetch ----

    [Fact]
    public async Task GetTaskAsync_AnyId_PostsTheTaskIdToFetch()
    {
        await Fetch("""{"task_id":"task-9","status":"pending"}""");

        AssertBody(_server.Single, new { task_id = "task-9" });
    }

    [Theory]
    [InlineData("pending", MidjourneyTaskStatus.Pending, false)]
    [InlineData("staged", MidjourneyTaskStatus.Pending, false)]
    [InlineData("processing", MidjourneyTaskStatus.InProgress, false)]
    [InlineData("finished", MidjourneyTaskStatus.Succeeded, true)]
    [InlineData("failed", MidjourneyTaskStatus.Failed, true)]
    [InlineData("retrying_on_new_account", MidjourneyTaskStatus.InProgress, false)]
    [InlineData("", MidjourneyTaskStatus.InProgress, false)]
    public async Task GetTaskAsync_Status_MapsToNeutralStatus(string status, MidjourneyTaskStatus expected, bool completed)
    {
        MidjourneyTask task = await Fetch($$"""{"task_id":"task-9","status":"{{status}}"}""");

        Assert.Equal(expected, task.Status);
        Assert.Equal(completed, task.IsCompleted);
        Assert.Equal("task-9", task.Id);
        Assert.Equal(MidjourneyProvider.GoApi, task.Provider);
    }

    [Fact]
    public async Task GetTaskAsync_NoStatusAtAll_IsInProgress()
    {
        MidjourneyTask task = await Fetch("""{"task_id":"task-9"}""");

        Assert.Equal(MidjourneyTaskStatus.InProgress, task.Status);
    }

    [Theory]
    [InlineData("40", 40)]
    [InlineData("\"65\"", 65)]
    [InlineData("\"65%\"", 65)]
    [InlineData("0", 0)]
    public async Task GetTaskAsync_TaskProgressNumberOrString_MapsToProgress(string progressJson, int expected)
    {
        MidjourneyTask task = await Fetch($$$"""{"task_id":"task-9","status":"processing","task_result":{"task_progress":{{{progressJson}}}}}""");

        Assert.Equal(expected, task.Progress);
    }

    [Fact]
    public async Task GetTaskAsync_NoProgressWhileRunning_ProgressIsNull()
    {
        MidjourneyTask task = await Fetch("""{"task_id":"task-9","status":"processing","task_result":{}}""");

        Assert.Null(task.Progress);
    }

    [Fact]
    public async Task GetTaskAsync_FinishedUpscale_MapsEveryField()
    {
        const string json = """
            {"task_id":"task-9","status":"finished","process_time":52,"unknown_field":{"nested":[1,2]},
             "meta":{"task_type":"upscale","origin_task_id":"grid-1","process_mode":"fast",
                     "created_at":1767225600,"started_at":1767225610,"ended_at":1767225662,
                     "task_request":{"origin_task_id":"grid-1","index":"2","prompt":"a red fox"}},
             "task_result":{"image_url":"https://img.test/u2.png","image_urls":["https://img.test/a.png","https://img.test/b.png"],
                            "task_progress":100,"actions":["upscale_2x"],"seed":"12345","error_messages":[],"quota_used":1}}
            """;

        MidjourneyTask task = await Fetch(json);

        Assert.Equal("task-9", task.Id);
        Assert.Equal(MidjourneyProvider.GoApi, task.Provider);
        Assert.Equal(MidjourneyAction.Upscale, task.Action);
        Assert.Equal(MidjourneyTaskStatus.Succeeded, task.Status);
        Assert.Equal(100, task.Progress);
        Assert.Equal("a red fox", task.Prompt);
        Assert.Equal(new Uri("https://img.test/u2.png"), task.ImageUrl);
        Assert.Equal([new Uri("https://img.test/a.png"), new Uri("https://img.test/b.png")], task.ImageUrls);
        Assert.Empty(task.Prompts);
        Assert.Null(task.FailureReason);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), task.SubmittedAt);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 10, TimeSpan.Zero), task.StartedAt);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 1, 2, TimeSpan.Zero), task.FinishedAt);
        Assert.Equal("grid-1", task.ParentTaskId);
        Assert.Equal(json, task.RawJson);
    }

    [Fact]
    public async Task GetTaskAsync_ZeroTimes_AreNull()
    {
        MidjourneyTask task = await Fetch("""{"task_id":"task-9","status":"pending","meta":{"created_at":1767225600,"started_at":0,"ended_at":0}}""");

        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), task.SubmittedAt);
        Assert.Null(task.StartedAt);
        Assert.Null(task.FinishedAt);
    }

    [Theory]
    [InlineData("1767225600000", true)]
    [InlineData("\"1767225600\"", true)]
    [InlineData("1767225600000000", false)]
    [InlineData("\"yesterday\"", false)]
    [InlineData("null", false)]
    public async Task GetTaskAsync_OddTimestamps_ReadLenientlyAndNeverThrow(string createdAt, bool readable)
    {
        MidjourneyTask task = await Fetch($$$"""{"task_id":"task-9","status":"pending","meta":{"created_at":{{{createdAt}}}}}""");

        Assert.Equal(readable ? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) : null, task.SubmittedAt);
        Assert.Equal(MidjourneyTaskStatus.Pending, task.Status);
    }

    [Fact]
    public async Task GetTaskAsync_EmptyImageFields_GiveNullImageUrlAndEmptyList()
    {
        MidjourneyTask task = await Fetch("""{"task_id":"task-9","status":"processing","task_result":{"image_url":"","image_urls":null}}""");

        Assert.Null(task.ImageUrl);
        Assert.NotNull(task.ImageUrls);
        Assert.Empty(task.ImageUrls);
        Assert.NotNull(task.Prompts);
    }

    [Fact]
    public async Task GetTaskAsync_OriginOnlyInTaskRequest_StillGivesParentTaskId()
    {
        MidjourneyTask task = await Fetch("""{"task_id":"task-9","status":"processing","meta":{"task_type":"variation","task_request":{"origin_task_id":"grid-7"}}}""");

        Assert.Equal("grid-7", task.ParentTaskId);
        Assert.Equal(MidjourneyAction.Variation, task.Action);
    }

    [Fact]
    public async Task GetTaskAsync_NumericTaskId_GivesTheIdAsText()
    {
        MidjourneyTask task = await Fetch("""{"task_id":1234567890123,"status":"pending"}""");

        Assert.Equal("1234567890123", task.Id);
    }

    [Fact]
    public async Task GetTaskAsync_FinishedDescribe_SplitsTheMessageIntoFourPrompts()
    {
        const string json = """
            {"task_id":"task-9","status":"finished","meta":{"task_type":"describe"},
             "task_result":{"task_progress":100,"message":"1\uFE0F\u20E3 a fox in the snow, watercolor --ar 4:3\n\n2\uFE0F\u20E3 red fox portrait, studio light --ar 4:3\n\n3\uFE0F\u20E3 fox, ukiyo-e style --ar 4:3\n\n4\uFE0F\u20E3 a fox made of paper --ar 4:3"}}
            """;

        MidjourneyTask task = await Fetch(json);

        Assert.Equal(MidjourneyAction.Describe, task.Action);
        Assert.Equal(
            ["a fox in the snow, watercolor --ar 4:3", "red fox portrait, studio light --ar 4:3", "fox, ukiyo-e style --ar 4:3", "a fox made of paper --ar 4:3"],
            task.Prompts);
        Assert.Null(task.FailureReason);
    }

    [Fact]
    public async Task GetTaskAsync_FailedWithErrorMessages_GivesThemAsFailureReason()
    {
        MidjourneyTask task = await Fetch(
            """{"task_id":"task-9","status":"failed","task_result":{"task_progress":40,"error_messages":["Job action restricted","Banned prompt detected"]}}""");

        Assert.Equal(MidjourneyTaskStatus.Failed, task.Status);
        Assert.NotNull(task.FailureReason);
        Assert.Contains("Job action restricted", task.FailureReason, StringComparison.Ordinal);
        Assert.Contains("Banned prompt detected", task.FailureReason, StringComparison.Ordinal);
        Assert.Equal(40, task.Progress);
    }

    [Theory]
    [InlineData("""{"task_id":"task-9","status":"failed","task_result":{"error_messages":[],"message":"invalid image url"}}""", "invalid image url")]
    [InlineData("""{"task_id":"task-9","status":"failed","message":"task timed out"}""", "task timed out")]
    public async Task GetTaskAsync_FailedWithOnlyAMessage_GivesTheMessageAsFailureReason(string json, string reason)
    {
        MidjourneyTask task = await Fetch(json);

        Assert.Equal(MidjourneyTaskStatus.Failed, task.Status);
        Assert.Equal(reason, task.FailureReason);
    }

    [Fact]
    public async Task GetTaskAsync_Answer_KeepsRawJsonExactlyAsReceived()
    {
        const string json = "{ \"task_id\" : \"task-9\",\n  \"status\":\"processing\", \"extra\": [true, null, 1.50] }";

        MidjourneyTask task = await Fetch(json);

        Assert.Equal(json, task.RawJson);
    }

    [Fact]
    public async Task GetTaskAsync_EmptyId_ThrowsArgumentWithoutSending()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Client().GetTaskAsync(" "));

        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task WaitForCompletionAsync_FetchesOverThePostEndpoint_UntilFinished()
    {
        _server.On(
            FetchOf("task-9"),
            Wire.Json("""{"task_id":"task-9","status":"processing","task_result":{"task_progress":50}}"""),
            Wire.Json("""{"task_id":"task-9","status":"finished","task_result":{"image_url":"https://img.test/g.png"}}"""));

        MidjourneyTask task = await Client().DriveAsync(c => c.WaitForCompletionAsync("task-9"));

        Assert.Equal(MidjourneyTaskStatus.Succeeded, task.Status);
        Assert.Equal(new Uri("https://img.test/g.png"), task.ImageUrl);
        Assert.Equal(2, _server.Requests.Count);
        Assert.All(_server.Requests, r =>
        {
            AssertPost(r, "fetch");
            AssertBody(r, new { task_id = "task-9" });
        });
    }

    // ---- multi_fetch (not called by the client yet: through the typed API the provider builds) ----

    [Fact]
    public async Task MultiFetchAsync_TaskIds_PostsThemAndReadsEachTaskOrNull()
    {
        string known = TestClients.GoApiTaskJson("a", "finished", 100);
        _server.On(HttpMethod.Post, V2 + "multi_fetch", Wire.Json($$$"""{"data":{"a":{{{known}}},"gone":null}}"""));
        (IGoApiV2Api api, ApiCaller http) = TypedApi();
        var body = new GoApiMultiFetchBody { TaskIds = ["a", "gone"] };

        ApiResponse<GoApiMultiFetchResponse> response = await http.ReadAsync(
            (api, body), static (s, ct) => s.api.MultiFetchAsync(ApiKey, s.body, ct), GoApiJsonContext.Default.GoApiMultiFetchResponse, static (_, answer) => answer, CancellationToken.None);

        AssertPost(_server.Single, "multi_fetch");
        AssertBody(_server.Single, new { task_ids = new[] { "a", "gone" } });
        Assert.NotNull(response.Value.Data);
        Assert.Equal(["a", "gone"], response.Value.Data.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("a", response.Value.Data["a"].GetProperty("task_id").GetString());
        Assert.Equal("finished", response.Value.Data["a"].GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, response.Value.Data["gone"].ValueKind);
    }

    [Fact]
    public async Task MultiFetchAsync_500Then200_IsRetriedAndReadsTheTasks()
    {
        _server.On(
            HttpMethod.Post,
            V2 + "multi_fetch",
            Wire.Error(HttpStatusCode.InternalServerError, """{"status":"failed","message":"trouble"}"""),
            Wire.Json("""{"data":{"a":null}}"""));
        (IGoApiV2Api api, ApiCaller http) = TypedApi(maxRetries: 2);
        var body = new GoApiMultiFetchBody { TaskIds = ["a"] };

        ApiResponse<GoApiMultiFetchResponse> response = await http.ReadAsync(
            (api, body), static (s, ct) => s.api.MultiFetchAsync(ApiKey, s.body, ct), GoApiJsonContext.Default.GoApiMultiFetchResponse, static (_, answer) => answer, CancellationToken.None);

        Assert.Equal(["a"], response.Value.Data!.Keys);
        Assert.Equal(2, _server.Requests.Count);
        Assert.All(_server.Requests, r => AssertBody(r, new { task_ids = new[] { "a" } }));
        Assert.Single(_time.RequestedDelays);
    }

    // ---- failures on the endpoints RetryTests and ErrorMappingTests do not exercise ----

    [Fact]
    public async Task UpscaleAsync_503WithRetryAfterThen200_IsResentAfterThatWait()
    {
        _server.On(
            HttpMethod.Post,
            V2 + "upscale",
            Wire.Error(HttpStatusCode.ServiceUnavailable, """{"status":"failed","message":"maintenance"}""", TimeSpan.FromSeconds(5)),
            Wire.Json(SubmitAnswer));

        MidjourneyTask task = await Client(maxRetries: 2).UpscaleAsync(new UpscaleRequest("grid-1", 2));

        Assert.Equal("task-1", task.Id);
        Assert.Equal("grid-1", task.ParentTaskId);
        Assert.Equal(2, _server.Requests.Count);
        Assert.All(_server.Requests, r =>
        {
            AssertPost(r, "upscale");
            AssertBody(r, new { origin_task_id = "grid-1", index = "2" });
        });
        Assert.Equal([TimeSpan.FromSeconds(5)], _time.RequestedDelays);
    }

    [Fact]
    public async Task UpscaleAsync_500Then200_SentOnceAndThrowsSubmissionUncertain()
    {
        _server.On(HttpMethod.Post, V2 + "upscale", Wire.Error(HttpStatusCode.InternalServerError, """{"status":"failed","message":"trouble"}"""), Wire.Json(SubmitAnswer));

        var ex = await Assert.ThrowsAsync<MidjourneySubmissionUncertainException>(() => Client(maxRetries: 2).UpscaleAsync(new UpscaleRequest("grid-1", 2)));

        Assert.Single(_server.Requests);
        Assert.Equal(500, ex.StatusCode);
        Assert.Contains(_server.Url(V2 + "upscale"), ex.Message, StringComparison.Ordinal);
        Assert.Contains("trouble", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_time.RequestedDelays);
    }

    [Fact]
    public async Task UpscaleAsync_404_ThrowsNotFoundForTheOriginTask()
    {
        _server.On(HttpMethod.Post, V2 + "upscale", Wire.Error(HttpStatusCode.NotFound, """{"status":"failed","message":"origin task not found"}"""));

        var ex = await Assert.ThrowsAsync<MidjourneyNotFoundException>(() => Client(maxRetries: 2).UpscaleAsync(new UpscaleRequest("grid-1", 1)));

        Assert.Equal(404, ex.StatusCode);
        Assert.Equal($"GoApi refused POST {_server.Url(V2 + "upscale")} (404): origin task not found", ex.Message);
        Assert.Single(_server.Requests);
    }

    [Theory]
    [InlineData("imagine")]
    [InlineData("describe")]
    [InlineData("blend")]
    public async Task SubmitWithoutOriginTask_WrongBaseUrl_ThrowsEndpointNotFoundSayingCheckBaseUrl(string endpoint)
    {
        // A real 404: the client's base URL has a path the server does not serve, so no mapping matches.
        _server.On(HttpMethod.Post, V2 + endpoint, Wire.Json(SubmitAnswer));
        var wrongBase = new Uri(_server.BaseUrl.AbsoluteUri.TrimEnd('/') + "/wrong");
        MidjourneyClient client = Client(wrongBase, maxRetries: 2);

        var ex = await Assert.ThrowsAsync<MidjourneyException>(() => endpoint switch
        {
            "imagine" => client.ImagineAsync(new ImagineRequest("a cat")),
            "describe" => client.DescribeAsync(new DescribeRequest(Url("photo"))),
            _ => client.BlendAsync(new BlendRequest([Url("a"), Url("b")])),
        });

        Assert.Equal("ENDPOINT_NOT_FOUND", ex.ErrorCode);
        Assert.Equal(404, ex.StatusCode);
        Assert.Equal(MidjourneyProvider.GoApi, ex.Provider);
        Assert.StartsWith($"GoApi answered POST {wrongBase.AbsoluteUri}{V2}{endpoint} with 404 Not Found", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"Check BaseUrl ({wrongBase.AbsoluteUri}/)", ex.Message, StringComparison.Ordinal);
        RecordedRequest unmatched = Assert.Single(_server.Unmatched);
        Assert.Equal("/base/wrong/mj/v2/" + endpoint, unmatched.Path);
        Assert.Equal(ApiKey, unmatched.Header("X-API-KEY"));
    }
}
