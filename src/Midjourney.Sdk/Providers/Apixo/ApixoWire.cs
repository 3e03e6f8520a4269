using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Midjourney.Sdk.Http;

namespace Midjourney.Sdk.Providers.Apixo;

// The APIXO wire shapes (PROTOCOLS.md section 3). The wire mixes snake_case and camelCase, so every request name is explicit.

/// <summary>The <c>generateTask</c> body: how results are delivered, plus the mode-specific <see cref="Input"/>.</summary>
internal sealed class ApixoGenerateBody
{
    /// <summary><c>async</c> (poll statusTask) or <c>callback</c> (APIXO also posts to <see cref="CallbackUrl"/>).</summary>
    [JsonPropertyName("request_type")]
    public required string RequestType { get; set; }

    [JsonPropertyName("callback_url")]
    public string? CallbackUrl { get; set; }

    /// <summary>APIXO's routing strategy; always <c>auto</c>.</summary>
    [JsonPropertyName("provider")]
    public string Provider { get; set; } = "auto";

    [JsonPropertyName("input")]
    public required ApixoInput Input { get; set; }
}

/// <summary>
/// <c>input</c> for every mode. Unset (null) fields are not sent; the imagine fields exist in both spellings
/// (<c>aspect</c>/<c>aspect_ratio</c>, ...) and the adapter fills exactly one of each pair.
/// </summary>
internal sealed class ApixoInput
{
    /// <summary><c>text-to-image</c>, <c>image-to-image</c>, <c>upload-paint</c>, <c>vary</c> or <c>upscale</c>.</summary>
    [JsonPropertyName("mode")]
    public required string Mode { get; set; }

    [JsonPropertyName("prompt")]
    public string? Prompt { get; set; }

    [JsonPropertyName("version")]
    public string? Version { get; set; }

    [JsonPropertyName("speed")]
    public string? Speed { get; set; }

    [JsonPropertyName("aspect")]
    public string? Aspect { get; set; }

    [JsonPropertyName("aspect_ratio")]
    public string? AspectRatio { get; set; }

    [JsonPropertyName("chaos")]
    public int? Chaos { get; set; }

    [JsonPropertyName("variety")]
    public int? Variety { get; set; }

    [JsonPropertyName("stylize")]
    public int? Stylize { get; set; }

    [JsonPropertyName("stylization")]
    public int? Stylization { get; set; }

    [JsonPropertyName("weird")]
    public int? Weird { get; set; }

    [JsonPropertyName("weirdness")]
    public int? Weirdness { get; set; }

    /// <summary>Reference images (image-to-image) or the image to repaint (upload-paint).</summary>
    [JsonPropertyName("image_urls")]
    public IReadOnlyList<string>? ImageUrls { get; set; }

    /// <summary>The parent task of vary and upscale.</summary>
    [JsonPropertyName("taskId")]
    public string? TaskId { get; set; }

    /// <summary>Which image of the parent, 0..3.</summary>
    [JsonPropertyName("imageIndex")]
    public int? ImageIndex { get; set; }

    /// <summary>vary: 0 subtle, 1 strong. upscale: 0 standard, 1 creative, 2 = 2x, 3 = 4x.</summary>
    [JsonPropertyName("type")]
    public int? Type { get; set; }

    [JsonPropertyName("mask")]
    public ApixoMask? Mask { get; set; }

    [JsonPropertyName("canvas")]
    public ApixoSize? Canvas { get; set; }

    [JsonPropertyName("imgPos")]
    public ApixoImagePosition? ImagePosition { get; set; }
}

/// <summary>upload-paint's mask: a black and white image (white = repaint) as a URL or a base64 data URL.</summary>
internal sealed class ApixoMask
{
    [JsonPropertyName("url")]
    public required string Url { get; set; }
}

internal sealed class ApixoSize
{
    [JsonPropertyName("width")]
    public required int Width { get; set; }

    [JsonPropertyName("height")]
    public required int Height { get; set; }
}

internal sealed class ApixoImagePosition
{
    [JsonPropertyName("width")]
    public required int Width { get; set; }

    [JsonPropertyName("height")]
    public required int Height { get; set; }

    [JsonPropertyName("x")]
    public required int X { get; set; }

