using BenchmarkDotNet.Attributes;
using Wfm.Core.Staffing;
using Wfm.Core.Staffing.Simulation;

namespace Wfm.Benchmarks;

/// <summary>
/// The discrete-event simulator on a 28-interval day at 100 contacts per half hour peak, staffed by
/// Erlang A's answer; reports contacts simulated per second through the returned count.
/// </summary>
[MemoryDiagnoser]
public class SimulationBenchmarks
{
    private SimulationScenario _scenario = null!;

    [Params(30)]
    public int Replications { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var intervals = Enumerable.Range(0, 28)
            .Select(i => new StaffingInterval(40 + (60 * Math.Sin(Math.PI * i / 27)), 300, 1800))
            .ToArray();
        var targets = ServiceTargets.ParseServiceLevel("80/20");
        var staffing = StaffingPlanner.Requirements(intervals, new StaffingOptions(StaffingModelKind.ErlangA, targets, 300));
        _scenario = new SimulationScenario(
            intervals, staffing.Select(r => r.Requirement.Agents).ToArray(), HandleTimeDistribution.Exponential,
            PatienceDistribution.Exponential(300), 20);
    }

    [Benchmark]
    public long SimulateDay() => QueueSimulator.Run(_scenario, new SimulationOptions(Replications)).ContactsSimulated;
}
