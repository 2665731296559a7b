using System.Text.Json;
using Wfm.Core.Capacity;
using Wfm.Core.Directory;
using Wfm.Core.Forecasting;
using Wfm.Core.Ports;
using Wfm.Core.Time;
using Wfm.Planning.Center;
using Wfm.Planning.Charts;

namespace Wfm.Planning.Capacity;

/// <summary>A stored capacity plan with its request and result read back.</summary>
public sealed record CapacityPlanRecord(long Id, string Name, DateTimeOffset CreatedAt, CapacityRequest Request, CapacityPlanResult Result);

/// <summary>Scenarios side by side: per scenario its knobs, FTE required and supplied, hires, weeks short, cost and mean service level.</summary>
public sealed record CapacityComparison(IReadOnlyList<CapacityComparisonRow> Rows, string ChartSvg);

/// <summary>One scenario in a comparison.</summary>
public sealed record CapacityComparisonRow(
    long Id, string Name, CapacityScenario Scenario, double PeakRequiredFte, double MeanRequiredFte, double MeanAvailableFte, int Hires, int Classes, int ShortWeeks,
    double ShortFteWeeks, double TotalCost, double AddedCost, double? MeanServiceLevel, string Status);

/// <summary>
/// Capacity plans of the center as a planner makes them: from the stored history of the center's queues, today's agents
/// (skills, contract hours, hire dates), the tenure curve their hire and leave dates show, the center's holidays and
/// days; made within a time limit that also stops when the caller leaves, kept as scenarios, compared side by side.
/// </summary>
public sealed class CapacityService(IHistoryStore histories, ICapacityPlanStore store, CenterService center, TimeProvider time) : IDisposable
{
    /// <summary>How long one plan (forecasts, staffing, optimisation) may take on the server.</summary>
    public static readonly TimeSpan TimeLimit = TimeSpan.FromMinutes(2);

    /// <summary>Plans made at once; another request meanwhile is told to wait.</summary>
    public const int MaxConcurrentPlans = 2;

    private readonly SemaphoreSlim _plans = new(MaxConcurrentPlans, MaxConcurrentPlans);

    public void Dispose() => _plans.Dispose();

    public async Task<CapacityPlanRecord> CreateAsync(CapacityRequest request, CancellationToken cancellationToken = default)
    {
        var data = await center.GetAsync(cancellationToken);
        var today = CenterClock.For(data.Settings.TimeZone, data.Settings.IntervalMinutes).LocalDate(time.GetUtcNow());
        var queues = await QueuesAsync(data, request);
        var holidays = request.Holidays ?? data.Settings.Holidays;
        var days = new List<SpecialDay>();
        if (!string.IsNullOrWhiteSpace(holidays) && !holidays.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                days.AddRange(HolidayCalendars.For(holidays.Trim(), queues.Min(q => q.History.FirstDay).Year, today.Year + 3));
            }
            catch (ForecastInputException ex)
            {
                throw new PlanningException("holidays", ex.Detail);
            }
        }

        days.AddRange(data.Days.Select(d => new SpecialDay(d.Date, d.Name, d.Closed)));
        var clock = CenterClock.For(data.Settings.TimeZone, data.Settings.IntervalMinutes);
        var contracts = data.Contracts.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var headcount = data.Agents.Where(a => a.IsActive)
            .GroupBy(a => (Skills: string.Join("+", a.Skills.Select(s => s.QueueId).Order(StringComparer.Ordinal)), Hours: a.ContractId is { } c && contracts.TryGetValue(c, out var contract) ? contract.MaxHoursPerWeek : request.FullTimeHours))
            .Where(g => g.Key.Skills.Length > 0)
            .Select(g => new HeadcountRow(g.Key.Skills.Split('+'), g.Count(), g.Key.Hours, [.. g.Where(a => a.HireDate is not null).Select(a => (today.DayNumber - a.HireDate!.Value.DayNumber) / 7.0)]))
            .ToList();
        var tenure = Attrition.FromTenure(data.Agents.Where(a => a.HireDate is not null).Select(a => (a.HireDate!.Value, a.Deactivated is { } gone ? clock.LocalDate(gone) : (DateOnly?)null)), today);
        var inputs = new CapacityInputs(queues, headcount, tenure, days);

        if (!await _plans.WaitAsync(0, cancellationToken))
        {
            throw new PlanningBusyException($"{MaxConcurrentPlans} capacity plans are being made already; try again when one is done");
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeLimit);
        CapacityPlanResult result;
        try
        {
            result = await Task.Run(() => CapacityPlanner.Plan(inputs, request, limit.Token), limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PlanningException("weeks", $"the plan took longer than the {TimeLimit.TotalSeconds:0} s a capacity plan may take: plan fewer weeks or queues");
        }
        finally
        {
            _plans.Release();
        }

        var name = string.IsNullOrWhiteSpace(request.Name) ? $"{result.Start:yyyy-MM-dd}, {result.Weeks} weeks" : request.Name.Trim();
        if (name.Length > 120)
        {
            throw new PlanningException("name", "give the scenario a name of at most 120 characters");
        }

        var id = await store.AddAsync(name, result.Start, result.Weeks, JsonSerializer.Serialize(request, CapacityFiles.Json), JsonSerializer.Serialize(result, CapacityFiles.Json), CancellationToken.None);
        return (await GetAsync(id, CancellationToken.None))!;
    }

