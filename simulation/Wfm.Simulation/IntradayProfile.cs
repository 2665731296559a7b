namespace Wfm.Simulation;

/// <summary>Share of the peak arrival rate per local hour of day, and a weekend factor.</summary>
public static class IntradayProfile
{
    private static readonly double[] Hourly =
    [
        0.10, 0.07, 0.05, 0.05, 0.06, 0.10, 0.22, 0.45, 0.75, 0.95, 1.00, 0.97,
        0.85, 0.88, 0.95, 0.92, 0.85, 0.75, 0.62, 0.50, 0.40, 0.30, 0.22, 0.15,
    ];

    public static double Factor(DateTime local)
    {
        var hour = local.Hour;
        var next = Hourly[(hour + 1) % 24];
        var within = local.Minute / 60.0;
        var factor = Hourly[hour] * (1 - within) + next * within;
        return local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? factor * 0.6 : factor;
    }
}
