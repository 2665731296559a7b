using Wfm.Core.Staffing;

namespace Wfm.Core.Tests.Staffing;

public sealed class ErlangTests
{
    // The published reference case: 100 contacts per 30 min, AHT 180 s, 80 % in 20 s.
    private static readonly StaffingInterval Reference = new(100, 180, 1800);

    [Theory]
    [InlineData(150.5)]
    [InlineData(499.9)]
    [InlineData(2_345.6)]
    [InlineData(8_000)]
    public void LargeLoads_StartTheRecursionNearTheLoad_WithTheFullRecursionsAnswer(double erlangs)
    {
        // The fast start (a − 7√a) against Erlang B's full recursion from 0 agents: P(wait) of Erlang C from it.
        var interval = new StaffingInterval(erlangs * 1800 / 300, 300, 1800);
        var queue = new ErlangQueue(interval, null, 20);
        foreach (var agents in new[] { (int)Math.Ceiling(erlangs) + 1, (int)Math.Ceiling(erlangs + Math.Sqrt(erlangs)), (int)Math.Ceiling(erlangs * 1.2) })
        {
            var b = ErlangB.Blocking(agents, erlangs);
            var expected = agents * b / (agents - (erlangs * (1 - b)));
            Assert.Equal(expected, queue.Evaluate(agents).ProbabilityOfWait, expected * 1e-11);
        }

        // Far below the load (Erlang A with a lax target may ask there) the full recursion answers: with half the agents
        // the load needs, about half the callers hang up (the fluid limit), the same before and after the fast start's cache.
        var patient = new ErlangQueue(interval, 120, 20);
        var few = (int)(erlangs / 2);
        var first = patient.Evaluate(few).AbandonRate;
        _ = patient.Evaluate((int)erlangs + 5);
        Assert.Equal(first, patient.Evaluate(few).AbandonRate, 1e-14);
        Assert.InRange(first, 0.45, 0.56);
        Assert.True(patient.Evaluate(few + 1).AbandonRate < first);
    }

    [Fact]
    public void ErlangC_ReferenceCase_NeedsFourteenAgents()
    {
        var options = new StaffingOptions(StaffingModelKind.ErlangC, new ServiceTargets(0.8, 20), Shrinkage: Shrinkage.Of(0.3));
        var row = StaffingPlanner.Requirements([Reference], options)[0];

        Assert.Equal(14, row.Requirement.Agents);
        Assert.Equal(20, row.ScheduledAgents);
        var o = row.Requirement.Outcome;
        Assert.Equal(0.888, o.ServiceLevel, 0.0015);
        Assert.Equal(0.174, o.ProbabilityOfWait, 0.0015);
        Assert.Equal(0.714, o.Occupancy, 0.0015);
        Assert.Equal(0, o.AbandonRate);
    }

    [Fact]
    public void ErlangA_ReferenceCase_NeedsThirteenAgents()
    {
        var options = new StaffingOptions(StaffingModelKind.ErlangA, new ServiceTargets(0.8, 20), PatienceSeconds: 300);
        var req = StaffingPlanner.Requirements([Reference], options)[0].Requirement;

        Assert.Equal(13, req.Agents);
        Assert.Equal(0.858, req.Outcome.ServiceLevel, 0.0015);
        Assert.Equal(0.025, req.Outcome.AbandonRate, 0.0015);
        Assert.InRange(req.FractionalAgents, 12, 13);
        Assert.Equal("serviceLevel", req.BindingTarget);
    }

    [Fact]
    public void ErlangC_MatchesClosedForm()
    {
        // Erlang C by the textbook closed form with exact factorials for a small case.
        const int n = 5;
        const double a = 3.2;
        double sum = 0, term = 1;
        for (var k = 0; k < n; k++)
        {
            sum += term;
            term *= a / (k + 1);
        }

        var top = term * n / (n - a);
        var c = top / (sum + top);
        var queue = new ErlangQueue(new StaffingInterval(a * 1800 / 200, 200, 1800), null, 15);
        var o = queue.Evaluate(n);

        Assert.Equal(c, o.ProbabilityOfWait, 1e-12);
        Assert.Equal(1 - (c * Math.Exp(-(n - a) * 15 / 200.0)), o.ServiceLevel, 1e-12);
        Assert.Equal(c * 200 / (n - a), o.AsaSeconds, 1e-9);
    }

