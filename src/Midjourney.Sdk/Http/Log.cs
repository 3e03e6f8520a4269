using Microsoft.Extensions.Logging;

namespace Midjourney.Sdk.Http;

/// <summary>The SDK's log messages. None of them carries a header, so the API key never reaches a log.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Debug, "{Provider} {Method} {Url} answered {StatusCode} in {ElapsedMs} ms")]
    public static partial void CallCompleted(ILogger logger, MidjourneyProvider provider, HttpMethod method, Uri url, int statusCode, long elapsedMs);

    [LoggerMessage(2, LogLevel.Warning, "Retrying a {Kind} call (attempt {Attempt}) in {Delay}: {Reason}")]
    public static partial void Retrying(ILogger logger, ApiCallKind kind, int attempt, TimeSpan delay, string? reason);

    [LoggerMessage(3, LogLevel.Warning, "A status check of task {TaskId} failed and will be tried again: {Reason}")]
    public static partial void PollFailed(ILogger logger, string taskId, string reason);

    [LoggerMessage(5, LogLevel.Information, "{Provider} has no usable batch status endpoint here ({Reason}); tasks are checked one request each")]
    public static partial void BatchStatusUnavailable(ILogger logger, MidjourneyProvider provider, string reason);

    [LoggerMessage(6, LogLevel.Error, "A task handler ({Handler}) failed on an update of task {TaskId}")]
    public static partial void TaskHandlerFailed(ILogger logger, Exception exception, string taskId, string handler);

    [LoggerMessage(7, LogLevel.Warning, "The task handlers fell behind by 100,000 updates; the oldest queued update (task {TaskId}) was dropped")]
    public static partial void TaskUpdateDropped(ILogger logger, string taskId);

    [LoggerMessage(8, LogLevel.Debug, "A callback about task {TaskId} repeated or was older than what is known; nothing changed")]
    public static partial void CallbackNotNewer(ILogger logger, string taskId);

    [LoggerMessage(4, LogLevel.Information, "{Provider} reported an unknown task status '{Status}'; treating it as in progress")]
    public static partial void UnknownStatus(ILogger logger, MidjourneyProvider provider, string status);

    [LoggerMessage(9, LogLevel.Warning, "Publishing an update of task {TaskId} to the other instances failed; this instance has it, the others check on their own")]
    public static partial void BackplanePublishFailed(ILogger logger, Exception exception, string taskId);

    [LoggerMessage(10, LogLevel.Warning, "Asking the other instances whether one of them checks task {TaskId} failed; this instance checks it itself")]
    public static partial void BackplaneLeaseFailed(ILogger logger, Exception exception, string taskId);

    [LoggerMessage(11, LogLevel.Debug, "Tracking of task {TaskId}, resumed from the backplane's record, ended without a final state ({Reason})")]
    public static partial void ResumedTrackingEnded(ILogger logger, string taskId, string reason);
}
