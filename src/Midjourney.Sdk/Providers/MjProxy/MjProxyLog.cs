using Microsoft.Extensions.Logging;

namespace Midjourney.Sdk.Providers.MjProxy;

/// <summary>The MJ-Proxy adapter's log messages.</summary>
internal static partial class MjProxyLog
{
    [LoggerMessage(301, LogLevel.Warning, "MJ-Proxy pressed {Button} on task {ParentTaskId} without Midjourney's dialog (remix is off), so the request's {Ignored} was not used")]
    public static partial void InputNotUsed(ILogger logger, string button, string parentTaskId, string ignored);

    [LoggerMessage(302, LogLevel.Information, "MJ-Proxy task {TaskId} waits for Midjourney's dialog, and the request has no prompt for it; it stays in MODAL")]
    public static partial void ModalLeftOpen(ILogger logger, string taskId);

    [LoggerMessage(303, LogLevel.Debug, "MJ-Proxy has no image seed for task {TaskId} yet: {Reason}")]
    public static partial void NoSeedYet(ILogger logger, string taskId, string reason);
}
