namespace Midjourney.Sdk.Waiting;

/// <summary>
/// What one client has seen of its tasks' durations, per <see cref="TaskKind"/>: an exponentially weighted estimate of the
/// lognormal's parameters that starts at the provider's guidance and follows the recent tasks (about the last
/// <see cref="Window"/>), so a change of speed or load is picked up. Not thread-safe: the tracker calls it under its lock.
/// </summary>
internal sealed class DurationLearner(TimeSpan typicalFastDuration)
{
    /// <summary>How many recent tasks the estimate mostly reflects.</summary>
    public const int Window = 50;

    /// <summary>The guidance counts as this many tasks, so the first real ones move the estimate quickly.</summary>
    public const double PriorWeight = 2;

    /// <summary>Job durations of one kind typically spread by about a factor of two (σ of the log).</summary>
    public const double PriorSigma = 0.7;

    private const double MinSigma = 0.15;
    private const double MaxSigma = 1.5;
    private const double LongestSeconds = 24 * 3600;

    private readonly Dictionary<TaskKind, Estimate> _estimates = [];

    /// <summary>The current model for a kind of task.</summary>
    public DurationModel For(TaskKind kind) => _estimates.TryGetValue(kind, out Estimate estimate)
        ? new DurationModel(estimate.Mean, Math.Clamp(Math.Sqrt(estimate.Variance), MinSigma, MaxSigma))
        : Prior(kind);

    /// <summary>Learns from one task of this kind that took <paramref name="seconds"/> from submit to result.</summary>
    public void Learn(TaskKind kind, double seconds)
    {
        if (!(seconds > 0 && seconds < LongestSeconds))
        {
            return;
        }

        if (!_estimates.TryGetValue(kind, out Estimate estimate))
        {
            DurationModel prior = Prior(kind);
            estimate = new Estimate(PriorWeight, prior.Mu, prior.Sigma * prior.Sigma);
        }

        double x = Math.Log(seconds);
        double count = estimate.Count + 1;
        double weight = 1 / Math.Min(count, Window);
        double delta = x - estimate.Mean;
        _estimates[kind] = new Estimate(count, estimate.Mean + (weight * delta), (1 - weight) * (estimate.Variance + (weight * delta * delta)));
    }

    /// <summary>The provider's guidance, scaled for speed (relax queues longer, turbo runs faster) and for text-only jobs.</summary>
    private DurationModel Prior(TaskKind kind)
    {
        double median = typicalFastDuration.TotalSeconds * kind.Speed switch
        {
            MidjourneySpeed.Relax => 2,
            MidjourneySpeed.Turbo => 0.5,
            _ => 1,
        };
        if (kind.Action is MidjourneyAction.Describe or MidjourneyAction.Shorten)
        {
            median *= 0.3;
        }

        return DurationModel.FromMedian(Math.Max(1, median), PriorSigma);
    }

    private readonly record struct Estimate(double Count, double Mean, double Variance);
}