    [JsonPropertyName("y")]
    public required int Y { get; set; }
}

/// <summary>
/// Every APIXO answer: <c>{"code": int, "message": string, "data": ...}</c>. <c>data</c> stays a <see cref="JsonElement"/>
/// until the code says success, so an error whose <c>data</c> has an unexpected shape still reports its code.
/// </summary>
internal class ApixoEnvelope : IHttpErrorEnvelope
{
    public JsonElement? Code { get; set; }

    public JsonElement? Message { get; set; }

    public JsonElement? Data { get; set; }

    /// <summary><c>data.error</c>, the detail APIXO's error bodies carry beside <c>message</c>.</summary>
    [JsonIgnore]
    public string? DataError => Data is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty("error", out JsonElement error)
        ? WireValues.Text(error)
        : null;

    public virtual MidjourneyException? GetError(ApiErrorContext context) => CodeError(context);

    /// <summary>
    /// An error status carries the same envelope, with the detail in <c>data.error</c>: an error code of its own decides
    /// (so the detail is kept); without one, the HTTP status does.
    /// </summary>
    public MidjourneyException? GetHttpError(ApiErrorContext context) =>
        int.TryParse(WireValues.Text(Code), NumberStyles.Integer, CultureInfo.InvariantCulture, out int code) && code is < 200 or >= 300
            ? ApixoErrors.FromEnvelope(context, code, WireValues.Text(Message), DataError)
            : null;

    private MidjourneyException? CodeError(ApiErrorContext context)
    {
        string? codeText = WireValues.Text(Code);
        if (codeText is null)
        {
            // No code at all: judged by its data alone.
            return null;
        }

        if (!int.TryParse(codeText, NumberStyles.Integer, CultureInfo.InvariantCulture, out int code))
        {
            return new MidjourneyProtocolException($"{context.Provider} answered {context.Call} with a code that is not a number: '{codeText}'.")
            {
                Provider = context.Provider,
                StatusCode = context.HttpStatusCode,
            };
        }

        return code is >= 200 and < 300 ? null : ApixoErrors.FromEnvelope(context, code, WireValues.Text(Message), DataError);
    }
}

/// <summary>generateTask's answer: the envelope with <c>data: {"taskId": "..."}</c>.</summary>
internal sealed class ApixoSubmitResponse : ApixoEnvelope
{
    [JsonIgnore]
    public string? TaskId => Data is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty("taskId", out JsonElement id)
        && WireValues.Text(id) is { } text && !string.IsNullOrWhiteSpace(text)
        ? text
        : null;

    // Checked here, inside the retry boundary, so an accepted submit without a readable id is reported as uncertain.
    public override MidjourneyException? GetError(ApiErrorContext context) => base.GetError(context)
        ?? (TaskId is null
            ? new MidjourneyProtocolException($"{context.Provider} accepted {context.Call} but sent no data.taskId.") { Provider = context.Provider, StatusCode = context.HttpStatusCode }
            : null);
}

/// <summary>statusTask's <c>data</c>. Every field is optional on the wire; <c>resultJson</c> is a string holding JSON.</summary>
internal sealed class ApixoTaskData
{
    public JsonElement? TaskId { get; set; }

    public JsonElement? State { get; set; }

    public JsonElement? ResultJson { get; set; }

    public JsonElement? FailCode { get; set; }

    public JsonElement? FailMsg { get; set; }

    public JsonElement? CreateTime { get; set; }

    public JsonElement? CompleteTime { get; set; }

    public JsonElement? CostTime { get; set; }
}

/// <summary><c>current-balance</c>'s answer: the envelope with the balance (USD) in <c>data</c>, as a number, a string or an object holding one.</summary>
internal sealed class ApixoBalanceResponse : ApixoEnvelope
{
    [JsonIgnore]
    public decimal? Amount => BalanceValues.Amount(Data);

    public override MidjourneyException? GetError(ApiErrorContext context) => base.GetError(context)
        ?? (Amount is null
            ? new MidjourneyProtocolException($"{context.Provider} answered {context.Call} without a readable balance in data.") { Provider = context.Provider, StatusCode = context.HttpStatusCode }
            : null);
}
