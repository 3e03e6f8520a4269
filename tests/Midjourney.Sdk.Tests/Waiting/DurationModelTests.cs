using Midjourney.Sdk.Waiting;

namespace Midjourney.Sdk.Tests.Waiting;

/// <summary>
/// <see cref="DurationModel"/>, the lognormal of task durations, against its definitions: the CDF at the median, the
/// partial mean and the lateness mass against numeric integration, masses that add up, nothing negative.
/// </summary>
public sealed class DurationModelTests
{
    public static TheoryData<double, double> Models => new()
    {
        { 45, 0.7 },
        { 10, 0.15 },
        { 300, 1.5 },
        { 1, 0.5 },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Cdf_AtTheMedian_IsOneHalf(double median, double sigma)
    {
        var model = DurationModel.FromMedian(median, sigma);

        Assert.Equal(median, model.Median, 9);
        Assert.Equal(0.5, model.Cdf(median), 1e-6);
        Assert.Equal(0, model.Cdf(0));
        Assert.Equal(0, model.Cdf(-1));
        Assert.Equal(1, model.Cdf(double.PositiveInfinity));
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Cdf_IsIncreasingFromZeroToOne(double median, double sigma)
    {
        var model = DurationModel.FromMedian(median, sigma);
        double previous = 0;
        for (double x = median / 100; x < median * 100; x *= 1.1)
        {
            double p = model.Cdf(x);
            Assert.InRange(p, previous, 1);
            previous = p;
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Mass_OfAdjacentRanges_SumsToTheWhole(double median, double sigma)
    {
        var model = DurationModel.FromMedian(median, sigma);
        double[] cuts = [0, median / 3, median, median * 2, median * 10, double.PositiveInfinity];

        double total = cuts.Zip(cuts.Skip(1), model.Mass).Sum();

        Assert.Equal(1, total, 1e-9);
        Assert.Equal(0, model.Mass(median, median));
        Assert.Equal(0, model.Mass(median * 2, median));
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void PartialMean_MatchesNumericIntegration(double median, double sigma)
    {
        var model = DurationModel.FromMedian(median, sigma);
        double mean = Math.Exp(model.Mu + (sigma * sigma / 2));

        Assert.Equal(mean, model.PartialMean(double.PositiveInfinity), mean * 1e-9);
        Assert.Equal(0, model.PartialMean(0));
        foreach (double x in new[] { median / 2, median, median * 3 })
        {
            // E[D; D ≤ x] = ∫ t dF(t), by the midpoint rule over the CDF.
            double integral = Integrate(model, 1e-9, x, t => t);
            Assert.Equal(integral, model.PartialMean(x), Math.Max(1e-6, integral * 1e-3));
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void LagMass_MatchesItsDefinitionAndIsNeverNegative(double median, double sigma)
    {
        var model = DurationModel.FromMedian(median, sigma);
        double[] points = [0, median / 4, median / 2, median, median * 1.5, median * 4];
        foreach (double lo in points)
        {
            foreach (double hi in points.Append(double.PositiveInfinity))
            {
                foreach (double x in points)
                {
                    double lag = model.LagMass(x, lo, hi);
                    Assert.True(lag >= 0, $"LagMass({x}, {lo}, {hi}) = {lag}");

                    // E[(x - D); lo < D ≤ min(x, hi)].
                    double top = Math.Min(x, hi);
                    double expected = top > lo ? Integrate(model, lo, top, t => x - t) : 0;
                    Assert.Equal(expected, lag, Math.Max(1e-6, expected * 1e-3));
                }
            }
        }
    }

    [Fact]
    public void LagMass_GrowsWithTheLookTime()
    {
        var model = DurationModel.FromMedian(45, 0.7);
        double previous = 0;
        for (double x = 1; x < 600; x += 3)
        {
            double lag = model.LagMass(x, 0, double.PositiveInfinity);
            Assert.True(lag >= previous, $"LagMass({x}) = {lag} < {previous}");
            previous = lag;
        }
    }

    /// <summary>∫ f dF over (lo, hi] by the midpoint rule on a log grid, with the model's own CDF as the measure.</summary>
    private static double Integrate(DurationModel model, double lo, double hi, Func<double, double> f)
    {
        const int Steps = 20000;
        double a = Math.Max(lo, 1e-9);
        double sum = 0;
        double logA = Math.Log(a), logB = Math.Log(hi);
        double previousX = a, previousP = model.Cdf(a);
        for (int i = 1; i <= Steps; i++)
        {
            double xi = Math.Exp(logA + ((logB - logA) * i / Steps));
            double p = model.Cdf(xi);
            sum += f((previousX + xi) / 2) * (p - previousP);
            previousX = xi;
            previousP = p;
        }

        return sum;
    }
}
