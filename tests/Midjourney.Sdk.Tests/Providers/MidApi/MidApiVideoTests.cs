using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Providers.MidApi;

/// <summary>
/// midapi's image-to-video through the public facade, over real HTTP to a WireMock.Net server: the exact
/// <c>mj_video</c>/<c>mj_video_hd</c> body for each field and the defaults, the refusals before any traffic, and the
/// clips read into <see cref="MidjourneyTask.VideoUrls"/> from record-info and from callbacks.
/// </summary>
public sealed class MidApiVideoTests : IDisposable
{
    private const string ApiKey = "test-key";
    private const string SubmitAnswer = """{"code":200,"msg":"success","data":{"taskId":"video-1"}}""";
    private const string Generate = "/api/v1/mj/generate";
    private const string RecordInfo = "/api/v1/mj/record-info";

    private static readonly MidjourneyImage Start = MidjourneyImage.FromUrl(new Uri("https://img.test/start.png"));

    private readonly WireServer _server = new WireServer("/base").RequireHeader("Authorization", "Bearer " + ApiKey);

    public void Dispose() => _server.Dispose();

    private MidjourneyClient Client(Action<MidjourneyClientOptions>? configure = null)
    {
        var options = new MidjourneyClientOptions
        {
            Provider = MidjourneyProvider.MidApi,
            ApiKey = ApiKey,
            BaseUrl = _server.BaseUrl,
            Retry = { MaxRetries = 0 },
        };
        configure?.Invoke(options);
        return new MidjourneyClient(new HttpClient(), options, new FakeTimeProvider { AutoAdvance = true });
    }

    private async Task<(MidjourneyTask Task, RecordedRequest Request)> Submit(VideoRequest request, Action<MidjourneyClientOptions>? configure = null)
    {
        _server.On(HttpMethod.Post, Generate, Wire.Json(SubmitAnswer));
        MidjourneyTask task = await Client(configure).VideoAsync(request);
        RecordedRequest sent = _server.Single;
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal(new Uri(_server.Url(Generate)), sent.Uri);
        Assert.Equal("application/json", sent.ContentType);
        Assert.Empty(_server.Unmatched);
        return (task, sent);
    }

    private async Task<MidjourneyTask> Record(string dataJson)
    {
        _server.On(_server.Request(HttpMethod.Get, RecordInfo).WithParam("taskId", "video-1"), Wire.Json($$"""{"code":200,"msg":"success","data":{{dataJson}}}"""));
        return await Client().GetTaskAsync("video-1");
    }

    // ---- submit ----

    [Fact]
    public async Task VideoAsync_PromptAndImageOnly_SendsMjVideoWithTheFileUrlAndLowMotion()
    {
        (MidjourneyTask task, RecordedRequest request) = await Submit(new VideoRequest(Start) { Prompt = "  the waves roll in  " });

        JsonBodyAssert.Equal(request, new { taskType = "mj_video", prompt = "the waves roll in", fileUrl = "https://img.test/start.png", motion = "low" });
        Assert.Equal("video-1", task.Id);
        Assert.Equal(MidjourneyAction.Video, task.Action);
        Assert.Equal(MidjourneyTaskStatus.Pending, task.Status);
        Assert.Equal("the waves roll in", task.Prompt);
        Assert.Empty(task.VideoUrls);
    }

    [Fact]
    public async Task VideoAsync_EveryMidapiField_SentAsItsOwnField()
    {
        (_, RecordedRequest request) = await Submit(new VideoRequest(Start)
        {
            Prompt = "the waves roll in",
            Motion = VideoMotion.High,
            BatchSize = 2,
            HighDefinition = true,
            WebhookUrl = new Uri("https://hooks.example/midapi"),
        });

        JsonBodyAssert.Equal(request, new
        {
            taskType = "mj_video_hd",
            prompt = "the waves roll in",
            fileUrl = "https://img.test/start.png",
            motion = "high",
            videoBatchSize = 2,
            callBackUrl = "https://hooks.example/midapi",
        });
    }

