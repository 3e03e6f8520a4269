using Microsoft.Extensions.Logging;

namespace Midjourney.Sdk.Providers.GoApi;

/// <summary>Turns GoAPI's fetch object into a <see cref="MidjourneyTask"/> (status table in PROTOCOLS.md).</summary>
internal sealed class GoApiTaskMapper(ILogger logger)
{
    private readonly UnknownStatusLog _unknownStatuses = new(MidjourneyProvider.GoApi, logger);

    public MidjourneyTask Map(GoApiTask wire, RawJsonPayload rawJson)
    {
        GoApiTaskResult? result = wire.TaskResult;
        GoApiMeta? meta = wire.Meta;
        MidjourneyTaskStatus status = MapStatus(wire.Status);
        MidjourneyAction action = MapAction(meta?.TaskType ?? wire.TaskType);
        bool succeeded = status == MidjourneyTaskStatus.Succeeded;
        (Uri? imageUrl, IReadOnlyList<Uri> imageUrls) = TaskImages.FromComposite(action, WireValues.Url(result?.ImageUrl), WireValues.Urls(result?.ImageUrls));
        string? failureReason = status == MidjourneyTaskStatus.Failed ? FailureReason(wire) : null;
        return new MidjourneyTask
        {
            Id = wire.TaskId!,
            Provider = MidjourneyProvider.GoApi,
            Action = action,
            Status = status,
            Progress = result?.TaskProgress ?? (status == MidjourneyTaskStatus.Succeeded ? 100 : null),
            Prompt = NullIfEmpty(meta?.TaskRequest?.Prompt),
            ImageUrl = imageUrl,
            ImageUrls = imageUrls,
            Prompts = action == MidjourneyAction.Describe && status == MidjourneyTaskStatus.Succeeded ? DescribePromptParser.Parse(result?.Message) : [],
            FailureReason = failureReason,

            // GoAPI sends no failure code: a refusal is only said in words.
            FailureCode = ContentRefusal.FailureCode(ContentRefusal.Says(failureReason), providerCode: null),
            Seed = succeeded ? NullIfEmpty(result?.Seed) : null,
            AvailableActions = succeeded ? result?.Actions ?? [] : [],
            ExpiresAt = ResultRetention.ExpiresAt(status, meta?.EndedAt, imageUrl is not null || imageUrls.Count > 0, ResultRetention.GoApi),
            SubmittedAt = meta?.CreatedAt,
            StartedAt = meta?.StartedAt,
            FinishedAt = meta?.EndedAt,
            ParentTaskId = NullIfEmpty(meta?.OriginTaskId) ?? NullIfEmpty(meta?.TaskRequest?.OriginTaskId),
            RawPayload = rawJson,
        };
    }

    public MidjourneyTaskStatus MapStatus(string? status) => status?.ToLowerInvariant() switch
    {
        "pending" or "staged" => MidjourneyTaskStatus.Pending,
        "processing" => MidjourneyTaskStatus.InProgress,
        "finished" => MidjourneyTaskStatus.Succeeded,
        "failed" => MidjourneyTaskStatus.Failed,
        _ => _unknownStatuses.Report(status),
    };

    public static MidjourneyAction MapAction(string? taskType) => taskType?.ToLowerInvariant() switch
    {
        "imagine" => MidjourneyAction.Imagine,
        "upscale" => MidjourneyAction.Upscale,
        "variation" => MidjourneyAction.Variation,
        "reroll" => MidjourneyAction.Reroll,
        "inpaint" => MidjourneyAction.Inpaint,
        "outpaint" => MidjourneyAction.Outpaint,
        "pan" => MidjourneyAction.Pan,
        "describe" => MidjourneyAction.Describe,
        "blend" => MidjourneyAction.Blend,
        _ => MidjourneyAction.Other,
    };

    private static string? FailureReason(GoApiTask wire)
    {
        string[] errors = wire.TaskResult?.ErrorMessages?.Where(m => !string.IsNullOrWhiteSpace(m)).Select(m => m!).ToArray() ?? [];
        return errors.Length > 0
            ? string.Join("; ", errors)
            : NullIfEmpty(wire.TaskResult?.Message) ?? NullIfEmpty(wire.Message);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
