namespace Midjourney.Sdk.Waiting;

/// <summary>
/// A lognormal model of how long a kind of task takes from submit to result, in seconds: job durations are skewed
/// (most finish near the median, a few take many times longer), which a lognormal describes with two numbers.
/// </summary>
/// <param name="Mu">The mean of the log of the duration (the log of the median).</param>
/// <param name="Sigma">The spread of the log of the duration.</param>
internal readonly record struct DurationModel(double Mu, double Sigma)
{
    public static DurationModel FromMedian(double medianSeconds, double sigma) => new(Math.Log(medianSeconds), sigma);

    public double Median => Math.Exp(Mu);

    /// <summary>P(D ≤ x).</summary>
    public double Cdf(double x) => x <= 0 ? 0 : double.IsPositiveInfinity(x) ? 1 : Normal.Cdf((Math.Log(x) - Mu) / Sigma);

    /// <summary>E[D; D ≤ x]: the part of the mean contributed by durations up to x.</summary>
    public double PartialMean(double x) => x <= 0
        ? 0
        : Math.Exp(Mu + (Sigma * Sigma / 2)) * (double.IsPositiveInfinity(x) ? 1 : Normal.Cdf((Math.Log(x) - Mu - (Sigma * Sigma)) / Sigma));

    /// <summary>P(lo &lt; D ≤ hi).</summary>
    public double Mass(double lo, double hi) => hi > lo ? Cdf(hi) - Cdf(lo) : 0;

    /// <summary>E[(x - D); lo &lt; D ≤ min(x, hi)]: how late a look at x finds the tasks that finished in (lo, hi], in total.</summary>
    public double LagMass(double x, double lo, double hi)
    {
        double top = Math.Min(x, hi);
        return top > lo ? Math.Max(0, (x * (Cdf(top) - Cdf(lo))) - (PartialMean(top) - PartialMean(lo))) : 0;
    }
}
