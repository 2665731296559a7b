namespace Wfm.Core.Staffing.Simulation;

/// <summary>How long a waiting contact is willing to wait before hanging up.</summary>
public abstract class PatienceDistribution
{
    /// <summary>Nobody hangs up (the Erlang C assumption).</summary>
    public static PatienceDistribution Infinite { get; } = new InfinitePatience();

    public static PatienceDistribution Exponential(double meanSeconds) => new ExponentialPatience(meanSeconds);

    /// <summary>
    /// Lognormal patience with the given mean and coefficient of variation: few hang up in the first seconds and the
    /// hazard falls later on, as real callers' patience often looks (not exponential, so Erlang A's assumption is off).
    /// </summary>
    public static PatienceDistribution LogNormal(double meanSeconds, double coefficientOfVariation) => new LogNormalPatience(meanSeconds, coefficientOfVariation);

    /// <summary>Mean patience in seconds, or +∞.</summary>
    public abstract double MeanSeconds { get; }

    internal abstract double Sample(ref FastRandom random);

    private sealed class InfinitePatience : PatienceDistribution
    {
        public override double MeanSeconds => double.PositiveInfinity;

        internal override double Sample(ref FastRandom random) => double.PositiveInfinity;
    }

    private sealed class ExponentialPatience : PatienceDistribution
    {
        private readonly double _mean;

        public ExponentialPatience(double mean)
        {
            if (!(mean > 0) || double.IsInfinity(mean))
            {
                throw new StaffingInputException("patienceSeconds", $"must be more than 0 seconds, got {mean}");
            }

            _mean = mean;
        }

        public override double MeanSeconds => _mean;

        internal override double Sample(ref FastRandom random) => random.Exponential(_mean);
    }

    private sealed class LogNormalPatience : PatienceDistribution
    {
        private readonly double _mu;
        private readonly double _sigma;

        public LogNormalPatience(double mean, double cv)
        {
            if (!(mean > 0) || double.IsInfinity(mean))
            {
                throw new StaffingInputException("patienceSeconds", $"must be more than 0 seconds, got {mean}");
            }

            if (!(cv > 0) || cv > 10)
            {
                throw new StaffingInputException("patienceCv", $"must be in (0, 10], got {cv}");
            }

            var sigma2 = Math.Log(1 + (cv * cv));
            _mu = Math.Log(mean) - (sigma2 / 2);
            _sigma = Math.Sqrt(sigma2);
            MeanSeconds = mean;
        }

        public override double MeanSeconds { get; }

        internal override double Sample(ref FastRandom random) => Math.Exp(_mu + (_sigma * random.StandardNormal()));
    }
}
