using Wfm.Core.Directory;
using Wfm.Core.Kpis;
using Wfm.Core.Time;

namespace Wfm.Core.Tests.Kpis;

/// <summary>The KPI definitions of docs/kpis.md on a hand-computed week, including a first response across a weekend.</summary>
public sealed class KpiCalculatorTests
{
    private static readonly CenterClock Clock = new(TimeZoneInfo.Utc, 15);

    private static DateTimeOffset T(int day, int hour, int minute = 0, int second = 0) => new(2026, 11, day, hour, minute, second, TimeSpan.Zero);

    /// <summary>The week of Monday 23 November 2026 and one contact the week before.</summary>
    private static List<ContactRecord> Week() =>
    [
        // Friday 17:00, answered Monday 10:00: 65 hours, of which 2 are business hours (Fri 17–18, Mon 9–10).
        new("c1", "chat", Channel.Chat, "a1", "cust-1", T(27, 17), CustomerMessages: [T(27, 17), T(27, 17, 40)], AgentReplies: [T(30, 10)]),
        new("c2", "chat", Channel.Chat, "a1", "cust-2", T(23, 10), ResolvedAt: T(23, 10, 12),
            CustomerMessages: [T(23, 10), T(23, 10, 5)], AgentReplies: [T(23, 10, 2), T(23, 10, 6), T(23, 10, 10)], Survey: new SurveyAnswer(5, 10, 2)),
        new("v1", "voice", Channel.Voice, "a2", "cust-3", T(24, 9), AnsweredAt: T(24, 9, 0, 30), EndedAt: T(24, 9, 5, 30), ResolvedAt: T(24, 9, 5, 30), Survey: new SurveyAnswer(3, 6, 5)),
        new("v2", "voice", Channel.Voice, null, null, T(24, 11), AbandonedAt: T(24, 11, 2)),
        new("v3", "voice", Channel.Voice, "a2", "cust-4", T(25, 12), AnsweredAt: T(25, 12, 1), EndedAt: T(25, 12, 11), ResolvedAt: T(25, 12, 11), Transfers: 1),
        // cust-2 comes back two days after c2 was resolved: c2 was not resolved at first contact.
        new("c3", "chat", Channel.Chat, "a1", "cust-2", T(25, 9), ResolvedAt: T(25, 9, 10), CustomerMessages: [T(25, 9)], AgentReplies: [T(25, 9, 3)]),
        new("v0", "voice", Channel.Voice, "a2", "cust-9", T(17, 10), AnsweredAt: T(17, 10, 1), EndedAt: T(17, 10, 6)),
    ];

    [Fact]
    public void Week_GivesTheHandComputedFigures()
    {
        var k = KpiCalculator.Compute(Week(), T(23, 0), T(30, 0), Clock);

        Assert.Equal(6, k.Offered);
        Assert.Equal(5, k.Handled);
        Assert.Equal(10, k.TotalMessages);
        Assert.Equal(0.8333, k.ResponseRate);
        Assert.Equal(46878, k.FirstResponseSeconds);
        Assert.Equal(1518, k.FirstResponseBusinessSeconds);
        Assert.Equal(93192, k.ReplyWaitSeconds);
        Assert.Equal(0.8, k.ResolutionRate);
        Assert.Equal(577.5, k.ResolutionSeconds);
        Assert.Equal(0.5, k.FirstContactResolution);
        Assert.Equal(1.6667, k.ResponsesPerInquiry);
        Assert.Equal(0.1667, k.Abandonment);
        Assert.Equal(450, k.AverageHandleSeconds);
        Assert.Equal(1, k.Transfers);
        Assert.Equal(0.5, k.Csat);
        Assert.Equal(0, k.Nps);
        Assert.Equal(3.5, k.Ces);
        Assert.Equal(2, k.Surveys);
    }

    [Fact]
    public void BusinessHours_SkipTheWeekend_AndClosedDays()
    {
        var hours = BusinessHours.Weekdays9To6;
        Assert.Equal(TimeSpan.FromHours(2), hours.Between(T(27, 17), T(30, 10), Clock));
        Assert.Equal(TimeSpan.Zero, hours.Between(T(28, 10), T(29, 20), Clock));
        var holiday = new BusinessHours(Enum.GetValues<DayOfWeek>().ToDictionary(d => d, _ => (new TimeOnly(9, 0), new TimeOnly(18, 0))), [new DateOnly(2026, 11, 30)]);
        Assert.Equal(TimeSpan.FromHours(1 + 9 + 9), holiday.Between(T(27, 17), T(30, 10), Clock));
    }

    [Fact]
    public void PerAgent_WithThePreviousPeriodBeside()
    {
        var byAgent = KpiCalculator.ByGroup(Week(), "agent", c => c.AgentId, T(23, 0), T(30, 0), Clock);

        var a2 = byAgent.Single(g => g.Key == "a2");
        Assert.Equal(2, a2.Current.Offered);
        Assert.Equal(450, a2.Current.AverageHandleSeconds);
        Assert.Equal(1, a2.Previous.Offered);
        Assert.Equal(300, a2.Previous.AverageHandleSeconds);
        var a1 = byAgent.Single(g => g.Key == "a1");
        Assert.Equal(0, a1.Previous.Offered);
        Assert.Null(a1.Previous.ResponseRate);
        Assert.Equal(["a1", "a2"], byAgent.Select(g => g.Key));
    }
}
