using Midjourney.Sdk.Tests.TestSupport;
using static Midjourney.Sdk.Tests.Providers.MjProxy.MjProxyTestData;

namespace Midjourney.Sdk.Tests.Providers.MjProxy;

/// <summary>
/// The MJ-Proxy adapter's submits through the public facade: exactly what goes over the wire (method, URL with lane
/// prefix, auth header, JSON body) and what the caller gets back.
/// </summary>
public sealed class MjProxyProviderTests
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3];
    private static readonly string PngDataUrl = "data:image/png;base64," + Convert.ToBase64String(Png);

    private readonly RecordingHandler _handler = new();

    private async Task<(MidjourneyTask Task, RecordedRequest Request)> Submit(Func<MidjourneyClient, Task<MidjourneyTask>> call, Action<MidjourneyClientOptions>? configure = null)
    {
        _handler.RespondJson(Answer());
        MidjourneyTask task = await call(Client(_handler, configure));
        return (task, _handler.Single);
    }

    // ---- transport: URL, lane prefix, auth ----

    [Theory]
    [InlineData("https://relay.test/base", "https://relay.test/base/mj/submit/imagine")]
    [InlineData("https://relay.test/base/", "https://relay.test/base/mj/submit/imagine")]
    [InlineData("https://relay.test", "https://relay.test/mj/submit/imagine")]
    [InlineData("http://127.0.0.1:5123/deep/path", "http://127.0.0.1:5123/deep/path/mj/submit/imagine")]
    public async Task ImagineAsync_BaseUrlWithOrWithoutPath_KeepsThePathAndAppendsTheEndpoint(string baseUrl, string expected)
    {
        await Submit(c => c.ImagineAsync(new ImagineRequest("a cat")), o => o.BaseUrl = new Uri(baseUrl));

        Assert.Equal(new Uri(expected), _handler.Single.Uri);
    }

    [Fact]
    public async Task ImagineAsync_DefaultAuth_SendsBearerKeyOnly()
    {
        (_, RecordedRequest request) = await Submit(c => c.ImagineAsync(new ImagineRequest("a cat")));

        AssertRequest(request, HttpMethod.Post, "/mj/submit/imagine");
        Assert.Null(request.Header("mj-api-secret"));
        Assert.Equal("application/json", request.ContentType);
        Assert.DoesNotContain(ApiKey, request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImagineAsync_ApiSecretAuth_SendsMjApiSecretHeaderOnly()
    {
        (_, RecordedRequest request) = await Submit(c => c.ImagineAsync(new ImagineRequest("a cat")), o => o.MjProxy.AuthHeader = MjProxyAuthHeader.ApiSecret);

        Assert.Equal(ApiKey, request.Header("mj-api-secret"));
        Assert.Null(request.Header("Authorization"));
    }

    [Theory]
    [InlineData(MidjourneySpeed.Fast, "mj-fast", "/mj-fast/mj/submit/imagine")]
    [InlineData(MidjourneySpeed.Relax, "relax", "/relax/mj/submit/imagine")]
    [InlineData(MidjourneySpeed.Turbo, "/mj-turbo/", "/mj-turbo/mj/submit/imagine")]
    [InlineData(MidjourneySpeed.Fast, "v1/fast", "/v1/fast/mj/submit/imagine")]
    public async Task ImagineAsync_SpeedWithLanePrefix_SendsToTheLaneWithoutASpeedFlag(MidjourneySpeed speed, string prefix, string path)
    {
        (MidjourneyTask task, RecordedRequest request) = await Submit(
            c => c.ImagineAsync(new ImagineRequest("a cat") { Speed = speed }),
            o =>
            {
                o.MjProxy.RelaxPathPrefix = speed == MidjourneySpeed.Relax ? prefix : "wrong-relax";
                o.MjProxy.FastPathPrefix = speed == MidjourneySpeed.Fast ? prefix : "wrong-fast";
                o.MjProxy.TurboPathPrefix = speed == MidjourneySpeed.Turbo ? prefix : "wrong-turbo";
            });

        AssertRequest(request, HttpMethod.Post, path);
        AssertBody(request, new { prompt = "a cat", botType = "MID_JOURNEY" });
        Assert.Equal("a cat", task.Prompt);
    }

    [Theory]
    [InlineData(MidjourneySpeed.Relax, "a cat --relax")]
    [InlineData(MidjourneySpeed.Fast, "a cat --fast")]
    [InlineData(MidjourneySpeed.Turbo, "a cat --turbo")]
    public async Task ImagineAsync_SpeedWithoutLanePrefix_NoPrefixAndMidjourneysSpeedFlag(MidjourneySpeed speed, string prompt)
    {
        (_, RecordedRequest request) = await Submit(c => c.ImagineAsync(new ImagineRequest("a cat") { Speed = speed }));

        AssertRequest(request, HttpMethod.Post, "/mj/submit/imagine");
        AssertBody(request, new { prompt, botType = "MID_JOURNEY" });
    }

    [Fact]
    public async Task ImagineAsync_SpeedFlagAlreadyInPrompt_KeepsTheUsersFlag()
    {
        (_, RecordedRequest request) = await Submit(c => c.ImagineAsync(new ImagineRequest("a cat --relax") { Speed = MidjourneySpeed.Fast }));

        AssertBody(request, new { prompt = "a cat --relax", botType = "MID_JOURNEY" });
    }

    [Fact]
    public async Task ImagineAsync_NoSpeed_NoPrefixEvenWhenLanesAreConfigured()
    {
        (_, RecordedRequest request) = await Submit(
            c => c.ImagineAsync(new ImagineRequest("a cat")),
            o => (o.MjProxy.FastPathPrefix, o.MjProxy.RelaxPathPrefix) = ("mj-fast", "mj-relax"));

        AssertRequest(request, HttpMethod.Post, "/mj/submit/imagine");
    }

    [Fact]
    public void Constructor_MjProxyWithoutBaseUrl_ThrowsNamingBaseUrl()
    {
        var ex = Assert.Throws<ArgumentException>(() => new MidjourneyClient(new MidjourneyClientOptions { Provider = MidjourneyProvider.MjProxy, ApiKey = "k" }));

        Assert.Contains("BaseUrl is required for MjProxy", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Capabilities_AllTenOperationsReferenceImagesAndProgress()
    {
        using MidjourneyClient client = Client(_handler);

        Assert.Equal(MidjourneyProvider.MjProxy, client.Provider);
        Assert.Equal(Enum.GetValues<MidjourneyAction>().Except([MidjourneyAction.Video, MidjourneyAction.Other]), client.Capabilities.SupportedActions);
        Assert.True(client.Capabilities.SupportsReferenceImages);
        Assert.True(client.Capabilities.ReportsProgress);
    }

    // ---- imagine ----

    [Fact]
    public async Task ImagineAsync_Parameters_TravelAsPromptFlags()
    {
        (MidjourneyTask task, RecordedRequest request) = await Submit(c => c.ImagineAsync(
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
        (_, RecordedRequest request) = await Submit(c => c.ImagineAsync(new ImagineRequest("a cat") { Version = version }));

        AssertBody(request, new { prompt, botType });
    }

    [Fact]
    public async Task ImagineAsync_ReferenceImages_InlineAsBase64ArrayAndUrlsAtThePromptsStart()
    {
        (MidjourneyTask task, RecordedRequest request) = await Submit(c => c.ImagineAsync(new ImagineRequest("a cat")
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
    public async Task ImagineAsync_Webhook_SentAsNotifyHookWithoutTheSecret()
    {
        (_, RecordedRequest request) = await Submit(c => c.ImagineAsync(
            new ImagineRequest("a cat") { WebhookUrl = new Uri("https://hooks.example/mj?x=1"), WebhookSecret = "whsec-1" }));

        AssertBody(request, new { prompt = "a cat", botType = "MID_JOURNEY", notifyHook = "https://hooks.example/mj?x=1" });
        Assert.DoesNotContain("whsec-1", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImagineAsync_Accepted_ReturnsPendingTaskWithIdAndRawJson()
    {
        (MidjourneyTask task, _) = await Submit(c => c.ImagineAsync(new ImagineRequest("a cat")));

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
        _handler.RespondJson("""{"code":1,"description":"Submit success","result":1712345678901123,"properties":{}}""");

        MidjourneyTask task = await Client(_handler).ImagineAsync(new ImagineRequest("a cat"));

        Assert.Equal("1712345678901123", task.Id);
    }

    [Fact]
    public async Task ImagineAsync_Code22Queued_AcceptedAndQueuePositionKeptInRawJson()
    {
        string queued = """{"code":22,"description":"In queue, there are 3 tasks ahead","result":"task-7","properties":{"numberOfQueues":3}}""";
        _handler.RespondJson(queued);

        MidjourneyTask task = await Client(_handler).ImagineAsync(new ImagineRequest("a cat"));

        Assert.Equal("task-7", task.Id);
        Assert.Equal(MidjourneyTaskStatus.Pending, task.Status);
        Assert.Equal(queued, task.RawJson);
    }

    [Fact]
    public async Task ImagineAsync_Code21AlreadyExists_ReturnsTheExistingTaskId()
    {
        _handler.RespondJson(Answer("task-old", 21, "Task already exists"));

        MidjourneyTask task = await Client(_handler).ImagineAsync(new ImagineRequest("a cat"));

        Assert.Equal("task-old", task.Id);
        Assert.Single(_handler.Requests);
    }

    // ---- blend ----

    [Fact]
    public async Task BlendAsync_InlineImages_PostsDataUrlsAndDimensions()
    {
        (MidjourneyTask task, RecordedRequest request) = await Submit(c => c.BlendAsync(
            new BlendRequest([MidjourneyImage.FromBytes(Png, "image/png"), MidjourneyImage.FromDataUri(PngDataUrl)]) { Dimensions = BlendDimensions.Landscape }));

        AssertRequest(request, HttpMethod.Post, "/mj/submit/blend");
        AssertBody(request, new { base64Array = new[] { PngDataUrl, PngDataUrl }, dimensions = "LANDSCAPE" });
        Assert.Equal(MidjourneyAction.Blend, task.Action);
    }

    [Fact]
    public async Task BlendAsync_NoDimensions_SendsSquareAndTheLane()
    {
        (_, RecordedRequest request) = await Submit(
            c => c.BlendAsync(new BlendRequest([MidjourneyImage.FromBytes(Png, "image/png"), MidjourneyImage.FromBytes(Png, "image/png")]) { Speed = MidjourneySpeed.Relax }),
            o => o.MjProxy.RelaxPathPrefix = "mj-relax");

        AssertRequest(request, HttpMethod.Post, "/mj-relax/mj/submit/blend");
        AssertBody(request, new { base64Array = new[] { PngDataUrl, PngDataUrl }, dimensions = "SQUARE" });
    }

    [Fact]
    public async Task BlendAsync_ImageUrl_ThrowsNotSupportedWithoutSending()
    {
        var ex = await Assert.ThrowsAsync<MidjourneyNotSupportedException>(() => Client(_handler).BlendAsync(
            new BlendRequest([MidjourneyImage.FromUrl(new Uri("https://img.test/a.png")), MidjourneyImage.FromBytes(Png, "image/png")])));

        Assert.Contains("https://img.test/a.png", ex.Message, StringComparison.Ordinal);
        Assert.Equal(MidjourneyProvider.MjProxy, ex.Provider);
        Assert.Empty(_handler.Requests);
    }

    // ---- describe ----

    [Fact]
    public async Task DescribeAsync_InlineImage_PostsBase64DataUrl()
    {
        (MidjourneyTask task, RecordedRequest request) = await Submit(c => c.DescribeAsync(
            new DescribeRequest(MidjourneyImage.FromBytes(Png, "image/png")) { Speed = MidjourneySpeed.Fast, WebhookUrl = new Uri("https://hooks.example/d") }),
            o => o.MjProxy.FastPathPrefix = "fast");

        AssertRequest(request, HttpMethod.Post, "/fast/mj/submit/describe");
        AssertBody(request, new { base64 = PngDataUrl, notifyHook = "https://hooks.example/d" });
        Assert.Equal(MidjourneyAction.Describe, task.Action);
    }

    [Fact]
    public async Task DescribeAsync_ImageUrlWithoutLinkOption_ThrowsNotSupportedWithoutSending()
    {
        var ex = await Assert.ThrowsAsync<MidjourneyNotSupportedException>(() => Client(_handler).DescribeAsync(
            new DescribeRequest(MidjourneyImage.FromUrl(new Uri("https://img.test/a.png")))));

        Assert.Contains("SendDescribeLink", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public async Task DescribeAsync_ImageUrlWithLinkOption_PostsLink()
    {
        (_, RecordedRequest request) = await Submit(
            c => c.DescribeAsync(new DescribeRequest(MidjourneyImage.FromUrl(new Uri("https://img.test/a.png")))),
            o => o.MjProxy.SendDescribeLink = true);

        AssertRequest(request, HttpMethod.Post, "/mj/submit/describe");
        AssertBody(request, new { link = "https://img.test/a.png" });
    }

    // ---- shorten ----

    [Fact]
    public async Task ShortenAsync_Prompt_PostsItWithoutLane()
    {
        (MidjourneyTask task, RecordedRequest request) = await Submit(
            c => c.ShortenAsync(new ShortenRequest("  a very long prompt about a cat  ")),
            o => o.MjProxy.FastPathPrefix = "mj-fast");

        AssertRequest(request, HttpMethod.Post, "/mj/submit/shorten");
        AssertBody(request, new { prompt = "a very long prompt about a cat" });
        Assert.Equal(MidjourneyAction.Shorten, task.Action);
        Assert.Equal("a very long prompt about a cat", task.Prompt);
    }

    // ---- fetch ----

    [Fact]
    public async Task GetTaskAsync_Id_GetsTheFetchPathWithoutLaneOrBody()
    {
        _handler.RespondJson(Grid("task 9/x"));

        MidjourneyTask task = await Client(_handler, o => o.MjProxy.FastPathPrefix = "mj-fast").GetTaskAsync("task 9/x");

        RecordedRequest request = _handler.Single;
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("/base/mj/task/task%209%2Fx/fetch", request.Uri.AbsolutePath);
        Assert.Null(request.Body);
        Assert.Equal("task 9/x", task.Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("  null \n")]
    public async Task GetTaskAsync_EmptyOrNullBody_ThrowsNotFound(string body)
    {
        _handler.RespondText(body, "application/json", System.Net.HttpStatusCode.OK);

        var ex = await Assert.ThrowsAsync<MidjourneyNotFoundException>(() => Client(_handler).GetTaskAsync("gone-1"));

        Assert.Contains("gone-1", ex.Message, StringComparison.Ordinal);
        Assert.Equal(MidjourneyProvider.MjProxy, ex.Provider);
    }

    [Fact]
    public async Task GetTaskAsync_EmptyBodyWhileWaiting_EndsTheWaitAsNotFound()
    {
        _handler.RespondText("", "application/json", System.Net.HttpStatusCode.OK);

        await Assert.ThrowsAsync<MidjourneyNotFoundException>(() => Client(_handler).WaitForCompletionAsync("gone-1"));

        Assert.Single(_handler.Requests);
    }
}
