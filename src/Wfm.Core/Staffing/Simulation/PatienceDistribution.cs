namespace Wfm.Core.Staffing.Simulation;

/// <summary>How long a waiting contact is willing to wait before hanging up.</summary>
public abstract class PatienceDistribution
{
    /// <summary>Nobody hangs up (the Erlang C assumption).</summary>
    public static PatienceDistribution Infinite { get; } = new InfinitePatience();

    public static PatienceDistribution Exponential(double meanSeconds) => new ExponentialPatience(meanSeconds);

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
}
