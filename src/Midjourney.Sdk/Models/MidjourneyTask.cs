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

    /// <summary>
    /// Completion in percent (0..100): 100 once the task <see cref="MidjourneyTaskStatus.Succeeded"/> on every provider; while it runs, the
    /// provider's figure (GoAPI, MJ-Proxy), or <see langword="null"/> where the provider reports none (APIXO, midapi). A failed or canceled
    /// task keeps the last figure the provider reported, or null.
    /// </summary>
    public int? Progress { get; init; }

    /// <summary>
    /// The prompt the task runs, as the provider reports it for this task; never empty: <see langword="null"/> when none is reported.
    /// A follow-up (upscale, variation ...) has the prompt sent with it when the provider reports one; without one, MJ-Proxy repeats the
    /// parent's prompt, APIXO gives the prompt this client sent (the parent's, for a follow-up sent without one; null for a task this
    /// client did not submit), and GoAPI and midapi report none (null). Describe tasks have none: their output is in <see cref="Prompts"/>.
    /// </summary>
    public string? Prompt { get; init; }

    /// <summary>
    /// The one image that shows the whole result: the 2x2 grid of a grid task (imagine, variation, reroll, pan, zoom, inpaint, blend),
    /// the image of a single-image task (an upscale). <see langword="null"/> until the task succeeds, and for a grid task on a provider that
    /// returns only the four separate images and no grid (APIXO, midapi): those are in <see cref="ImageUrls"/>.
    /// GoAPI caches it about 5 days (see <see cref="ExpiresAt"/>).
    /// </summary>
    public Uri? ImageUrl { get; init; }

    /// <summary>
    /// The separate images: the four of a grid task when the provider gives them (always on APIXO and midapi; GoAPI and MJ-Proxy servers
    /// that do not split the grid give none, and then only <see cref="ImageUrl"/> holds the result), the one image of an upscale (the same
    /// URL as <see cref="ImageUrl"/>). Never null; empty until the task succeeds and for tasks without images.
    /// </summary>
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

    /// <summary>
    /// Why the task failed, as a code: <see cref="MidjourneyFailureCodes.ContentPolicy"/> for a refusal under the content policy on every
    /// provider; otherwise the provider's own code (as <see cref="ProviderFailureCode"/>), or <see langword="null"/> when it gives none.
    /// </summary>
    public string? FailureCode { get; init; }

    /// <summary>
    /// The provider's own failure code, exactly as sent (APIXO's <c>failCode</c>, midapi's <c>errorCode</c> or callback code);
    /// <see langword="null"/> when it gives none (GoAPI and MJ-Proxy report only a message).
    /// </summary>
    public string? ProviderFailureCode { get; init; }

    /// <summary>
    /// The seed Midjourney drew the images with (<c>--seed</c> reproduces them), as the provider reports it: GoAPI's
    /// <c>task_result.seed</c>, MJ-Proxy's <c>seed</c> (trueai-org servers). <see langword="null"/> when the provider gives none
    /// (APIXO, midapi, servers that report it only through <c>GET /mj/task/{id}/image-seed</c>).
    /// </summary>
    public string? Seed { get; init; }

    /// <summary>
    /// The follow-ups the finished task offers (its buttons: U1..U4, V1..V4, reroll, vary, zoom, pan ...), as the provider lists them:
    /// GoAPI's <c>task_result.actions</c>, MJ-Proxy's <c>buttons</c>. Never null; empty while the task runs and on providers that list
    /// none (APIXO, midapi: a grid there still takes upscale and variation 1..4).
    /// </summary>
    public IReadOnlyList<MidjourneyAvailableAction> AvailableActions { get; init; } = [];

    /// <summary>
    /// An estimate of when the provider stops serving the result's URLs: <see cref="FinishedAt"/> plus the provider's stated retention
    /// (GoAPI caches images about 5 days; APIXO and midapi keep results 15 days). <see langword="null"/> for a task without a result,
    /// when the finish time is unknown, and on MJ-Proxy, whose relays state no retention. Download what you want to keep before then.
    /// </summary>
    public DateTimeOffset? ExpiresAt { get; init; }

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
