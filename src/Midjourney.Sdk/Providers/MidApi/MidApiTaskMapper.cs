using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Midjourney.Sdk.Providers.MidApi;

/// <summary>Turns midapi's <c>record-info</c> data into a <see cref="MidjourneyTask"/> (status table in PROTOCOLS.md).</summary>
internal sealed class MidApiTaskMapper(ILogger logger)
{
    private readonly UnknownStatusLog _unknownFlags = new(MidjourneyProvider.MidApi, logger);

    /// <param name="response">An answer that passed the envelope check, so <see cref="MidApiRecordResponse.Data"/> is set.</param>
    /// <param name="requestedId">The id asked for, used when the record leaves its own out.</param>
    /// <param name="rawJson">The body as received.</param>
    public MidjourneyTask Map(MidApiRecordResponse response, string requestedId, RawJsonPayload rawJson)
    {
        MidApiRecord record = response.Data!;
        string id = NullIfEmpty(record.TaskId) ?? requestedId;

        // Envelope code 501 ("generation failed") with the record attached: the task failed, whatever its flag says.
        MidjourneyTaskStatus status = response.Code == 501 ? MidjourneyTaskStatus.Failed : MapStatus(record.SuccessFlag);
        IReadOnlyList<Uri> urls = status == MidjourneyTaskStatus.Succeeded ? ResultUrls(record.ResultInfoJson) : [];
        string? parent = ParamString(record.ParamJson, "taskId");
        MidjourneyAction action = MapAction(record.TaskType);
        (IReadOnlyList<Uri> images, IReadOnlyList<Uri> videos) = Split(action, urls);
        (Uri? imageUrl, IReadOnlyList<Uri> imageUrls) = TaskImages.FromResultList(images);
        string? failureReason = status == MidjourneyTaskStatus.Failed ? FailureReason(response, record) : null;
        string? failureCode = status == MidjourneyTaskStatus.Failed ? NullIfEmpty(WireValues.Text(record.ErrorCode)) : null;
        DateTimeOffset? finishedAt = WireValues.Timestamp(record.CompleteTime);
        return new MidjourneyTask
        {
            Id = id,
            Provider = MidjourneyProvider.MidApi,
            Action = action,
            Status = status,
            Progress = status == MidjourneyTaskStatus.Succeeded ? 100 : null,
            Prompt = ParamString(record.ParamJson, "prompt"),
            ImageUrl = imageUrl,
            ImageUrls = imageUrls,
            VideoUrls = videos,
            FailureReason = failureReason,

            // midapi's code for a refused prompt is a plain 400; only its message tells a refusal from a bad request.
            FailureCode = ContentRefusal.FailureCode(ContentRefusal.Says(failureReason), failureCode),
            ProviderFailureCode = failureCode,
            SubmittedAt = WireValues.Timestamp(record.CreateTime),
            FinishedAt = finishedAt,
            ExpiresAt = ResultRetention.ExpiresAt(status, finishedAt, urls.Count > 0, ResultRetention.FifteenDays),
            ParentTaskId = parent == id ? null : parent,
            RawPayload = rawJson,
        };
    }

    /// <summary>A callback: succeeded with code 200, failed with any other (its <c>msg</c> the reason, its code the failure code).</summary>
    public static MidjourneyTask MapCallback(MidApiCallback callback, RawJsonPayload rawJson)
    {
        MidApiCallbackData data = callback.Data!;
        int? code = Flag(callback.Code);
        bool succeeded = code == 200;
        IReadOnlyList<Uri> urls = succeeded ? ResultUrls(data.ResultUrls) : [];
        MidjourneyAction action = MapAction(ParamString(data.PromptJson, "taskType"));
        (IReadOnlyList<Uri> images, IReadOnlyList<Uri> videos) = Split(action, urls);
        (Uri? imageUrl, IReadOnlyList<Uri> imageUrls) = TaskImages.FromResultList(images);
        string? failureReason = succeeded ? null : NullIfEmpty(callback.Msg) ?? "midapi reported the task failed without a message.";
        string? failureCode = succeeded ? null : code?.ToString(CultureInfo.InvariantCulture) ?? (callback.Code is { } raw ? raw.GetRawText() : null);
        return new MidjourneyTask
        {
            Id = data.TaskId!,
            Provider = MidjourneyProvider.MidApi,
            Action = action,
            Status = succeeded ? MidjourneyTaskStatus.Succeeded : MidjourneyTaskStatus.Failed,
            Progress = succeeded ? 100 : null,
            Prompt = ParamString(data.PromptJson, "prompt"),
            ImageUrl = imageUrl,
            ImageUrls = imageUrls,
            VideoUrls = videos,
            FailureReason = failureReason,
            FailureCode = ContentRefusal.FailureCode(!succeeded && ContentRefusal.Says(failureReason), failureCode),
            ProviderFailureCode = failureCode,
            RawPayload = rawJson,
        };
    }

