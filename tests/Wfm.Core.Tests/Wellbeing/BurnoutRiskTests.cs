using Wfm.Core.Wellbeing;

namespace Wfm.Core.Tests.Wellbeing;

/// <summary>The burnout risk score on scripted agent days: each factor's points follow from what the days show.</summary>
public sealed class BurnoutRiskTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    /// <summary>Four weeks of ordinary weekdays: 8 h as scheduled, 75 % occupancy, breaks kept, 15 h rest, 95 % adherence, CSAT 4.5.</summary>
    private static List<WellbeingDay> CalmMonth() => Enumerable.Range(0, 28)
        .Select(i => Today.AddDays(-i))
        .Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
        .Select(d => new WellbeingDay(d, 8, 8, 0.75, 30, 3, 0, 0, 0.95, 15, 0, 4.5))
        .ToList();

    [Fact]
    public void CalmAgent_ScoresLow_AndEveryFactorSaysWhy()
    {
        var score = BurnoutRisk.Score("a1", CalmMonth(), Today);

        Assert.Equal(BurnoutLevel.Low, score.Level);
        Assert.Equal(0, score.Score);
        Assert.Equal(8, score.Factors.Count);
        Assert.All(score.Factors, f => Assert.False(string.IsNullOrWhiteSpace(f.Observed)));
        Assert.Equal(100, score.Factors.Sum(f => f.MaxPoints), 6);
    }

    [Fact]
    public void AgentRunningHot_Alerts_WithTheFactorsThatAddUpToTheScore()
    {
        var days = CalmMonth().ToDictionary(d => d.Date);
        // The last 7 days in a row, worked: hot streaks, long runs of contacts, breaks missed, overtime, an abusive week.
        for (var i = 0; i < 7; i++)
        {
            var date = Today.AddDays(-i);
            days[date] = new WellbeingDay(date, 9.5, 8, 0.93, i < 6 ? 150 : 60, 12, i < 4 ? 1 : 0, i is 4 or 5 ? 1 : 0, 0.83, i is 1 or 3 ? 9 : 14, i < 2 ? 1 : 0, 4.0);
        }

        var score = BurnoutRisk.Score("a2", days.Values.ToList(), Today);

        var points = score.Factors.ToDictionary(f => f.Factor, f => f.Points);
        Assert.Equal(20, points["occupancy"]);             // 6 hot days, 5 give the full 20
        Assert.Equal(10, points["back-to-back contacts"]); // 12 in a row is the full 10
        Assert.Equal(12.5, points["breaks"]);              // 4 missed + 2 late at half = 5 of 6 → 12.5
        Assert.Equal(15, points["overtime"]);              // 10.5 h over in 7 days ≥ 8 h
        Assert.Equal(10, points["abuse"]);                 // 2 of 3 incidents → 10
        Assert.Equal(10, points["adherence drift"]);       // 95 % → 83 %: 12 points ≥ 10
        Assert.Equal(10, points["rotations and days in a row"]); // 2 late-to-early turns + 7 days in a row
        Assert.Equal(5, points["CSAT"]);                   // 4.5 → 4.0
        Assert.Equal(score.Factors.Sum(f => f.Points), score.Score, 6);
        Assert.Equal(BurnoutLevel.Alert, score.Level);
        Assert.Equal("occupancy", score.Factors[0].Factor);
        Assert.Contains("6 of the last 14 days", score.Factors[0].Observed);
    }

    [Fact]
    public void Scheduler_GivesAgentsAtRisk_MoreRest_AndFewerDaysInARow()
    {
        Assert.Equal((4, 12.0), BurnoutRisk.ScheduleLimits(BurnoutLevel.Alert));
        Assert.Equal((null, 12.0), BurnoutRisk.ScheduleLimits(BurnoutLevel.Watch));
        Assert.Equal((null, null), BurnoutRisk.ScheduleLimits(BurnoutLevel.Low));
    }

    [Fact]
    public void Thresholds_AndWeights_AreTheCentersToSet()
    {
        var days = CalmMonth();
        days[0] = days[0] with { AbuseIncidents = 3 };
        var options = new WellbeingOptions { AbuseWeight = 45, OccupancyWeight = 0, BackToBackWeight = 0, WatchScore = 30, AlertScore = 50 };

        var score = BurnoutRisk.Score("a3", days, Today, options);

        Assert.Equal(45, score.Score);
        Assert.Equal(BurnoutLevel.Watch, score.Level);
        var error = Assert.Throws<ArgumentException>(() => BurnoutRisk.Score("a3", days, Today, options with { AbuseWeight = 50 }));
        Assert.Contains("add up to 100", error.Message);
    }
}
