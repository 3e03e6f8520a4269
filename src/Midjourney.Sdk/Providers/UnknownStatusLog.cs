using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Midjourney.Sdk.Http;

namespace Midjourney.Sdk.Providers;

/// <summary>Logs each unknown status string once per adapter, so a new provider status is noticed without flooding the log.</summary>
internal sealed class UnknownStatusLog(MidjourneyProvider provider, ILogger logger)
{
    private readonly ConcurrentDictionary<string, bool> _seen = new(StringComparer.OrdinalIgnoreCase);

    public MidjourneyTaskStatus Report(string? status)
    {
        if (_seen.TryAdd(status ?? "", true))
        {
            Log.UnknownStatus(logger, provider, status ?? "(none)");
        }

        return MidjourneyTaskStatus.InProgress;
    }
}
