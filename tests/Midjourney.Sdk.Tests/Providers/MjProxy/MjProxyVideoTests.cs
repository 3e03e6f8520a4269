using System.Net;
using System.Text;
using Midjourney.Sdk.Tests.TestSupport;
using static Midjourney.Sdk.Tests.Providers.MjProxy.MjProxyTestData;

namespace Midjourney.Sdk.Tests.Providers.MjProxy;

/// <summary>
/// MJ-Proxy's image-to-video (trueai-org's <c>/mj/submit/video</c>) through the public facade, over real HTTP: the exact
/// body for each field and the defaults, the lane prefix, and the clips read into <see cref="MidjourneyTask.VideoUrls"/>
/// from <c>videoUrls</c> (objects or strings) or <c>videoUrl</c>, in fetches and callbacks; and the extend of a finished
/// video (<c>action: "extend"</c>): its body, the 0-based index, and the server's refusals of the parent.
/// </summary>
public sealed class MjProxyVideoTests : IDisposable
{
    private const string Video = "/mj/submit/video";

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3];
    private static readonly string PngDataUrl = "data:image/png;base64," + Convert.ToBase64String(Png);
    private static readonly MidjourneyImage Start = MidjourneyImage.FromUrl(new Uri("https://img.test/start.png"));

    private readonly WireServer _server = Server();

    public void Dispose() => _server.Dispose();

    private Task<(MidjourneyTask Task, RecordedRequest Request)> Submit(string path, VideoRequest request, Action<MidjourneyClientOptions>? configure = null) =>
        Send(path, "video-1", client => client.VideoAsync(request), configure);

    private Task<(MidjourneyTask Task, RecordedRequest Request)> Extend(string path, VideoExtendRequest request, Action<MidjourneyClientOptions>? configure = null) =>
        Send(path, "video-2", client => client.ExtendVideoAsync(request), configure);

    /// <summary>Answers <paramref name="path"/> with code 1 and <paramref name="taskId"/>, submits, and returns the task and the one request sent.</summary>
    private async Task<(MidjourneyTask Task, RecordedRequest Request)> Send(
        string path, string taskId, Func<MidjourneyClient, Task<MidjourneyTask>> submit, Action<MidjourneyClientOptions>? configure)
    {
        _server.On(HttpMethod.Post, path, Wire.Json(Answer(taskId)));
        MidjourneyTask task = await submit(Client(_server, configure));
        Assert.Empty(_server.Unmatched);
        RecordedRequest sent = _server.Single;
        AssertRequest(_server, sent, HttpMethod.Post, path);
        return (task, sent);
    }

    private static string VideoTask(string status, string videoFields, string action = "VIDEO") =>
        $$"""
        {"id":"video-1","action":"{{action}}","status":"{{status}}","prompt":"the waves roll in","promptEn":"the waves roll in","description":"/video",
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

    // ---- extend ----

    [Fact]
    public async Task ExtendVideoAsync_SendsActionExtendTheParentTheZeroBasedIndexPromptAndMotionWithoutAnImage()
    {
        (MidjourneyTask task, RecordedRequest request) = await Extend(
            Video, new VideoExtendRequest("video-1", 3) { Prompt = "  the tide turns ", Motion = VideoMotion.High });

        AssertBody(request, new { prompt = "the tide turns", motion = "high", action = "extend", taskId = "video-1", index = 2 });
        Assert.DoesNotContain("\"image\"", request.Body, StringComparison.Ordinal);
        Assert.Equal("video-2", task.Id);
        Assert.Equal(MidjourneyAction.Video, task.Action);
        Assert.Equal(MidjourneyTaskStatus.Pending, task.Status);
        Assert.Equal("video-1", task.ParentTaskId);
        Assert.Equal("the tide turns", task.Prompt);
        Assert.Empty(task.VideoUrls);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    public async Task ExtendVideoAsync_Index_SentZeroBased(int index, int wire)
    {
        (_, RecordedRequest request) = await Extend(Video, new VideoExtendRequest("video-1", index) { Prompt = "the tide turns" });

        AssertBody(request, new { prompt = "the tide turns", action = "extend", taskId = "video-1", index = wire });
    }

    [Fact]
    public async Task ExtendVideoAsync_LowMotionAndWebhook_SentAsTheirFields()
    {
        (_, RecordedRequest request) = await Extend(Video, new VideoExtendRequest("video-1", 1)
        {
            Prompt = "the tide turns",
            Motion = VideoMotion.Low,
            WebhookUrl = new Uri("https://hooks.example/mj"),
        });

        AssertBody(request, new { prompt = "the tide turns", motion = "low", action = "extend", taskId = "video-1", index = 0, notifyHook = "https://hooks.example/mj" });
    }

    [Fact]
    public async Task ExtendVideoAsync_SpeedWithALane_SendsToTheLane()
    {
        (_, RecordedRequest request) = await Extend(
            "/mj-relax/mj/submit/video",
            new VideoExtendRequest("video-1", 2) { Prompt = "the tide turns", Speed = MidjourneySpeed.Relax },
            o => o.MjProxy.RelaxPathPrefix = "mj-relax");

        AssertBody(request, new { prompt = "the tide turns", action = "extend", taskId = "video-1", index = 1 });
    }

    [Fact]
    public async Task ExtendVideoAsync_SpeedWithoutALane_AsksWithMidjourneysSpeedFlag()
    {
        (MidjourneyTask task, RecordedRequest request) = await Extend(Video, new VideoExtendRequest("video-1", 1) { Prompt = "the tide turns", Speed = MidjourneySpeed.Fast });

        AssertBody(request, new { prompt = "the tide turns --fast", action = "extend", taskId = "video-1", index = 0 });
        Assert.Equal("the tide turns --fast", task.Prompt);
    }

    [Fact]
    public async Task ExtendVideoAsync_UnknownParent404Code3_ThrowsNotFoundNotEndpointMissing()
    {
        // trueai-org answers a parent it does not know with HTTP 404 and code 3: the task is missing, not the endpoint.
        _server.On(HttpMethod.Post, Video, Wire.Error(HttpStatusCode.NotFound, """{"code":3,"description":"task does not exist or has expired","result":null}"""));

        var ex = await Assert.ThrowsAsync<MidjourneyNotFoundException>(
            () => Client(_server).ExtendVideoAsync(new VideoExtendRequest("gone-1", 1) { Prompt = "the tide turns" }));

        Assert.Contains("task does not exist or has expired", ex.Message, StringComparison.Ordinal);
        Assert.Equal(404, ex.StatusCode);
        Assert.NotEqual("ENDPOINT_NOT_FOUND", ex.ErrorCode);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task ExtendVideoAsync_ParentNotFinishedCode4_ThrowsInvalidRequest()
    {
        _server.On(HttpMethod.Post, Video, Wire.Json("""{"code":4,"description":"associated task status error","result":null}"""));

        var ex = await Assert.ThrowsAsync<MidjourneyInvalidRequestException>(
            () => Client(_server).ExtendVideoAsync(new VideoExtendRequest("video-1", 1) { Prompt = "the tide turns" }));

        Assert.Equal("4", ex.ErrorCode);
        Assert.Contains("associated task status error", ex.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Theory]
    [InlineData("VIDEO")]
    [InlineData("VIDEO_EXTEND")]
    public async Task GetTaskAsync_ExtendedVideo_IsAVideoWithItsParentAndClips(string action)
    {
        MidjourneyTask task = await Fetch(VideoTask("SUCCESS", """
            "parentId":"video-0","videoUrls":[{"url":"https://cdn.test/x1.mp4","thumbnail":"https://cdn.test/x1.webp"}]
            """, action));

        Assert.Equal(MidjourneyAction.Video, task.Action);
        Assert.Equal("video-0", task.ParentTaskId);
        Assert.Equal([new Uri("https://cdn.test/x1.mp4")], task.VideoUrls);
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
