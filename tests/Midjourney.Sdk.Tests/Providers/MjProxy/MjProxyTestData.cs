using System.Text;
using Microsoft.Extensions.Logging;
using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Providers.MjProxy;

/// <summary>
/// MJ-Proxy answers as real relays send them, a <see cref="WireServer"/> that requires the provider's auth header, a
/// client over real HTTP to it, and the assertions on what the server received.
/// </summary>
internal static class MjProxyTestData
{
    public const string ApiKey = "test-key";
    public const string Hash = "3dbbd469-36af-4a0f-8f02-df6c579e7011";

    public static readonly string[] GridButtonIds =
    [
        $"MJ::JOB::upsample::1::{Hash}", $"MJ::JOB::upsample::2::{Hash}", $"MJ::JOB::upsample::3::{Hash}", $"MJ::JOB::upsample::4::{Hash}",
        $"MJ::JOB::reroll::0::{Hash}::SOLO",
        $"MJ::JOB::variation::1::{Hash}", $"MJ::JOB::variation::2::{Hash}", $"MJ::JOB::variation::3::{Hash}", $"MJ::JOB::variation::4::{Hash}",
    ];

    /// <summary>A server under <c>/base</c> whose mappings require the header <paramref name="auth"/> sends with <paramref name="key"/>.</summary>
    public static WireServer Server(MjProxyAuthHeader auth = MjProxyAuthHeader.Bearer, string key = ApiKey) =>
        auth == MjProxyAuthHeader.ApiSecret
            ? new WireServer("/base").RequireHeader("mj-api-secret", key)
            : new WireServer("/base").RequireHeader("Authorization", "Bearer " + key);

    /// <summary>A client of <paramref name="server"/> with <see cref="ApiKey"/>, no retries and an auto-advancing fake clock.</summary>
    public static MidjourneyClient Client(WireServer server, Action<MidjourneyClientOptions>? configure = null, ILoggerFactory? logging = null, FakeTimeProvider? time = null)
    {
        var options = new MidjourneyClientOptions
        {
            Provider = MidjourneyProvider.MjProxy,
            ApiKey = ApiKey,
            BaseUrl = server.BaseUrl,
            Retry = { MaxRetries = 0 },
        };
        configure?.Invoke(options);
        return new MidjourneyClient(new HttpClient(), options, time ?? new FakeTimeProvider { AutoAdvance = true }, logging);
    }

    /// <summary>A submit answer: <c>{"code", "description", "result", "properties"}</c>.</summary>
    public static string Answer(string result = "task-1", int code = 1, string description = "Submit success", string properties = "{}") =>
        $$"""{"code":{{code}},"description":"{{description}}","result":"{{result}}","properties":{{properties}}}""";

    /// <summary>Code 21 for a button that opens Midjourney's dialog.</summary>
    public static string Dialog(string result = "modal-1") =>
        Answer(result, 21, "Waiting for window confirm", """{"finalPrompt":"a cat","remix":true}""");

    public static string ImageButtonIds(string upscaler) => string.Join(",", ImageButtons(upscaler).Select(Button));

    public static IReadOnlyList<string> ImageButtons(string upscaler = "v7") =>
    [
        .. upscaler == "v5"
            ? new[] { $"MJ::JOB::upsample_v5_2x::1::{Hash}::SOLO", $"MJ::JOB::upsample_v5_4x::1::{Hash}::SOLO" }
            : [$"MJ::JOB::upsample_{upscaler}_2x_subtle::1::{Hash}::SOLO", $"MJ::JOB::upsample_{upscaler}_2x_creative::1::{Hash}::SOLO"],
        $"MJ::JOB::low_variation::1::{Hash}::SOLO",
        $"MJ::JOB::high_variation::1::{Hash}::SOLO",
        $"MJ::Inpaint::1::{Hash}::SOLO",
        $"MJ::Outpaint::50::1::{Hash}::SOLO",
        $"MJ::Outpaint::75::1::{Hash}::SOLO",
        $"MJ::CustomZoom::{Hash}",
        $"MJ::Outpaint::100::1::{Hash}::SOLO",
        $"MJ::JOB::pan_left::1::{Hash}::SOLO",
        $"MJ::JOB::pan_right::1::{Hash}::SOLO",
        $"MJ::JOB::pan_up::1::{Hash}::SOLO",
        $"MJ::JOB::pan_down::1::{Hash}::SOLO",
    ];