    [Fact]
    public void ErlangA_VeryLongPatience_ApproachesErlangC()
    {
        var c = new ErlangQueue(Reference, null, 20).Evaluate(14);
        var a = new ErlangQueue(Reference, 1e7, 20).Evaluate(14);

        Assert.Equal(c.ServiceLevel, a.ServiceLevel, 1e-4);
        Assert.Equal(c.ProbabilityOfWait, a.ProbabilityOfWait, 1e-4);
        Assert.True(a.AbandonRate < 1e-5);
    }

    [Fact]
    public void ErlangA_AbandonRate_EqualsOneMinusServed()
    {
        // Two routes to abandonment must agree: θ·E[queue]/λ, and 1 − P(served) from the per-state service probabilities.
        var queue = new ErlangQueue(new StaffingInterval(900, 240, 1800), 120, 30);
        for (var n = 100; n <= 140; n += 10)
        {
            var o = queue.Evaluate(n);
            var carried = o.Occupancy * n / queue.OfferedErlangs;
            Assert.Equal(1 - o.AbandonRate, carried, 1e-9);
        }
    }

    [Fact]
    public void ErlangA_Overloaded_StaysFinite()
    {
        // More work than agents: Erlang C has no steady state, Erlang A settles because people hang up.
        var interval = new StaffingInterval(1800, 300, 1800);
        var c = new ErlangQueue(interval, null, 20).Evaluate(250);
        var a = new ErlangQueue(interval, 180, 20).Evaluate(250);

        Assert.Equal(0, c.ServiceLevel);
        Assert.True(double.IsPositiveInfinity(c.AsaSeconds));
        Assert.InRange(a.AbandonRate, 0.1, 0.6);
        Assert.InRange(a.Occupancy, 0.95, 1);
        Assert.True(double.IsFinite(a.AsaSeconds));
    }

    [Theory]
    [InlineData(2000.0, 60.0)]
    [InlineData(9500.0, 600.0)]
    [InlineData(9500.0, 5.0)]
    public void ErlangA_ThousandsOfErlangs_IsNumericallyStable(double erlangs, double patience)
    {
        var interval = new StaffingInterval(erlangs * 1800 / 180, 180, 1800);
        var queue = new ErlangQueue(interval, patience, 20);
        var previous = -1.0;
        foreach (var n in new[] { (int)(erlangs * 0.8), (int)erlangs, (int)(erlangs * 1.01), (int)(erlangs * 1.05) })
        {
            var o = queue.Evaluate(n);
            Assert.True(double.IsFinite(o.ServiceLevel) && o.ServiceLevel is >= 0 and <= 1, $"SL {o.ServiceLevel} at {n}");
            Assert.True(o.AbandonRate is >= 0 and <= 1, $"abandon {o.AbandonRate} at {n}");
            Assert.True(o.ServiceLevel >= previous - 1e-9, "service level must not fall as agents are added");
            previous = o.ServiceLevel;
        }
    }

    [Fact]
    public void Requirement_TenThousandAgentLoad_IsRefusedClearly()
    {
        var options = new StaffingOptions(StaffingModelKind.ErlangC, new ServiceTargets(0.8, 20));
        var ex = Assert.Throws<StaffingInputException>(() => StaffingPlanner.Requirements([new StaffingInterval(120_000, 180, 1800)], options));
        Assert.Equal("intervals[0].load", ex.Field);
        Assert.Contains("10000", ex.Message);
    }

    [Fact]
    public void ErlangB_MatchesKnownTable()
    {
        // Classic table value: 10 Erlangs on 15 lines blocks about 3.65 %.
        Assert.Equal(0.0365, ErlangB.Blocking(15, 10), 0.0005);
        Assert.Equal(15, ErlangB.RequiredLines(10, 0.04));
        Assert.Equal(1, ErlangB.Blocking(0, 5));
    }

    [Fact]
    public void TheErlangPlanner_RefusesChat_WhichTheConcurrencyModelStaffs()
    {
        var options = new StaffingOptions(StaffingModelKind.Chat, new ServiceTargets(0.8, 60));

        var error = Assert.Throws<StaffingInputException>(options.Validate);

        Assert.Equal("model", error.Field);
    }
}
