using System.Text.Json;
using System.Text.Json.Serialization;
using Midjourney.Sdk.Http;
using Midjourney.Sdk.Providers.Json;

namespace Midjourney.Sdk.Providers.MidApi;

// The midapi wire shapes (PROTOCOLS.md section 4). camelCase comes from MidApiJsonContext's naming policy.

/// <summary>The body of <c>POST /api/v1/mj/generate</c>.</summary>
internal sealed class MidApiGenerateBody
{
    /// <summary>
    /// <c>mj_txt2img</c>; <c>mj_img2img</c>, <c>mj_style_reference</c> or <c>mj_omni_reference</c> with <see cref="FileUrls"/>;
    /// or <c>mj_video</c>/<c>mj_video_hd</c> with <see cref="FileUrl"/>.
    /// </summary>
    public required string TaskType { get; set; }

    /// <summary>At most 2000 characters.</summary>
    public required string Prompt { get; set; }

    /// <summary><c>relaxed</c>, <c>fast</c> or <c>turbo</c>.</summary>
    public string? Speed { get; set; }

    public string? AspectRatio { get; set; }

    /// <summary><c>7</c>, <c>6.1</c>, <c>6</c>, <c>5.2</c>, <c>5.1</c> or <c>niji6</c>.</summary>
    public string? Version { get; set; }

    public int? Stylization { get; set; }

    public int? Weirdness { get; set; }

    public int? Variety { get; set; }

    /// <summary>Reference images; the reference recommends this over the older single <c>fileUrl</c>.</summary>
    public IReadOnlyList<string>? FileUrls { get; set; }

    /// <summary>Omni weight (Midjourney's <c>--ow</c>, 1..1000), with <c>mj_omni_reference</c> only.</summary>
    public int? Ow { get; set; }

    /// <summary>A video's start image.</summary>
    public string? FileUrl { get; set; }

    /// <summary>Video only: <c>low</c> or <c>high</c>.</summary>
    public string? Motion { get; set; }

    /// <summary>Video only: 1, 2 or 4 clips.</summary>
    public int? VideoBatchSize { get; set; }

    public string? CallBackUrl { get; set; }
}

/// <summary>The body of <c>generateUpscale</c> and <c>generateVary</c>.</summary>
internal sealed class MidApiImageIndexBody
{
    public required string TaskId { get; set; }

    public required int ImageIndex { get; set; }

    public string? CallBackUrl { get; set; }
}

/// <summary>
/// midapi's envelope <c>{code, msg, data}</c>. Its <c>code</c> decides, whatever the HTTP status: 200 is success,
/// anything else an error (HTTP is often 200 even then).
/// </summary>
internal abstract class MidApiEnvelope : IHttpErrorEnvelope
{
    public int? Code { get; set; }

    public string? Msg { get; set; }

    public MidjourneyException? GetError(ApiErrorContext context)
    {
        if (Code is int code && code != 200 && !Tolerates(code))
        {
            return MidApiErrors.FromCode(context, code, Msg);
        }

        // A failed HTTP answer whose body says nothing else: the HTTP status decides.
        if (context.HttpStatusCode is < 200 or >= 300)
        {
            return null;
        }

        return MissingData(context);
    }

    /// <summary>A non-200 code that still carries a usable answer.</summary>
    protected virtual bool Tolerates(int code) => false;

    /// <summary>The error when a successful answer lacks what it must carry; null when it is complete.</summary>
    protected abstract MidjourneyException? MissingData(ApiErrorContext context);
}

/// <summary>Every submit's answer: <c>{"code": 200, "msg": "success", "data": {"taskId": "..."}}</c>.</summary>
internal sealed class MidApiSubmitResponse : MidApiEnvelope
{
    public MidApiSubmitData? Data { get; set; }

    [JsonIgnore]
    public string? TaskId => WireValues.Text(Data?.TaskIdValue);

