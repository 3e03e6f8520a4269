using Microsoft.Extensions.Logging;

namespace Midjourney.Sdk.AspNetCore;

/// <summary>
/// The endpoint's log messages, under the category <see cref="Category"/>. None carries the body, a header value or the
/// query string: a callback's secret travels in a header (GoAPI) and the SDK's token in the query (MJ-Proxy, APIXO, midapi).
/// </summary>
internal static partial class Log
{
    public const string Category = "Midjourney.Sdk.AspNetCore";

    [LoggerMessage(1, LogLevel.Debug, "Accepted a callback about task {TaskId} ({Status})")]
    public static partial void Accepted(ILogger logger, string taskId, MidjourneyTaskStatus status);

    [LoggerMessage(2, LogLevel.Warning, "Refused a callback ({Refusal}, answered {StatusCode}): {Reason}")]
    public static partial void Refused(ILogger logger, MidjourneyWebhookRefusal refusal, int statusCode, string reason);

    [LoggerMessage(3, LogLevel.Error, "Handling a callback failed; answered 500 so that the provider sends it again")]
    public static partial void Failed(ILogger logger, Exception exception);

    [LoggerMessage(4, LogLevel.Debug, "The caller went away before its callback was handled")]
    public static partial void Aborted(ILogger logger);

    [LoggerMessage(5, LogLevel.Warning, "The server refused the callback's request body (answered {StatusCode})")]
    public static partial void BodyRefused(ILogger logger, int statusCode);
}
