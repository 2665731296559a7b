using Wfm.Core.Staffing;
using Wfm.Core.Staffing.Calibration;
using Wfm.Core.Staffing.Simulation;

namespace Wfm.Core.Tests.Staffing;

public sealed class CalibrationTests
{
    private static readonly DateTime Split = new(2026, 10, 26);

    [Fact]
    public void AgentsAvailableFourFifthsOfTheirTime_AreFoundAndHeldOutDaysPredictedToTheNoise()
    {
        // The truth: 80 % of logged-in agents take calls, exponential handle times and patience (Erlang A's own world).
        var (train, test) = Center(new SimulatedCenter(new DateOnly(2026, 9, 7), Days: 63, PeakContactsPerHour: 800, Availability: 0.8, Patience: PatienceDistribution.Exponential(200)));
        var options = new CalibrationOptions(20);

        var fit = Calibrator.Fit("support", train, options, TestContext.Current.CancellationToken);

        Assert.InRange(fit.Availability, 0.75, 0.85);
        Assert.InRange(fit.PatienceSeconds, 120, 330);
        var truth = new QueueCalibration("support", 0.8, 0, 200, 0);
        var calibrated = ModelError.Of("calibrated", test, Calibrator.Predict(fit, test, options), true);
        var known = ModelError.Of("truth", test, Calibrator.Predict(truth, test, options), true);
        var erlangC = ModelError.Of("erlang-c", test, Calibrator.PredictUncalibrated(test, null, options), true);
        var erlangA = ModelError.Of("erlang-a", test, Calibrator.PredictUncalibrated(test, 200, options), true);

        // What is left is the noise of a few dozen calls per half hour: the model that knows the truth does no better.
        Assert.True(calibrated.ServiceLevelMae <= known.ServiceLevelMae + 0.005, $"{calibrated} vs {known}");
        Assert.True(calibrated.AbandonMae <= known.AbandonMae + 0.003, $"{calibrated} vs {known}");
        Assert.InRange(calibrated.ServiceLevelBias, -0.015, 0.015);
        // Fed the agents logged in, the formulas promise better service than the center gave.
        Assert.True(erlangC.ServiceLevelBias > 0.04, $"{erlangC}");
        Assert.True(erlangA.ServiceLevelBias > 0.04, $"{erlangA}");
        Assert.True(erlangA.ServiceLevelMae > calibrated.ServiceLevelMae + 0.01, $"{erlangA} vs {calibrated}");
        Assert.True(erlangA.AbandonBias < -0.01, $"{erlangA}");
    }

    [Fact]
    public void LognormalHandleTimesAndPatienceAndQuickHangUps_StillPredictedWithoutBias()
    {
        var (train, test) = Center(new SimulatedCenter(
            new DateOnly(2026, 9, 7), Days: 63, PeakContactsPerHour: 800, Availability: 0.8, AgentsAway: 1,
            HandleTime: new HandleTimeDistribution(HandleTimeShape.LogNormal, 0.6),
            Patience: PatienceDistribution.LogNormal(240, 1.5), QuickHangUpShare: 0.04, Seed: 77));
        var options = new CalibrationOptions(20, HandleTimeCv: 0.6);

        var fit = Calibrator.Fit("support", train, options, TestContext.Current.CancellationToken);

        var calibrated = ModelError.Of("calibrated", test, Calibrator.Predict(fit, test, options), true);
        var erlangA = ModelError.Of("erlang-a", test, Calibrator.PredictUncalibrated(test, fit.PatienceSeconds, options), true);
        Assert.InRange(calibrated.ServiceLevelBias, -0.015, 0.015);
        // Patience that is not exponential bends abandonment away from Erlang A's curve: a little bias is left there.
        Assert.InRange(calibrated.AbandonBias, -0.02, 0.02);
        Assert.True(erlangA.ServiceLevelMae > calibrated.ServiceLevelMae + 0.02, $"{erlangA} vs {calibrated}");
        Assert.True(erlangA.AbandonMae > calibrated.AbandonMae, $"{erlangA} vs {calibrated}");
        // Less than everyone logged in is there; the fit says so whichever way it splits it.
        Assert.InRange(fit.EffectiveAgents(20), 0.6 * 20, 0.9 * 20);
    }

