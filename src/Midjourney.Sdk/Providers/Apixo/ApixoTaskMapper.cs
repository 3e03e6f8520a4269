using System.Text.Json;
using Microsoft.Extensions.Logging;
using Midjourney.Sdk.Http;

namespace Midjourney.Sdk.Providers.Apixo;

/// <summary>
/// Turns statusTask's <c>data</c> into a <see cref="MidjourneyTask"/> (status table in PROTOCOLS.md). APIXO reports no
/// progress, operation, prompt or parent: those come from what this client submitted, when it submitted the task.
/// </summary>
internal sealed class ApixoTaskMapper(ILogger logger)
{
    private readonly UnknownStatusLog _unknownStates = new(MidjourneyProvider.Apixo, logger);

    public MidjourneyTask Map(string requestedId, ApixoEnvelope envelope, RawJsonPayload rawJson, ApixoSubmission? submitted)
    {
        ApixoTaskData data = ReadData(envelope);
        MidjourneyTaskStatus status = MapState(WireValues.Text(data.State));
        IReadOnlyList<Uri> urls = status == MidjourneyTaskStatus.Succeeded ? ResultUrls(data.ResultJson) : [];
        string? failCode = status == MidjourneyTaskStatus.Failed ? NullIfBlank(WireValues.Text(data.FailCode)) : null;
        string? failMessage = status == MidjourneyTaskStatus.Failed ? NullIfBlank(WireValues.Text(data.FailMsg)) : null;
        (Uri? imageUrl, IReadOnlyList<Uri> imageUrls) = TaskImages.FromResultList(urls);
        DateTimeOffset? finishedAt = WireValues.Timestamp(data.CompleteTime);
        return new MidjourneyTask
        {
            Id = NullIfBlank(WireValues.Text(data.TaskId)) ?? requestedId,
            Provider = MidjourneyProvider.Apixo,
            Action = submitted?.Action ?? MidjourneyAction.Other,
            Status = status,
            Progress = status == MidjourneyTaskStatus.Succeeded ? 100 : null,
            Prompt = NullIfBlank(submitted?.Prompt),
            ImageUrl = imageUrl,
            ImageUrls = imageUrls,
            FailureCode = ContentRefusal.FailureCode(ApixoFailCodes.IsContentViolation(failCode) || (failCode is null && ContentRefusal.Says(failMessage)), failCode),
            ProviderFailureCode = failCode,
            FailureReason = failMessage ?? (failCode is null ? null : ApixoFailCodes.DefaultReason(failCode)),
            SubmittedAt = WireValues.Timestamp(data.CreateTime),
            FinishedAt = finishedAt,
            ExpiresAt = ResultRetention.ExpiresAt(status, finishedAt, urls.Count > 0, ResultRetention.FifteenDays),
            ParentTaskId = submitted?.ParentTaskId,
            RawPayload = rawJson,
        };
    }

    public MidjourneyTaskStatus MapState(string? state) => state?.Trim().ToLowerInvariant() switch
    {
        "pending" => MidjourneyTaskStatus.Pending,
        "processing" => MidjourneyTaskStatus.InProgress,
        "success" => MidjourneyTaskStatus.Succeeded,
        "failed" => MidjourneyTaskStatus.Failed,
        _ => _unknownStates.Report(state),
    };

    /// <summary>
    /// <c>resultJson</c> is a string holding <c>{"resultUrls": [...]}</c>; an object is accepted too. A string that is not that JSON
    /// is a protocol error: the task succeeded but its images cannot be found.
    /// </summary>
    public static IReadOnlyList<Uri> ResultUrls(JsonElement? resultJson)
    {
        switch (resultJson)
        {
            case null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined }:
                return [];
            case { ValueKind: JsonValueKind.Object } inline:
                return UrlsOf(inline);
            case { ValueKind: JsonValueKind.String } text when string.IsNullOrWhiteSpace(text.GetString()):
                return [];
            case { ValueKind: JsonValueKind.String } text:
                try
                {
                    using JsonDocument document = JsonDocument.Parse(text.GetString()!);
                    return document.RootElement.ValueKind == JsonValueKind.Object
                        ? UrlsOf(document.RootElement)
                        : throw Protocol($"sent a resultJson that is not a JSON object: {Snippet(text.GetString()!)}");
                }
                catch (JsonException ex)
                {
                    throw Protocol($"sent a resultJson that is not valid JSON ({ex.Message}): {Snippet(text.GetString()!)}", ex);
                }

            default:
                throw Protocol($"sent a resultJson that is neither a string nor an object: {resultJson.Value.GetRawText()}");
        }
    }

    private static ApixoTaskData ReadData(ApixoEnvelope envelope)
    {
        if (envelope.Data is not { ValueKind: JsonValueKind.Object } data)
        {
            throw Protocol("answered a status query without a data object");
        }

        try
        {
            return data.Deserialize(ApixoJsonContext.Default.ApixoTaskData)
                ?? throw Protocol("answered a status query without a data object");
        }
        catch (JsonException ex)
        {
            throw Protocol($"sent a status data object that cannot be read: {ex.Message}", ex);
        }
    }

    private static IReadOnlyList<Uri> UrlsOf(JsonElement result)
    {
        if (!result.TryGetProperty("resultUrls", out JsonElement urls) || urls.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        // Plain strings per the docs; {"resultUrl": "..."} objects (midapi's shape, same upstream) are read too.
        return WireValues.Urls(urls.EnumerateArray().Select(item => item.ValueKind switch
        {
            JsonValueKind.String => item.GetString(),
            JsonValueKind.Object when item.TryGetProperty("resultUrl", out JsonElement url) => WireValues.Text(url),
            JsonValueKind.Object when item.TryGetProperty("url", out JsonElement url) => WireValues.Text(url),
            _ => null,
        }));
    }

    private static MidjourneyProtocolException Protocol(string what, Exception? inner = null) =>
        new($"APIXO {what}.", inner) { Provider = MidjourneyProvider.Apixo, StatusCode = 200 };

    private static string Snippet(string text) => text.Length <= 120 ? $"\"{text}\"" : $"\"{text[..120]}...\"";

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
