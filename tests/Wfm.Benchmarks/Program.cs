using BenchmarkDotNet.Running;

namespace Wfm.Benchmarks;

/// <summary>
/// Entry point: BenchmarkDotNet's switcher, so any benchmark class can be picked with --filter.
/// Benchmarks that read real data take the file from the WFM_CALLS environment variable
/// (the bank calls file, e.g. ../shared/data/calls/calls_15min.csv); without it they use generated data.
/// <c>schedule [--agents N] [--time-limit S]</c> runs one scheduling solve and reports it instead;
/// <c>capacity [--runs N] [--weeks W]</c> solves the 78-week hiring plan and reports it;
/// <c>forecast-origins --data DIR</c> scores every forecast model and auto on many origins of the public call series;
/// <c>abuse --data DIR</c> writes the abuse classifier's accuracy report (and, with --write-default, the shipped model).
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "schedule")
        {
            ScheduleReport.Run(args);
            return;
        }

        if (args.Length > 0 && args[0] == "pyworkforce")
        {
            PyworkforceReport.Run(args);
            return;
        }

        if (args.Length > 0 && args[0] == "empathy")
        {
            EmpathyReport.Run(args);
            return;
        }

        if (args.Length > 0 && args[0] == "intraday-refresh")
        {
            IntradayRefreshReport.Run(args);
            return;
        }

        if (args.Length > 0 && args[0] == "intraday")
        {
            IntradayReport.Run(args);
            return;
        }

        if (args.Length > 0 && args[0] == "capacity")
        {
            CapacityReport.Run(args);
            return;
        }

        if (args.Length > 0 && args[0] == "forecast-origins")
        {
            ForecastOriginsReport.Run(args);
            return;
        }

        if (args.Length > 0 && args[0] == "abuse")
        {
            AbuseReport.Run(args);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
