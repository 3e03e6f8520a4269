using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Midjourney.Sdk.Http;

namespace Midjourney.Sdk.Providers;

/// <summary>
/// Logs each unknown status string once per adapter, so a new provider status is noticed without flooding the log.
/// Bounded: a status is logged cut to <see cref="MaxLoggedLength"/> characters, and past <see cref="MaxRemembered"/>
/// distinct statuses no new one is logged, so a misbehaving server, or a forged callback (read before it is verified),
/// cannot grow memory or the log without end.
/// </summary>
internal sealed class UnknownStatusLog(MidjourneyProvider provider, ILogger logger)
{
    /// <summary>How many distinct unknown statuses are remembered (and logged) at most.</summary>
    public const int MaxRemembered = 64;

    /// <summary>How much of a status string is kept and logged.</summary>
    public const int MaxLoggedLength = 64;

    private readonly ConcurrentDictionary<string, bool> _seen = new(StringComparer.OrdinalIgnoreCase);

    public MidjourneyTaskStatus Report(string? status)
    {
        string shown = status is null ? "(none)" : status.Length > MaxLoggedLength ? status[..MaxLoggedLength] + "..." : status;

        // The count is read before adding: under concurrency a few more may get in, which is still a bound.
        if (_seen.Count < MaxRemembered && _seen.TryAdd(status is null ? "" : shown, true))
        {
            Log.UnknownStatus(logger, provider, shown);
        }

        return MidjourneyTaskStatus.InProgress;
    }
}