    public async Task<CapacityPlanRecord?> GetAsync(long id, CancellationToken cancellationToken = default) =>
        await store.GetAsync(id, cancellationToken) is { RequestJson: { } request, ResultJson: { } result } stored
            ? new CapacityPlanRecord(stored.Id, stored.Name, stored.CreatedAt, JsonSerializer.Deserialize<CapacityRequest>(request, CapacityFiles.Json)!, JsonSerializer.Deserialize<CapacityPlanResult>(result, CapacityFiles.Json)!)
            : null;

    public Task<IReadOnlyList<StoredCapacityPlan>> ListAsync(CancellationToken cancellationToken = default) => store.ListAsync(cancellationToken);

    public Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default) => store.DeleteAsync(id, cancellationToken);

    /// <summary>Stored scenarios side by side, in the order asked.</summary>
    public async Task<CapacityComparison> CompareAsync(IReadOnlyList<long> ids, ChartText? text = null, CancellationToken cancellationToken = default)
    {
        if (ids.Count is < 1 or > 8)
        {
            throw new PlanningException("ids", $"compare 1 to 8 stored scenarios, got {ids.Count}");
        }

        var plans = new List<CapacityPlanRecord>();
        foreach (var id in ids.Distinct())
        {
            plans.Add(await GetAsync(id, cancellationToken) ?? throw new PlanningException("ids", $"there is no stored capacity plan {id}"));
        }

        var rows = plans.Select(p =>
        {
            var r = p.Result;
            var service = r.Totals.Where(t => t.ServiceLevel is not null).Select(t => t.ServiceLevel!.Value).ToList();
            return new CapacityComparisonRow(
                p.Id, p.Name, p.Request.Scenario, r.Totals.Max(t => t.RequiredFte), r.Totals.Average(t => t.RequiredFte), r.Totals.Average(t => t.AvailableFte + t.OvertimeFte),
                r.Plan.Classes.Sum(c => c.Size), r.Plan.Classes.Count, r.Totals.Count(t => t.ShortFte > 0.05), r.Totals.Sum(t => t.ShortFte), r.Plan.Cost.Total, r.Plan.Cost.Added,
                service.Count > 0 ? service.Average() : null, r.Plan.Status);
        }).ToList();
        return new CapacityComparison(rows, CapacityReport.Compare([.. plans.Select(p => (p.Name, p.Result))], text));
    }

    /// <summary>The histories to plan from: the series named, or the newest series of each active queue; each with its queue's profile.</summary>
    private async Task<List<CapacityQueueInput>> QueuesAsync(CenterData data, CapacityRequest request)
    {
        var stored = await histories.ListAsync();
        var active = data.Queues.Where(q => q.IsActive).ToDictionary(q => q.Id, StringComparer.Ordinal);
        List<StoredSeries> chosen;
        if (request.Series is { Count: > 0 } named)
        {
            chosen = [];
            foreach (var key in named)
            {
                var series = stored.FirstOrDefault(s => s.Key == key) ?? throw new PlanningException("series", $"no history is stored as '{key}'; stored series: {string.Join(", ", stored.Select(s => s.Key))}");
                if (!active.ContainsKey(series.Queue))
                {
                    throw new PlanningException("series", $"'{key}' is history of '{series.Queue}', which is not an active queue of the center");
                }

                chosen.Add(series);
            }

            if (chosen.GroupBy(s => s.Queue).FirstOrDefault(g => g.Count() > 1) is { } twice)
            {
                throw new PlanningException("series", $"{string.Join(" and ", twice.Select(s => s.Key))} are both history of '{twice.Key}': choose one");
            }
        }
        else
        {
            chosen = [.. stored.Where(s => active.ContainsKey(s.Queue)).GroupBy(s => s.Queue).Select(g => g.OrderByDescending(s => s.LastDay).ThenByDescending(s => s.ImportedAt).First())];
        }

        if (chosen.Count == 0)
        {
            throw new PlanningException("series", "no stored history of any active queue: import contact history first (the forecast page, or POST /api/history)");
        }

        var result = new List<CapacityQueueInput>();
        foreach (var series in chosen)
        {
            DemandHistory? history;
            try
            {
                history = await histories.LoadAsync(series.Key);
            }
            catch (ForecastInputException ex)
            {
                throw new PlanningException("series", $"the stored history of '{series.Key}' cannot be planned from: {ex.Detail}");
            }

            result.Add(new CapacityQueueInput(history ?? throw new PlanningException("series", $"'{series.Key}' has no stored intervals"), active[series.Queue]));
        }

        return result;
    }
}
