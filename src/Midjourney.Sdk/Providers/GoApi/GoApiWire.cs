using System.Text.Json;
using System.Text.Json.Serialization;
using Midjourney.Sdk.Http;
using Midjourney.Sdk.Providers.Json;

namespace Midjourney.Sdk.Providers.GoApi;

// The GoAPI v2 wire shapes (PROTOCOLS.md section 1). snake_case comes from GoApiJsonContext's naming policy.

/// <summary>The webhook fields every GoAPI submit takes.</summary>
internal abstract class GoApiSubmitBody
{
    public string? WebhookEndpoint { get; set; }

    public string? WebhookSecret { get; set; }

    /// <summary>True asks for a callback on each progress change; left out (null) otherwise.</summary>
    public bool? NotifyProgress { get; set; }
}

internal sealed class GoApiImagineBody : GoApiSubmitBody
{
    public required string Prompt { get; set; }

    public string? AspectRatio { get; set; }

    public string? ProcessMode { get; set; }
}

internal sealed class GoApiRerollBody : GoApiSubmitBody
{
    public required string OriginTaskId { get; set; }

    public string? Prompt { get; set; }

    public string? AspectRatio { get; set; }
}

internal sealed class GoApiUpscaleBody : GoApiSubmitBody
{
    public required string OriginTaskId { get; set; }

    /// <summary>A string: "1".."4" on a grid, "2x"/"4x" on an upscaled image.</summary>
    public required string Index { get; set; }
}

internal sealed class GoApiVariationBody : GoApiSubmitBody
{
    public required string OriginTaskId { get; set; }

    /// <summary>A string: "1".."4" on a grid, "high_variation"/"low_variation" on an upscaled image.</summary>
    public required string Index { get; set; }

    public string? Prompt { get; set; }
}

internal sealed class GoApiInpaintBody : GoApiSubmitBody
{
    public required string OriginTaskId { get; set; }

    /// <summary>The mask image as plain base64.</summary>
    public required string Mask { get; set; }

    public string? Prompt { get; set; }
}

internal sealed class GoApiOutpaintBody : GoApiSubmitBody
{
    public required string OriginTaskId { get; set; }

    /// <summary>A string: "1" make square, "1.5", "2", or a custom value in (1, 2].</summary>
    public required string ZoomRatio { get; set; }

    public string? AspectRatio { get; set; }

    public string? Prompt { get; set; }
}

internal sealed class GoApiPanBody : GoApiSubmitBody
{
    public required string OriginTaskId { get; set; }

    public required string Direction { get; set; }

    public string? Prompt { get; set; }
}

internal sealed class GoApiDescribeBody : GoApiSubmitBody
{
    public required string ImageUrl { get; set; }

    public string? ProcessMode { get; set; }
}

internal sealed class GoApiBlendBody : GoApiSubmitBody
{
    public required IReadOnlyList<string> ImageUrls { get; set; }

    public string? ProcessMode { get; set; }

    public string? Dimension { get; set; }
}

internal sealed class GoApiFetchBody
{
    public required string TaskId { get; set; }
}

internal sealed class GoApiMultiFetchBody
{
    public required IReadOnlyList<string> TaskIds { get; set; }
}

/// <summary>Every submit's answer: <c>{"task_id": "...", "status": "success", "message": ""}</c>.</summary>
internal sealed class GoApiSubmitResponse : IApiEnvelope
{
    /// <summary>A string, or a number on some servers.</summary>
    [JsonConverter(typeof(LenientStringConverter))]
    public string? TaskId { get; set; }

    public string? Status { get; set; }

    public string? Message { get; set; }

    public MidjourneyException? GetError(ApiErrorContext context)
    {
        if (string.Equals(Status, "failed", StringComparison.OrdinalIgnoreCase))
        {
            return HttpErrorMapper.FromCode(context, 400, Message, errorCode: null);
        }

        return string.IsNullOrWhiteSpace(TaskId)
            ? new MidjourneyProtocolException($"{context.Provider} accepted {context.Call} but sent no task_id.") { Provider = context.Provider, StatusCode = context.HttpStatusCode }
            : null;
    }
}

/// <summary>The fetch answer (also a webhook body). Only what the task model uses is read; the rest stays in the raw JSON.</summary>
internal sealed class GoApiTask : IApiEnvelope
{
    /// <summary>A string, or a number on some servers.</summary>
    [JsonConverter(typeof(LenientStringConverter))]
    public string? TaskId { get; set; }

    public string? Status { get; set; }

    public string? TaskType { get; set; }

    public GoApiMeta? Meta { get; set; }

    public GoApiTaskResult? TaskResult { get; set; }

    public string? Message { get; set; }

    public MidjourneyException? GetError(ApiErrorContext context) => string.IsNullOrWhiteSpace(TaskId)
        ? new MidjourneyProtocolException($"{context.Provider} answered {context.Call} without a task_id{(Message is null ? "" : ": " + Message)}.") { Provider = context.Provider, StatusCode = context.HttpStatusCode }
        : null;
}

internal sealed class GoApiMeta
{
    public string? TaskType { get; set; }

    public string? OriginTaskId { get; set; }

    public string? ProcessMode { get; set; }

    /// <summary>Epoch seconds or milliseconds, or an ISO 8601 string (0 = not yet).</summary>
    [JsonConverter(typeof(WireTimestampConverter))]
    public DateTimeOffset? CreatedAt { get; set; }

    [JsonConverter(typeof(WireTimestampConverter))]
    public DateTimeOffset? StartedAt { get; set; }

    [JsonConverter(typeof(WireTimestampConverter))]
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>The submit body, echoed: the only place GoAPI repeats the prompt.</summary>
    [JsonConverter(typeof(GoApiTaskRequestConverter))]
    public GoApiTaskRequest? TaskRequest { get; set; }
}

/// <summary>What the task model reads of <c>meta.task_request</c>.</summary>
internal sealed class GoApiTaskRequest
{
    public string? Prompt { get; set; }

    public string? OriginTaskId { get; set; }
}

internal sealed class GoApiTaskResult
{
    public string? ImageUrl { get; set; }

    public IReadOnlyList<string?>? ImageUrls { get; set; }

    /// <summary>A number, or a string such as <c>"65"</c> or <c>"65%"</c>.</summary>
    [JsonConverter(typeof(WirePercentConverter))]
    public int? TaskProgress { get; set; }

    public string? Message { get; set; }

    public IReadOnlyList<string?>? ErrorMessages { get; set; }

    /// <summary>A string, or a number on some servers; empty until there are images.</summary>
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Seed { get; set; }

    /// <summary>The follow-ups offered: <c>reroll</c>, <c>upscale1</c>..<c>upscale4</c>, <c>variation1</c>..<c>variation4</c>, <c>high_variation</c> ...</summary>
    [JsonConverter(typeof(GoApiActionsConverter))]
    public IReadOnlyList<MidjourneyAvailableAction>? Actions { get; set; }
}

/// <summary>multi_fetch's answer: <c>{"data": {"id": task or null}}</c>.</summary>
internal sealed class GoApiMultiFetchResponse
{
    public Dictionary<string, JsonElement>? Data { get; set; }
}
