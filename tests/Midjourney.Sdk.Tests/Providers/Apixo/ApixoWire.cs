using System.Globalization;
using System.Text;
using System.Text.Json;
using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Providers.Apixo;

/// <summary>
/// APIXO over a <see cref="WireServer"/>: the server (every mapping requires the bearer key), clients pointed at it,
/// canned answers, and the assertions on what the server received.
/// </summary>
internal static class ApixoWire
{
    public const string ApiKey = "apixo-test-key-123";

    /// <summary>The billable submit (<c>IApixoApi.GenerateTaskAsync</c>).</summary>
    public const string Generate = "/api/v1/generateTask/midjourney";

    /// <summary>The read (<c>IApixoApi.StatusTaskAsync</c>), with <c>?taskId=</c>.</summary>
    public const string StatusTask = "/api/v1/statusTask/midjourney";

    public const string SubmitAnswer = """{"code":200,"message":"success","data":{"taskId":"task-1"}}""";

    /// <summary>A server under <c>/base</c> whose mappings answer only requests that carry <c>Authorization: Bearer {ApiKey}</c>.</summary>
    public static WireServer Server(string basePath = "/base") => new WireServer(basePath).RequireHeader("Authorization", "Bearer " + ApiKey);

    /// <summary>An APIXO client on <paramref name="server"/>, without retries unless <paramref name="configure"/> sets them.</summary>
    public static MidjourneyClient Client(
        WireServer server,
        FakeTimeProvider? time = null,
        Action<MidjourneyClientOptions>? configure = null,
        Microsoft.Extensions.Logging.ILoggerFactory? loggerFactory = null,
        HttpMessageHandler? transport = null)
    {
        var options = new MidjourneyClientOptions
        {
            Provider = MidjourneyProvider.Apixo,
            ApiKey = ApiKey,
            BaseUrl = server.BaseUrl,
            Retry = { MaxRetries = 0 },
        };
        configure?.Invoke(options);
        return new MidjourneyClient(transport is null ? new HttpClient() : new HttpClient(transport), options, time ?? new FakeTimeProvider { AutoAdvance = true }, loggerFactory);
    }

    /// <summary>Answers generateTask with a new task <paramref name="ids"/> in turn (the last repeating).</summary>
    public static void AnswerSubmits(WireServer server, params string[] ids) =>
        server.On(HttpMethod.Post, Generate, [.. ids.Select(id => Wire.Json(Accepted(id)))]);

    /// <summary>Answers statusTask for <paramref name="taskId"/> only (the query must name it) with <paramref name="answersInTurn"/>.</summary>
    public static void AnswerStatus(WireServer server, string taskId, params string[] answersInTurn) =>
        server.On(server.Request(HttpMethod.Get, StatusTask).WithParam("taskId", taskId), [.. answersInTurn.Select(json => Wire.Json(json))]);

    /// <summary>A generateTask answer that accepted task <paramref name="id"/>.</summary>
    public static string Accepted(string id) => $$$"""{"code":200,"message":"success","data":{"taskId":"{{{id}}}"}}""";

    /// <summary>A statusTask answer whose <c>data</c> is <paramref name="data"/> (raw JSON).</summary>
    public static string Status(string data) => $$"""{"code":200,"message":"success","data":{{data}}}""";

    /// <summary>A successful statusTask answer with <paramref name="urls"/> in a resultJson string.</summary>
    public static string Succeeded(string id, params string[] urls)
    {
        string resultJson = JsonSerializer.Serialize(JsonSerializer.Serialize(new { resultUrls = urls }));
        return Status($$"""{"taskId":"{{id}}","state":"success","resultJson":{{resultJson}},"createTime":1767225600000,"completeTime":1767225632500,"costTime":32500}""");
    }

    public static string Processing(string id) => Status($$"""{"taskId":"{{id}}","state":"processing","createTime":1767225600000}""");

    /// <summary>
    /// A generateTask request as the server got it: POST to the endpoint under the base path, the bearer key, a JSON body
    /// sent with its Content-Length (never chunked: some relays and proxies refuse chunked uploads).
    /// </summary>
    public static void AssertSubmit(WireServer server, RecordedRequest request)
    {
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(new Uri(server.Url(Generate)), request.Uri);
        Assert.Equal("Bearer " + ApiKey, request.Header("Authorization"));
        Assert.Equal("application/json", request.ContentType);
        Assert.NotNull(request.Body);
        Assert.Equal(Encoding.UTF8.GetByteCount(request.Body).ToString(CultureInfo.InvariantCulture), request.Header("Content-Length"));
        Assert.Null(request.Header("Transfer-Encoding"));
    }

    /// <summary>A statusTask request as the server got it: GET with the id in the query, the bearer key, no body.</summary>
    public static void AssertStatus(WireServer server, RecordedRequest request, string taskId)
    {
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal(new Uri(server.Url(StatusTask) + "?taskId=" + Uri.EscapeDataString(taskId)), request.Uri);
        Assert.Equal("Bearer " + ApiKey, request.Header("Authorization"));
        Assert.Null(request.Body);
        Assert.Null(request.Header("Content-Length"));
    }

    /// <summary>The whole generateTask body: <c>request_type</c> async, <c>provider</c> auto, and exactly <paramref name="input"/>.</summary>
    public static void AssertInput(RecordedRequest request, object input) =>
        JsonBodyAssert.Equal(request, new { request_type = "async", provider = "auto", input });
}
