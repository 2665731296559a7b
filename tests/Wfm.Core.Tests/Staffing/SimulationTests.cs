using Wfm.Core.Staffing;
using Wfm.Core.Staffing.Simulation;

namespace Wfm.Core.Tests.Staffing;

public sealed class SimulationTests
{
    private static SimulationResult SteadyState(StaffingInterval interval, int agents, PatienceDistribution patience, int replications = 40)
    {
        // A long run of identical intervals approximates the steady state Erlang describes; the first
        // two intervals (starting from an empty queue) are left out of the total.
        var intervals = Enumerable.Repeat(interval, 16).ToArray();
        var scenario = new SimulationScenario(intervals, Enumerable.Repeat(agents, 16).ToArray(), HandleTimeDistribution.Exponential, patience, 20, WarmupIntervals: 2);
        return QueueSimulator.Run(scenario, new SimulationOptions(replications, Seed: 7, Confidence: 0.99));
    }

    [Theory]
    [InlineData(100.0, 180.0, 13, 300.0)]
    [InlineData(500.0, 180.0, 52, 120.0)]
    [InlineData(300.0, 180.0, 28, 60.0)]
    [InlineData(40.0, 600.0, 12, 900.0)]
    public void ErlangA_ServiceLevelAndAbandonment_LieInsideSimulationInterval(double contacts, double aht, int agents, double patience)
    {
        var interval = new StaffingInterval(contacts, aht, 1800);
        var expected = new ErlangQueue(interval, patience, 20).Evaluate(agents);

        var sim = SteadyState(interval, agents, PatienceDistribution.Exponential(patience), contacts < 100 ? 160 : 40).Total;

        Assert.True(sim.ServiceLevel.Contains(expected.ServiceLevel), $"Erlang A SL {expected.ServiceLevel:0.0000} outside simulated {sim.ServiceLevel}");
        Assert.True(sim.AbandonRate.Contains(expected.AbandonRate), $"Erlang A abandonment {expected.AbandonRate:0.0000} outside simulated {sim.AbandonRate}");
        Assert.True(sim.ServiceLevel.HalfWidth < 0.03, "the interval must be narrow enough to mean something");
    }

    [Fact]
    public void ErlangC_ServiceLevel_LiesInsideSimulationInterval_WhenNobodyAbandons()
    {
        var interval = new StaffingInterval(100, 180, 1800);
        var expected = new ErlangQueue(interval, null, 20).Evaluate(14);

        var sim = SteadyState(interval, 14, PatienceDistribution.Infinite).Total;

        Assert.True(sim.ServiceLevel.Contains(expected.ServiceLevel), $"Erlang C SL {expected.ServiceLevel:0.0000} outside simulated {sim.ServiceLevel}");
        Assert.Equal(0, sim.AbandonRate.Mean);
    }

    [Fact]
    public void ErlangC_GapFromSimulation_GrowsAsPatienceShrinks()
    {
        var interval = new StaffingInterval(300, 180, 1800);
        var erlangC = new ErlangQueue(interval, null, 20).Evaluate(31);
        var gaps = new List<double>();
        foreach (var patience in new[] { 3000.0, 600.0, 180.0, 60.0 })
        {
            var sim = SteadyState(interval, 31, PatienceDistribution.Exponential(patience), 20).Total;
            gaps.Add(Math.Abs(sim.AbandonRate.Mean - erlangC.AbandonRate) + Math.Abs(sim.AsaSeconds.Mean - erlangC.AsaSeconds) / erlangC.AsaSeconds);
        }

        for (var i = 1; i < gaps.Count; i++)
        {
            Assert.True(gaps[i] > gaps[i - 1], $"gap {gaps[i]:0.000} at shorter patience should exceed {gaps[i - 1]:0.000}");
        }
    }

