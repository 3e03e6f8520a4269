using Microsoft.Extensions.Logging;

namespace Midjourney.Sdk.Redis;

/// <summary>The backplane's log messages. None quotes the connection string (it may hold a password) or a task's content.</summary>
internal static partial class Log
{
    [LoggerMessage(401, LogLevel.Warning, "The Redis backplane of Midjourney client '{ClientName}' ({Provider}) cannot reach Redis ({Reason}); this instance tracks its own tasks alone until Redis returns")]
    public static partial void WorkingAlone(ILogger logger, string clientName, MidjourneyProvider provider, string reason);

    [LoggerMessage(402, LogLevel.Information, "The Redis backplane of Midjourney client '{ClientName}' ({Provider}) reaches Redis again; updates are shared with the other instances")]
    public static partial void Rejoined(ILogger logger, string clientName, MidjourneyProvider provider);

    [LoggerMessage(403, LogLevel.Warning, "The Redis backplane could not get its connection ({Reason}); every instance tracks its own tasks alone")]
    public static partial void ConnectionUnavailable(ILogger logger, string reason);

    [LoggerMessage(404, LogLevel.Debug, "A Redis backplane message on channel {Channel} could not be read ({Reason}); ignored")]
    public static partial void MessageUnreadable(ILogger logger, string channel, string reason);

    [LoggerMessage(405, LogLevel.Information, "The Redis backplane of Midjourney client '{ClientName}' ({Provider}) resumed tracking {Count} unfinished task(s) recorded before a restart or by a stopped instance")]
    public static partial void Resumed(ILogger logger, string clientName, MidjourneyProvider provider, int count);

    [LoggerMessage(406, LogLevel.Warning, "The Redis record of task {TaskId} could not be read ({Reason}); it is not resumed")]
    public static partial void RecordUnreadable(ILogger logger, string taskId, string reason);

    [LoggerMessage(407, LogLevel.Debug, "The Redis backplane of Midjourney client '{ClientName}' ({Provider}) did not give up its {Count} lease(s) as the host stopped ({Reason}); they expire by themselves")]
    public static partial void LeasesNotReleased(ILogger logger, string clientName, MidjourneyProvider provider, int count, string reason);
}