    [Theory]
    [InlineData(VideoMotion.Low, "low")]
    [InlineData(VideoMotion.High, "high")]
    public async Task VideoAsync_Motion_SentLowercase(VideoMotion motion, string expected)
    {
        (_, RecordedRequest request) = await Submit(new VideoRequest(Start) { Prompt = "a cat", Motion = motion });

        Assert.Contains($"\"motion\":\"{expected}\"", request.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task VideoAsync_BatchSize_SentAsVideoBatchSize(int batchSize)
    {
        (_, RecordedRequest request) = await Submit(new VideoRequest(Start) { Prompt = "a cat", BatchSize = batchSize });

        Assert.Contains($"\"videoBatchSize\":{batchSize}", request.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MidjourneySpeed.Relax)]
    [InlineData(MidjourneySpeed.Fast)]
    [InlineData(MidjourneySpeed.Turbo)]
    public async Task VideoAsync_Speed_IsNotSentForVideo(MidjourneySpeed speed)
    {
        (_, RecordedRequest request) = await Submit(new VideoRequest(Start) { Prompt = "a cat", Speed = speed });

        JsonBodyAssert.Equal(request, new { taskType = "mj_video", prompt = "a cat", fileUrl = "https://img.test/start.png", motion = "low" });
    }

    [Fact]
    public async Task VideoAsync_InlineStartImage_ThrowsArgumentExceptionAndSendsNothing()
    {
        _server.OnAny(Wire.Json(SubmitAnswer));
        var request = new VideoRequest(MidjourneyImage.FromBytes(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, "image/png")) { Prompt = "a cat" };

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Client().VideoAsync(request));

        Assert.Contains("URL", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MidjourneyImage.FromUrl", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task VideoAsync_EndImageOrLoop_NotSupportedOnMidapiAndSendsNothing()
    {
        _server.OnAny(Wire.Json(SubmitAnswer));
        using MidjourneyClient client = Client();

        var end = await Assert.ThrowsAsync<MidjourneyNotSupportedException>(() => client.VideoAsync(new VideoRequest(Start) { Prompt = "a cat", EndImage = Start }));
        var loop = await Assert.ThrowsAsync<MidjourneyNotSupportedException>(() => client.VideoAsync(new VideoRequest(Start) { Prompt = "a cat", Loop = true }));

        Assert.Contains("EndImage", end.Message, StringComparison.Ordinal);
        Assert.Contains("Loop", loop.Message, StringComparison.Ordinal);
        Assert.Equal(MidjourneyProvider.MidApi, end.Provider);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task VideoAsync_PromptOver2000Characters_ThrowsAndSendsNothing()
    {
        _server.OnAny(Wire.Json(SubmitAnswer));

        await Assert.ThrowsAsync<ArgumentException>(() => Client().VideoAsync(new VideoRequest(Start) { Prompt = new string('a', 2001) }));

        Assert.Empty(_server.Requests);
    }

    // ---- record-info and callbacks ----

    [Fact]
    public async Task GetTaskAsync_FinishedVideo_PutsTheResultUrlsInVideoUrlsNotImageUrls()
    {
        MidjourneyTask task = await Record("""
            {"taskId":"video-1","taskType":"mj_video","paramJson":"{\"taskType\":\"mj_video\",\"prompt\":\"the waves roll in\",\"fileUrl\":\"https://img.test/start.png\",\"motion\":\"high\",\"videoBatchSize\":2}",
             "completeTime":"2026-01-01T00:01:00.000Z","resultInfoJson":{"resultUrls":[{"resultUrl":"https://cdn.test/video-1/0.mp4"},{"resultUrl":"https://cdn.test/video-1/1.mp4"}]},
             "successFlag":1,"createTime":"2026-01-01T00:00:00.000Z","errorCode":null,"errorMessage":null}
            """);

        Assert.Equal(MidjourneyAction.Video, task.Action);
        Assert.Equal(MidjourneyTaskStatus.Succeeded, task.Status);
        Assert.Equal("the waves roll in", task.Prompt);
        Assert.Equal([new Uri("https://cdn.test/video-1/0.mp4"), new Uri("https://cdn.test/video-1/1.mp4")], task.VideoUrls);
        Assert.Null(task.ImageUrl);
        Assert.Empty(task.ImageUrls);
    }

    [Fact]
    public async Task GetTaskAsync_HdVideoWithResultInfoAsAString_ReadsTheClips()
    {
        MidjourneyTask task = await Record("""
            {"taskId":"video-1","taskType":"mj_video_hd","successFlag":1,
             "resultInfoJson":"{\"resultUrls\":[{\"resultUrl\":\"https://cdn.test/hd.mp4\"}]}"}
            """);

        Assert.Equal(MidjourneyAction.Video, task.Action);
        Assert.Equal([new Uri("https://cdn.test/hd.mp4")], task.VideoUrls);
        Assert.Empty(task.ImageUrls);
    }

    [Fact]
    public async Task GetTaskAsync_RunningVideo_HasNoVideoUrlsYet()
    {
        MidjourneyTask task = await Record("""{"taskId":"video-1","taskType":"mj_video","successFlag":0,"resultInfoJson":null}""");

        Assert.Equal(MidjourneyTaskStatus.InProgress, task.Status);
        Assert.Empty(task.VideoUrls);
    }

    [Fact]
    public async Task GetTaskAsync_FinishedImageTask_KeepsVideoUrlsEmpty()
    {
        MidjourneyTask task = await Record("""
            {"taskId":"video-1","taskType":"mj_txt2img","successFlag":1,"resultInfoJson":{"resultUrls":[{"resultUrl":"https://cdn.test/1.png"}]}}
            """);

        Assert.Equal([new Uri("https://cdn.test/1.png")], task.ImageUrls);
        Assert.Empty(task.VideoUrls);
    }

    [Fact]
    public async Task HandleWebhookAsync_VideoCallback_PutsTheResultUrlsInVideoUrls()
    {
        using MidjourneyClient client = Client();
        const string body = """
            {"code":200,"msg":"success","data":{"taskId":"video-1",
             "promptJson":"{\"taskType\":\"mj_video_hd\",\"prompt\":\"the waves roll in\",\"fileUrl\":\"https://img.test/start.png\"}",
             "resultUrls":["https://cdn.test/a.mp4","https://cdn.test/b.mp4","https://cdn.test/c.mp4","https://cdn.test/d.mp4"]}}
            """;

        MidjourneyTask task = await client.HandleWebhookAsync(new MidjourneyWebhookRequest(System.Text.Encoding.UTF8.GetBytes(body)));

        Assert.Equal(MidjourneyAction.Video, task.Action);
        Assert.Equal(MidjourneyTaskStatus.Succeeded, task.Status);
        Assert.Equal(4, task.VideoUrls.Count);
        Assert.Equal(new Uri("https://cdn.test/a.mp4"), task.VideoUrls[0]);
        Assert.Null(task.ImageUrl);
        Assert.Empty(task.ImageUrls);
    }

    [Fact]
    public async Task HandleWebhookAsync_ImageCallback_KeepsVideoUrlsEmpty()
    {
        using MidjourneyClient client = Client();
        const string body = """
            {"code":200,"msg":"success","data":{"taskId":"grid-1","promptJson":"{\"taskType\":\"mj_txt2img\",\"prompt\":\"a cat\"}","resultUrls":["https://cdn.test/1.png"]}}
            """;

        MidjourneyTask task = await client.HandleWebhookAsync(new MidjourneyWebhookRequest(System.Text.Encoding.UTF8.GetBytes(body)));

        Assert.Equal([new Uri("https://cdn.test/1.png")], task.ImageUrls);
        Assert.Empty(task.VideoUrls);
    }
}
