using System.Globalization;
using Wfm.Core.Capacity;
using Wfm.Core.Directory;
using Wfm.Core.Forecasting;
using Wfm.Core.Queues;
using Wfm.Core.Staffing;
using Wfm.Planning.Csv;
using Wfm.Planning.Staffing;
using Wfm.Scheduling.Capacity;

namespace Wfm.Planning.Capacity;

/// <summary>A queue to plan: its history and its profile (channel, target, hours).</summary>
public sealed record CapacityQueueInput(DemandHistory History, QueueProfile Queue);

/// <summary>What a capacity plan is made from besides the request: the queues, today's headcount, the tenure curve when the center has one, holidays and the center's own days.</summary>
public sealed record CapacityInputs(IReadOnlyList<CapacityQueueInput> Queues, IReadOnlyList<HeadcountRow> Headcount, Attrition? TenureAttrition, IReadOnlyList<SpecialDay> Days);

/// <summary>
/// A capacity plan from start to end (pure, the same for the server and the CLI): weekly demand per queue (long-range
/// forecast, events, planned changes, the scenario's knobs), spread over the queue's typical week and staffed interval by
/// interval with its channel's model and target, summed to hours, grossed up by shrinkage, turned into FTE — beside the
/// flat workload ÷ hours figure; supply per skill group from today's headcount, attrition, leave and transfers; then
/// the optimised hiring plan, and the service level each week's covered share gives. Errors name the field.
/// </summary>
public static class CapacityPlanner
{
    public const int MinWeeks = 4;

    private static readonly Dictionary<string, double> DefaultShrinkage = new() { ["absence"] = 0.06, ["leave"] = 0.06, ["training and coaching"] = 0.04 };

    public static CapacityPlanResult Plan(CapacityInputs inputs, CapacityRequest request, CancellationToken cancellationToken = default)
    {
        Validate(inputs, request);
        // Queues in one order whatever the source's: the optimiser then takes the same path to the same plan.
        inputs = inputs with { Queues = [.. inputs.Queues.OrderBy(q => q.Queue.Id, StringComparer.Ordinal)] };
        var shrinkage = (request.Shrinkage ?? DefaultShrinkage).Values.Sum();
        var calendar = new SpecialDayCalendar(inputs.Days.Concat(EventDays(request.Events ?? [])));
        var starts = inputs.Queues.Select(q => WeeklyDemand.FirstForecastWeek(q.History, new WeeklyForecastOptions { Calendar = calendar })).ToList();
        var start = request.Start is { } asked ? WeekOf(asked) : starts.Max();
        var errors = inputs.Queues.Zip(starts).Where(p => p.Second > start)
            .Select(p => new PlanningError("start", $"the history of '{p.First.Queue.Id}' runs to {p.First.History.LastDay:yyyy-MM-dd}: start the plan on {p.Second:yyyy-MM-dd} or later")).ToList();
        Throw(errors);

        var notes = new List<string>();
        var queues = new List<CapacityQueue>();
        var weekly = new List<(CapacityQueueInput Input, QueueProfile Profile, List<ForecastPoint>[] Points, int[][] Required, int Interval)>();
        foreach (var (input, first) in inputs.Queues.Zip(starts))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var offset = (start.DayNumber - first.DayNumber) / 7;
            if (offset + request.Weeks > WeeklyForecastOptions.MaxWeeks)
            {
                throw new PlanningException("weeks", $"the plan would end {offset + request.Weeks} weeks after the history of '{input.Queue.Id}' ends; the forecast reaches {WeeklyForecastOptions.MaxWeeks}");
            }

            WeeklyForecast forecast;
            try
            {
                forecast = WeeklyDemand.Forecast(input.History, new WeeklyForecastOptions { Weeks = offset + request.Weeks, Calendar = calendar }, cancellationToken);
            }
            catch (ForecastInputException ex)
            {
                throw new PlanningException($"queues[{input.Queue.Id}].{ex.Field}", ex.Detail);
            }

            var profile = request.Scenario is { TargetPercent: { } p, TargetSeconds: { } s }
                ? input.Queue with { Target = new ServiceLevelTarget(p, s, input.Queue.Target.AbandonsCountAsMisses) }
                : input.Queue;
            var ahead = forecast.Weeks.Skip(offset).ToList();
            var (built, staffed) = StaffWeeks(input, profile, ahead, request, shrinkage, cancellationToken);
            var accuracy = Accuracy(input.History, calendar, notes, cancellationToken);
            queues.Add(new CapacityQueue(
                input.Queue.Id, staffed.Model, forecast.Method, forecast.YearlySeason, profile.Target.Percent, profile.Target.ThresholdSeconds, built, accuracy, forecast.Notes, Days(ahead, built)));
            weekly.Add((input, profile, staffed.Points, staffed.Required, input.History.IntervalMinutes));
            if (!forecast.YearlySeason)
            {
                notes.Add($"{input.Queue.Id}: less than a year and two months of history, so no yearly season is learned; the band is widened by how much the weekly level has moved");
            }
        }

