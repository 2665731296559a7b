namespace Wfm.Core.Staffing.Simulation;

/// <summary>Mean over replications with a two-sided Student-t confidence interval [Low, High].</summary>
public readonly record struct Estimate(double Mean, double Low, double High)
{
    public double HalfWidth => (High - Low) / 2;

    public bool Contains(double value) => value >= Low && value <= High;

    public static Estimate From(ReadOnlySpan<double> samples, double confidence)
    {
        var n = 0;
        var mean = 0.0;
        var m2 = 0.0;
        foreach (var x in samples)
        {
            if (double.IsNaN(x))
            {
                continue;
            }

            n++;
            var d = x - mean;
            mean += d / n;
            m2 += d * (x - mean);
        }

        if (n == 0)
        {
            return new Estimate(double.NaN, double.NaN, double.NaN);
        }

        if (n == 1)
        {
            return new Estimate(mean, mean, mean);
        }

        var half = StudentT.Quantile((1 + confidence) / 2, n - 1) * Math.Sqrt(m2 / (n - 1) / n);
        return new Estimate(mean, mean - half, mean + half);
    }
}
