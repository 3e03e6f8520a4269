using System.Text.Json.Serialization;

namespace Midjourney.Sdk.Redis;

/// <summary>
/// A task update as published on a backplane channel: the task's public state, without its raw payload (a provider's body
/// may echo a secret), and the id of the instance that published it. The channel says the client name and provider.
/// </summary>
internal sealed class TaskMessage
{
    [JsonPropertyName("from")]
    public required string Instance { get; init; }

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("action")]
    public MidjourneyAction Action { get; init; }

    [JsonPropertyName("status")]
    public MidjourneyTaskStatus Status { get; init; }

    [JsonPropertyName("progress")]
    public int? Progress { get; init; }

    [JsonPropertyName("prompt")]
    public string? Prompt { get; init; }

    [JsonPropertyName("imageUrl")]
    public Uri? ImageUrl { get; init; }

    [JsonPropertyName("imageUrls")]
    public IReadOnlyList<Uri>? ImageUrls { get; init; }

    [JsonPropertyName("videoUrls")]
    public IReadOnlyList<Uri>? VideoUrls { get; init; }

    [JsonPropertyName("prompts")]
    public IReadOnlyList<string>? Prompts { get; init; }

    [JsonPropertyName("failureReason")]
    public string? FailureReason { get; init; }

    [JsonPropertyName("failureCode")]
    public string? FailureCode { get; init; }

    [JsonPropertyName("providerFailureCode")]
    public string? ProviderFailureCode { get; init; }

    [JsonPropertyName("seed")]
    public string? Seed { get; init; }

    [JsonPropertyName("availableActions")]
    public IReadOnlyList<MidjourneyAvailableAction>? AvailableActions { get; init; }

    [JsonPropertyName("expiresAt")]
    public DateTimeOffset? ExpiresAt { get; init; }

    [JsonPropertyName("submittedAt")]
    public DateTimeOffset? SubmittedAt { get; init; }

    [JsonPropertyName("startedAt")]
    public DateTimeOffset? StartedAt { get; init; }

    [JsonPropertyName("finishedAt")]
    public DateTimeOffset? FinishedAt { get; init; }

    [JsonPropertyName("parentTaskId")]
    public string? ParentTaskId { get; init; }

    public static TaskMessage From(MidjourneyTask task, string instanceId) => new()
    {
        Instance = instanceId,
        Id = task.Id,
        Action = task.Action,
        Status = task.Status,
        Progress = task.Progress,
        Prompt = task.Prompt,
        ImageUrl = task.ImageUrl,
        ImageUrls = task.ImageUrls.Count > 0 ? task.ImageUrls : null,
        VideoUrls = task.VideoUrls.Count > 0 ? task.VideoUrls : null,
        Prompts = task.Prompts.Count > 0 ? task.Prompts : null,
        FailureReason = task.FailureReason,
        FailureCode = task.FailureCode,
        ProviderFailureCode = task.ProviderFailureCode,
        Seed = task.Seed,
        AvailableActions = task.AvailableActions.Count > 0 ? task.AvailableActions : null,
        ExpiresAt = task.ExpiresAt,
        SubmittedAt = task.SubmittedAt,
        StartedAt = task.StartedAt,
        FinishedAt = task.FinishedAt,
        ParentTaskId = task.ParentTaskId,
    };

    public MidjourneyTask ToTask(MidjourneyProvider provider) => new()
    {
        Id = Id,
        Provider = provider,
        Action = Action,
        Status = Status,
        Progress = Progress,
        Prompt = Prompt,
        ImageUrl = ImageUrl,
        ImageUrls = ImageUrls ?? [],
        VideoUrls = VideoUrls ?? [],
        Prompts = Prompts ?? [],
        FailureReason = FailureReason,
        FailureCode = FailureCode,
        ProviderFailureCode = ProviderFailureCode,
        Seed = Seed,
        AvailableActions = AvailableActions ?? [],
        ExpiresAt = ExpiresAt,
        SubmittedAt = SubmittedAt,
        StartedAt = StartedAt,
        FinishedAt = FinishedAt,
        ParentTaskId = ParentTaskId,
    };
}

/// <summary>The backplane's JSON, source-generated (no reflection): enums as their names.</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TaskMessage))]
internal sealed partial class RedisJsonContext : JsonSerializerContext;
