using Wfm.Core.Capacity;
using Wfm.Core.Forecasting;

namespace Wfm.Core.Tests.Capacity;

public sealed class AttritionTests
{
    [Fact]
    public void AMonthlyRate_LeavesTheRightShareAfterAYear()
    {
        var attrition = Attrition.FromMonthlyRate(0.03, 0.06);

        Assert.Equal(Math.Pow(0.97, 12), attrition.Survival(53, 60)[52], 3);
        Assert.True(attrition.Survival(13, 0)[12] < attrition.Survival(13, 60)[12]);
        Assert.Equal(0.03, Attrition.Monthly(attrition.LaterWeekly), 6);
        Assert.Throws<ForecastInputException>(() => Attrition.FromMonthlyRate(1.2));
    }

    [Fact]
    public void HireAndLeaveDates_GiveTheRatesByTenure()
    {
        // 200 hires two years ago: 40 leave in their 6th week, 20 more in their 30th, nobody after.
        var asOf = new DateOnly(2026, 12, 7);
        var hired = asOf.AddDays(-728);
        var people = Enumerable.Range(0, 200).Select(i => (hired, i < 40 ? hired.AddDays(42) : i < 60 ? hired.AddDays(210) : (DateOnly?)null)).ToList();
        var attrition = Attrition.FromTenure(people, asOf)!;

        // First quarter: 40 leavers over 40·6 + 160·13 weeks of exposure.
        Assert.Equal(40.0 / ((40 * 6) + (160 * 13)), attrition.FirstQuarterWeekly, 6);
        Assert.Equal(20.0 / ((20 * 17) + (140 * 39)), attrition.FirstYearWeekly, 6);
        Assert.Equal(0, attrition.LaterWeekly);
        Assert.Null(Attrition.FromTenure(people.Take(3).Select(p => (p.hired, (DateOnly?)p.hired.AddDays(10))), asOf));
    }
}
