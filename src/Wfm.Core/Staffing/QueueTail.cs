namespace Wfm.Core.Staffing;

/// <summary>
/// Exact steady state of a birth–death queue whose states below full capacity are summarised by
/// <c>lower</c> = Σ_{m&lt;S} π_m / π_S, and which above capacity serves at a constant rate
/// <c>fullRate</c> while each waiting contact abandons at rate <c>theta</c> (exponential patience).
/// M/M/n+M (Erlang A) has fullRate = nμ; θ = 0 gives M/M/n (Erlang C).
/// </summary>
/// <remarks>
/// A contact that finds j others waiting is served iff its patience outlasts j+1 departures from the
/// head of the queue. With competing exponentials it is served with probability x/(x+j+1), x = fullRate/θ,
/// and, given that, its wait is a sum of exponentials with rates (x+1)θ … (x+j+1)θ, whose CDF at t is the
/// regularised incomplete beta I_p(j+1, x+1), p = 1 − e^{−θt} (Rényi's representation), i.e. the upper
/// tail of a negative binomial. Everything is summed over the chain's states directly, with rescaling so
/// that loads of thousands of Erlangs neither overflow nor underflow.
/// </remarks>
internal static class QueueTail
{
    private const int MaxTerms = 20_000_000;
    private const double Big = 1e250;
    private static readonly double LnBig = Math.Log(Big);

    public static TailOutcome Evaluate(double lambda, double lower, double fullRate, double theta, double threshold)
    {
        if (lambda <= 0)
        {
            return TailOutcome.NoTraffic;
        }

        if (theta <= 0)
        {
            return Impatient(lambda, lower, fullRate, threshold);
        }

        var x = fullRate / theta;
        var y = lambda / theta;
        var p = -double.ExpM1(-theta * threshold);
        var b = x + 1;
        var lnNb = -theta * threshold * b;
        var logMode = lnNb < -700;
        var nb = logMode ? 0 : Math.Exp(lnNb);
        var nbCdf = nb;
        double w = 1, sw = 0, sq = 0, sServed = 0, sWithin = 0, sWaitServed = 0, h = 0, lnScale = 0;
        var mode = y - x;
        for (var j = 0; ; j++)
        {
            if (j > 0)
            {
                w *= y / (x + j);
                if (p > 0)
                {
                    var factor = (j - 1 + b) / j * p;
                    if (logMode)
                    {
                        lnNb += Math.Log(factor);
                        if (lnNb > -700)
                        {
                            logMode = false;
                            nb = Math.Exp(lnNb);
                            nbCdf += nb;
                        }
                    }
                    else
                    {
                        nb *= factor;
                        nbCdf += nb;
                    }
                }
            }

            var within = p > 0 ? Math.Max(0, 1 - nbCdf) : 0;
            var served = x / (x + j + 1);
            h += 1 / (x + j + 1);
            sw += w;
            sq += j * w;
            sServed += w * served;
            sWithin += w * served * within;
            sWaitServed += w * served * h;
            if (w > Big)
            {
                w /= Big;
                sw /= Big;
                sq /= Big;
                sServed /= Big;
                sWithin /= Big;
                sWaitServed /= Big;
                lnScale += LnBig;
            }

            if (j > mode && w <= 1e-17 * sw)
            {
                break;
            }

            if (j > MaxTerms)
            {
                throw new StaffingInputException("patienceSeconds", "the queue does not settle: patience is too long for this overload");
            }
        }

        var low = lnScale == 0 ? lower : lower * Math.Exp(-lnScale);
        if (double.IsPositiveInfinity(low))
        {
            return TailOutcome.NeverWaits;
        }

        var z = low + sw;
        var queueMean = sq / z;
        var pServed = (low + sServed) / z;
        var waitServed = sWaitServed / (theta * z);
        return new TailOutcome(
            PWait: sw / z,
            PAbandon: Math.Min(1, theta * queueMean / lambda),
            ServedWithin: (low + sWithin) / z,
            Served: pServed,
            MeanWait: queueMean / lambda,
            MeanWaitServed: pServed > 0 ? waitServed / pServed : double.PositiveInfinity,
            TailWeight: sw / z);
    }

    /// <summary>No abandonment: the queue is geometric with ratio λ/fullRate and is stable only below 1.</summary>
    private static TailOutcome Impatient(double lambda, double lower, double fullRate, double threshold)
    {
        if (lambda >= fullRate)
        {
            return TailOutcome.Unstable;
        }

        if (double.IsPositiveInfinity(lower))
        {
            return TailOutcome.NeverWaits;
        }

        var rho = lambda / fullRate;
        var tail = 1 / (1 - rho);
        var pWait = tail / (lower + tail);
        var drain = fullRate - lambda;
        var sl = 1 - (pWait * Math.Exp(-drain * threshold));
        var asa = pWait / drain;
        return new TailOutcome(pWait, 0, sl, 1, asa, asa, pWait);
    }
}

/// <summary>Per-arrival probabilities and mean waits from <see cref="QueueTail"/>.</summary>
internal readonly record struct TailOutcome(
    double PWait, double PAbandon, double ServedWithin, double Served, double MeanWait, double MeanWaitServed, double TailWeight)
{
    public static TailOutcome NoTraffic => new(0, 0, 1, 1, 0, 0, 0);

    public static TailOutcome NeverWaits => new(0, 0, 1, 1, 0, 0, 0);

    public static TailOutcome Unstable => new(1, 0, 0, 1, double.PositiveInfinity, double.PositiveInfinity, 1);
}
