namespace Midjourney.Sdk.Waiting;

/// <summary>The standard normal distribution's CDF (the BCL has no erf).</summary>
internal static class Normal
{
    /// <summary>Φ(z), with a relative error below 1.2e-7 everywhere (Numerical Recipes' Chebyshev fit of erfc).</summary>
    public static double Cdf(double z) => 0.5 * Erfc(-z / Math.Sqrt(2));

    private static readonly double[] Coefficients =
        [-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277];

    private static double Erfc(double x)
    {
        double z = Math.Abs(x);
        double t = 1 / (1 + (0.5 * z));
        double poly = 0;
        for (int i = Coefficients.Length - 1; i >= 0; i--)
        {
            poly = Coefficients[i] + (t * poly);
        }

        double r = t * Math.Exp(-(z * z) + poly);
        return x >= 0 ? r : 2 - r;
    }
}
