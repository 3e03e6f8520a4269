using Midjourney.Sdk.Tests.TestSupport;
using static Midjourney.Sdk.Tests.Providers.MjProxy.MjProxyTestData;

namespace Midjourney.Sdk.Tests.Providers.MjProxy;

/// <summary>
/// The MJ-Proxy adapter's submits and fetch through the public facade, over real HTTP to a <see cref="WireServer"/>:
/// exactly what the server receives (method, URL with lane prefix, auth header, JSON body) and what the caller gets back.
/// </summary>
public sealed class MjProxyProviderTests : IDisposable
{
    private const string Imagine = "/mj/submit/imagine";

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3];
    private static readonly string PngDataUrl = "data:image/png;base64," + Convert.ToBase64String(Png);

    private readonly WireServer _server = Server();

    public void Dispose() => _server.Dispose();

    /// <summary>Answers POST <paramref name="path"/> with a code 1 accept, runs <paramref name="call"/>, and returns the one request the server got.</summary>
    private async Task<(MidjourneyTask Task, RecordedRequest Request)> Submit(string path, Func<MidjourneyClient, Task<MidjourneyTask>> call, Action<MidjourneyClientOptions>? configure = null)
    {
        _server.On(HttpMethod.Post, path, Wire.Json(Answer()));
        MidjourneyTask task = await call(Client(_server, configure));
        Assert.Empty(_server.Unmatched);
        return (task, _server.Single);
    }

    // ---- transport: URL, lane prefix, auth ----

    [Theory]
    [InlineData("/base", "/base/mj/submit/imagine")]
    [InlineData("/base/", "/base/mj/submit/imagine")]
    [InlineData("", "/mj/submit/imagine")]
    [InlineData("/deep/path", "/deep/path/mj/submit/imagine")]
    public async Task ImagineAsync_BaseUrlWithOrWithoutPath_KeepsThePathAndAppendsTheEndpoint(string basePath, string expected)
    {
        // A server of its own: the mapping names the whole path, whatever the base URL's path is.
        using WireServer server = new WireServer().RequireHeader("Authorization", "Bearer " + ApiKey);
        server.On(HttpMethod.Post, expected, Wire.Json(Answer()));

        MidjourneyTask task = await Client(server, o => o.BaseUrl = new Uri(server.Server.Url + basePath)).ImagineAsync(new ImagineRequest("a cat"));

        Assert.Equal(new Uri(server.Server.Url + expected), server.Single.Uri);
        Assert.Empty(server.Unmatched);
        Assert.Equal("task-1", task.Id);
    }

    [Fact]
    public async Task ImagineAsync_DefaultAuth_SendsBearerKeyOnly()
    {
        (_, RecordedRequest request) = await Submit(Imagine, c => c.ImagineAsync(new ImagineRequest("a cat")));

        AssertRequest(_server, request, HttpMethod.Post, Imagine);
        Assert.Null(request.Header("mj-api-secret"));
        AssertBody(request, new { prompt = "a cat", botType = "MID_JOURNEY" });
        Assert.DoesNotContain(ApiKey, request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImagineAsync_ApiSecretAuth_SendsMjApiSecretHeaderOnly()
    {
        using WireServer server = Server(MjProxyAuthHeader.ApiSecret);
        server.On(HttpMethod.Post, Imagine, Wire.Json(Answer()));

        MidjourneyTask task = await Client(server, o => o.MjProxy.AuthHeader = MjProxyAuthHeader.ApiSecret).ImagineAsync(new ImagineRequest("a cat"));

        RecordedRequest request = server.Single;
        Assert.Empty(server.Unmatched);
        Assert.Equal(ApiKey, request.Header("mj-api-secret"));
        Assert.Null(request.Header("Authorization"));
        Assert.DoesNotContain(ApiKey, request.Body, StringComparison.Ordinal);
        Assert.Equal("task-1", task.Id);
    }

    [Theory]
    [InlineData(MjProxyAuthHeader.Bearer, "Authorization", "Bearer test-key", "mj-api-secret")]
    [InlineData(MjProxyAuthHeader.ApiSecret, "mj-api-secret", "test-key", "Authorization")]
    public async Task EveryCall_AuthHeaderOption_CarriesThatHeaderOnly(MjProxyAuthHeader auth, string header, string value, string absent)
    {
        // Every mapping requires the header: a call without it would be unmatched and answered 404.
        using WireServer server = Server(auth);
        foreach (string path in new[] { Imagine, "/mj/submit/blend", "/mj/submit/describe", "/mj/submit/shorten" })
        {
            server.On(HttpMethod.Post, path, Wire.Json(Answer()));
        }

        server.On(HttpMethod.Get, "/mj/task/t-1/fetch", Wire.Json(Grid("t-1")));
        MidjourneyClient client = Client(server, o => o.MjProxy.AuthHeader = auth);

        await client.ImagineAsync(new ImagineRequest("a cat"));
        await client.BlendAsync(new BlendRequest([MidjourneyImage.FromBytes(Png, "image/png"), MidjourneyImage.FromBytes(Png, "image/png")]));
        await client.DescribeAsync(new DescribeRequest(MidjourneyImage.FromBytes(Png, "image/png")));
        await client.ShortenAsync(new ShortenRequest("a cat"));
        await client.GetTaskAsync("t-1");

        Assert.Equal(5, server.Requests.Count);
        Assert.Empty(server.Unmatched);
        Assert.All(server.Requests, r => Assert.Equal(value, r.Header(header)));
        Assert.All(server.Requests, r => Assert.Null(r.Header(absent)));
    }

    [Theory]
    [InlineData(MidjourneySpeed.Fast, "mj-fast", "/mj-fast/mj/submit/imagine")]
    [InlineData(MidjourneySpeed.Relax, "relax", "/relax/mj/submit/imagine")]
    [InlineData(MidjourneySpeed.Turbo, "/mj-turbo/", "/mj-turbo/mj/submit/imagine")]
    [InlineData(MidjourneySpeed.Fast, "v1/fast", "/v1/fast/mj/submit/imagine")]
    public async Task ImagineAsync_SpeedWithLanePrefix_SendsToTheLaneWithoutASpeedFlag(MidjourneySpeed speed, string prefix, string path)
    {
        (MidjourneyTask task, RecordedRequest request) = await Submit(
            path,
            c => c.ImagineAsync(new ImagineRequest("a cat") { Speed = speed }),
            o =>
            {
                o.MjProxy.RelaxPathPrefix = speed == MidjourneySpeed.Relax ? prefix : "wrong-relax";
                o.MjProxy.FastPathPrefix = speed == MidjourneySpeed.Fast ? prefix : "wrong-fast";
                o.MjProxy.TurboPathPrefix = speed == MidjourneySpeed.Turbo ? prefix : "wrong-turbo";
            });

        AssertRequest(_server, request, HttpMethod.Post, path);
        AssertBody(request, new { prompt = "a cat", botType = "MID_JOURNEY" });
        Assert.Equal("a cat", task.Prompt);
    }

    [Theory]
    [InlineData(MidjourneySpeed.Relax, "a cat --relax")]
    [InlineData(MidjourneySpeed.Fast, "a cat --fast")]
    [InlineData(MidjourneySpeed.Turbo, "a cat --turbo")]
    public async Task ImagineAsync_SpeedWithoutLanePrefix_NoPrefixAndMidjourneysSpeedFlag(MidjourneySpeed speed, string prompt)
    {
        (_, RecordedRequest request) = await Submit(Imagine, c => c.ImagineAsync(new ImagineRequest("a cat") { Speed = speed }));

        AssertRequest(_server, request, HttpMethod.Post, Imagine);
        AssertBody(request, new { prompt, botType = "MID_JOURNEY" });
    }

    [Fact]
    public async Task ImagineAsync_SpeedFlagAlreadyInPrompt_KeepsTheUsersFlag()
    {
        (_, RecordedRequest request) = await Submit(Imagine, c => c.ImagineAsync(new ImagineRequest("a cat --relax") { Speed = MidjourneySpeed.Fast }));

        AssertBody(request, new { prompt = "a cat --relax", botType = "MID_JOURNEY" });
    }

    [Fact]
    public async Task ImagineAsync_NoSpeed_NoPrefixEvenWhenLanesAreConfigured()
    {
        (_, RecordedRequest request) = await Submit(
            Imagine,
            c => c.ImagineAsync(new ImagineRequest("a cat")),
            o => (o.MjProxy.FastPathPrefix, o.MjProxy.RelaxPathPrefix) = ("mj-fast", "mj-relax"));

        AssertRequest(_server, request, HttpMethod.Post, Imagine);
    }

    [Fact]
    public void Constructor_MjProxyWithoutBaseUrl_ThrowsNamingBaseUrl()
    {
        var ex = Assert.Throws<ArgumentException>(() => new MidjourneyClient(new MidjourneyClientOptions { Provider = MidjourneyProvider.MjProxy, ApiKey = "k" }));

        Assert.Contains("BaseUrl is required for MjProxy", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Capabilities_AllElevenOperationsWithVideoReferenceImagesAndProgress()
    {
        using MidjourneyClient client = Client(_server);

        Assert.Equal(MidjourneyProvider.MjProxy, client.Provider);
        Assert.Equal(Enum.GetValues<MidjourneyAction>().Except([MidjourneyAction.Other]), client.Capabilities.SupportedActions);
        Assert.True(client.Capabilities.SupportsReferenceImages);
        Assert.True(client.Capabilities.ReportsProgress);
    }

    // ---- imagine ----

    [Fact]
    public async Task ImagineAsync_Parameters_TravelAsPromptFlags()
    {
        (MidjourneyTask task, RecordedRequest request) = await Submit(Imagine, c => c.ImagineAsync(
            new ImagineRequest("a cat") { AspectRatio = "16:9", Version = "7", Stylize = 250, Chaos = 10, Weird = 5 }));

        AssertBody(request, new { prompt = "a cat --ar 16:9 --v 7 --s 250 --c 10 --weird 5", botType = "MID_JOURNEY" });
        Assert.Equal("a cat --ar 16:9 --v 7 --s 250 --c 10 --weird 5", task.Prompt);
    }

    [Theory]
    [InlineData("niji 6", "a cat --niji 6", "NIJI_JOURNEY")]
    [InlineData("Niji", "a cat --niji", "NIJI_JOURNEY")]
    [InlineData("6.1", "a cat --v 6.1", "MID_JOURNEY")]
    public async Task ImagineAsync_Version_SelectsTheBot(string version, string prompt, string botType)
    {
        (_, RecordedRequest request) = await Submit(Imagine, c => c.ImagineAsync(new ImagineRequest("a cat") { Version = version }));

        AssertBody(request, new { prompt, botType });
    }

    [Fact]
    public async Task ImagineAsync_ReferenceImages_InlineAsBase64ArrayAndUrlsAtThePromptsStart()
    {
        (MidjourneyTask task, RecordedRequest request) = await Submit(Imagine, c => c.ImagineAsync(new ImagineRequest("a cat")
        {
            AspectRatio = "1:1",
            ReferenceImages =
            [
                MidjourneyImage.FromUrl(new Uri("https://img.test/a.png")),
                MidjourneyImage.FromBytes(Png, "image/png"),
                MidjourneyImage.FromUrl(new Uri("https://img.test/b.jpg")),
            ],
        }));

        AssertBody(request, new
        {
            prompt = "https://img.test/a.png https://img.test/b.jpg a cat --ar 1:1",
            base64Array = new[] { PngDataUrl },
            botType = "MID_JOURNEY",
        });
        Assert.Equal("https://img.test/a.png https://img.test/b.jpg a cat --ar 1:1", task.Prompt);
    }

    [Fact]
    public async Task ImagineAsync_WebhookWithSecret_SentAsNotifyHookWithATokenNeverTheSecret()
    {
        (_, RecordedRequest request) = await Submit(Imagine, c => c.ImagineAsync(
            new ImagineRequest("a cat") { WebhookUrl = new Uri("https://hooks.example/mj?x=1"), WebhookSecret = "whsec-1" }));

        AssertBody(request, new { prompt = "a cat", botType = "MID_JOURNEY", notifyHook = "https://hooks.example/mj?x=1&mjsdk_token=" + Midjourney.Sdk.Webhooks.WebhookToken.For("whsec-1") });
        Assert.DoesNotContain("whsec-1", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImagineAsync_Accepted_ReturnsPendingTaskWithIdAndRawJson()
    {
        (MidjourneyTask task, _) = await Submit(Imagine, c => c.ImagineAsync(new ImagineRequest("a cat")));

        Assert.Equal("task-1", task.Id);
        Assert.Equal(MidjourneyProvider.MjProxy, task.Provider);
        Assert.Equal(MidjourneyAction.Imagine, task.Action);
        Assert.Equal(MidjourneyTaskStatus.Pending, task.Status);
        Assert.Null(task.ParentTaskId);
        Assert.Equal(Answer(), task.RawJson);
    }

    [Fact]
    public async Task ImagineAsync_ResultIsANumber_IdIsItsText()
    {
        _server.On(HttpMethod.Post, Imagine, Wire.Json("""{"code":1,"description":"Submit success","result":1712345678901123,"properties":{}}"""));

        MidjourneyTask task = await Client(_server).ImagineAsync(new ImagineRequest("a cat"));

        Assert.Equal("1712345678901123", task.Id);
    }

    [Fact]
    public async Task ImagineAsync_Code22Queued_AcceptedAndQueuePositionKeptInRawJson()
    {
        string queued = """{"code":22,"description":"In queue, there are 3 tasks ahead","result":"task-7","properties":{"numberOfQueues":3}}""";
        _server.On(HttpMethod.Post, Imagine, Wire.Json(queued));

        MidjourneyTask task = await Client(_server).ImagineAsync(new ImagineRequest("a cat"));

        Assert.Equal("task-7", task.Id);
        Assert.Equal(MidjourneyTaskStatus.Pending, task.Status);
        Assert.Equal(queued, task.RawJson);
    }

    [Fact]
    public async Task ImagineAsync_Code21AlreadyExists_ReturnsTheExistingTaskId()
    {
        _server.On(HttpMethod.Post, Imagine, Wire.Json(Answer("task-old", 21, "Task already exists")));

        MidjourneyTask task = await Client(_server).ImagineAsync(new ImagineRequest("a cat"));

        Assert.Equal("task-old", task.Id);
        Assert.Single(_server.Requests);
    }

    // ---- blend ----

    [Fact]
    public async Task BlendAsync_InlineImages_PostsDataUrlsAndDimensions()
    {
        (MidjourneyTask task, RecordedRequest request) = await Submit("/mj/submit/blend", c => c.BlendAsync(
            new BlendRequest([MidjourneyImage.FromBytes(Png, "image/png"), MidjourneyImage.FromDataUri(PngDataUrl)]) { Dimensions = BlendDimensions.Landscape }));

        AssertRequest(_server, request, HttpMethod.Post, "/mj/submit/blend");
        AssertBody(request, new { base64Array = new[] { PngDataUrl, PngDataUrl }, dimensions = "LANDSCAPE" });
        Assert.Equal(MidjourneyAction.Blend, task.Action);
    }

    [Fact]
    public async Task BlendAsync_NoDimensions_SendsSquareAndTheLane()
    {
        (_, RecordedRequest request) = await Submit(
            "/mj-relax/mj/submit/blend",
            c => c.BlendAsync(new BlendRequest([MidjourneyImage.FromBytes(Png, "image/png"), MidjourneyImage.FromBytes(Png, "image/png")]) { Speed = MidjourneySpeed.Relax }),
            o => o.MjProxy.RelaxPathPrefix = "mj-relax");

        AssertRequest(_server, request, HttpMethod.Post, "/mj-relax/mj/submit/blend");
        AssertBody(request, new { base64Array = new[] { PngDataUrl, PngDataUrl }, dimensions = "SQUARE" });
    }

    [Fact]
    public async Task BlendAsync_ImageUrl_ThrowsNotSupportedWithoutSending()
    {
        var ex = await Assert.ThrowsAsync<MidjourneyNotSupportedException>(() => Client(_server).BlendAsync(
            new BlendRequest([MidjourneyImage.FromUrl(new Uri("https://img.test/a.png")), MidjourneyImage.FromBytes(Png, "image/png")])));

        Assert.Contains("https://img.test/a.png", ex.Message, StringComparison.Ordinal);
        Assert.Equal(MidjourneyProvider.MjProxy, ex.Provider);
        Assert.Empty(_server.Requests);
    }

    // ---- describe ----

    [Fact]
    public async Task DescribeAsync_InlineImage_PostsBase64DataUrl()
    {
        (MidjourneyTask task, RecordedRequest request) = await Submit(
            "/fast/mj/submit/describe",
            c => c.DescribeAsync(new DescribeRequest(MidjourneyImage.FromBytes(Png, "image/png")) { Speed = MidjourneySpeed.Fast, WebhookUrl = new Uri("https://hooks.example/d") }),
            o => o.MjProxy.FastPathPrefix = "fast");

        AssertRequest(_server, request, HttpMethod.Post, "/fast/mj/submit/describe");
        AssertBody(request, new { base64 = PngDataUrl, notifyHook = "https://hooks.example/d" });
        Assert.Equal(MidjourneyAction.Describe, task.Action);
    }

    [Fact]
    public async Task DescribeAsync_ImageUrlWithoutLinkOption_ThrowsNotSupportedWithoutSending()
    {
        var ex = await Assert.ThrowsAsync<MidjourneyNotSupportedException>(() => Client(_server).DescribeAsync(
            new DescribeRequest(MidjourneyImage.FromUrl(new Uri("https://img.test/a.png")))));

        Assert.Contains("SendDescribeLink", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task DescribeAsync_ImageUrlWithLinkOption_PostsLink()
    {
        (_, RecordedRequest request) = await Submit(
            "/mj/submit/describe",
            c => c.DescribeAsync(new DescribeRequest(MidjourneyImage.FromUrl(new Uri("https://img.test/a.png")))),
            o => o.MjProxy.SendDescribeLink = true);

        AssertRequest(_server, request, HttpMethod.Post, "/mj/submit/describe");
        AssertBody(request, new { link = "https://img.test/a.png" });
    }

    // ---- shorten ----

    [Fact]
    public async Task ShortenAsync_Prompt_PostsItWithoutLane()
    {
        (MidjourneyTask task, RecordedRequest request) = await Submit(
            "/mj/submit/shorten",
            c => c.ShortenAsync(new ShortenRequest("  a very long prompt about a cat  ")),
            o => o.MjProxy.FastPathPrefix = "mj-fast");

        AssertRequest(_server, request, HttpMethod.Post, "/mj/submit/shorten");
        AssertBody(request, new { prompt = "a very long prompt about a cat" });
        Assert.Equal(MidjourneyAction.Shorten, task.Action);
        Assert.Equal("a very long prompt about a cat", task.Prompt);
    }

    // ---- fetch ----

    [Fact]
    public async Task GetTaskAsync_Id_GetsTheFetchPathWithoutLaneOrBody()
    {
        // WireMock matches the decoded path; the recorded URL below shows the id went out escaped, '/' included.
        _server.On(HttpMethod.Get, "/mj/task/task 9/x/fetch", Wire.Json(Grid("task 9/x")));

        MidjourneyTask task = await Client(_server, o => o.MjProxy.FastPathPrefix = "mj-fast").GetTaskAsync("task 9/x");

        RecordedRequest request = _server.Single;
        Assert.Empty(_server.Unmatched);
        AssertRequest(_server, request, HttpMethod.Get, "/mj/task/task%209%2Fx/fetch");
        Assert.Equal("/base/mj/task/task%209%2Fx/fetch", request.Uri.AbsolutePath);
        Assert.Null(request.Body);
        Assert.Null(request.Header("Content-Type"));
        Assert.Equal("task 9/x", task.Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("  null \n")]
    public async Task GetTaskAsync_EmptyOrNullBody_ThrowsNotFound(string body)
    {
        _server.On(HttpMethod.Get, "/mj/task/gone-1/fetch", body.Length == 0 ? Wire.Empty() : Wire.Text(body, "application/json", System.Net.HttpStatusCode.OK));

        var ex = await Assert.ThrowsAsync<MidjourneyNotFoundException>(() => Client(_server).GetTaskAsync("gone-1"));

        Assert.Contains("gone-1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("GET " + _server.Url("/mj/task/gone-1/fetch"), ex.Message, StringComparison.Ordinal);
        Assert.Equal(MidjourneyProvider.MjProxy, ex.Provider);
        Assert.Equal(200, ex.StatusCode);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task GetTaskAsync_EmptyBodyWhileWaiting_EndsTheWaitAsNotFound()
    {
        _server.On(HttpMethod.Get, "/mj/task/gone-1/fetch", Wire.Empty());

        await Assert.ThrowsAsync<MidjourneyNotFoundException>(() => Client(_server).DriveAsync(c => c.WaitForCompletionAsync("gone-1")));

        Assert.Single(_server.Requests);
    }
}
