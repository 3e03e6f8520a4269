namespace Midjourney.Sdk.Providers.Apixo;

/// <summary>What the adapter knows about a task it submitted, which APIXO's status answer does not repeat.</summary>
/// <param name="Action">The operation.</param>
/// <param name="Prompt">The prompt sent, or the parent's when the follow-up sent none (when known).</param>
/// <param name="ParentTaskId">The task a follow-up acts on.</param>
/// <param name="Speed">The speed asked for, or the parent's for a follow-up; null when unknown (APIXO's default, fast).</param>
/// <param name="SubmittedAt">When APIXO accepted it, on the client's clock.</param>
internal sealed record ApixoSubmission(MidjourneyAction Action, string? Prompt, string? ParentTaskId, MidjourneySpeed? Speed, DateTimeOffset SubmittedAt);
