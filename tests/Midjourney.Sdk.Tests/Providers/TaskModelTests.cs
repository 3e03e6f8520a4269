using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Providers;

/// <summary>
/// The same logical task, as each provider's wire reports it (over real HTTP to WireMock.Net on 127.0.0.1), reads the same through
/// <see cref="MidjourneyTask"/>: images, prompt, progress, seed, follow-ups, expiry and a content refusal. Where a provider lacks a
/// field the test pins the documented fallback (null or empty), so a change to either side shows here.
/// </summary>
public sealed class TaskModelTests : IDisposable
{
    private const string Id = "task-9";
    private const string Hash = "3dbbd469-36af-4a0f-8f02-df6c579e7011";
    private const string Grid = "https://cdn.test/grid.png";
    private const string Upscaled = "https://cdn.test/u1.png";
    private const long CreatedMs = 1767225600000; // 2026-01-01T00:00:00Z
    private const long FinishedMs = 1767225660000; // 2026-01-01T00:01:00Z

    private static readonly DateTimeOffset Finished = DateTimeOffset.FromUnixTimeMilliseconds(FinishedMs);
    private static readonly string[] Separate = ["https://cdn.test/1.png", "https://cdn.test/2.png", "https://cdn.test/3.png", "https://cdn.test/4.png"];

    private readonly WireServer _server = new("/base");

    public static TheoryData<MidjourneyProvider> Providers => [.. Enum.GetValues<MidjourneyProvider>()];

    public void Dispose() => _server.Dispose();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task GetTaskAsync_FinishedGrid_ReadsTheSameOnEveryProvider(MidjourneyProvider provider)
    {
        // APIXO does not repeat the prompt: this client knows it because it submitted the task.
        MidjourneyTask task = await FetchAsync(provider, FinishedGrid(provider), submitFirst: provider == MidjourneyProvider.Apixo);

        Assert.Equal(MidjourneyTaskStatus.Succeeded, task.Status);
        Assert.Equal(100, task.Progress);
        Assert.Equal("a red fox", task.Prompt);
        Assert.Equal(Separate, task.ImageUrls.Select(u => u.AbsoluteUri));
        Assert.Equal(Finished, task.FinishedAt);

        // The grid where the provider sends one; never one of the four images standing in for it.
        bool sendsGrid = provider is MidjourneyProvider.GoApi or MidjourneyProvider.MjProxy;
        Assert.Equal(sendsGrid ? new Uri(Grid) : null, task.ImageUrl);
    }

