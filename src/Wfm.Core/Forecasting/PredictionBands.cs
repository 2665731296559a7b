namespace Wfm.Core.Forecasting;

/// <summary>
/// Prediction intervals around an interval forecast f: variance f + c·f², Poisson noise plus a share
/// of f that the model gets wrong (level and shape errors), where c is estimated for each horizon day
/// from backtest errors by the method of moments. Bounds are f ± z·√variance, floored at 0.
/// </summary>
public static class PredictionBands
{
    public static (double Lower, double Upper) Around(double forecast, double dispersion, double level)
    {
        if (!(forecast > 0))
        {
            return (0, 0);
        }

        var z = NormalQuantile(0.5 + (level / 2));
        var spread = z * Math.Sqrt(forecast + (dispersion * forecast * forecast));
        return (Math.Max(0, forecast - spread), forecast + spread);
    }

    /// <summary>Inverse of the standard normal distribution (Acklam's rational approximation, |error| &lt; 1.2e-9 after one Newton step).</summary>
    public static double NormalQuantile(double p)
    {
        if (!(p > 0 && p < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "must be strictly between 0 and 1");
        }

        double[] a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        double[] b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        double[] c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        double[] d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        double x;
        if (p < 0.02425)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            x = (((((((c[0] * q) + c[1]) * q) + c[2]) * q) + c[3]) * q + c[4]) * q + c[5];
            x /= ((((((d[0] * q) + d[1]) * q) + d[2]) * q) + d[3]) * q + 1;
        }
        else if (p <= 1 - 0.02425)
        {
            var q = p - 0.5;
            var r = q * q;
            x = (((((((a[0] * r) + a[1]) * r) + a[2]) * r) + a[3]) * r + a[4]) * r + a[5];
            x = x * q / ((((((((b[0] * r) + b[1]) * r) + b[2]) * r) + b[3]) * r + b[4]) * r + 1);
        }
        else
        {
            var q = Math.Sqrt(-2 * Math.Log(1 - p));
            x = -((((((((c[0] * q) + c[1]) * q) + c[2]) * q) + c[3]) * q + c[4]) * q + c[5]);
            x /= ((((((d[0] * q) + d[1]) * q) + d[2]) * q) + d[3]) * q + 1;
        }

        // One Newton step on the normal CDF.
        var e = (0.5 * Erfc(-x / Math.Sqrt(2))) - p;
        var u = e * Math.Sqrt(2 * Math.PI) * Math.Exp(x * x / 2);
        return x - (u / (1 + (x * u / 2)));
    }

    private static double Erfc(double x)
    {
        // Numerical Recipes' erfc (Chebyshev fit), fractional error below 1.2e-7.
        double[] coefficients = [-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851973, -0.82215223, 0.17087277];
        var z = Math.Abs(x);
        var t = 1 / (1 + (0.5 * z));
        var poly = 0.0;
        for (var i = coefficients.Length - 1; i >= 0; i--)
        {
            poly = (poly * t) + coefficients[i];
        }

        var r = t * Math.Exp((-z * z) + poly);
        return x >= 0 ? r : 2 - r;
    }
}

/// <summary>Moment sums for the dispersion c of one horizon day: Σ((a − f)² − f) and Σ f².</summary>
internal sealed class BandTally
{
    private double _excess;
    private double _squares;

    public void Add(double actual, double forecast)
    {
        if (forecast > 0)
        {
            var e = actual - forecast;
            _excess += (e * e) - forecast;
            _squares += forecast * forecast;
        }
    }

    public void Add(BandTally other)
    {
        _excess += other._excess;
        _squares += other._squares;
    }

    private double Dispersion => _squares > 0 ? Math.Max(0, _excess / _squares) : double.NaN;

    /// <summary>Per-horizon dispersions, made non-decreasing with the horizon (errors do not shrink further out) and filled where a day had no data.</summary>
    public static IReadOnlyList<double> Smooth(IReadOnlyList<BandTally> byDay)
    {
        var result = new double[byDay.Count];
        var first = byDay.Select(b => b.Dispersion).FirstOrDefault(c => !double.IsNaN(c), 0);
        var running = first;
        for (var h = 0; h < byDay.Count; h++)
        {
            var c = byDay[h].Dispersion;
            running = double.IsNaN(c) ? running : Math.Max(running, c);
            result[h] = running;
        }

        return result;
    }
}
