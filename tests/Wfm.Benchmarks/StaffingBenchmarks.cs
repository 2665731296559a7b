using BenchmarkDotNet.Attributes;
using Wfm.Core.Staffing;

namespace Wfm.Benchmarks;

/// <summary>
/// Requirements for a year of 15-minute intervals (35,040) whose load follows a day-and-week shape
/// peaking at 500 Erlangs, the size of a large center's busiest queue.
/// </summary>
[MemoryDiagnoser]
public class StaffingBenchmarks
{
    private StaffingInterval[] _year = [];
    private readonly ServiceTargets _targets = ServiceTargets.ParseServiceLevel("80/20");

    private StaffingInterval[] _varied = [];

    [GlobalSetup]
    public void Setup()
    {
        _year = YearOfLoad(peakErlangs: 500, ahtSeconds: 300);
        _varied = VariedYear(Environment.GetEnvironmentVariable("WFM_STAFFING_YEAR"));
    }

    [Benchmark]
    public int ErlangCYear() => StaffingPlanner.Requirements(_year, new StaffingOptions(StaffingModelKind.ErlangC, _targets)).Count;

    [Benchmark]
    public int ErlangAYear() => StaffingPlanner.Requirements(
        _year, new StaffingOptions(StaffingModelKind.ErlangA, _targets, PatienceSeconds: 180)).Count;

    /// <summary>The hard year: every quarter hour's load drawn afresh (1–500 Erlangs, AHT 150–400 s), so no interval's answer is near the last.</summary>
    [Benchmark]
    public int ErlangCVariedYear() => StaffingPlanner.Requirements(_varied, new StaffingOptions(StaffingModelKind.ErlangC, _targets)).Count;

    [Benchmark]
    public int ErlangAVariedYear() => StaffingPlanner.Requirements(
        _varied, new StaffingOptions(StaffingModelKind.ErlangA, _targets, PatienceSeconds: 300)).Count;

    /// <summary>
    /// 35,040 quarter hours of varied load: the file <c>../shared/tools/staffing-year</c> writes (forecast, aht_seconds per row) when
    /// <paramref name="path"/> names it, else the same draw generated here (uniform 1–500 Erlangs and 150–400 s, seed 1).
    /// </summary>
    internal static StaffingInterval[] VariedYear(string? path)
    {
        if (path is not null)
        {
            return [.. File.ReadLines(path).Skip(1).Select(l => l.Split(',')).Select(f => new StaffingInterval(
                double.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture), double.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture), 900))];
        }

        var random = new Random(1);
        return [.. Enumerable.Range(0, 35_040).Select(_ =>
        {
            var (load, aht) = (1 + (random.NextDouble() * 499), 150 + (random.NextDouble() * 250));
            return new StaffingInterval(load * 900 / aht, aht, 900);
        })];
    }

    /// <summary>365 days × 96 quarter hours; load rises and falls over the day, weekends at 40 %.</summary>
    internal static StaffingInterval[] YearOfLoad(double peakErlangs, double ahtSeconds)
    {
        const int slots = 96;
        var result = new StaffingInterval[365 * slots];
        for (var d = 0; d < 365; d++)
        {
            var week = d % 7 >= 5 ? 0.4 : 1.0;
            for (var s = 0; s < slots; s++)
            {
                var hour = s / 4.0;
                var shape = Math.Max(0.02, Math.Sin(Math.PI * Math.Clamp((hour - 6) / 16, 0, 1)));
                var erlangs = peakErlangs * week * shape;
                result[(d * slots) + s] = new StaffingInterval(erlangs * 900 / ahtSeconds, ahtSeconds, 900);
            }
        }

        return result;
    }
}
