namespace Wfm.Core.Staffing.Simulation;

/// <summary>
/// Patience distribution estimated from history with the Kaplan–Meier estimator: abandoned waits are
/// observed patience, answered waits are censored (the caller would have waited at least that long).
/// Beyond the longest observed abandonment the tail is exponential with the overall hazard
/// (abandonments ÷ total time waited), so no probability mass is lost.
/// </summary>
public sealed class EmpiricalPatience : PatienceDistribution
{
    private readonly double[] _times;
    private readonly double[] _survival;
    private readonly double _tailMean;

    private EmpiricalPatience(double[] times, double[] survival, double tailMean, double mean)
    {
        _times = times;
        _survival = survival;
        _tailMean = tailMean;
        MeanSeconds = mean;
    }

    public override double MeanSeconds { get; }

    /// <summary>Survival S(t) = P(patience &gt; t) at each distinct abandonment time.</summary>
    public IReadOnlyList<(double Seconds, double Survival)> Curve => _times.Zip(_survival).ToArray();

    public static EmpiricalPatience Estimate(IReadOnlyCollection<WaitObservation> observations)
    {
        var abandons = 0;
        var exposure = 0.0;
        foreach (var o in observations)
        {
            if (!(o.WaitSeconds >= 0) || double.IsInfinity(o.WaitSeconds))
            {
                throw new StaffingInputException("waitSeconds", $"must be zero or more seconds, got {o.WaitSeconds}");
            }

            exposure += o.WaitSeconds;
            abandons += o.Abandoned ? 1 : 0;
        }

        if (abandons == 0)
        {
            throw new StaffingInputException("abandoned", "no abandoned contacts in the history: patience cannot be estimated (use Erlang C or give a patience)");
        }

        var sorted = observations.OrderBy(o => o.WaitSeconds).ThenBy(o => o.Abandoned ? 0 : 1).ToArray();
        var times = new List<double>();
        var survival = new List<double>();
        var atRisk = sorted.Length;
        var s = 1.0;
        var mean = 0.0;
        var lastTime = 0.0;
        for (var i = 0; i < sorted.Length;)
        {
            var t = sorted[i].WaitSeconds;
            int deaths = 0, leaving = 0;
            while (i < sorted.Length && sorted[i].WaitSeconds == t)
            {
                deaths += sorted[i].Abandoned ? 1 : 0;
                leaving++;
                i++;
            }

            if (deaths > 0)
            {
                mean += s * (t - lastTime);
                lastTime = t;
                s *= 1 - ((double)deaths / atRisk);
                times.Add(t);
                survival.Add(s);
            }

            atRisk -= leaving;
        }

        var tailMean = exposure / abandons;
        mean += s * tailMean;
        return new EmpiricalPatience([.. times], [.. survival], tailMean, mean);
    }

    internal override double Sample(ref FastRandom random)
    {
        var u = random.NextOpen();
        // The first time at which survival falls to u or below: inverse transform on the step function.
        int lo = 0, hi = _survival.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (_survival[mid] <= u)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        if (lo < _times.Length)
        {
            return _times[lo];
        }

        var last = _times.Length > 0 ? _times[^1] : 0;
        return last + random.Exponential(_tailMean);
    }
}