        var fromTenure = request.Attrition.FromTenure && inputs.TenureAttrition is not null;
        var attrition = (fromTenure ? inputs.TenureAttrition : null) ?? Attrition.FromMonthlyRate(request.Attrition.MonthlyRate, request.Attrition.NewHireMonthlyRate);
        attrition = attrition.Scaled(1 + (request.Scenario.AttritionPercent / 100));
        var weeks = Enumerable.Range(0, request.Weeks).Select(w => start.AddDays(7 * w)).ToList();
        var (groups, described) = Groups(inputs, request, attrition, weeks, notes);
        var problem = new CapacityProblem(
            weeks,
            [.. queues.Select(q => new QueueNeed(q.QueueId, [.. q.Weeks.Select(w => w.RequiredFte)]))],
            groups,
            new HiringRules
            {
                LeadTimeWeeks = request.LeadTimeWeeks,
                Trainers = request.Trainers,
                BudgetPerQuarter = request.BudgetPerQuarter,
                TotalBudget = request.TotalBudget,
                OvertimeShare = request.OvertimeShare,
                OvertimeCostFactor = request.OvertimeCostFactor,
                ShortPenaltyPerFteWeek = request.ShortPenaltyPerFteWeek ?? (2 * request.WeeklyCostPerFte),
                NoLayoffs = request.NoLayoffs,
                LayoffCostPerHead = request.LayoffCostPerHead,
                TimeLimit = TimeSpan.FromSeconds(request.TimeLimitSeconds),
            });
        var plan = HiringPlanner.Plan(problem, cancellationToken);