    [Fact]
    public void NeutralCalibration_IsErlangA_AndFractionalAgentsSitBetweenWholeOnes()
    {
        var interval = new StaffingInterval(120, 280, 1800);
        var neutral = QueueCalibration.Neutral("q", 150);
        var erlang = new ErlangQueue(interval, 150, 20);

        var at20 = neutral.Evaluate(interval, 20, 20);
        Assert.Equal(erlang.Evaluate(20).ServiceLevel, at20.ServiceLevel, 1e-12);
        Assert.Equal(erlang.Evaluate(20).AbandonRate, at20.AbandonRate, 1e-12);

        var half = neutral.Evaluate(interval, 20.5, 20);
        Assert.Equal((erlang.Evaluate(20).ServiceLevel + erlang.Evaluate(21).ServiceLevel) / 2, half.ServiceLevel, 1e-12);
        Assert.Equal(20.5, half.Agents);

        // Availability 0.8 of 25 logged in is Erlang A at 20.
        var scaled = (neutral with { Availability = 0.8 }).Evaluate(interval, 25, 20);
        Assert.Equal(erlang.Evaluate(20).ServiceLevel, scaled.ServiceLevel, 1e-9);
    }

    [Fact]
    public void QuickHangUps_AreAbandonsAndMisses_ThatDoNotLoadTheAgents()
    {
        var interval = new StaffingInterval(120, 280, 1800);
        var plain = QueueCalibration.Neutral("q", 150);
        var quick = plain with { QuickHangUpShare = 0.2 };

        var a = plain.Evaluate(interval, 19, 20);
        var b = quick.Evaluate(interval, 19, 20);

        Assert.True(b.AbandonRate > a.AbandonRate);
        Assert.True(b.ServiceLevelAnswered > a.ServiceLevelAnswered, "fewer callers left in the queue wait less");
        Assert.Equal(a.ProbabilityOfWait, b.ProbabilityOfWait, 1e-12);
    }

    [Fact]
    public void CalibratedRequirement_CountsAgentsLoggedIn()
    {
        var interval = new StaffingInterval(200, 300, 1800);
        var targets = new ServiceTargets(0.8, 20);
        var plain = RequirementSolver.Solve(new ErlangQueue(interval, 180, 20), targets);
        var calibration = new QueueCalibration("q", 0.8, 0, 180, 0);

        var calibrated = RequirementSolver.Solve(new CalibratedQueue(interval, calibration, 20), targets);

        Assert.True(calibrated.Outcome.ServiceLevel >= 0.8);
        Assert.InRange(calibrated.Agents, (int)Math.Floor(plain.Agents / 0.8), (int)Math.Ceiling(plain.Agents / 0.8) + 1);
        Assert.True(calibration.Evaluate(interval, calibrated.Agents - 1, 20).ServiceLevel < 0.8);
    }

    [Fact]
    public void TooFewIntervals_AreRefusedNamingTheQueue()
    {
        var few = Enumerable.Range(0, 5).Select(i => new IntervalOutcome("billing", new DateTime(2026, 1, 5, 9, 0, 0).AddMinutes(30 * i), 1800, 40, 38, 2, 30, 300, 8)).ToArray();

        var ex = Assert.Throws<StaffingInputException>(() => Calibrator.Fit("billing", few, new CalibrationOptions(), TestContext.Current.CancellationToken));

        Assert.Equal("billing.intervals", ex.Field);
        Assert.Contains("at least 10", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TypicalMap_TakesEachBinsMedian_StaysMonotone_AndInterpolates()
    {
        // Intervals expected at 0.9 mostly show 1.0 with a few far below: their median is 1, their mean 0.9.
        var expected = new List<double>();
        var actual = new List<double>();
        for (var i = 0; i < 400; i++)
        {
            expected.Add(i < 200 ? 0.5 : 0.9);
            actual.Add(i < 200 ? (i % 2 == 0 ? 0.45 : 0.55) - (i % 10 == 0 ? 0.2 : 0) : (i % 10 == 0 ? 0 : 1));
        }

        var map = TypicalMap.Fit(expected, actual);

        Assert.True(map.Zip(map.Skip(1)).All(p => p.Second.Typical >= p.First.Typical), "monotone");
        Assert.Equal(1, TypicalMap.Apply(map, 0.9), 1e-9);
        Assert.InRange(TypicalMap.Apply(map, 0.5), 0.44, 0.56);
        var between = TypicalMap.Apply(map, 0.7);
        Assert.InRange(between, TypicalMap.Apply(map, 0.5), 1);
        Assert.Equal(0.3, TypicalMap.Apply(null, 0.3));
    }

    private static (IntervalOutcome[] Train, IntervalOutcome[] Test) Center(SimulatedCenter center)
    {
        var all = center.Run(TestContext.Current.CancellationToken);
        return (all.Where(o => o.Start < Split).ToArray(), all.Where(o => o.Start >= Split).ToArray());
    }
}
