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

    [GlobalSetup]
    public void Setup() => _year = YearOfLoad(peakErlangs: 500, ahtSeconds: 300);

    [Benchmark]
    public int ErlangCYear() => StaffingPlanner.Requirements(_year, new StaffingOptions(StaffingModelKind.ErlangC, _targets)).Count;

    [Benchmark]
    public int ErlangAYear() => StaffingPlanner.Requirements(
        _year, new StaffingOptions(StaffingModelKind.ErlangA, _targets, PatienceSeconds: 180)).Count;

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
