using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Midjourney.Sdk.Telemetry;
using Polly;
using Polly.Retry;

namespace Midjourney.Sdk.Http;

/// <summary>
/// Builds the two Polly pipelines of the retry rules: reads retry on any transient failure; submits retry only
/// when the provider provably did not take them. Both honour <c>Retry-After</c>, capped by <see cref="MidjourneyRetryOptions.MaxDelay"/>.
/// Typed on <see cref="ApiAnswer"/>, the one result every attempt produces, so Polly runs them without converting results.
/// </summary>
internal static class RetryPipelineFactory
{
    public static ResiliencePipeline<ApiAnswer> Create(ApiCallKind kind, MidjourneyRetryOptions options, TimeProvider timeProvider, ILogger logger, ClientTelemetry? telemetry = null) =>
        Create<ApiAnswer>(kind, options, timeProvider, logger, telemetry);

    /// <summary>The pipeline of <paramref name="kind"/>'s rules for any result type (downloads use the rules of reads).</summary>
    public static ResiliencePipeline<T> Create<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.All)] T>(
        ApiCallKind kind, MidjourneyRetryOptions options, TimeProvider timeProvider, ILogger logger, ClientTelemetry? telemetry = null)
    {
        if (options.MaxRetries == 0)
        {
            return ResiliencePipeline<T>.Empty;
        }

        TimeSpan maxDelay = options.MaxDelay;
        return new ResiliencePipelineBuilder<T> { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions<T>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = maxDelay,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is MidjourneyException ex && ShouldRetry(kind, ex)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfterOf(args.Outcome.Exception) is TimeSpan wait
                    ? (TimeSpan?)(wait < maxDelay ? wait : maxDelay)
                    : null),
                OnRetry = args =>
                {
                    Log.Retrying(logger, kind, args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception?.Message);
                    telemetry?.Retried(kind, args.Outcome.Exception);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>The retry rules of ARCHITECTURE.md, as one predicate.</summary>
    public static bool ShouldRetry(ApiCallKind kind, MidjourneyException exception)
    {
        if (!exception.IsTransient)
        {
            return false;
        }

        return kind == ApiCallKind.Read
            || exception.NotAccepted
            || exception is MidjourneyRateLimitException;
    }

    private static TimeSpan? RetryAfterOf(Exception? exception) => exception switch
    {
        MidjourneyRateLimitException rate => rate.RetryAfter,
        MidjourneyServiceException service => service.RetryAfter,
        MidjourneyProtocolException page => page.RetryAfter,
        _ => null,
    };
}