    /// <summary>A finished grid (imagine) with its U1..U4, reroll and V1..V4 buttons.</summary>
    public static string Grid(string id = "grid-1", string prompt = "a cat --v 7") =>
        Task(id, "IMAGINE", "SUCCESS", prompt, "100%", string.Join(",", GridButtonIds.Select(Button)));

    /// <summary>A finished upscaled image with the tools under it (vary, zoom, pan, the upscalers of <paramref name="upscaler"/>).</summary>
    public static string Image(string id = "up-1", string prompt = "a cat --v 7", string upscaler = "v7") =>
        Task(id, "UPSCALE", "SUCCESS", prompt, "100%", ImageButtonIds(upscaler), parentId: "grid-1");

    public static string Task(string id, string action, string status, string prompt, string progress, string buttons = "", string failReason = "", string? parentId = null) =>
        $$"""
        {"id":"{{id}}","action":"{{action}}","status":"{{status}}","prompt":"{{prompt}}","promptEn":"{{prompt}}","description":"/imagine {{prompt}}",
        "submitTime":1767225600000,"startTime":1767225601000,"finishTime":{{(status == "SUCCESS" ? "1767225630000" : "0")}},
        "imageUrl":"https://cdn.test/{{id}}.png","imageUrls":[],"progress":"{{progress}}","failReason":"{{failReason}}",
        "parentId":{{(parentId is null ? "null" : $"\"{parentId}\"")}},"properties":{"finalPrompt":"{{prompt}}"},"buttons":[{{buttons}}]}
        """;

    private static string Button(string customId) =>
        $$"""{"customId":"{{customId}}","emoji":"","label":"{{Label(customId)}}","type":2,"style":2}""";

    private static string Label(string customId)
    {
        string[] parts = customId.Split("::");
        return parts[2] switch
        {
            "upsample" => "U" + parts[3],
            "variation" => "V" + parts[3],
            "low_variation" => "Vary (Subtle)",
            "high_variation" => "Vary (Strong)",
            _ when parts[1] == "Inpaint" => "Vary (Region)",
            _ when parts[1] == "CustomZoom" => "Custom Zoom",
            "50" => "Zoom Out 2x",
            "75" => "Zoom Out 1.5x",
            "100" => "Make Square",
            _ when parts[2].EndsWith("_subtle", StringComparison.Ordinal) => "Upscale (Subtle)",
            _ when parts[2].EndsWith("_creative", StringComparison.Ordinal) => "Upscale (Creative)",
            _ when parts[2].EndsWith("_2x", StringComparison.Ordinal) => "Upscale (2x)",
            _ when parts[2].EndsWith("_4x", StringComparison.Ordinal) => "Upscale (4x)",
            _ => "",
        };
    }

    /// <summary>
    /// The request's JSON body equals <paramref name="expected"/> property by property (same names, absent nulls, same
    /// values), sent as <c>application/json</c> with a Content-Length, not chunked.
    /// </summary>
    public static void AssertBody(RecordedRequest request, object expected)
    {
        JsonBodyAssert.Equal(request, expected);
        Assert.Equal("application/json", request.ContentType);
        Assert.Equal(Encoding.UTF8.GetByteCount(request.Body!).ToString(System.Globalization.CultureInfo.InvariantCulture), request.Header("Content-Length"));
        Assert.Null(request.Header("Transfer-Encoding"));
    }

    /// <summary>The request went to <paramref name="path"/> under the server's base path with the Bearer key only, asking for JSON.</summary>
    public static void AssertRequest(WireServer server, RecordedRequest request, HttpMethod method, string path)
    {
        Assert.Equal(method, request.Method);
        Assert.Equal(new Uri(server.Url(path)), request.Uri);
        Assert.Equal("Bearer " + ApiKey, request.Header("Authorization"));
        Assert.Null(request.Header("mj-api-secret"));
        Assert.Contains("application/json", request.Header("Accept"), StringComparison.Ordinal);
    }
}
