namespace Midjourney.Sdk.Providers;

/// <summary>The task a submit just created, as every adapter returns it: pending, with what the caller asked for.</summary>
internal static class AcceptedTask
{
    public static MidjourneyTask Pending(
        MidjourneyProvider provider, string id, MidjourneyAction action, string? prompt, string? parentTaskId, RawJsonPayload rawJson) => new()
    {
        Id = id,
        Provider = provider,
        Action = action,
        Status = MidjourneyTaskStatus.Pending,
        Prompt = string.IsNullOrWhiteSpace(prompt) ? null : prompt, // never "", as on a fetched task
        ParentTaskId = parentTaskId,
        RawPayload = rawJson,
    };
}