    /// <summary>A video task's result URLs are its clips (<see cref="MidjourneyTask.VideoUrls"/>); any other task's are images.</summary>
    private static (IReadOnlyList<Uri> Images, IReadOnlyList<Uri> Videos) Split(MidjourneyAction action, IReadOnlyList<Uri> urls) =>
        action == MidjourneyAction.Video ? (Array.Empty<Uri>(), urls) : (urls, Array.Empty<Uri>());

    public MidjourneyTaskStatus MapStatus(JsonElement? successFlag) => Flag(successFlag) switch
    {
        0 => MidjourneyTaskStatus.InProgress,
        1 => MidjourneyTaskStatus.Succeeded,
        2 or 3 => MidjourneyTaskStatus.Failed,
        _ => _unknownFlags.Report(successFlag is { } flag ? WireValues.Text(flag) ?? flag.GetRawText() : null),
    };

    /// <summary>The generate task types are imagine; upscale and vary tasks are recognised by name, leniently.</summary>
    public static MidjourneyAction MapAction(string? taskType)
    {
        string type = taskType?.Trim().ToLowerInvariant() ?? "";
        return type switch
        {
            "mj_txt2img" or "mj_img2img" or "mj_style_reference" or "mj_omni_reference" => MidjourneyAction.Imagine,
            _ when type.Contains("video", StringComparison.Ordinal) => MidjourneyAction.Video,
            _ when type.Contains("upscale", StringComparison.Ordinal) => MidjourneyAction.Upscale,
            _ when type.Contains("vary", StringComparison.Ordinal) || type.Contains("variation", StringComparison.Ordinal) => MidjourneyAction.Variation,
            _ => MidjourneyAction.Other,
        };
    }

    /// <summary>
    /// The result URLs from <c>resultInfoJson</c>, an object or a string holding JSON; each entry is <c>{"resultUrl": "..."}</c>
    /// or a plain string. Anything unreadable gives an empty list (the raw JSON is kept on the task).
    /// </summary>
    public static IReadOnlyList<Uri> ResultUrls(JsonElement? resultInfoJson)
    {
        if (resultInfoJson is not { } info)
        {
            return [];
        }

        if (info.ValueKind != JsonValueKind.String)
        {
            return UrlsIn(info);
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(info.GetString() ?? "");
            return UrlsIn(document.RootElement);
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static IReadOnlyList<Uri> UrlsIn(JsonElement info)
    {
        JsonElement list = info.ValueKind == JsonValueKind.Object && info.TryGetProperty("resultUrls", out JsonElement urls) ? urls : info;
        if (list.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return WireValues.Urls(list.EnumerateArray().Select(entry => entry.ValueKind switch
        {
            JsonValueKind.String => entry.GetString(),
            JsonValueKind.Object when entry.TryGetProperty("resultUrl", out JsonElement url) && url.ValueKind == JsonValueKind.String => url.GetString(),
            _ => null,
        }));
    }

    private static int? Flag(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.Number } n when n.TryGetInt32(out int flag) => flag,
        { ValueKind: JsonValueKind.String } s when int.TryParse(s.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int flag) => flag,
        _ => null,
    };

    private static string FailureReason(MidApiRecordResponse response, MidApiRecord record) =>
        NullIfEmpty(WireValues.Text(record.ErrorMessage))
        ?? (response.Code == 501 ? NullIfEmpty(response.Msg) : null)
        ?? string.Create(CultureInfo.InvariantCulture, $"midapi reported the task failed (successFlag {(record.SuccessFlag is { } f ? f.GetRawText() : "none")}) without a message.");

    /// <summary>A string property of <c>paramJson</c> (the submit's parameters, as a string holding JSON or as an object).</summary>
    private static string? ParamString(JsonElement? paramJson, string property)
    {
        if (paramJson is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            return StringProperty(value, property);
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(value.GetString() ?? "");
            return document.RootElement.ValueKind == JsonValueKind.Object ? StringProperty(document.RootElement, property) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? StringProperty(JsonElement obj, string property) =>
        obj.TryGetProperty(property, out JsonElement value) && value.ValueKind == JsonValueKind.String ? NullIfEmpty(value.GetString()) : null;

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
