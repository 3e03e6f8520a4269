using System.Text.Json;
using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Providers.Apixo;

/// <summary>APIXO clients over a <see cref="RecordingHandler"/>, canned answers, and exact-body assertions.</summary>
internal static class ApixoWire
{
    public const string ApiKey = "apixo-test-key-123";

    public const string SubmitAnswer = """{"code":200,"message":"success","data":{"taskId":"task-1"}}""";

    public static MidjourneyClient Client(
        RecordingHandler handler,
        FakeTimeProvider? time = null,
        Action<MidjourneyClientOptions>? configure = null,
        Microsoft.Extensions.Logging.ILoggerFactory? loggerFactory = null)
    {
        var options = new MidjourneyClientOptions
        {
            Provider = MidjourneyProvider.Apixo,
            ApiKey = ApiKey,
            BaseUrl = new Uri("https://apixo.test/base"),
            Retry = { MaxRetries = 0 },
        };
        configure?.Invoke(options);
        return new MidjourneyClient(new HttpClient(handler), options, time ?? new FakeTimeProvider { AutoAdvance = true }, loggerFactory);
    }

    /// <summary>A statusTask answer whose <c>data</c> is <paramref name="data"/> (raw JSON).</summary>
    public static string Status(string data) => $$"""{"code":200,"message":"success","data":{{data}}}""";

    /// <summary>A successful statusTask answer with <paramref name="urls"/> in a resultJson string.</summary>
    public static string Succeeded(string id, params string[] urls)
    {
        string resultJson = JsonSerializer.Serialize(JsonSerializer.Serialize(new { resultUrls = urls }));
        return Status($$"""{"taskId":"{{id}}","state":"success","resultJson":{{resultJson}},"createTime":1767225600000,"completeTime":1767225632500,"costTime":32500}""");
    }

    public static string Processing(string id) => Status($$"""{"taskId":"{{id}}","state":"processing","createTime":1767225600000}""");

    public static void AssertSubmit(RecordedRequest request)
    {
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(new Uri("https://apixo.test/base/api/v1/generateTask/midjourney"), request.Uri);
        Assert.Equal("Bearer " + ApiKey, request.Header("Authorization"));
        Assert.Equal("application/json", request.ContentType);
    }

    public static void AssertStatus(RecordedRequest request, string taskId)
    {
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal(new Uri("https://apixo.test/base/api/v1/statusTask/midjourney?taskId=" + Uri.EscapeDataString(taskId)), request.Uri);
        Assert.Equal("Bearer " + ApiKey, request.Header("Authorization"));
        Assert.Null(request.Body);
    }

    /// <summary>The whole generateTask body: <c>request_type</c> async, <c>provider</c> auto, and exactly <paramref name="input"/>.</summary>
    public static void AssertInput(RecordedRequest request, object input) =>
        AssertBody(request, new { request_type = "async", provider = "auto", input });

    /// <summary>Compares the request's JSON body with <paramref name="expected"/> property by property: same names (absent nulls), same values.</summary>
    public static void AssertBody(RecordedRequest request, object expected)
        => JsonBodyAssert.Equal(request, expected);

}
