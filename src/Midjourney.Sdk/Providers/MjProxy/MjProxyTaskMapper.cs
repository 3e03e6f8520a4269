using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Midjourney.Sdk.Providers.MjProxy;

/// <summary>Turns MJ-Proxy's task object into a <see cref="MidjourneyTask"/> (status table in PROTOCOLS.md).</summary>
internal sealed class MjProxyTaskMapper(ILogger logger)
{
    private readonly UnknownStatusLog _unknownStatuses = new(MidjourneyProvider.MjProxy, logger);

    public MidjourneyTask Map(MjProxyTask wire, RawJsonPayload rawJson)
    {
        MidjourneyTaskStatus status = MapStatus(wire.Status);
        MidjourneyAction action = MapAction(wire.Action);
        bool succeeded = status == MidjourneyTaskStatus.Succeeded;
        (Uri? imageUrl, IReadOnlyList<Uri> imageUrls) = TaskImages.FromComposite(action, WireValues.Url(wire.ImageUrl), ImageUrls(wire.ImageUrls));
        string? failureReason = status is MidjourneyTaskStatus.Failed or MidjourneyTaskStatus.Canceled ? NullIfEmpty(wire.FailReason) : null;
        return new MidjourneyTask
        {
            Id = wire.Id!,
            Provider = MidjourneyProvider.MjProxy,
            Action = action,
            Status = status,
            Progress = WireValues.Percent(wire.Progress) ?? (status == MidjourneyTaskStatus.Succeeded ? 100 : null),

            // Describe has no prompt of its own; some servers put its result in prompt, which belongs in Prompts.
            Prompt = action == MidjourneyAction.Describe ? null : NullIfEmpty(wire.Prompt) ?? NullIfEmpty(wire.PromptEn),
            ImageUrl = imageUrl,
            ImageUrls = imageUrls,
            VideoUrls = VideoUrls(wire),
            Prompts = status == MidjourneyTaskStatus.Succeeded ? TextResult(wire, action) : [],
            FailureReason = failureReason,

            // MJ-Proxy sends no failure code: a refusal during generation is only said in failReason ("[Banned prompt detected] ...").
            FailureCode = ContentRefusal.FailureCode(status == MidjourneyTaskStatus.Failed && ContentRefusal.Says(failureReason), providerCode: null),
            Seed = NullIfEmpty(wire.Seed),
            AvailableActions = succeeded ? MjProxyAvailableActions.Parse(wire.Buttons) : [],
            SubmittedAt = WireValues.Timestamp(wire.SubmitTime),
            StartedAt = WireValues.Timestamp(wire.StartTime),
            FinishedAt = WireValues.Timestamp(wire.FinishTime),
            ParentTaskId = NullIfEmpty(wire.ParentId),
            RawPayload = rawJson,
        };
    }

    public MidjourneyTaskStatus MapStatus(string? status) => status?.ToUpperInvariant() switch
    {
        "NOT_START" or "SUBMITTED" => MidjourneyTaskStatus.Pending,
        "IN_PROGRESS" => MidjourneyTaskStatus.InProgress,
        "MODAL" => MidjourneyTaskStatus.NeedsInput,
        "SUCCESS" => MidjourneyTaskStatus.Succeeded,
        "FAILURE" => MidjourneyTaskStatus.Failed,
        "CANCEL" => MidjourneyTaskStatus.Canceled,
        _ => _unknownStatuses.Report(status),
    };

    /// <summary>The action names of the open-source servers and their forks; an open set, so anything else is Other.</summary>
    public static MidjourneyAction MapAction(string? action) => action?.ToUpperInvariant() switch
    {
        "IMAGINE" => MidjourneyAction.Imagine,
        "UPSCALE" => MidjourneyAction.Upscale,
        "VARIATION" => MidjourneyAction.Variation,
        "REROLL" => MidjourneyAction.Reroll,
        "INPAINT" => MidjourneyAction.Inpaint,
        "ZOOM" or "OUTPAINT" => MidjourneyAction.Outpaint,
        "PAN" => MidjourneyAction.Pan,
        "DESCRIBE" => MidjourneyAction.Describe,
        "BLEND" => MidjourneyAction.Blend,
        "SHORTEN" => MidjourneyAction.Shorten,
        // An extend through /mj/submit/video reads VIDEO; VIDEO_EXTEND is what trueai-org's servers of mid-2025 called a
        // pressed extend button (the name is still in their enum).
        "VIDEO" or "VIDEO_EXTEND" => MidjourneyAction.Video,
        _ => MidjourneyAction.Other,
    };

    /// <summary>Describe's four prompts and shorten's suggestions, from <c>properties.finalPrompt</c> (describe: else <c>promptEn</c>/<c>prompt</c>).</summary>
    private static IReadOnlyList<string> TextResult(MjProxyTask wire, MidjourneyAction action) => action switch
    {
        MidjourneyAction.Describe => DescribePromptParser.Parse(FinalPrompt(wire) ?? NullIfEmpty(wire.PromptEn) ?? wire.Prompt),
        MidjourneyAction.Shorten => DescribePromptParser.Parse(FinalPrompt(wire)),
        _ => [],
    };

    private static string? FinalPrompt(MjProxyTask wire) =>
        wire.Properties is { ValueKind: JsonValueKind.Object } properties
            && properties.TryGetProperty("finalPrompt", out JsonElement value)
            && value.ValueKind == JsonValueKind.String
            ? NullIfEmpty(value.GetString())
            : null;

    /// <summary><c>imageUrls</c> holds strings on some servers and <c>{url, thumbnail}</c> objects on others.</summary>
    private static IReadOnlyList<Uri> ImageUrls(JsonElement? value)
    {
        if (value is not { ValueKind: JsonValueKind.Array } array)
        {
            return [];
        }

        return WireValues.Urls(array.EnumerateArray().Select(item => item.ValueKind switch
        {
            JsonValueKind.String => item.GetString(),
            JsonValueKind.Object when item.TryGetProperty("url", out JsonElement url) && url.ValueKind == JsonValueKind.String => url.GetString(),
            _ => null,
        }));
    }

    /// <summary><c>videoUrls</c> (strings or <c>{url, thumbnail}</c>), else the single <c>videoUrl</c>; empty for image tasks.</summary>
    private static IReadOnlyList<Uri> VideoUrls(MjProxyTask wire)
    {
        IReadOnlyList<Uri> urls = ImageUrls(wire.VideoUrls);
        if (urls.Count > 0)
        {
            return urls;
        }

        return WireValues.Url(wire.VideoUrl) is { } url ? [url] : [];
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