    [Fact]
    public void Simulation_QueueCarriesOverIntoNextInterval()
    {
        // A burst with too few agents, then a quiet interval: the quiet interval still sees the backlog's occupancy.
        var intervals = new[] { new StaffingInterval(400, 180, 1800), new StaffingInterval(10, 180, 1800) };
        var scenario = new SimulationScenario(intervals, [30, 30], HandleTimeDistribution.Exponential, PatienceDistribution.Infinite, 20);
        var sim = QueueSimulator.Run(scenario, new SimulationOptions(10, 3));

        var quietLoadAlone = 10 * 180 / 1800.0 / 30;
        Assert.True(sim.Intervals[1].Occupancy.Mean > quietLoadAlone * 3, $"occupancy {sim.Intervals[1].Occupancy.Mean:0.00} should reflect the carried queue");
        Assert.True(sim.Intervals[0].ServiceLevel.Mean < 0.5, $"SL {sim.Intervals[0].ServiceLevel.Mean:0.00} of the overloaded interval");
        Assert.True(sim.Intervals[1].AsaSeconds.Mean > 20, $"ASA {sim.Intervals[1].AsaSeconds.Mean:0} of the quiet interval should show the queue ahead");
    }

    [Fact]
    public void Simulation_IsReproducibleForASeed()
    {
        var intervals = new[] { new StaffingInterval(120, 200, 1800) };
        var scenario = new SimulationScenario(intervals, [15], new HandleTimeDistribution(HandleTimeShape.LogNormal, 0.8), PatienceDistribution.Exponential(200), 20);
        var a = QueueSimulator.Run(scenario, new SimulationOptions(8, 42));
        var b = QueueSimulator.Run(scenario, new SimulationOptions(8, 42));
        var c = QueueSimulator.Run(scenario, new SimulationOptions(8, 43));

        Assert.Equal(a.Total.ServiceLevel, b.Total.ServiceLevel);
        Assert.NotEqual(a.Total.ServiceLevel, c.Total.ServiceLevel);
    }

    [Fact]
    public void LogNormalHandleTimes_KeepTheMeanAht()
    {
        var intervals = Enumerable.Repeat(new StaffingInterval(200, 240, 1800), 4).ToArray();
        var scenario = new SimulationScenario(intervals, [60, 60, 60, 60], new HandleTimeDistribution(HandleTimeShape.LogNormal, 1.5), PatienceDistribution.Infinite, 20, 1);
        var sim = QueueSimulator.Run(scenario, new SimulationOptions(20, 5));

        // With ample agents occupancy ≈ load ÷ agents = (200 × 240 ÷ 1800) ÷ 60.
        Assert.Equal(26.667 / 60, sim.Total.Occupancy.Mean, 0.02);
    }

    [Fact]
    public void Patience_IsEstimatedFromAbandonmentsAndWaitedTime()
    {
        // Exponential patience with mean 120 s, waits censored by service at random times: the hourly
        // MLE (abandonments ÷ time waited) and Kaplan–Meier must both recover about 120 s.
        var random = new Random(11);
        var observations = new List<WaitObservation>();
        for (var i = 0; i < 20_000; i++)
        {
            var patience = -120 * Math.Log(1 - random.NextDouble());
            var service = -90 * Math.Log(1 - random.NextDouble());
            observations.Add(new WaitObservation(Math.Min(patience, service), patience < service, 8 + (i % 10)));
        }

        var byHour = PatienceEstimate.ByHour(observations);
        Assert.Equal(-1, byHour[0].HourOfDay);
        Assert.Equal(120, byHour[0].MeanPatienceSeconds, 120 * 0.05);
        Assert.Equal(11, byHour.Count);

        var km = EmpiricalPatience.Estimate(observations);
        Assert.Equal(120, km.MeanSeconds, 120 * 0.08);
    }

    [Fact]
    public void EmpiricalPatience_WithoutAbandonments_IsRefused()
    {
        var ex = Assert.Throws<StaffingInputException>(() => EmpiricalPatience.Estimate([new WaitObservation(10, false)]));
        Assert.Equal("abandoned", ex.Field);
    }

    [Fact]
    public void Simulation_BadScenario_NamesTheField()
    {
        var scenario = new SimulationScenario([new StaffingInterval(10, 180, 1800)], [1, 2], HandleTimeDistribution.Exponential, PatienceDistribution.Infinite, 20);
        var ex = Assert.Throws<StaffingInputException>(() => QueueSimulator.Run(scenario));
        Assert.Equal("agents", ex.Field);
    }
}