    protected override MidjourneyException? MissingData(ApiErrorContext context) => string.IsNullOrWhiteSpace(TaskId)
        ? new MidjourneyProtocolException($"{context.Provider} accepted {context.Call} but sent no data.taskId.") { Provider = context.Provider, StatusCode = context.HttpStatusCode }
        : null;
}

internal sealed class MidApiSubmitData
{
    [JsonPropertyName("taskId")]
    public JsonElement? TaskIdValue { get; set; }
}

/// <summary><c>record-info</c>'s answer.</summary>
internal sealed class MidApiRecordResponse : MidApiEnvelope
{
    public MidApiRecord? Data { get; set; }

    // 501 "generation failed" with the record attached reports the task's failure, not the call's.
    protected override bool Tolerates(int code) => code == 501 && Data is not null;

    protected override MidjourneyException? MissingData(ApiErrorContext context) => Data is null
        ? new MidjourneyNotFoundException($"{context.Provider} answered {context.Call} with no task data{(string.IsNullOrWhiteSpace(Msg) ? "" : ": " + Msg)}.")
        {
            Provider = context.Provider,
            StatusCode = context.HttpStatusCode,
        }
        : null;
}

/// <summary>One task as <c>record-info</c> reports it. Loosely typed where answers are known to vary.</summary>
internal sealed class MidApiRecord
{
    [JsonPropertyName("taskId")]
    public JsonElement? TaskIdValue { get; set; }

    public string? TaskType { get; set; }

    /// <summary>The submit's parameters: a string holding JSON (an object is accepted too).</summary>
    public JsonElement? ParamJson { get; set; }

    /// <summary>0 generating, 1 success, 2 failed, 3 created but generation failed (a number, or a string).</summary>
    public JsonElement? SuccessFlag { get; set; }

    /// <summary><c>{"resultUrls": [{"resultUrl": "..."}]}</c>, as an object or as a string holding that JSON.</summary>
    public JsonElement? ResultInfoJson { get; set; }

    public JsonElement? ErrorCode { get; set; }

    public JsonElement? ErrorMessage { get; set; }

    /// <summary>An ISO 8601 string or epoch seconds/milliseconds.</summary>
    public JsonElement? CreateTime { get; set; }

    public JsonElement? CompleteTime { get; set; }

    [JsonIgnore]
    public string? TaskId => WireValues.Text(TaskIdValue);
}

/// <summary>The callback midapi posts: <c>{"code": 200, "msg": "success", "data": {"taskId", "promptJson", "resultUrls"}}</c>.</summary>
internal sealed class MidApiCallback
{
    /// <summary>200 on success; any other code is a failure (a number, or a string on some servers).</summary>
    public JsonElement? Code { get; set; }

    public string? Msg { get; set; }

    public MidApiCallbackData? Data { get; set; }
}

internal sealed class MidApiCallbackData
{
    /// <summary>A string, or a number on some servers (read as record-info's id is).</summary>
    [JsonConverter(typeof(LenientStringConverter))]
    public string? TaskId { get; set; }

    /// <summary>The submit's parameters: a string holding JSON, or an object.</summary>
    public JsonElement? PromptJson { get; set; }

    /// <summary>Plain URL strings (or <c>{"resultUrl": ...}</c> objects, as in record-info).</summary>
    public JsonElement? ResultUrls { get; set; }
}

/// <summary>kie.ai's <c>chat/credit</c> answer: <c>{"code": 200, "msg": "success", "data": 100}</c>, the credits left.</summary>
internal sealed class MidApiCreditResponse : MidApiEnvelope
{
    public JsonElement? Data { get; set; }

    [JsonIgnore]
    public decimal? Amount => BalanceValues.Amount(Data);

    protected override MidjourneyException? MissingData(ApiErrorContext context) => Amount is null
        ? new MidjourneyProtocolException($"{context.Provider} answered {context.Call} without a readable credit balance in data.") { Provider = context.Provider, StatusCode = context.HttpStatusCode }
        : null;
}
