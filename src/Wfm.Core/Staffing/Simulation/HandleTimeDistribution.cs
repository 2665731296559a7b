namespace Wfm.Core.Staffing.Simulation;

/// <summary>Shape of handle times around each interval's mean AHT.</summary>
public enum HandleTimeShape
{
    Exponential,

    /// <summary>Lognormal with the given coefficient of variation (real handle times are usually closer to this).</summary>
    LogNormal,
}

/// <summary>Handle-time distribution: a shape and, for lognormal, its coefficient of variation (sd ÷ mean).</summary>
public sealed record HandleTimeDistribution(HandleTimeShape Shape, double CoefficientOfVariation = 1)
{
    public static HandleTimeDistribution Exponential { get; } = new(HandleTimeShape.Exponential);

    internal double Sample(ref FastRandom random, double mean)
    {
        if (Shape == HandleTimeShape.Exponential)
        {
            return random.Exponential(mean);
        }

        var sigma2 = Math.Log(1 + (CoefficientOfVariation * CoefficientOfVariation));
        var mu = Math.Log(mean) - (sigma2 / 2);
        return Math.Exp(mu + (Math.Sqrt(sigma2) * random.StandardNormal()));
    }

    public void Validate()
    {
        if (Shape == HandleTimeShape.LogNormal && (!(CoefficientOfVariation > 0) || CoefficientOfVariation > 10))
        {
            throw new StaffingInputException("handleTime.cv", $"must be in (0, 10], got {CoefficientOfVariation}");
        }
    }
}
