using Wfm.Core.Directory;
using Wfm.Core.Queues;
using Wfm.Planning.Csv;
using Wfm.Planning.Staffing;

namespace Wfm.Planning.Tests;

public sealed class PeriodStaffingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateOnly Monday = new(2026, 12, 7);

    /// <summary>A voice, a chat and an e-mail queue, open 08:00–20:00, 15-minute intervals.</summary>
    private static async Task<CenterData> CenterAsync(TestCenter center)
    {
        var s = center.Service;
        await s.SaveQueueAsync(TestCenter.Voice(), create: true, Ct);
        await s.SaveQueueAsync(new QueueProfile("chat", "Chat", Channel.Chat, new ServiceLevelTarget(80, 60)), create: true, Ct);
        await s.SaveQueueAsync(new QueueProfile("mail", "Mail", Channel.Email, new ServiceLevelTarget(90, 4 * 3600)), create: true, Ct);
        return await s.GetAsync(Ct);
    }

    /// <summary>Contacts per 15 minutes from 08:00 to 20:00 for <paramref name="days"/> days from <paramref name="from"/>, with or without handle times.</summary>
    private static List<ForecastPoint> Forecast(DateOnly from, int days, double perInterval, double? aht = 240) =>
        [.. Enumerable.Range(0, days * 48).Select(i => from.ToDateTime(TimeOnly.MinValue).AddDays(i / 48).AddMinutes(480 + (i % 48 * 15)))
            .Select((t, i) => new ForecastPoint(t, perInterval, aht, i))];

    [Fact]
    public async Task EveryQueue_IsStaffedByItsChannelsModel_OnTheCentersGrid_AndClosedTimeNeedsNobody()
    {
        using var center = new TestCenter();
        var data = await CenterAsync(center);

        var plan = PeriodStaffing.Plan(data,
            [new("voice", 1, Forecast(Monday, 14, 30)), new("chat", 2, Forecast(Monday, 7, 12)), new("mail", 3, Forecast(Monday.AddDays(-1), 9, 20))],
            new PeriodStaffingOptions(Monday, 1, Shrinkage: 0.2));

        Assert.Equal((7, 15), (plan.Days, plan.IntervalMinutes));
        var voice = plan.Queues.Single(q => q.QueueId == "voice");
        Assert.Equal(("erlang-a", 1L), (voice.Model, voice.ForecastId));
        Assert.Equal(7 * 96, voice.Required.Count);
        Assert.Equal(0, voice.Required[0]); // 00:00: closed
        var nine = 36; // Monday 09:00
        Assert.Equal(30, voice.Contacts[nine]);
        // 30 calls of 240 s in 15 minutes are 8 erlangs: more agents than that, and more again after 20 % shrinkage.
        Assert.InRange(voice.Required[nine], 9, 14);
        Assert.True(voice.Scheduled[nine] >= voice.Required[nine] / 0.8 - 1);
        Assert.Equal("chat", plan.Queues.Single(q => q.QueueId == "chat").Model);
        var mail = plan.Queues.Single(q => q.QueueId == "mail");
        Assert.Equal("backlog", mail.Model);
        Assert.True(mail.RequiredStaffHours > 0);
        Assert.Equal(voice.Required.Sum() * 0.25, voice.RequiredStaffHours, 6);
    }

    [Fact]
    public async Task WithACalibration_TheVoiceQueueIsStaffedInAgentsLoggedIn_AndTheOthersAsBefore()
    {
        using var center = new TestCenter();
        var data = await CenterAsync(center);
        var forecasts = new QueueForecast[] { new("voice", 1, Forecast(Monday, 7, 30)), new("chat", 2, Forecast(Monday, 7, 12)) };
        var calibration = new Core.Staffing.Calibration.StaffingCalibration([new Core.Staffing.Calibration.QueueCalibration("voice", 0.75, 0, 180, 0)]);

        var plain = PeriodStaffing.Plan(data, forecasts, new PeriodStaffingOptions(Monday, 1, Shrinkage: 0));
        var calibrated = PeriodStaffing.Plan(data, forecasts, new PeriodStaffingOptions(Monday, 1, Shrinkage: 0, Calibration: calibration));

        var before = plain.Queues.Single(q => q.QueueId == "voice");
        var after = calibrated.Queues.Single(q => q.QueueId == "voice");
        Assert.True(after.Calibrated);
        Assert.False(before.Calibrated);
        // A quarter of logged-in time elsewhere: about a third more agents logged in for the same calls.
        Assert.InRange(after.RequiredStaffHours / before.RequiredStaffHours, 1.2, 1.45);
        Assert.Equal(plain.Queues.Single(q => q.QueueId == "chat").Required, calibrated.Queues.Single(q => q.QueueId == "chat").Required);
        Assert.False(calibrated.Queues.Single(q => q.QueueId == "chat").Calibrated);

        var day = PeriodStaffing.Day(data.Queues.Single(q => q.Id == "voice"), Forecast(Monday, 1, 30), Monday, 15, calibration: calibration.Queues[0]);
        Assert.True(day.Calibrated);
        Assert.Equal(after.Required.Take(96), day.Required);
    }

    [Fact]
    public async Task MissingHandleTimes_AForecastThatDoesNotCoverThePeriod_AndAnUnknownQueue_AreNamed()
    {
        using var center = new TestCenter();
        var data = await CenterAsync(center);

        var error = Assert.Throws<PlanningException>(() => PeriodStaffing.Plan(data,
            [new("voice", 1, Forecast(Monday, 7, 30, aht: null)), new("chat", 2, Forecast(Monday, 3, 12)), new("nowhere", 3, Forecast(Monday, 7, 1))],
            new PeriodStaffingOptions(Monday, 1)));
        var typed = PeriodStaffing.Plan(data, [new("voice", 1, Forecast(Monday, 7, 30, aht: null))], new PeriodStaffingOptions(Monday, 1, Aht: AhtSource.Typed, AhtSeconds: 240));
        var noHistory = Assert.Throws<PlanningException>(() => PeriodStaffing.Plan(data, [new("voice", 1, Forecast(Monday, 7, 30))], new PeriodStaffingOptions(Monday, 1, Aht: AhtSource.History)));

        Assert.Contains(error.Errors, e => e.Field == "forecasts[voice]" && e.Detail.Contains("no handle time"));
        Assert.Contains(error.Errors, e => e.Field == "forecasts[chat]" && e.Detail.Contains("2026-12-07 to 2026-12-13"));
        Assert.Contains(error.Errors, e => e.Field == "forecasts[nowhere]");
        Assert.True(typed.Queues[0].Required.Max() > 0);
        Assert.Contains("no handle times", Assert.Single(noHistory.Errors).Detail);
    }

    [Fact]
    public async Task NewestForecasts_AQueueWhoseForecastEndsBeforeThePeriod_IsLeftOutAndNamed_UnlessItWasChosen()
    {
        using var center = new TestCenter();
        var data = await CenterAsync(center);
        QueueForecast[] forecasts = [new("voice", 1, Forecast(Monday, 7, 30)), new("chat", 2, Forecast(Monday.AddDays(-28), 14, 12))];

        var plan = PeriodStaffing.Plan(data, forecasts, new PeriodStaffingOptions(Monday, 1, LeaveOutUncovered: true));
        var chosen = Assert.Throws<PlanningException>(() => PeriodStaffing.Plan(data, forecasts, new PeriodStaffingOptions(Monday, 1)));
        var nothingLeft = Assert.Throws<PlanningException>(() => PeriodStaffing.Plan(data, [forecasts[1]], new PeriodStaffingOptions(Monday, 1, LeaveOutUncovered: true)));

        Assert.Equal(["voice"], plan.Queues.Select(q => q.QueueId));
        var left = Assert.Single(plan.LeftOut!);
        Assert.Equal("forecasts[chat]", left.Field);
        Assert.Contains("2026-11-09 to 2026-11-22", left.Detail);
        Assert.Equal("forecasts[chat]", Assert.Single(chosen.Errors).Field);
        Assert.Equal("forecasts[chat]", Assert.Single(nothingLeft.Errors).Field);
    }
}
