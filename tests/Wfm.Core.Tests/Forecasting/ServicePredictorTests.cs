using Wfm.Core.Forecasting.Intraday;
using Wfm.Core.Staffing;
using Wfm.Core.Staffing.Simulation;

namespace Wfm.Core.Tests.Forecasting;

public sealed class ServicePredictorTests
{
    private static readonly DateTime Noon = new(2026, 12, 7, 12, 0, 0);

    /// <summary>Eight 15-minute intervals of 40 contacts at 240 s (10.7 Erlangs).</summary>
    private static RestOfDay Rest() => new(DateOnly.FromDateTime(Noon), 48, 1.2, 1.2, 1.1, 1,
        Enumerable.Range(0, 8).Select(i => new RestOfDayInterval(48 + i, Noon.AddMinutes(15 * i), 40, 32, 48, 240)).ToList());

    private static readonly LiveStart Backlog = new([5, 12, 20, 31, 44, 58, 71, 80], BusyAgents: 12);

    [Fact]
    public void TheNextHoursPredictedServiceLevel_FallsInsideThe95PercentBandOf1000IndependentReplications()
    {
        var agents = Enumerable.Repeat(12, 8).ToList();
        var predicted = ServicePredictor.Predict(Rest(), 15, 0, agents, Backlog, 20, 180, 240, cancellationToken: TestContext.Current.CancellationToken);

        // The prediction of the next hour: its intervals' service level, weighted by the contacts expected in each.
        var nextHour = predicted.Take(4).Sum(p => p.ServiceLevel * p.Contacts) / predicted.Take(4).Sum(p => p.Contacts);

        // 1,000 independent replications of the same live start (another seed), each scored over the next hour.
        var scenario = new SimulationScenario(
            Rest().Intervals.Select(i => new StaffingInterval(i.Forecast, 240, 900)).ToList(), agents, HandleTimeDistribution.Exponential,
            PatienceDistribution.Exponential(180), 20, Start: Backlog);
        var independent = QueueSimulator.Replicate(scenario, new SimulationOptions(1000, Seed: 777), TestContext.Current.CancellationToken).Select(r => r.ServiceLevel(0, 4));
        var (_, low, high) = ServicePredictor.Band(independent, 0.025);

        Assert.InRange(nextHour, low, high);
        Assert.True(high - low > 0.02, $"the band {low:0.000}–{high:0.000} is too narrow to test anything");
    }

    [Fact]
    public void ABacklogNow_LowersTheComingIntervals_ComparedWithAnEmptyQueue_AndBandsHoldTheMean()
    {
        var agents = Enumerable.Repeat(12, 8).ToList();
        var empty = ServicePredictor.Predict(Rest(), 15, 0, agents, new LiveStart([], 0), 20, 180, 240, cancellationToken: TestContext.Current.CancellationToken);
        var backlog = ServicePredictor.Predict(Rest(), 15, 0, agents, new LiveStart(Enumerable.Range(0, 25).Select(i => 30.0 + i).ToList(), 12), 20, 180, 240, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(backlog[0].ServiceLevel < empty[0].ServiceLevel - 0.1, $"{backlog[0].ServiceLevel:0.000} against {empty[0].ServiceLevel:0.000}");
        Assert.True(backlog[0].AsaSeconds > empty[0].AsaSeconds, $"{backlog[0].AsaSeconds:0} s against {empty[0].AsaSeconds:0} s");
        Assert.All(backlog, p => Assert.True(p.ServiceLevelLow <= p.ServiceLevel && p.ServiceLevel <= p.ServiceLevelHigh, $"{p.ServiceLevelLow} {p.ServiceLevel} {p.ServiceLevelHigh}"));

        // Fewer agents after the first hour: the afternoon's predicted service falls.
        var thin = ServicePredictor.Predict(Rest(), 15, 0, [12, 12, 12, 12, 10, 10, 10, 10], new LiveStart([], 0), 20, 180, 240, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(thin[6].ServiceLevel < empty[6].ServiceLevel - 0.1, $"{thin[6].ServiceLevel:0.000} against {empty[6].ServiceLevel:0.000}");
    }
}
