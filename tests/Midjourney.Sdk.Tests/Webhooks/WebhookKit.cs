using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Webhooks;

/// <summary>
/// What the webhook tests share: the secrets and hook URLs, the token and kie.ai signature computed here from their
/// definitions (not by the SDK's own code), clients per provider (on a <see cref="WireServer"/>, or offline: a transport that
/// refuses every request), and callback bodies as each provider posts them (PROTOCOLS.md section 5).
/// </summary>
internal static class WebhookKit
{
    public const string ApiKey = "test-key";

    /// <summary>The options' secret (<c>Webhooks:Secret</c>).</summary>
    public const string Secret = "whsec-options-5f2c9a1e7b3d";

    /// <summary>A request's own secret (<see cref="MidjourneyRequest.WebhookSecret"/>).</summary>
    public const string RequestSecret = "whsec-request-8e4b6d0c2a9f";

    /// <summary>The query parameter the SDK's token travels in.</summary>
    public const string TokenName = "mjsdk_token";

    /// <summary>The options' callback URL (<c>Webhooks:Url</c>).</summary>
    public static readonly Uri Hook = new("https://hooks.example/mj/callback");

    /// <summary>A request's own callback URL (<see cref="MidjourneyRequest.WebhookUrl"/>), with a query of its own.</summary>
    public static readonly Uri RequestHook = new("https://hooks.example/mj/own?x=1");

    public static TheoryData<MidjourneyProvider> AllProviders => new(MidjourneyProvider.GoApi, MidjourneyProvider.MjProxy, MidjourneyProvider.Apixo, MidjourneyProvider.MidApi);

    /// <summary>The providers that carry no secret, so the SDK's token goes in the callback URL.</summary>
    public static TheoryData<MidjourneyProvider> TokenProviders => new(MidjourneyProvider.MjProxy, MidjourneyProvider.Apixo, MidjourneyProvider.MidApi);

