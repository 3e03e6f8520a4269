namespace Midjourney.Sdk.Telemetry;

/// <summary>
/// The names of the tags, events and values the SDK's activities and metrics use: the OpenTelemetry GenAI and general
/// conventions where one applies (<c>gen_ai.*</c>, <c>server.*</c>, <c>error.type</c>), <c>midjourney.*</c> for the rest.
/// </summary>
internal static class TelemetryTags
{
    /// <summary>GenAI convention: the operation; <see cref="GenerateContent"/> for every submit.</summary>
    public const string OperationName = "gen_ai.operation.name";

    /// <summary>GenAI convention: who serves the model; the relay (<c>goapi</c>, <c>mj_proxy</c>, <c>apixo</c>, <c>midapi</c>).</summary>
    public const string ProviderName = "gen_ai.provider.name";

    /// <summary>GenAI convention: what a submit makes: <c>image</c>, <c>video</c>, or <c>text</c> (describe, shorten).</summary>
    public const string OutputType = "gen_ai.output.type";

    /// <summary>General convention: the relay's host name (never its user info, path or query).</summary>
    public const string ServerAddress = "server.address";

    /// <summary>General convention: the relay's port.</summary>
    public const string ServerPort = "server.port";

    /// <summary>General convention: what went wrong, as the exception's full type name.</summary>
    public const string ErrorType = "error.type";

    /// <summary>The Midjourney action: <c>imagine</c>, <c>upscale</c>, ... (lower case).</summary>
    public const string Action = "midjourney.action";

    /// <summary>The provider's task id (on activities only: never a metric tag).</summary>
    public const string TaskId = "midjourney.task.id";

    /// <summary>The task a follow-up acts on (on activities only).</summary>
    public const string ParentTaskId = "midjourney.task.parent_id";

    /// <summary>A task's status: <c>pending</c>, <c>in_progress</c>, <c>needs_input</c>, <c>succeeded</c>, <c>failed</c>, <c>canceled</c>.</summary>
    public const string Status = "midjourney.task.status";

    /// <summary>A task's progress, 0..100, when the provider reports it.</summary>
    public const string Progress = "midjourney.task.progress";

    /// <summary>How a wait ended: a final status, <c>timeout</c>, <c>canceled</c> or <c>error</c>.</summary>
    public const string WaitOutcome = "midjourney.wait.outcome";

    /// <summary>How many tasks a wait on several tasks waits for.</summary>
    public const string WaitTaskCount = "midjourney.wait.task_count";

    /// <summary>Whether a status request asked about several tasks at once.</summary>
    public const string Batch = "midjourney.status.batch";

    /// <summary>How many tasks a status request asked about.</summary>
    public const string TaskCount = "midjourney.status.task_count";

    /// <summary>Whether a retried call was a <c>read</c> or a billable <c>submit</c>.</summary>
    public const string CallKind = "midjourney.call.kind";

    /// <summary>What became of a callback: <c>accepted</c>, <c>repeat</c> (nothing new) or <c>refused</c>.</summary>
    public const string CallbackOutcome = "midjourney.callback.outcome";

    /// <summary>Why a callback was refused: <c>not_authentic</c>, <c>unreadable</c>, <c>too_large</c>.</summary>
    public const string CallbackRefusal = "midjourney.callback.refusal";

    /// <summary>The event added to a wait's activity for each state of its task it sees.</summary>
    public const string StatusEvent = "midjourney.task.status";

    /// <summary>The GenAI operation of every submit: multimodal content generation.</summary>
    public const string GenerateContent = "generate_content";
}
