using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Midjourney.Sdk.Emulator;
using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Emulator;

/// <summary>
/// The emulator's video over real loopback HTTP, with raw requests and a fake clock: midapi's <c>mj_video</c> /
/// <c>mj_video_hd</c> and MJ-Proxy's <c>/mj/submit/video</c>, the clips (and thumbnails) it serves, their refusals, and
/// the callbacks that carry the clips; and MJ-Proxy's extend of a finished video (<c>action: "extend"</c>).
/// </summary>
public sealed class VideoEmulatorTests
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(3);

    private static Task<MidjourneyEmulator> StartAsync(FakeTimeProvider clock)
        => MidjourneyEmulator.StartAsync(new MidjourneyEmulatorOptions { TimeProvider = clock, TaskDuration = Duration });

    private static JsonObject MidApiVideo(string taskType = "mj_video") => new()
    {
        ["taskType"] = taskType,
        ["prompt"] = "the waves roll in",
        ["fileUrl"] = "https://img.test/start.png",
        ["motion"] = "high",
    };

    private static JsonObject MjProxyVideo() => new() { ["prompt"] = "the waves roll in", ["image"] = "https://img.test/start.png" };

    private static async Task<(string MediaType, byte[] Bytes)> DownloadAsync(string url)
    {
        using var http = new HttpClient();
        using HttpResponseMessage response = await http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response.Content.Headers.ContentType!.MediaType!, await response.Content.ReadAsByteArrayAsync());
    }

    private static async Task AssertMp4Async(string url)
    {
        (string mediaType, byte[] bytes) = await DownloadAsync(url);
        Assert.Equal("video/mp4", mediaType);
        Assert.Equal("ftyp", System.Text.Encoding.ASCII.GetString(bytes, 4, 4));
        Assert.Equal("moov", System.Text.Encoding.ASCII.GetString(bytes, 36, 4)); // a movie, at the front (faststart)
        Assert.True(bytes.AsSpan().IndexOf("avc1"u8) > 0, "no H.264 sample entry (avc1)");
        Assert.True(bytes.AsSpan().IndexOf("mdat"u8) > 0, "no media data (mdat)");
        Assert.InRange(bytes.Length, 1000, 10_000);
    }

    // ---- midapi ----

    [Theory]
    [InlineData("mj_video")]
    [InlineData("mj_video_hd")]
    public async Task MidApi_Video_RunsThenReportsFourMp4ClipsAsResultUrls(string taskType)
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new MidApiTestClient(emulator);

        var taskId = await client.SubmitAsync("generate", MidApiVideo(taskType));
        var running = await client.RecordAsync(taskId);
        clock.Advance(Duration);
        var done = await client.RecordAsync(taskId);

        Assert.Equal(0, running.GetProperty("successFlag").GetInt32());
        Assert.Equal(JsonValueKind.Null, running.GetProperty("resultInfoJson").ValueKind);
        Assert.Equal(1, done.GetProperty("successFlag").GetInt32());
        Assert.Equal(taskType, done.GetProperty("taskType").GetString());
        string[] urls = [.. done.GetProperty("resultInfoJson").GetProperty("resultUrls").EnumerateArray().Select(u => u.GetProperty("resultUrl").GetString()!)];
        Assert.Equal(4, urls.Length);
        Assert.All(urls, url => Assert.EndsWith(".mp4", url, StringComparison.Ordinal));
        Assert.Equal(4, urls.Distinct().Count());
        foreach (string url in urls)
        {
            await AssertMp4Async(url);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task MidApi_VideoBatchSize_MakesThatManyClips(int batchSize)
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new MidApiTestClient(emulator);
        JsonObject body = MidApiVideo();
        body["videoBatchSize"] = batchSize;

        var taskId = await client.SubmitAsync("generate", body);
        clock.Advance(Duration);

        Assert.Equal(batchSize, (await client.RecordAsync(taskId)).GetProperty("resultInfoJson").GetProperty("resultUrls").GetArrayLength());
    }

    [Theory]
    [InlineData("fileUrl", null, "fileUrl")]
    [InlineData("fileUrl", "data:image/png;base64,iVBORw0KGgo=", "fileUrl")]
    [InlineData("motion", "wild", "motion")]
    [InlineData("videoBatchSize", 3, "videoBatchSize")]
    [InlineData("videoBatchSize", 8, "videoBatchSize")]
    [InlineData("prompt", null, "prompt")]
    public async Task MidApi_VideoWithABadField_AnswersCode422NamingIt(string field, object? value, string named)
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new MidApiTestClient(emulator);
        JsonObject body = MidApiVideo();
        body[field] = value is null ? null : JsonValue.Create(value);

        using var response = await client.PostAsync("api/v1/mj/generate", body);

        Assert.Contains(named, await MidApiTestClient.ReadErrorAsync(response, 422), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MidApi_VideoCallback_CarriesTheClipsAsPlainStrings()
    {
        var clock = new FakeTimeProvider();
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var emulator = await EmulatorCallbackTests.StartAsync(clock);
        using var client = new MidApiTestClient(emulator);
        JsonObject body = MidApiVideo("mj_video_hd");
        body["videoBatchSize"] = 2;
        body["callBackUrl"] = receiver.Url("/mid");

        var taskId = await client.SubmitAsync("generate", body);
        clock.Advance(TimeSpan.FromSeconds(10));
        await EmulatorCallbackTests.SettleAsync(emulator);

        var received = Assert.Single(receiver.Received).Json;
        Assert.Equal(200, received.GetProperty("code").GetInt32());
        Assert.Equal(taskId, received.GetProperty("data").GetProperty("taskId").GetString());
        string[] urls = [.. received.GetProperty("data").GetProperty("resultUrls").EnumerateArray().Select(u => u.GetString()!)];
        Assert.Equal(2, urls.Length);
        await AssertMp4Async(urls[1]);
    }

    // ---- MJ-Proxy ----

    [Fact]
    public async Task MjProxy_Video_RunsThenReportsVideoUrlsWithThumbnails()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new MjProxyTestClient(emulator);

        var taskId = await client.SubmitOkAsync("mj/submit/video", MjProxyVideo());
        var running = await client.FetchAsync(taskId);
        clock.Advance(Duration);
        var done = await client.FetchAsync(taskId);

        Assert.Equal("VIDEO", running.GetProperty("action").GetString());
        Assert.Equal("", running.GetProperty("videoUrl").GetString());
        Assert.Equal(0, running.GetProperty("videoUrls").GetArrayLength());
        Assert.Equal(("VIDEO", "SUCCESS", "100%"), (done.GetProperty("action").GetString(), done.GetProperty("status").GetString(), done.GetProperty("progress").GetString()));
        Assert.Equal(4, done.GetProperty("videoUrls").GetArrayLength());
        Assert.Equal(5, done.GetProperty("videoDuration").GetInt32());
        Assert.Equal(0, done.GetProperty("buttons").GetArrayLength());
        JsonElement first = done.GetProperty("videoUrls")[0];
        Assert.Equal(done.GetProperty("videoUrl").GetString(), first.GetProperty("url").GetString());
        await AssertMp4Async(first.GetProperty("url").GetString()!);
        (string thumbnailType, _) = await DownloadAsync(first.GetProperty("thumbnail").GetString()!);
        Assert.Equal("image/png", thumbnailType);
    }

    [Fact]
    public async Task MjProxy_VideoWithEveryField_IsAcceptedOnALane()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new MjProxyTestClient(emulator);
        JsonObject body = MjProxyVideo();
        body["image"] = MjProxyTestClient.DataUrl;
        body["endImage"] = "https://img.test/end.png";
        body["motion"] = "high";
        body["loop"] = true;
        body["batchSize"] = 2;
        body["videoType"] = "vid_1.1_i2v_720";

        var taskId = await client.SubmitOkAsync("mj-fast/mj/submit/video", body);
        clock.Advance(Duration);

        Assert.Equal(2, (await client.FetchAsync(taskId)).GetProperty("videoUrls").GetArrayLength());
    }

    [Theory]
    [InlineData("image", null)]
    [InlineData("image", "not a url")]
    [InlineData("endImage", "ftp://img.test/end.png")]
    [InlineData("motion", "wild")]
    [InlineData("videoType", "vid_2_t2v")]
    [InlineData("batchSize", 3)]
    [InlineData("action", "zoom")]
    [InlineData("taskId", "some-video")]
    [InlineData("prompt", null)]
    public async Task MjProxy_VideoWithABadField_AnswersValidationCode4(string field, object? value)
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new MjProxyTestClient(emulator);
        JsonObject body = MjProxyVideo();
        body[field] = value is null ? null : JsonValue.Create(value);

        using var response = await client.PostAsync("mj/submit/video", body);

        Assert.Contains(field, await MjProxyTestClient.ReadRefusalAsync(response, 4), StringComparison.Ordinal);
    }

    private static JsonObject MjProxyExtend(string taskId, int index = 0) => new()
    {
        ["prompt"] = "the tide turns",
        ["motion"] = "high",
        ["action"] = "extend",
        ["taskId"] = taskId,
        ["index"] = index,
    };

    /// <summary>A finished MJ-Proxy video of <paramref name="clips"/> clips.</summary>
    private static async Task<string> FinishedVideoAsync(MjProxyTestClient client, FakeTimeProvider clock, int clips = 4)
    {
        JsonObject body = MjProxyVideo();
        body["batchSize"] = clips;
        var taskId = await client.SubmitOkAsync("mj/submit/video", body);
        clock.Advance(Duration);
        return taskId;
    }

    [Fact]
    public async Task MjProxy_Extend_RunsAsAVideoOfItsParentThenReportsAsManyMp4Clips()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new MjProxyTestClient(emulator);
        var parentId = await FinishedVideoAsync(client, clock, clips: 2);

        var taskId = await client.SubmitOkAsync("mj/submit/video", MjProxyExtend(parentId, index: 1));
        var running = await client.FetchAsync(taskId);
        clock.Advance(Duration);
        var done = await client.FetchAsync(taskId);

        Assert.Equal(("VIDEO", parentId, "/video extend"), (running.GetProperty("action").GetString(), running.GetProperty("parentId").GetString(), running.GetProperty("description").GetString()));
        Assert.Equal(0, running.GetProperty("videoUrls").GetArrayLength());
        Assert.Equal(("SUCCESS", "the tide turns"), (done.GetProperty("status").GetString(), done.GetProperty("prompt").GetString()));
        Assert.Equal(2, done.GetProperty("videoUrls").GetArrayLength());
        Assert.Contains(taskId, done.GetProperty("videoUrl").GetString(), StringComparison.Ordinal);
        await AssertMp4Async(done.GetProperty("videoUrl").GetString()!);
    }

    [Fact]
    public async Task MjProxy_ExtendWithAnImage_IsAccepted()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new MjProxyTestClient(emulator);
        JsonObject body = MjProxyExtend(await FinishedVideoAsync(client, clock));
        body["image"] = "";

        await client.SubmitOkAsync("mj/submit/video", body);
        body["image"] = "https://img.test/start.png";
        await client.SubmitOkAsync("mj/submit/video", body);
    }

    [Fact]
    public async Task MjProxy_ExtendOfAnUnknownTask_Answers404Code3()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new MjProxyTestClient(emulator);

        using var response = await client.PostAsync("mj/submit/video", MjProxyExtend("no-such-task"));

        Assert.Contains("no-such-task", await MjProxyTestClient.ReadRefusalAsync(response, 3, HttpStatusCode.NotFound), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("taskId", null, "taskId")]
    [InlineData("index", null, "index")]
    [InlineData("index", -1, "index -1")]
    [InlineData("index", 2, "index 2")]
    [InlineData("index", 4, "index 4")]
    [InlineData("motion", "wild", "motion")]
    public async Task MjProxy_ExtendWithABadField_AnswersValidationCode4(string field, object? value, string named)
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new MjProxyTestClient(emulator);
        JsonObject body = MjProxyExtend(await FinishedVideoAsync(client, clock, clips: 2));
        body[field] = value is null ? null : JsonValue.Create(value);

        using var response = await client.PostAsync("mj/submit/video", body);

        Assert.Contains(named, await MjProxyTestClient.ReadRefusalAsync(response, 4), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MjProxy_ExtendOfAnUnfinishedVideoOrAGrid_AnswersValidationCode4()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new MjProxyTestClient(emulator);
        var running = await client.SubmitOkAsync("mj/submit/video", MjProxyVideo());
        var grid = await client.SubmitOkAsync("mj/submit/imagine", new JsonObject { ["prompt"] = "a quiet harbour" });

        using var early = await client.PostAsync("mj/submit/video", MjProxyExtend(running));
        Assert.Contains("not SUCCESS", await MjProxyTestClient.ReadRefusalAsync(early, 4), StringComparison.Ordinal);
        clock.Advance(Duration);
        using var image = await client.PostAsync("mj/submit/video", MjProxyExtend(grid));
        Assert.Contains("IMAGINE, not VIDEO", await MjProxyTestClient.ReadRefusalAsync(image, 4), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MjProxy_VideoNotifyHook_LastCallbackCarriesTheClips()
    {
        var clock = new FakeTimeProvider();
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var emulator = await EmulatorCallbackTests.StartAsync(clock);
        using var client = new MjProxyTestClient(emulator);
        JsonObject body = MjProxyVideo();
        body["batchSize"] = 1;
        body["notifyHook"] = receiver.Url("/mj");

        var taskId = await client.SubmitOkAsync("mj/submit/video", body);
        clock.Advance(TimeSpan.FromSeconds(10));
        await EmulatorCallbackTests.SettleAsync(emulator);

        var last = receiver.Received[^1].Json;
        Assert.Equal((taskId, "SUCCESS", "VIDEO"), (last.GetProperty("id").GetString(), last.GetProperty("status").GetString(), last.GetProperty("action").GetString()));
        Assert.Equal(1, last.GetProperty("videoUrls").GetArrayLength());
        await AssertMp4Async(last.GetProperty("videoUrl").GetString()!);
    }

    [Fact]
    public void VideoClips_FourDifferentEmbeddedMp4Files()
    {
        byte[][] clips = [.. Enumerable.Range(1, Midjourney.Sdk.Emulator.Images.VideoClips.Count).Select(Midjourney.Sdk.Emulator.Images.VideoClips.Get)];

        Assert.Equal(4, clips.Length);
        Assert.All(clips, clip => Assert.Equal("ftyp", System.Text.Encoding.ASCII.GetString(clip, 4, 4)));
        Assert.Equal(4, clips.Select(Convert.ToBase64String).Distinct().Count());
        Assert.Throws<ArgumentOutOfRangeException>(() => Midjourney.Sdk.Emulator.Images.VideoClips.Get(5));
    }

    [Fact]
    public async Task Images_ClipBeyondTheBatch_Is404()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new MjProxyTestClient(emulator);
        JsonObject body = MjProxyVideo();
        body["batchSize"] = 1;
        var taskId = await client.SubmitOkAsync("mj/submit/video", body);
        clock.Advance(Duration);
        string url = (await client.FetchAsync(taskId)).GetProperty("videoUrl").GetString()!;

        using var http = new HttpClient();
        using HttpResponseMessage beyond = await http.GetAsync(url.Replace("video-1.mp4", "video-2.mp4", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.NotFound, beyond.StatusCode);
    }
}
