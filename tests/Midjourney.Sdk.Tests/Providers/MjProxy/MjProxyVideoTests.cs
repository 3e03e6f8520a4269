using System.Text;
using Midjourney.Sdk.Tests.TestSupport;
using static Midjourney.Sdk.Tests.Providers.MjProxy.MjProxyTestData;

namespace Midjourney.Sdk.Tests.Providers.MjProxy;

/// <summary>
/// MJ-Proxy's image-to-video (trueai-org's <c>/mj/submit/video</c>) through the public facade, over real HTTP: the exact
/// body for each field and the defaults, the lane prefix, and the clips read into <see cref="MidjourneyTask.VideoUrls"/>
/// from <c>videoUrls</c> (objects or strings) or <c>videoUrl</c>, in fetches and callbacks.
/// </summary>
public sealed class MjProxyVideoTests : IDisposable
{
    private const string Video = "/mj/submit/video";

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3];
    private static readonly string PngDataUrl = "data:image/png;base64," + Convert.ToBase64String(Png);
    private static readonly MidjourneyImage Start = MidjourneyImage.FromUrl(new Uri("https://img.test/start.png"));

    private readonly WireServer _server = Server();

    public void Dispose() => _server.Dispose();

    private async Task<(MidjourneyTask Task, RecordedRequest Request)> Submit(string path, VideoRequest request, Action<MidjourneyClientOptions>? configure = null)
    {
        _server.On(HttpMethod.Post, path, Wire.Json(Answer("video-1")));
        MidjourneyTask task = await Client(_server, configure).VideoAsync(request);
        Assert.Empty(_server.Unmatched);
        RecordedRequest sent = _server.Single;
        AssertRequest(_server, sent, HttpMethod.Post, path);
        return (task, sent);
    }

    private static string VideoTask(string status, string videoFields) =>
        $$"""
        {"id":"video-1","action":"VIDEO","status":"{{status}}","prompt":"the waves roll in","promptEn":"the waves roll in","description":"/video",
         "submitTime":1767225600000,"startTime":1767225601000,"finishTime":1767225660000,"imageUrl":"https://cdn.test/cover.png","imageUrls":[],
         "progress":"100%","failReason":"","properties":{},"buttons":[],{{videoFields}}}
        """;

    private async Task<MidjourneyTask> Fetch(string json)
    {
        _server.On(HttpMethod.Get, "/mj/task/video-1/fetch", Wire.Json(json));
        return await Client(_server).GetTaskAsync("video-1");
    }

    // ---- submit ----

    [Fact]
    public async Task VideoAsync_PromptAndUrlImageOnly_SendsPromptImageAndThe480VideoType()
    {
        (MidjourneyTask task, RecordedRequest request) = await Submit(Video, new VideoRequest(Start) { Prompt = "  the waves roll in " });

        AssertBody(request, new { prompt = "the waves roll in", image = "https://img.test/start.png", videoType = "vid_1.1_i2v_480" });
        Assert.Equal("video-1", task.Id);
        Assert.Equal(MidjourneyAction.Video, task.Action);
        Assert.Equal(MidjourneyTaskStatus.Pending, task.Status);
        Assert.Empty(task.VideoUrls);
    }

    [Fact]
    public async Task VideoAsync_EveryField_SentAsItsOwnField()
    {
        (_, RecordedRequest request) = await Submit(Video, new VideoRequest(MidjourneyImage.FromBytes(Png, "image/png"))
        {
            Prompt = "the waves roll in",
            Motion = VideoMotion.High,
            BatchSize = 1,
            HighDefinition = true,
            EndImage = MidjourneyImage.FromUrl(new Uri("https://img.test/end.png")),
            Loop = true,
            WebhookUrl = new Uri("https://hooks.example/mj"),
        });

        AssertBody(request, new
        {
            prompt = "the waves roll in",
            motion = "high",
            image = PngDataUrl,
            endImage = "https://img.test/end.png",
            loop = true,
            batchSize = 1,
            videoType = "vid_1.1_i2v_720",
            notifyHook = "https://hooks.example/mj",
        });
    }

    [Theory]
    [InlineData(VideoMotion.Low, "low")]
    [InlineData(VideoMotion.High, "high")]
    public async Task VideoAsync_Motion_SentLowercase(VideoMotion motion, string expected)
    {
        (_, RecordedRequest request) = await Submit(Video, new VideoRequest(Start) { Prompt = "a cat", Motion = motion });

        Assert.Contains($"\"motion\":\"{expected}\"", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VideoAsync_InlineEndImage_SentAsADataUrl()
    {
        (_, RecordedRequest request) = await Submit(Video, new VideoRequest(Start) { Prompt = "a cat", EndImage = MidjourneyImage.FromBytes(Png, "image/png") });

        AssertBody(request, new { prompt = "a cat", image = "https://img.test/start.png", endImage = PngDataUrl, videoType = "vid_1.1_i2v_480" });
    }

    [Fact]
    public async Task VideoAsync_SpeedWithALane_SendsToTheLane()
    {
        (_, RecordedRequest request) = await Submit(
            "/mj-fast/mj/submit/video",
            new VideoRequest(Start) { Prompt = "a cat", Speed = MidjourneySpeed.Fast },
            o => o.MjProxy.FastPathPrefix = "mj-fast");

        AssertBody(request, new { prompt = "a cat", image = "https://img.test/start.png", videoType = "vid_1.1_i2v_480" });
    }

    [Fact]
    public async Task VideoAsync_SpeedWithoutALane_AsksWithMidjourneysSpeedFlag()
    {
        (MidjourneyTask task, RecordedRequest request) = await Submit(Video, new VideoRequest(Start) { Prompt = "a cat", Speed = MidjourneySpeed.Relax });

        AssertBody(request, new { prompt = "a cat --relax", image = "https://img.test/start.png", videoType = "vid_1.1_i2v_480" });
        Assert.Equal("a cat --relax", task.Prompt);
    }

    // ---- fetch and callbacks ----

    [Fact]
    public async Task GetTaskAsync_VideoUrlsAsObjects_GivesTheirUrlsInOrder()
    {
        MidjourneyTask task = await Fetch(VideoTask("SUCCESS", """
            "videoUrl":"https://cdn.test/v1.mp4",
            "videoUrls":[{"url":"https://cdn.test/v1.mp4","thumbnail":"https://cdn.test/v1.webp"},{"url":"https://cdn.test/v2.mp4","thumbnail":"https://cdn.test/v2.webp"}],
            "videoDuration":5
            """));

        Assert.Equal(MidjourneyAction.Video, task.Action);
        Assert.Equal(MidjourneyTaskStatus.Succeeded, task.Status);
        Assert.Equal([new Uri("https://cdn.test/v1.mp4"), new Uri("https://cdn.test/v2.mp4")], task.VideoUrls);
        Assert.Equal(new Uri("https://cdn.test/cover.png"), task.ImageUrl);
        Assert.Contains("v1.webp", task.RawJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTaskAsync_VideoUrlsAsStrings_GivesThem()
    {
        MidjourneyTask task = await Fetch(VideoTask("SUCCESS", """
            "videoUrls":["https://cdn.test/a.mp4","https://cdn.test/b.mp4"]
            """));

        Assert.Equal([new Uri("https://cdn.test/a.mp4"), new Uri("https://cdn.test/b.mp4")], task.VideoUrls);
    }

    [Fact]
    public async Task GetTaskAsync_OnlyASingleVideoUrl_GivesIt()
    {
        MidjourneyTask task = await Fetch(VideoTask("SUCCESS", """
            "videoUrl":"https://cdn.test/only.mp4","videoUrls":[]
            """));

        Assert.Equal([new Uri("https://cdn.test/only.mp4")], task.VideoUrls);
    }

    [Fact]
    public async Task GetTaskAsync_RunningVideoWithEmptyFields_HasNoVideoUrls()
    {
        MidjourneyTask task = await Fetch(VideoTask("IN_PROGRESS", """
            "videoUrl":"","videoUrls":null
            """));

        Assert.Equal(MidjourneyTaskStatus.InProgress, task.Status);
        Assert.Empty(task.VideoUrls);
    }

    [Fact]
    public async Task GetTaskAsync_ImageTask_KeepsVideoUrlsEmpty()
    {
        _server.On(HttpMethod.Get, "/mj/task/grid-1/fetch", Wire.Json(Grid()));

        MidjourneyTask task = await Client(_server).GetTaskAsync("grid-1");

        Assert.Empty(task.VideoUrls);
    }

    [Fact]
    public async Task HandleWebhookAsync_VideoTask_GivesTheClips()
    {
        using MidjourneyClient client = Client(_server);
        string body = VideoTask("SUCCESS", """
            "videoUrls":[{"url":"https://cdn.test/h1.mp4","thumbnail":"https://cdn.test/h1.webp"}]
            """);

        MidjourneyTask task = await client.HandleWebhookAsync(new MidjourneyWebhookRequest(Encoding.UTF8.GetBytes(body)));

        Assert.Equal(MidjourneyAction.Video, task.Action);
        Assert.Equal([new Uri("https://cdn.test/h1.mp4")], task.VideoUrls);
    }
}