        // The service level each week's covered share gives: the interval requirement scaled down by the share covered.
        for (var q = 0; q < queues.Count; q++)
        {
            var (input, profile, points, required, interval) = weekly[q];
            var withService = queues[q].Weeks.Select((week, w) =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                var covered = plan.Queues.First(x => x.QueueId == input.Queue.Id && x.Week == w);
                var share = covered.Required > 0 ? covered.Covered / covered.Required : 1;
                var agents = required[w].Select(a => (int)Math.Floor((a * share) + 0.5)).ToArray();
                return week with { ServiceLevel = PeriodStaffing.ServiceLevel(profile, points[w], agents, interval, request.PatienceSeconds) };
            }).ToList();
            queues[q] = queues[q] with { Weeks = withService };
        }

        var totals = weeks.Select((week, w) =>
        {
            var service = queues.Select(q => (q.Weeks[w].ServiceLevel, q.Weeks[w].Volume)).Where(x => x.ServiceLevel is not null).ToList();
            var contacts = service.Sum(x => x.Volume);
            return new CapacityWeek(
                week,
                queues.Sum(q => q.Weeks[w].RequiredFte),
                queues.Sum(q => q.Weeks[w].FlatFte),
                plan.Groups.Where(g => g.Week == w).Sum(g => g.ProductiveFte),
                plan.Groups.Where(g => g.Week == w).Sum(g => g.OvertimeFte),
                plan.Queues.Where(x => x.Week == w).Sum(x => x.Short),
                plan.Groups.Where(g => g.Week == w).Sum(g => g.Heads),
                plan.Classes.Where(c => c.StartWeek == w).Sum(c => c.Size),
                contacts > 0 ? service.Sum(x => x.ServiceLevel!.Value * x.Volume) / contacts : null);
        }).ToList();
        var rates = new CapacityAttrition(Attrition.Monthly(attrition.FirstQuarterWeekly), Attrition.Monthly(attrition.FirstYearWeekly), Attrition.Monthly(attrition.LaterWeekly), fromTenure);
        return new CapacityPlanResult(start, request.Weeks, shrinkage, attrition.Source, queues, described, plan, totals, notes, rates);
    }

    /// <summary>The first day of the week (Monday) holding <paramref name="date"/>.</summary>
    public static DateOnly WeekOf(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    /// <summary>Each week's contacts spread over the queue's typical week and staffed interval by interval.</summary>
    private static (List<CapacityQueueWeek> Weeks, (string Model, List<ForecastPoint>[] Points, int[][] Required) Staffed) StaffWeeks(
        CapacityQueueInput input, QueueProfile profile, List<WeekVolume> ahead, CapacityRequest request, double shrinkage, CancellationToken cancellationToken)
    {
        var history = input.History;
        var (share, ahtShape) = Shape(history);
        var interval = history.IntervalMinutes;
        var slots = history.SlotsPerDay;
        var weeks = new List<CapacityQueueWeek>();
        var points = new List<ForecastPoint>[ahead.Count];
        var required = new int[ahead.Count][];
        var model = string.Empty;
        for (var w = 0; w < ahead.Count; w++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var week = ahead[w];
            var volumeFactor = ChangeFactor(request, input.Queue, "volume", week.Start) * (1 + (request.Scenario.VolumePercent / 100));
            var ahtFactor = ChangeFactor(request, input.Queue, "aht", week.Start) * (1 + (request.Scenario.AhtPercent / 100));
            var aht = (week.AhtSeconds ?? request.AhtSeconds ?? throw new PlanningException($"queues[{input.Queue.Id}].ahtSeconds",
                "the history has no handle times: give ahtSeconds (the mean handle time in seconds)")) * ahtFactor;
            var volume = week.Volume * volumeFactor;
            var days = week.Days ?? [];
            var open = days.Sum();
            var list = new List<ForecastPoint>(7 * slots);
            for (var d = 0; d < 7; d++)
            {
                var date = week.Start.AddDays(d);
                var wd = (int)date.DayOfWeek;
                var dayVolume = open > 0 ? volume * days[d] / open : 0;
                for (var s = 0; s < slots; s++)
                {
                    var contacts = dayVolume * share[wd][s];
                    list.Add(new ForecastPoint(date.ToDateTime(TimeOnly.MinValue).AddMinutes(s * interval), contacts, aht * ahtShape[wd][s], list.Count));
                }
            }

            QueueStaffing staffed;
            try
            {
                staffed = PeriodStaffing.Week(profile, list, week.Start, interval, request.PatienceSeconds);
            }
            catch (StaffingInputException ex)
            {
                throw new PlanningException($"queues[{input.Queue.Id}].{ex.Field}", ex.Detail);
            }

            model = staffed.Model;
            points[w] = list;
            required[w] = [.. staffed.Required];
            var fte = 1 / (1 - shrinkage) / request.FullTimeHours;
            var workload = volume * aht / 3600;
            weeks.Add(new CapacityQueueWeek(week.Start, volume, week.Low * volumeFactor, week.High * volumeFactor, aht, staffed.RequiredStaffHours, staffed.RequiredStaffHours * fte, workload * fte, null));
        }

        return (weeks, (model, points, required));
    }

    /// <summary>
    /// The queue's typical week from its last eight weeks: each weekday's share of its contacts per interval, and each
    /// interval's handle time against the mean (1 where the history has none).
    /// </summary>
    private static (double[][] Share, double[][] Aht) Shape(DemandHistory history)
    {
        var slots = history.SlotsPerDay;
        var volume = Enumerable.Range(0, 7).Select(_ => new double[slots]).ToArray();
        var ahtSum = Enumerable.Range(0, 7).Select(_ => new double[slots]).ToArray();
        var ahtWeight = Enumerable.Range(0, 7).Select(_ => new double[slots]).ToArray();
        double allAht = 0, allWeight = 0;
        for (var day = Math.Max(0, history.DayCount - 56); day < history.DayCount; day++)
        {
            var wd = (int)history.Weekday(day);
            for (var s = 0; s < slots; s++)
            {
                var v = history.Volume(day, s);
                if (double.IsFinite(v))
                {
                    volume[wd][s] += v;
                }

                var (aht, n) = history.HandleTime(day, s);
                if (double.IsFinite(aht) && n > 0)
                {
                    ahtSum[wd][s] += aht * n;
                    ahtWeight[wd][s] += n;
                    allAht += aht * n;
                    allWeight += n;
                }
            }
        }

        var mean = allWeight > 0 ? allAht / allWeight : 0;
        var share = volume.Select(v => v.Sum() is > 0 and var total ? v.Select(x => x / total).ToArray() : new double[slots]).ToArray();
        var ahtShape = Enumerable.Range(0, 7).Select(wd => Enumerable.Range(0, slots)
            .Select(s => mean > 0 && ahtWeight[wd][s] >= 5 ? Math.Clamp(ahtSum[wd][s] / ahtWeight[wd][s] / mean, 0.5, 2) : 1).ToArray()).ToArray();
        return (share, ahtShape);
    }

    /// <summary>Each week's contacts (after changes and the scenario) split over its days by their open-day equivalents.</summary>
    private static List<double> Days(List<WeekVolume> ahead, List<CapacityQueueWeek> weeks)
    {
        var result = new List<double>(7 * weeks.Count);
        for (var w = 0; w < weeks.Count; w++)
        {
            var days = ahead[w].Days ?? [];
            var open = days.Sum();
            result.AddRange(Enumerable.Range(0, 7).Select(d => open > 0 && d < days.Count ? Math.Round(weeks[w].Volume * days[d] / open, 1) : 0));
        }

        return result;
    }

    /// <summary>The planned changes of one kind on a queue in a week: each one counts for the share of the week's days it covers.</summary>
    private static double ChangeFactor(CapacityRequest request, QueueProfile queue, string what, DateOnly week)
    {
        var factor = 1.0;
        foreach (var change in request.Changes ?? [])
        {
            var applies = string.Equals(change.What, what, StringComparison.OrdinalIgnoreCase)
                && (change.Queues is not { Count: > 0 } || change.Queues.Contains(queue.Id))
                && (change.Channel is null || string.Equals(change.Channel, queue.Channel.ToString(), StringComparison.OrdinalIgnoreCase));
            if (applies)
            {
                var covered = Enumerable.Range(0, 7).Count(d => week.AddDays(d) >= change.From && (change.To is null || week.AddDays(d) <= change.To));
                factor *= 1 + (change.Percent / 100 * covered / 7);
            }
        }

        return factor;
    }

    private static IEnumerable<SpecialDay> EventDays(IReadOnlyList<CapacityEvent> events) =>
        events.SelectMany(e => Enumerable.Range(0, e.Days).Select(k => new SpecialDay(e.Date.AddDays(k), e.Name.Trim(), e.Closed, e.Closed ? null : e.Factor)));

    /// <summary>The forecast's backtest on the queue's own history, 13 weeks ahead (fewer with a short history).</summary>
    private static IReadOnlyList<CapacityAccuracy> Accuracy(DemandHistory history, SpecialDayCalendar calendar, List<string> notes, CancellationToken cancellationToken)
    {
        var whole = (history.LastDay.DayNumber - WeekOf(history.FirstDay).DayNumber + 1) / 7;
        var horizon = Math.Min(13, whole - WeeklyDemand.MinimumWeeks - 4);
        if (horizon < 4)
        {
            notes.Add($"{history.Queue}: {whole} weeks of history are too few to backtest the weekly forecast (it takes {WeeklyDemand.MinimumWeeks + 8})");
            return [];
        }

        try
        {
            return [.. WeeklyDemand.Backtest(history, horizon, 8, new WeeklyForecastOptions { Calendar = calendar }, cancellationToken).Select(s => new CapacityAccuracy(s.Method, s.Wape, s.Weeks))];
        }
        catch (ForecastInputException ex)
        {
            notes.Add($"{history.Queue}: the weekly forecast cannot be backtested: {ex.Detail}");
            return [];
        }
    }

    /// <summary>Staff groups by skills: today's heads with their hours and tenures, then the hiring profiles' skills (no one there yet); leave and transfers as FTE changes.</summary>
    private static (List<StaffGroup> Groups, List<CapacityGroup> Described) Groups(CapacityInputs inputs, CapacityRequest request, Attrition attrition, List<DateOnly> weeks, List<string> notes)
    {
        var planned = inputs.Queues.Select(q => q.Queue.Id).ToHashSet(StringComparer.Ordinal);
        static string Key(IEnumerable<string> skills) => string.Join("+", skills.Distinct().Order(StringComparer.Ordinal));
        var rows = inputs.Headcount.Select(r => r with { Skills = [.. r.Skills.Where(planned.Contains)] }).ToList();
        var unplanned = inputs.Headcount.Where(r => !r.Skills.Any(planned.Contains)).Sum(r => r.Heads);
        if (unplanned > 0)
        {
            notes.Add($"{unplanned:0.#} agent(s) take none of the planned queues and are left out of the supply");
        }

        var byKey = rows.Where(r => r.Skills.Count > 0).GroupBy(r => Key(r.Skills)).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var h in request.Hiring ?? [])
        {
            byKey.TryAdd(Key(h.Skills), []);
        }

        // Leave and transfers name a group by its skills: exactly the skills of agents there are (or of a hiring profile).
        var errors = new List<PlanningError>();
        string Known() => string.Join(", ", byKey.Keys.Order(StringComparer.Ordinal));
        for (var i = 0; i < (request.Leave ?? []).Count; i++)
        {
            if (request.Leave![i].Skills is { Count: > 0 } skills && !byKey.ContainsKey(Key(skills)))
            {
                errors.Add(new($"leave[{i}].skills", $"no agents have exactly the skills {Key(skills)}; the groups are {Known()}"));
            }
        }

        for (var i = 0; i < (request.Transfers ?? []).Count; i++)
        {
            foreach (var (side, skills) in new[] { ("from", request.Transfers![i].From), ("to", request.Transfers[i].To) })
            {
                if (!byKey.ContainsKey(Key(skills)))
                {
                    errors.Add(new($"transfers[{i}].{side}", $"no agents have exactly the skills {Key(skills)}; the groups are {Known()}"));
                }
            }
        }

        Throw(errors);
        var groups = new List<StaffGroup>();
        var described = new List<CapacityGroup>();
        foreach (var (key, members) in byKey.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            var hiring = (request.Hiring ?? []).FirstOrDefault(h => Key(h.Skills) == key);
            var heads = members.Sum(m => m.Heads);
            var hours = heads > 0 ? members.Sum(m => m.Heads * m.HoursPerWeek) / heads : hiring?.HoursPerWeek ?? request.FullTimeHours;
            var fte = hours / request.FullTimeHours;
            var tenures = members.SelectMany(m => m.TenureWeeks ?? []).ToList();
            var change = new double[weeks.Count];
            foreach (var leave in request.Leave ?? [])
            {
                var share = leave.Skills is { Count: > 0 } ? (Key(leave.Skills) == key ? 1 : 0) : rows.Sum(r => r.Heads) is > 0 and var all ? heads / all : 0;
                for (var w = 0; w < weeks.Count; w++)
                {
                    var days = Enumerable.Range(0, 7).Count(d => weeks[w].AddDays(d) >= leave.From && weeks[w].AddDays(d) <= leave.To);
                    change[w] -= leave.Fte * share * days / 7;
                }
            }

            foreach (var move in request.Transfers ?? [])
            {
                var sign = (Key(move.From) == key ? -1 : 0) + (Key(move.To) == key ? 1 : 0);
                for (var w = 0; w < weeks.Count; w++)
                {
                    if (weeks[w] >= WeekOf(move.Week))
                    {
                        change[w] += sign * move.Heads * fte;
                    }
                }
            }

            var pay = (hiring?.WeeklyCostPerFte ?? request.WeeklyCostPerFte) * fte;
            var profile = hiring is null ? null : new HiringProfile(hiring.MinClassSize, hiring.MaxClassSize, hiring.ClassroomWeeks, hiring.Ramp ?? [0.5, 0.75], hiring.HireCost, hiring.TrainingCostPerWeek);
            groups.Add(new StaffGroup(key, [.. key.Split('+')], heads, fte, pay, attrition.Survival(weeks.Count, tenures), attrition.Survival(weeks.Count, 0), change, profile));
            described.Add(new CapacityGroup(key, [.. key.Split('+')], heads, fte, profile is not null));
        }

        return (groups, described);
    }

    private static void Validate(CapacityInputs inputs, CapacityRequest r)
    {
        var errors = new List<PlanningError>();
        void Check(bool ok, string field, string detail)
        {
            if (!ok)
            {
                errors.Add(new(field, detail));
            }
        }

        static string N(double x) => x.ToString("0.###", CultureInfo.InvariantCulture);
        Check(inputs.Queues.Count > 0, "queues", "no queue history to plan from: import contact history first");
        Check(r.Weeks is >= MinWeeks and <= WeeklyForecastOptions.MaxWeeks, "weeks", $"plan {MinWeeks} to {WeeklyForecastOptions.MaxWeeks} weeks, got {r.Weeks}");
        Check(r.FullTimeHours is > 0 and <= 80, "fullTimeHours", $"a full-time week is more than 0 and at most 80 hours, got {N(r.FullTimeHours)}");
        foreach (var (name, value) in r.Shrinkage ?? DefaultShrinkage)
        {
            Check(value is >= 0 and < 1, $"shrinkage.{name}", $"a share of paid time, 0 to below 1, got {N(value)}");
        }

        Check((r.Shrinkage ?? DefaultShrinkage).Values.Sum() < 0.9, "shrinkage", "the components add up to 90 % or more of paid time");
        Check(r.PatienceSeconds > 0, "patienceSeconds", $"must be more than 0, got {N(r.PatienceSeconds)}");
        Check(r.AhtSeconds is null or (> 0 and <= 86400), "ahtSeconds", $"seconds, more than 0, got {N(r.AhtSeconds ?? 0)}");
        Check(r.Attrition.MonthlyRate is >= 0 and < 1 && r.Attrition.NewHireMonthlyRate is null or (>= 0 and < 1), "attrition", "monthly rates are shares of staff, 0 to below 1 (0.03 = 3 %)");
        Check(r.WeeklyCostPerFte >= 0, "weeklyCostPerFte", "must be 0 or more");
        Check(r.LeadTimeWeeks is >= 0 and <= 52, "leadTimeWeeks", $"0 to 52 weeks, got {r.LeadTimeWeeks}");
        Check(r.Trainers is null or >= 1, "trainers", "at least 1 (leave it out for no limit)");
        Check(r.BudgetPerQuarter is null or >= 0, "budgetPerQuarter", "must be 0 or more");
        Check(r.TotalBudget is null or >= 0, "totalBudget", "must be 0 or more");
        Check(r.OvertimeShare is >= 0 and <= 0.5, "overtimeShare", $"a share of productive FTE, 0 to 0.5, got {N(r.OvertimeShare)}");
        Check(r.OvertimeCostFactor >= 1, "overtimeCostFactor", $"overtime costs at least normal pay (1 or more), got {N(r.OvertimeCostFactor)}");
        Check(r.ShortPenaltyPerFteWeek is null or > 0, "shortPenaltyPerFteWeek", "must be more than 0");
        Check(r.TimeLimitSeconds is >= 1 and <= 120, "timeLimitSeconds", $"1 to 120 seconds, got {N(r.TimeLimitSeconds)}");
        Check(r.Scenario.VolumePercent > -100 && r.Scenario.AhtPercent > -100 && r.Scenario.AttritionPercent >= -100, "scenario", "percentages must stay above −100");
        Check(r.Scenario.TargetPercent is null == r.Scenario.TargetSeconds is null && r.Scenario.TargetPercent is null or (> 0 and < 100) && r.Scenario.TargetSeconds is null or > 0,
            "scenario.target", "give both targetPercent (0–100) and targetSeconds (more than 0), or neither");
        var queues = inputs.Queues.Select(q => q.Queue.Id).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < (r.Hiring ?? []).Count; i++)
        {
            var h = r.Hiring![i];
            Check(h.Skills is { Count: > 0 } && h.Skills.All(queues.Contains), $"hiring[{i}].skills", $"name planned queues ({string.Join(", ", queues)}), got {string.Join(", ", h.Skills ?? [])}");
            Check(h.MinClassSize >= 0 && h.MaxClassSize >= Math.Max(1, h.MinClassSize) && h.MaxClassSize <= 500, $"hiring[{i}]", "class sizes need 0 ≤ minClassSize ≤ maxClassSize ≤ 500 and maxClassSize 1 or more");
            Check(h.ClassroomWeeks is >= 0 and <= 26 && (h.Ramp ?? []).All(x => x is >= 0 and <= 1) && (h.Ramp ?? []).Count <= 26, $"hiring[{i}]", "classroomWeeks 0 to 26; ramp: up to 26 shares of full productivity, each 0 to 1");
            Check(h.HireCost >= 0 && h.TrainingCostPerWeek >= 0 && h.WeeklyCostPerFte is null or >= 0 && h.HoursPerWeek is > 0 and <= 80, $"hiring[{i}]", "costs 0 or more, hoursPerWeek more than 0 and at most 80");
        }

        for (var i = 0; i < (r.Changes ?? []).Count; i++)
        {
            var c = r.Changes![i];
            Check(c.What is not null && (c.What.Equals("volume", StringComparison.OrdinalIgnoreCase) || c.What.Equals("aht", StringComparison.OrdinalIgnoreCase)), $"changes[{i}].what", $"volume or aht, got '{c.What}'");
            Check(c.Percent > -100 && c.Percent <= 1000, $"changes[{i}].percent", $"above −100 and at most 1000, got {N(c.Percent)}");
            Check(c.To is null || c.To >= c.From, $"changes[{i}].to", "must not be before from");
            Check(c.Queues is null || c.Queues.All(queues.Contains), $"changes[{i}].queues", $"name planned queues ({string.Join(", ", queues)})");
            Check(c.Channel is null || Enum.TryParse<Channel>(c.Channel, true, out _), $"changes[{i}].channel", $"one of {string.Join(", ", Enum.GetNames<Channel>())}, got '{c.Channel}'");
        }

        for (var i = 0; i < (r.Events ?? []).Count; i++)
        {
            var e = r.Events![i];
            Check(!string.IsNullOrWhiteSpace(e.Name), $"events[{i}].name", "give the event a name");
            Check(e.Factor is >= 0 and <= 20 && e.Days is >= 1 and <= 366, $"events[{i}]", $"factor 0 to 20 (1 = no change) and 1 to 366 days, got {N(e.Factor)} and {e.Days}");
        }

        for (var i = 0; i < (r.Leave ?? []).Count; i++)
        {
            var l = r.Leave![i];
            Check(l.Fte >= 0 && l.To >= l.From, $"leave[{i}]", "FTE 0 or more, to not before from");
        }

        for (var i = 0; i < (r.Transfers ?? []).Count; i++)
        {
            var t = r.Transfers![i];
            Check(t.Heads > 0 && t.From is { Count: > 0 } && t.To is { Count: > 0 }, $"transfers[{i}]", "heads more than 0, and the skills moved from and to");
        }

        for (var i = 0; i < inputs.Headcount.Count; i++)
        {
            var h = inputs.Headcount[i];
            Check(h.Heads >= 0 && h.HoursPerWeek is > 0 and <= 80 && h.Skills.Count > 0, $"headcount[{i}]", "heads 0 or more, hours per week more than 0 and at most 80, and at least one skill");
        }

        Throw(errors);
    }

    private static void Throw(List<PlanningError> errors)
    {
        if (errors.Count > 0)
        {
            throw new PlanningException(errors);
        }
    }
}
