using System.Text.Json;
using Microsoft.Extensions.Options;
using Wfm.Core.Directory;
using Wfm.Core.Forecasting;
using Wfm.Core.Ports;
using Wfm.Core.Time;
using Wfm.Planning.Center;
using Wfm.Planning.Forecasting;
using Wfm.Planning.Scheduling;
using Wfm.Planning.Staffing;
using Wfm.Planning;
using Wfm.Server.Hosting;
using Wfm.Server.Wellbeing;
using Wfm.Simulation;

namespace Wfm.Server.Demo;

/// <summary>
/// Plans the demo center the way a planner plans theirs, through the same services: its generated contact history is
/// imported week by week, each queue forecast, the period staffed, the center's own agents scheduled under its rule set
/// (agents at burnout risk get their limits) and the schedule published from today. The live demo traffic then follows
/// that forecast and those shifts.
/// </summary>
public sealed class DemoPlanner(
    CenterService center, HistoryService history, ForecastService forecasts, StaffingPlanService staffing, ScheduleService schedules,
    WellbeingService wellbeing, IEventJournal journal, IShiftPlanWriter shiftPlans, IIncidentStore incidents,
    TimeProvider time, IOptions<WfmServerOptions> options, ILogger<DemoPlanner> logger) : IDisposable
{
    /// <summary>Weeks of past contact history the demo center starts with.</summary>
    public const int HistoryWeeks = 12;

    /// <summary>The demo plans without shrinkage beyond breaks: its absences and late log-ins show on the board as they would.</summary>
    public const double Shrinkage = 0;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public void Dispose() => _gate.Dispose();

    /// <summary>Monday of the week <paramref name="day"/> is in.</summary>
    public static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>
    /// The demo's history through last Sunday: twelve weeks on a fresh database; on a later start the weeks since (the
    /// generated history "arrives" as a real center's export would).
    /// </summary>
    public async Task ImportHistoryAsync(CancellationToken cancellationToken = default)
    {
        var setup = await center.GetAsync(cancellationToken);
        var clock = Clock(setup);
        var lastSunday = MondayOf(clock.LocalDate(time.GetUtcNow())).AddDays(-1);
        var stored = (await history.ListAsync()).ToDictionary(s => s.Key, StringComparer.Ordinal);
        var queues = DemoCenterGenerator.DemoQueues().Select(q => q.Profile.Id).Where(id => setup.Queues.Any(q => q.Id == id && q.IsActive)).ToList();
        if (queues.Count == 0)
        {
            return;
        }

        var from = queues.All(q => !stored.ContainsKey(q))
            ? lastSunday.AddDays(-(7 * HistoryWeeks) + 1)
            : queues.Min(q => stored.TryGetValue(q, out var s) ? s.LastDay.AddDays(1) : lastSunday.AddDays(-(7 * HistoryWeeks) + 1));
        if (from > lastSunday)
        {
            return;
        }

        // A history is at least two weeks: a shorter top-up starts earlier and replaces the days it repeats.
        from = new[] { from, lastSunday.AddDays(-DemandHistory.MinimumDays + 1) }.Min();
        var generated = DemoHistoryGenerator.Generate(from, lastSunday, setup.Settings.IntervalMinutes, options.Value.DemoSeed + from.DayNumber)
            .Where(h => queues.Contains(h.Queue)).ToList();
        var imported = await history.ImportAsync(generated, $"demo history {from:yyyy-MM-dd} to {lastSunday:yyyy-MM-dd}");
        logger.LogInformation("Imported demo contact history {From} to {To}: {Intervals} intervals in {Series} series",
            from, lastSunday, imported.Sum(i => i.Written), imported.Count);
    }

    /// <summary>
    /// A staffing plan for <paramref name="weeks"/> weeks from <paramref name="monday"/>: each queue with history forecast
    /// (a stored forecast reaching that far is used again), then staffed by its channel's model.
    /// </summary>
    public async Task<StaffingPlan> StaffingPlanAsync(DateOnly monday, int weeks, CancellationToken cancellationToken = default)
    {
        var setup = await center.GetAsync(cancellationToken);
        var lastDay = monday.AddDays((7 * weeks) - 1);
        var ids = new List<long>();
        foreach (var series in await history.ListAsync())
        {
            // The demo's own series (named after their queues), of queues still open.
            if (series.Key != series.Queue || !setup.Queues.Any(q => q.Id == series.Queue && q.IsActive))
            {
                continue;
            }

            var newest = await forecasts.ListAsync(series.Key) is [var latest, ..] ? latest : null;
            var reaches = newest is not null && (await forecasts.GetAsync(newest.Id))!.Result is { } r
                && r.HistoryLastDay < monday && r.HistoryLastDay.AddDays(newest.HorizonDays) >= lastDay;
            if (reaches)
            {
                ids.Add(newest!.Id);
                continue;
            }

            var horizon = lastDay.DayNumber - series.LastDay.DayNumber;
            if (horizon is < 1 or > 60)
            {
                continue; // history too far behind (or ahead) to forecast this period from
            }

            var made = await forecasts.CreateAsync(new ForecastRequestDto(series.Key, HorizonDays: horizon, Holidays: setup.Settings.Holidays), cancellationToken);
            ids.Add(made.Stored.Id);
        }

        var chosen = await forecasts.ForQueuesAsync(ids, [], historyAht: false);
        return await staffing.CreateAsync($"Demo: {weeks} week(s) from {monday:yyyy-MM-dd}", chosen,
            new PeriodStaffingOptions(monday, weeks, Shrinkage, AhtSource.Forecast), cancellationToken);
    }

    /// <summary>
    /// Makes sure today and tomorrow have published shifts: when no published schedule covers them, plans this week and
    /// the next (history, forecasts, staffing, schedule) and publishes from today. True when it planned.
    /// </summary>
    public async Task<bool> EnsurePublishedAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var setup = await center.GetAsync(cancellationToken);
            var today = Clock(setup).LocalDate(time.GetUtcNow());
            var published = (await schedules.ListAsync()).Where(s => s.PublishedAt is not null).ToList();
            if (published.Any(s => s.Start <= today && today.AddDays(1) < s.Start.AddDays(s.Days)))
            {
                return false;
            }

            await ImportHistoryAsync(cancellationToken);
            var monday = MondayOf(today);
            var plan = await StaffingPlanAsync(monday, 2, cancellationToken);
            var (limits, _) = await wellbeing.ScheduleLimitsAsync(cancellationToken);
            var order = new CenterScheduleOrder(monday, 2, null, DemoCenterSetup.Standard.Id, TimeLimitSeconds: options.Value.DemoScheduleSeconds,
                Name: $"Demo: weeks of {monday:yyyy-MM-dd}", StaffingPlanId: plan.Id);
            var schedule = await schedules.CreateForCenterAsync(order, JsonSerializer.Serialize(order, Json), limits, cancellationToken);
            var done = await schedules.PublishAsync(schedule.Id, today, cancellationToken);
            logger.LogInformation("Planned the demo's weeks of {Monday}: staffing plan {Plan}, schedule {Schedule} ({Shifts} shifts, {Unmet} intervals short), {AgentDays} agent-days published from {Today}",
                monday, plan.Id, schedule.Id, schedule.Shifts, schedule.Unmet, done?.AgentDays, today);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Once, on a fresh demo: the last fortnight of three agents who run hot (hours of back-to-back contacts, skipped
    /// breaks, overtime, abusive callers), so the wellbeing panel shows what it is for, and the ordinary recent weeks of
    /// everyone else, so agents' KPI trends and the trainers' comparisons have weeks behind them.
    /// </summary>
    public async Task SeedStrainAsync(CancellationToken cancellationToken = default)
    {
        var setup = await center.GetAsync(cancellationToken);
        var clock = Clock(setup);
        var agents = setup.Agents.Where(a => a.IsActive && a.Skills.Count > 0).Take(3).Select(a => (a.Id, a.Skills[0].QueueId)).ToList();
        if (agents.Count == 0)
        {
            return;
        }

        if (await incidents.GetAsync($"demo-abuse-{agents[0].Id}-1", cancellationToken) is not null)
        {
            return; // seeded when the demo was new
        }

        var yesterday = clock.LocalDate(time.GetUtcNow()).AddDays(-1);
        var strain = DemoStrainHistory.Generate(agents, yesterday, clock, options.Value.DemoSeed);

        // Everyone else's ordinary weeks: the three before this one (this week's days are the published schedule's).
        var handle = DemoCenterGenerator.DemoQueues().ToDictionary(q => q.Profile.Id, q => q.MeanHandleSeconds);
        var others = setup.Agents.Where(a => a.IsActive && a.Skills.Count > 0 && !agents.Any(s => s.Id == a.Id))
            .Select(a => (a.Id, a.Skills[0].QueueId, handle.GetValueOrDefault(a.Skills[0].QueueId, 300))).ToList();
        var monday = MondayOf(yesterday.AddDays(1));
        var weeks = DemoRecentWeeks.Generate(others, monday.AddDays(-RecentWeeks * 7), monday.AddDays(-1), clock, options.Value.DemoSeed);

        // One transaction each: a grain that wakes meanwhile sees all of it or none (it is told of nothing appended here).
        await journal.AppendAsync(strain.Events, cancellationToken);
        await journal.AppendAsync(weeks.Events, cancellationToken);

        foreach (var ((agentId, day), activities) in strain.Plans.Concat(weeks.Plans))
        {
            await shiftPlans.SetPlanAsync(agentId, day, activities);
        }

        foreach (var incident in strain.Incidents)
        {
            await incidents.AddAsync(incident, cancellationToken);
        }

        logger.LogInformation("Seeded a hard fortnight for {Agents}: {Events} events, {Incidents} abuse reports", string.Join(", ", agents.Select(a => a.Item1)), strain.Events.Count, strain.Incidents.Count);
        logger.LogInformation("Seeded {Weeks} ordinary weeks before this one for {Count} agents: {Events} events, {Days} agent-days", RecentWeeks, others.Count, weeks.Events.Count, weeks.Plans.Count);
    }

    /// <summary>Ordinary whole weeks a new demo's agents have behind them.</summary>
    public const int RecentWeeks = 3;

    private static CenterClock Clock(CenterData setup) => CenterClock.For(setup.Settings.TimeZone, setup.Settings.IntervalMinutes);
}