    /// <summary>
    /// The token for <paramref name="secret"/> from its definition: base64url (no padding) of HMAC-SHA256 keyed with the secret
    /// over the label "Midjourney.Sdk webhook token v1". Pinned here: a change would refuse the callbacks of tasks in flight.
    /// </summary>
    public static string Token(string secret) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), "Midjourney.Sdk webhook token v1"u8))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary><paramref name="url"/> with the token for <paramref name="secret"/> appended to its query.</summary>
    public static Uri WithToken(Uri url, string secret) =>
        new(url.AbsoluteUri + (url.Query.Length > 1 ? "&" : "?") + TokenName + "=" + Token(secret));

    /// <summary>kie.ai's signature headers: the unix time, and base64(HMAC-SHA256(secret, taskId + "." + timestamp)).</summary>
    public static KeyValuePair<string, string>[] KieSignature(string secret, string taskId, DateTimeOffset at) =>
        KieSignature(secret, taskId, at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));

    public static KeyValuePair<string, string>[] KieSignature(string secret, string taskId, string timestamp) =>
    [
        new("X-Webhook-Timestamp", timestamp),
        new("X-Webhook-Signature", Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(taskId + "." + timestamp)))),
    ];

    /// <summary>A server under <c>/base</c> whose mappings require the provider's auth header with <see cref="ApiKey"/>.</summary>
    public static WireServer Server(MidjourneyProvider provider) => provider == MidjourneyProvider.GoApi
        ? new WireServer("/base").RequireHeader("X-API-KEY", ApiKey)
        : new WireServer("/base").RequireHeader("Authorization", "Bearer " + ApiKey);

    /// <summary>A client of <paramref name="server"/>: no retries, an auto-advancing fake clock unless <paramref name="time"/> is given.</summary>
    public static MidjourneyClient Client(
        MidjourneyProvider provider,
        WireServer server,
        Action<MidjourneyClientOptions>? configure = null,
        TimeProvider? time = null,
        ILoggerFactory? logging = null) =>
        Client(provider, server.BaseUrl, new HttpClient(), configure, time, logging);

    /// <summary>A client that never reaches a server: its transport refuses every request (and records it).</summary>
    public static MidjourneyClient Offline(
        MidjourneyProvider provider,
        Action<MidjourneyClientOptions>? configure = null,
        TimeProvider? time = null,
        ILoggerFactory? logging = null) =>
        Client(provider, new Uri("https://relay.test/base"), new HttpClient(new RecordingHandler()), configure, time, logging);

    /// <summary>What arrived: <paramref name="body"/> (UTF-8), the headers and the URL.</summary>
    public static MidjourneyWebhookRequest Arrived(string body, IEnumerable<KeyValuePair<string, string>>? headers = null, Uri? url = null) =>
        new(Encoding.UTF8.GetBytes(body), headers, url);

    /// <summary>A callback as the provider sends it to a client with <paramref name="secret"/>: GoAPI's header, or the token in the URL.</summary>
    public static MidjourneyWebhookRequest Authentic(MidjourneyProvider provider, string body, string secret, Uri? hook = null) =>
        provider == MidjourneyProvider.GoApi
            ? Arrived(body, [new("x-webhook-secret", secret)], hook ?? Hook)
            : Arrived(body, [], WithToken(hook ?? Hook, secret));

    /// <summary>Every place a request carries text: the URL, each header, the body.</summary>
    public static string Everything(RecordedRequest request) =>
        request.Uri.AbsoluteUri + "\n" + string.Join("\n", request.Headers.Select(h => h.Key + ": " + h.Value)) + "\n" + request.Body;

    // ---- submit answers ----

    /// <summary>The path of imagine's submit under the base path.</summary>
    public static string ImaginePath(MidjourneyProvider provider) => provider switch
    {
        MidjourneyProvider.GoApi => "/mj/v2/imagine",
        MidjourneyProvider.MjProxy => "/mj/submit/imagine",
        MidjourneyProvider.Apixo => "/api/v1/generateTask/midjourney",
        _ => "/api/v1/mj/generate",
    };

    /// <summary>The answer of a submit that accepted task <paramref name="id"/>.</summary>
    public static string Accepted(MidjourneyProvider provider, string id) => provider switch
    {
        MidjourneyProvider.GoApi => $$"""{"task_id":"{{id}}","status":"success","message":""}""",
        MidjourneyProvider.MjProxy => $$$"""{"code":1,"description":"Submit success","result":"{{{id}}}","properties":{}}""",
        MidjourneyProvider.Apixo => $$$"""{"code":200,"message":"success","data":{"taskId":"{{{id}}}"}}""",
        _ => $$$"""{"code":200,"msg":"success","data":{"taskId":"{{{id}}}"}}""",
    };

    /// <summary>Answers imagine with task <paramref name="id"/>.</summary>
    public static void AnswerImagine(WireServer server, MidjourneyProvider provider, string id) =>
        server.On(HttpMethod.Post, ImaginePath(provider), Wire.Json(Accepted(provider, id)));

    // ---- callbacks as each provider posts them ----

    /// <summary>GoAPI's fetch object (its callback body), as a task of <paramref name="status"/> reports it; the submit is echoed in meta.task_request.</summary>
    public static string GoApi(
        string id, string status, int progress, string imageUrl = "", string imageUrls = "[]", string errorMessages = "[]", string echoedSecret = "") =>
        $$$"""
        {"task_id":"{{{id}}}","status":"{{{status}}}","process_time":41,"retry_count":0,
         "meta":{"account_id":"acc-1","task_type":"imagine","origin_task_id":"","process_mode":"fast","created_at":1767225600,"started_at":1767225602,"ended_at":{{{(status is "finished" or "failed" ? "1767225641" : "0")}}},
          "task_request":{"prompt":"a cat in the snow --v 7","aspect_ratio":"1:1","process_mode":"fast","webhook_endpoint":"https://hooks.example/mj/callback","webhook_secret":"{{{echoedSecret}}}"}},
         "task_result":{"discord_image_url":"","image_url":"{{{imageUrl}}}","image_urls":{{{imageUrls}}},"permanent_url":"","task_progress":{{{progress}}},"intermediate_image_urls":null,
          "image_id":"","seed":"","message":"","error_messages":{{{errorMessages}}},"need_retry":false,"actions":[]}}
        """;

    /// <summary>MJ-Proxy's task object (its notifyHook body).</summary>
    public static string MjProxy(string id, string status, string progress, string imageUrl = "", string failReason = "") =>
        $$"""
        {"id":"{{id}}","action":"IMAGINE","status":"{{status}}","prompt":"a cat in the snow","promptEn":"a cat in the snow","description":"/imagine a cat in the snow",
         "state":"","submitTime":1767225600000,"startTime":1767225601000,"finishTime":{{(status is "SUCCESS" or "FAILURE" ? "1767225640000" : "0")}},
         "imageUrl":{{(imageUrl.Length == 0 ? "null" : $"\"{imageUrl}\"")}},"progress":"{{progress}}","failReason":{{(failReason.Length == 0 ? "null" : $"\"{failReason}\"")}},
         "properties":{"finalPrompt":"a cat in the snow"},"buttons":[]}
        """;

    /// <summary>APIXO's status envelope (its callback body) for a task in <paramref name="state"/>; <paramref name="data"/> adds fields.</summary>
    public static string Apixo(string id, string state, string data = "") =>
        $$$"""{"code":200,"message":"success","data":{"taskId":"{{{id}}}","state":"{{{state}}}"{{{data}}},"costTime":32500,"createTime":1767225600000,"completeTime":1767225632500}}""";

    /// <summary>midapi's callback: code 200 with the result URLs, or a failure code with its message.</summary>
    public static string MidApi(string id, int code = 200, string msg = "success", string resultUrls = """["https://tempfile.example/a.png","https://tempfile.example/b.png"]""") =>
        $$$"""{"code":{{{code}}},"msg":"{{{msg}}}","data":{"taskId":"{{{id}}}","promptJson":"{\"taskType\":\"mj_txt2img\",\"prompt\":\"a cat\"}","resultUrls":{{{resultUrls}}} }}""";

    /// <summary>A callback of task <paramref name="id"/> in <paramref name="state"/> for any provider (midapi: only final states).</summary>
    public static string Callback(MidjourneyProvider provider, string id, RelayTaskState state) => provider switch
    {
        MidjourneyProvider.GoApi => ScriptedRelay.GoApiTask(id, state),
        MidjourneyProvider.MjProxy => ScriptedRelay.MjProxyTask(id, state),
        MidjourneyProvider.Apixo => ScriptedRelay.ApixoTask(id, state),
        _ => state.Status switch
        {
            MidjourneyTaskStatus.Succeeded => MidApi(id),
            MidjourneyTaskStatus.Failed => MidApi(id, 501, "Generation failed", "null"),
            _ => throw new ArgumentOutOfRangeException(nameof(state), "midapi calls back only when a task ends."),
        },
    };

    private static MidjourneyClient Client(
        MidjourneyProvider provider, Uri baseUrl, HttpClient http, Action<MidjourneyClientOptions>? configure, TimeProvider? time, ILoggerFactory? logging)
    {
        var options = new MidjourneyClientOptions { Provider = provider, ApiKey = ApiKey, BaseUrl = baseUrl, Retry = { MaxRetries = 0 } };
        configure?.Invoke(options);
        return new MidjourneyClient(http, options, time ?? new FakeTimeProvider { AutoAdvance = true }, logging);
    }
}
