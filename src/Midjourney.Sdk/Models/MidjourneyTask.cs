namespace Midjourney.Sdk;

/// <summary>
/// A Midjourney job as any provider reports it: what it runs, where it is, and what it produced.
/// Instances are immutable snapshots; fetch the task again to see it move.
/// </summary>
public sealed record MidjourneyTask
{
    private readonly RawJsonPayload? _rawJson;

    /// <summary>The provider's task id (a string for every provider).</summary>
    public required string Id { get; init; }

    /// <summary>The provider that runs the task.</summary>
    public required MidjourneyProvider Provider { get; init; }

    /// <summary>The kind of job.</summary>
    public MidjourneyAction Action { get; init; }

    /// <summary>Where the task is in its lifecycle.</summary>
    public MidjourneyTaskStatus Status { get; init; }

    /// <summary>Completion in percent (0..100), or <see langword="null"/> when the provider does not report progress.</summary>
    public int? Progress { get; init; }

    /// <summary>The prompt the task runs, as the provider echoes it.</summary>
    public string? Prompt { get; init; }

    /// <summary>The result image: the 2x2 grid for grid jobs, the single image for upscales.</summary>
    public Uri? ImageUrl { get; init; }

    /// <summary>The separate images of a grid when the provider splits them; never null, may be empty.</summary>
    public IReadOnlyList<Uri> ImageUrls { get; init; } = [];

    /// <summary>
    /// The clips of a video task (<see cref="MidjourneyAction.Video"/>) once it succeeded; never null, empty for image tasks
    /// and while a video runs. midapi: the result URLs of an <c>mj_video</c>/<c>mj_video_hd</c> task (record-info's
    /// <c>resultInfoJson.resultUrls</c>, the callback's <c>resultUrls</c>), which then are not in <see cref="ImageUrl"/> or
    /// <see cref="ImageUrls"/>. MJ-Proxy: the task's <c>videoUrls</c> (strings or <c>{url, thumbnail}</c>; the thumbnails are
    /// in <see cref="RawJson"/>), else its single <c>videoUrl</c>. GoAPI and APIXO make no videos: always empty.
    /// </summary>
    public IReadOnlyList<Uri> VideoUrls { get; init; } = [];

    /// <summary>Text results: the four prompts of a describe, the suggestions of a shorten; never null, may be empty.</summary>
    public IReadOnlyList<string> Prompts { get; init; } = [];

    /// <summary>Why the task failed, in the provider's words.</summary>
    public string? FailureReason { get; init; }

    /// <summary>The provider's failure code, when it gives one.</summary>
    public string? FailureCode { get; init; }

    /// <summary>When the provider accepted the task.</summary>
    public DateTimeOffset? SubmittedAt { get; init; }

    /// <summary>When generation started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When the task reached its final status.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>The task this one follows up (the grid an upscale picked from), when known.</summary>
    public string? ParentTaskId { get; init; }

    /// <summary>The provider's last payload for this task, exactly as received.</summary>
    public string? RawJson
    {
        get => _rawJson?.Text;
        init => _rawJson = value is null ? null : new RawJsonPayload(value);
    }

    /// <summary>The same payload as its UTF-8 bytes, decoded only when <see cref="RawJson"/> is read.</summary>
    internal RawJsonPayload? RawPayload
    {
        get => _rawJson;
        init => _rawJson = value;
    }

    /// <summary>Whether the task is final: <see cref="MidjourneyTaskStatus.Succeeded"/>, <see cref="MidjourneyTaskStatus.Failed"/> or <see cref="MidjourneyTaskStatus.Canceled"/>.</summary>
    public bool IsCompleted => Status is MidjourneyTaskStatus.Succeeded or MidjourneyTaskStatus.Failed or MidjourneyTaskStatus.Canceled;
}