    [Theory]
    [InlineData(MidjourneyProvider.GoApi, "1234567", 5)]
    [InlineData(MidjourneyProvider.MjProxy, "1234567", null)]
    [InlineData(MidjourneyProvider.Apixo, null, 15)]
    [InlineData(MidjourneyProvider.MidApi, null, 15)]
    public async Task GetTaskAsync_FinishedGrid_SeedAndExpiryAsTheProviderStatesThem(MidjourneyProvider provider, string? seed, int? retentionDays)
    {
        MidjourneyTask task = await FetchAsync(provider, FinishedGrid(provider));

        Assert.Equal(seed, task.Seed);
        Assert.Equal(retentionDays is { } days ? Finished + TimeSpan.FromDays(days) : null, task.ExpiresAt);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task GetTaskAsync_FinishedGrid_ListsTheSameFollowUpsWhereTheProviderListsThem(MidjourneyProvider provider)
    {
        MidjourneyTask task = await FetchAsync(provider, FinishedGrid(provider));

        (MidjourneyAction, int?)[] expected = provider is MidjourneyProvider.GoApi or MidjourneyProvider.MjProxy
            ?
            [
                (MidjourneyAction.Reroll, null),
                (MidjourneyAction.Upscale, 1), (MidjourneyAction.Upscale, 2), (MidjourneyAction.Upscale, 3), (MidjourneyAction.Upscale, 4),
                (MidjourneyAction.Variation, 1), (MidjourneyAction.Variation, 2), (MidjourneyAction.Variation, 3), (MidjourneyAction.Variation, 4),
            ]
            : [];
        Assert.Equal(expected.Order(), task.AvailableActions.Select(a => (a.Action, a.Index)).Order());
        Assert.All(task.AvailableActions, a => Assert.False(string.IsNullOrWhiteSpace(a.Name)));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task GetTaskAsync_FinishedUpscale_ImageUrlAndImageUrlsHoldTheOneImage(MidjourneyProvider provider)
    {
        MidjourneyTask task = await FetchAsync(provider, FinishedUpscale(provider));

        Assert.Equal(new Uri(Upscaled), task.ImageUrl);
        Assert.Equal([new Uri(Upscaled)], task.ImageUrls);
        Assert.Equal(100, task.Progress);

        // An upscale sends no prompt: MJ-Proxy repeats the parent's, the others report none, and none reads "".
        Assert.Equal(provider == MidjourneyProvider.MjProxy ? "a red fox" : null, task.Prompt);
    }

    [Theory]
    [InlineData(MidjourneyProvider.GoApi)]
    [InlineData(MidjourneyProvider.MjProxy)]
    public async Task GetTaskAsync_FinishedUpscale_ListsTheUpscaledImagesFollowUpsWithoutAnIndex(MidjourneyProvider provider)
    {
        string json = provider == MidjourneyProvider.GoApi
            ? $$"""
                {"task_id":"{{Id}}","status":"finished","meta":{"task_type":"upscale"},"task_result":{"image_url":"{{Upscaled}}",
                 "actions":["upscale_2x","upscale_4x","high_variation","low_variation","inpaint","outpaint_1.5x","outpaint_2x","pan_left","mystery_button"]} }
                """
            : $$"""
                {"id":"{{Id}}","action":"UPSCALE","status":"SUCCESS","imageUrl":"{{Upscaled}}","buttons":[
                 {"customId":"MJ::JOB::upsample_v6_2x_subtle::1::{{Hash}}::SOLO"},{"customId":"MJ::JOB::upsample_v6_2x_creative::1::{{Hash}}::SOLO"},
                 {"customId":"MJ::JOB::high_variation::1::{{Hash}}::SOLO"},{"customId":"MJ::JOB::low_variation::1::{{Hash}}::SOLO"},
                 {"customId":"MJ::Inpaint::1::{{Hash}}::SOLO"},{"customId":"MJ::Outpaint::75::1::{{Hash}}::SOLO"},{"customId":"MJ::Outpaint::50::1::{{Hash}}::SOLO"},
                 {"customId":"MJ::JOB::pan_left::1::{{Hash}}::SOLO"},{"customId":"MJ::BOOKMARK::{{Hash}}"}]}
                """;

        MidjourneyTask task = await FetchAsync(provider, json);

        Assert.Equal(
            [MidjourneyAction.Upscale, MidjourneyAction.Upscale, MidjourneyAction.Variation, MidjourneyAction.Variation, MidjourneyAction.Inpaint,
             MidjourneyAction.Outpaint, MidjourneyAction.Outpaint, MidjourneyAction.Pan, MidjourneyAction.Other],
            task.AvailableActions.Select(a => a.Action));
        Assert.All(task.AvailableActions, a => Assert.Null(a.Index));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task GetTaskAsync_Running_ProgressIsTheProvidersFigureOrNull(MidjourneyProvider provider)
    {
        MidjourneyTask task = await FetchAsync(provider, Running(provider));

        Assert.Equal(MidjourneyTaskStatus.InProgress, task.Status);
        Assert.Equal(provider is MidjourneyProvider.GoApi or MidjourneyProvider.MjProxy ? 46 : null, task.Progress);
        Assert.Null(task.ImageUrl);
        Assert.Empty(task.ImageUrls);
        Assert.Empty(task.AvailableActions);
        Assert.Null(task.ExpiresAt);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task WaitForCompletionAsync_ContentRefusalWhileRunning_ReadsContentPolicyOnEveryProvider(MidjourneyProvider provider)
    {
        Answer(provider, Refused(provider));

        var ex = await Assert.ThrowsAsync<MidjourneyTaskFailedException>(() => Client(provider).DriveAsync(c => c.WaitForCompletionAsync(Id)));

        Assert.Equal(MidjourneyFailureCodes.ContentPolicy, ex.ErrorCode);
        Assert.Equal(MidjourneyFailureCodes.ContentPolicy, ex.Task.FailureCode);
        Assert.Equal(MidjourneyTaskStatus.Failed, ex.Task.Status);
        Assert.False(string.IsNullOrWhiteSpace(ex.Task.FailureReason));
        Assert.Null(ex.Task.ExpiresAt);
        Assert.Equal(provider switch { MidjourneyProvider.Apixo => "CONTENT_VIOLATION", MidjourneyProvider.MidApi => "400", _ => null }, ex.Task.ProviderFailureCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task GetTaskAsync_OtherFailure_IsNotReadAsARefusal(MidjourneyProvider provider)
    {
        MidjourneyTask task = await FetchAsync(provider, FailedOtherwise(provider));

        Assert.Equal(MidjourneyTaskStatus.Failed, task.Status);
        Assert.NotEqual(MidjourneyFailureCodes.ContentPolicy, task.FailureCode);
        Assert.Equal(task.ProviderFailureCode, task.FailureCode);
    }

    private static string FinishedGrid(MidjourneyProvider provider) => provider switch
    {
        MidjourneyProvider.GoApi => $$"""
            {"task_id":"{{Id}}","status":"finished","meta":{"task_type":"imagine","created_at":1767225600,"ended_at":1767225660,"task_request":{"prompt":"a red fox"} },
             "task_result":{"image_url":"{{Grid}}","image_urls":{{Json(Separate)}},"task_progress":100,"seed":"1234567",
             "actions":["reroll","upscale1","upscale2","upscale3","upscale4","variation1","variation2","variation3","variation4"]} }
            """,
        MidjourneyProvider.MjProxy => $$"""
            {"id":"{{Id}}","action":"IMAGINE","status":"SUCCESS","prompt":"a red fox","promptEn":"a red fox","progress":"100%",
             "submitTime":{{CreatedMs}},"startTime":{{CreatedMs}},"finishTime":{{FinishedMs}},"imageUrl":"{{Grid}}",
             "imageUrls":[{{string.Join(",", Separate.Select(u => $$"""{"url":"{{u}}"}"""))}}],"seed":1234567,
             "buttons":[{{string.Join(",", GridButtons().Select(id => $$"""{"customId":"{{id}}","label":""}"""))}}]}
            """,
        MidjourneyProvider.Apixo => Apixo($$"""
            {"taskId":"{{Id}}","state":"success","resultJson":{{System.Text.Json.JsonSerializer.Serialize(ResultJson(Separate))}},"createTime":{{CreatedMs}},"completeTime":{{FinishedMs}}}
            """),
        _ => MidApi($$"""
            {"taskId":"{{Id}}","taskType":"mj_txt2img","paramJson":"{\"prompt\":\"a red fox\"}","successFlag":1,
             "resultInfoJson":{"resultUrls":[{{string.Join(",", Separate.Select(u => $$"""{"resultUrl":"{{u}}"}"""))}}]},"createTime":{{CreatedMs}},"completeTime":{{FinishedMs}}}
            """),
    };

    private static string FinishedUpscale(MidjourneyProvider provider) => provider switch
    {
        MidjourneyProvider.GoApi => $$"""
            {"task_id":"{{Id}}","status":"finished","meta":{"task_type":"upscale","origin_task_id":"grid-1","ended_at":1767225660,"task_request":{"origin_task_id":"grid-1","index":"1","prompt":""} },
             "task_result":{"image_url":"{{Upscaled}}","image_urls":[],"task_progress":100} }
            """,
        MidjourneyProvider.MjProxy => $$"""
            {"id":"{{Id}}","action":"UPSCALE","status":"SUCCESS","prompt":"a red fox","promptEn":"a red fox","progress":"100%",
             "finishTime":{{FinishedMs}},"imageUrl":"{{Upscaled}}","imageUrls":[],"parentId":"grid-1"}
            """,
        MidjourneyProvider.Apixo => Apixo($$"""
            {"taskId":"{{Id}}","state":"success","resultJson":{{System.Text.Json.JsonSerializer.Serialize(ResultJson([Upscaled]))}},"completeTime":{{FinishedMs}}}
            """),
        _ => MidApi($$"""
            {"taskId":"{{Id}}","taskType":"mj_upscale","paramJson":"{\"taskId\":\"grid-1\",\"imageIndex\":0,\"prompt\":\"\"}","successFlag":1,
             "resultInfoJson":{"resultUrls":[{"resultUrl":"{{Upscaled}}"}]},"completeTime":{{FinishedMs}}}
            """),
    };

    private static string Running(MidjourneyProvider provider) => provider switch
    {
        MidjourneyProvider.GoApi => $$"""{"task_id":"{{Id}}","status":"processing","meta":{"task_type":"imagine"},"task_result":{"image_url":"","image_urls":[],"task_progress":46,"actions":[]} }""",
        MidjourneyProvider.MjProxy => $$"""{"id":"{{Id}}","action":"IMAGINE","status":"IN_PROGRESS","prompt":"a red fox","progress":"46%","imageUrl":"","buttons":[]}""",
        MidjourneyProvider.Apixo => Apixo($$"""{"taskId":"{{Id}}","state":"processing","createTime":{{CreatedMs}}}"""),
        _ => MidApi($$"""{"taskId":"{{Id}}","taskType":"mj_txt2img","successFlag":0,"createTime":{{CreatedMs}}}"""),
    };

    /// <summary>Each provider's way of saying the prompt was refused while the job ran.</summary>
    private static string Refused(MidjourneyProvider provider) => provider switch
    {
        MidjourneyProvider.GoApi => $$"""
            {"task_id":"{{Id}}","status":"failed","meta":{"task_type":"imagine","ended_at":1767225660},
             "task_result":{"image_url":"","task_progress":0,"error_messages":["Sorry! Our AI moderator thinks this prompt is probably against our community standards."]} }
            """,
        MidjourneyProvider.MjProxy => $$"""{"id":"{{Id}}","action":"IMAGINE","status":"FAILURE","prompt":"a red fox","progress":"0%","failReason":"[Banned prompt detected] This prompt was blocked","finishTime":{{FinishedMs}}}""",
        MidjourneyProvider.Apixo => Apixo($$"""{"taskId":"{{Id}}","state":"failed","failCode":"CONTENT_VIOLATION","failMsg":"The prompt was refused","completeTime":{{FinishedMs}}}"""),
        _ => MidApi($$"""{"taskId":"{{Id}}","taskType":"mj_txt2img","successFlag":2,"errorCode":400,"errorMessage":"Banned prompt: the content moderation refused it","completeTime":{{FinishedMs}}}"""),
    };

    private static string FailedOtherwise(MidjourneyProvider provider) => provider switch
    {
        MidjourneyProvider.GoApi => $$"""{"task_id":"{{Id}}","status":"failed","meta":{"task_type":"imagine"},"task_result":{"error_messages":["Midjourney is unavailable, please retry"]} }""",
        MidjourneyProvider.MjProxy => $$"""{"id":"{{Id}}","action":"IMAGINE","status":"FAILURE","prompt":"a red fox","failReason":"[Invalid parameter] Unrecognized parameter(s)"}""",
        MidjourneyProvider.Apixo => Apixo($$"""{"taskId":"{{Id}}","state":"failed","failCode":"GENERATION_FAILED","failMsg":"The generation failed"}"""),
        _ => MidApi($$"""{"taskId":"{{Id}}","taskType":"mj_txt2img","successFlag":3,"errorCode":501,"errorMessage":"Generation failed"}"""),
    };

    private static IEnumerable<string> GridButtons() =>
    [
        $"MJ::JOB::upsample::1::{Hash}", $"MJ::JOB::upsample::2::{Hash}", $"MJ::JOB::upsample::3::{Hash}", $"MJ::JOB::upsample::4::{Hash}",
        $"MJ::JOB::reroll::0::{Hash}::SOLO",
        $"MJ::JOB::variation::1::{Hash}", $"MJ::JOB::variation::2::{Hash}", $"MJ::JOB::variation::3::{Hash}", $"MJ::JOB::variation::4::{Hash}",
    ];

    private static string Json(IEnumerable<string> values) => System.Text.Json.JsonSerializer.Serialize(values.ToArray());

    /// <summary>APIXO's resultJson: a string holding <c>{"resultUrls": [...]}</c>.</summary>
    private static string ResultJson(IEnumerable<string> urls) => $$"""{"resultUrls":{{Json(urls)}}}""";

    private static string Apixo(string data) => $$"""{"code":200,"message":"success","data":{{data}}}""";

    private static string MidApi(string data) => $$"""{"code":200,"msg":"success","data":{{data}}}""";

    private async Task<MidjourneyTask> FetchAsync(MidjourneyProvider provider, string json, bool submitFirst = false)
    {
        Answer(provider, json);
        MidjourneyClient client = Client(provider);
        if (submitFirst)
        {
            _server.On(HttpMethod.Post, "/api/v1/generateTask/midjourney", Wire.Json($$"""{"code":200,"message":"success","data":{"taskId":"{{Id}}"} }"""));
            await client.ImagineAsync(new ImagineRequest("a red fox"));
        }

        return await client.GetTaskAsync(Id);
    }

    /// <summary>Answers the provider's status read of <see cref="Id"/> (and only that) with <paramref name="json"/>.</summary>
    private void Answer(MidjourneyProvider provider, string json)
    {
        switch (provider)
        {
            case MidjourneyProvider.GoApi:
                _server.On(HttpMethod.Post, "/mj/v2/fetch", Wire.Json(json));
                _server.On(HttpMethod.Post, "/mj/v2/multi_fetch", Wire.Json($$"""{"data":{"{{Id}}":{{json}} } }"""));
                break;
            case MidjourneyProvider.MjProxy:
                _server.On(HttpMethod.Get, $"/mj/task/{Id}/fetch", Wire.Json(json));
                _server.On(HttpMethod.Post, "/mj/task/list-by-condition", Wire.Json($"[{json}]"));
                break;
            case MidjourneyProvider.Apixo:
                _server.On(_server.Request(HttpMethod.Get, "/api/v1/statusTask/midjourney").WithParam("taskId", Id), Wire.Json(json));
                break;
            default:
                _server.On(_server.Request(HttpMethod.Get, "/api/v1/mj/record-info").WithParam("taskId", Id), Wire.Json(json));
                break;
        }
    }

    private MidjourneyClient Client(MidjourneyProvider provider) => new(
        new HttpClient(),
        new MidjourneyClientOptions { Provider = provider, ApiKey = "test-key", BaseUrl = _server.BaseUrl, Retry = { MaxRetries = 0 } },
        new FakeTimeProvider { AutoAdvance = true });
}
