namespace Midjourney.Sdk.Providers;

/// <summary>How long each provider says it serves a result (PROTOCOLS.md section 5), for <see cref="MidjourneyTask.ExpiresAt"/>.</summary>
internal static class ResultRetention
{
    /// <summary>GoAPI caches <c>image_url</c> for about 5 days.</summary>
    public static readonly TimeSpan GoApi = TimeSpan.FromDays(5);

    /// <summary>APIXO and midapi keep results 15 days.</summary>
    public static readonly TimeSpan FifteenDays = TimeSpan.FromDays(15);

    /// <summary>The finish time plus the retention, for a task that succeeded with something to download; else null.</summary>
    public static DateTimeOffset? ExpiresAt(MidjourneyTaskStatus status, DateTimeOffset? finishedAt, bool hasResult, TimeSpan retention) =>
        status == MidjourneyTaskStatus.Succeeded && hasResult && finishedAt is { } finished ? finished + retention : null;
}
