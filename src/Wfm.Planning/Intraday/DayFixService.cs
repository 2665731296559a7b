using Wfm.Core.Adherence;
using Wfm.Core.Directory;
using Wfm.Core.Intraday;
using Wfm.Core.Ports;
using Wfm.Core.Time;
using Wfm.Planning.Center;

namespace Wfm.Planning.Intraday;

/// <summary>Today's view with the suggestions that fix the rest of it, best first.</summary>
public sealed record DayFixes(IntradayView View, IReadOnlyList<DayFix> Fixes);

/// <summary>An open offer an agent can take, with what taking it does to their day.</summary>
public sealed record AgentOffer(IntradayOffer Offer, DayFix Change);

/// <summary>
/// Fixing the day as it runs: suggestions from today's intraday view and the agents' published days (<see cref="DayFixer"/>),
/// accepted in one step (the agent's planned day is rewritten, so adherence follows) or offered to agents — overtime and
/// time off, first come first served up to the number needed, each agent's own change checked again when they accept.
/// </summary>
public sealed class DayFixService(
    CenterService center, IntradayService intraday, IPlanArchive plans, IShiftPlanWriter writer, IBurnoutWatch burnout, IIntradayOfferStore offers, TimeProvider time)
    : IDisposable
{
    /// <summary>Offer kinds as stored and shown.</summary>
    public const string Overtime = "overtime";

    public const string TimeOff = "time-off";

    // One change at a time: two clicks, or two agents on the last place of an offer, must not both win.
    private readonly SemaphoreSlim _changes = new(1, 1);

    public void Dispose() => _changes.Dispose();

    /// <summary>Today's view of <paramref name="queueIds"/> (every queue when null) and the fixes for it.</summary>
    public async Task<DayFixes> SuggestAsync(IReadOnlyCollection<string>? queueIds = null, CancellationToken cancellationToken = default)
    {
        var (view, fixer, agents) = await PrepareAsync(queueIds, cancellationToken);
        return new DayFixes(view, fixer.Suggest(agents.Values));
    }

    /// <summary>Applies suggestion <paramref name="fixId"/> as it stands now: the agent's day is rewritten.</summary>
    public async Task<DayFix> AcceptAsync(string fixId, IReadOnlyCollection<string>? queueIds = null, CancellationToken cancellationToken = default)
    {
        await _changes.WaitAsync(cancellationToken);
        try
        {
            var fixes = await SuggestAsync(queueIds, cancellationToken);
            var fix = Find(fixes, fixId);
            await writer.SetPlanAsync(fix.AgentId, fixes.View.Date, fix.NewDay);
            return fix;
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>Offers suggestion <paramref name="fixId"/> (overtime or time off) to the agents of its queue, for up to <paramref name="needed"/> of them.</summary>
    public async Task<IntradayOffer> OfferAsync(string fixId, int needed, string createdBy, IReadOnlyCollection<string>? queueIds = null, CancellationToken cancellationToken = default)
    {
        if (needed is < 1 or > 100)
        {
            throw new PlanningException("needed", $"expected 1 to 100 agents, got {needed}");
        }

        var fixes = await SuggestAsync(queueIds, cancellationToken);
        var fix = Find(fixes, fixId);
        if (fix.Kind is not (DayFixKind.Overtime or DayFixKind.TimeOff))
        {
            throw new PlanningException("id", "only overtime and time off are offered to agents; a moved break or session is accepted for the agent");
        }

        var queue = fixes.View.Queues.Select(q => q.QueueId).First(fix.QueueIds.Contains);
        var id = await offers.AddAsync(fix.Kind == DayFixKind.Overtime ? Overtime : TimeOff, queue, fixes.View.Date, fix.From, fix.To, needed, createdBy, cancellationToken);
        return (await offers.GetAsync(id, cancellationToken))!;
    }

    /// <summary>Today's offers, newest first.</summary>
    public async Task<IReadOnlyList<IntradayOffer>> OffersAsync(CancellationToken cancellationToken = default) =>
        await offers.ListAsync((await TodayAsync(cancellationToken)), cancellationToken);

    /// <summary>The open offers of today that fit <paramref name="agentId"/>'s day and rules and that they have not answered.</summary>
    public async Task<IReadOnlyList<AgentOffer>> OffersForAsync(string agentId, CancellationToken cancellationToken = default)
    {
        var open = (await OffersAsync(cancellationToken)).Where(o => o.IsOpen && !o.Taken.Contains(agentId) && !o.Declined.Contains(agentId)).ToList();
        if (open.Count == 0)
        {
            return [];
        }

        var (_, fixer, agents) = await PrepareForOffersAsync(cancellationToken);
        if (!agents.TryGetValue(agentId, out var agent))
        {
            return [];
        }

        return [.. open.Where(o => agent.QueueIds.Contains(o.QueueId))
            .Select(o => (Offer: o, Change: fixer.Take(agent, Kind(o), o.From, o.To)))
            .Where(x => x.Change is not null)
            .Select(x => new AgentOffer(x.Offer, x.Change!))];
    }

    /// <summary>An agent's answer to offer <paramref name="offerId"/>; taking it rewrites their day. Null for a decline.</summary>
    public async Task<DayFix?> AnswerAsync(long offerId, string agentId, bool accept, CancellationToken cancellationToken = default)
    {
        await _changes.WaitAsync(cancellationToken);
        try
        {
            var offer = await offers.GetAsync(offerId, cancellationToken) ?? throw new PlanningException("offer", $"there is no offer {offerId}");
            if (offer.Taken.Contains(agentId) || offer.Declined.Contains(agentId))
            {
                throw new PlanningException("offer", $"you have already answered offer {offerId}");
            }

            DayFix? change = null;
            if (accept)
            {
                if (!offer.IsOpen)
                {
                    throw new PlanningException("offer", $"offer {offerId} has been taken by the {offer.Needed} agent(s) it needed");
                }

                var (today, fixer, agents) = await PrepareForOffersAsync(cancellationToken);
                change = (offer.Date == today && agents.TryGetValue(agentId, out var agent) && agent.QueueIds.Contains(offer.QueueId)
                    ? fixer.Take(agent, Kind(offer), offer.From, offer.To) : null)
                    ?? throw new PlanningException("offer", $"offer {offerId} no longer fits your day or your contract");
                await writer.SetPlanAsync(agentId, today, change.NewDay);
            }

            await offers.AnswerAsync(offerId, agentId, accept, cancellationToken);
            return change;
        }
        finally
        {
            _changes.Release();
        }
    }

    private static DayFixKind Kind(IntradayOffer offer) => offer.Kind == Overtime ? DayFixKind.Overtime : DayFixKind.TimeOff;

    private static DayFix Find(DayFixes fixes, string fixId) =>
        fixes.Fixes.FirstOrDefault(f => f.Id == fixId)
        ?? throw new PlanningException("id", $"'{fixId}' is no longer suggested: the day has moved on since; look at the suggestions again");

    private async Task<DateOnly> TodayAsync(CancellationToken cancellationToken)
    {
        var settings = (await center.GetAsync(cancellationToken)).Settings;
        return CenterClock.For(settings.TimeZone, settings.IntervalMinutes).LocalDate(time.GetUtcNow());
    }

    /// <summary>The view, a fixer over its queues' required and scheduled agents, and the agents of those queues with their days and rules.</summary>
    private async Task<(IntradayView View, DayFixer Fixer, Dictionary<string, FixAgent> Agents)> PrepareAsync(
        IReadOnlyCollection<string>? queueIds, CancellationToken cancellationToken)
    {
        var view = await intraday.TodayAsync(queueIds, cancellationToken);
        var data = await center.GetAsync(cancellationToken);
        var clock = CenterClock.For(data.Settings.TimeZone, view.IntervalMinutes);
        var slots = clock.IntervalsPerDay;
        var midnight = view.Date.ToDateTime(TimeOnly.MinValue);
        var queues = view.Queues.Select(q =>
        {
            var required = new int?[slots];
            var scheduled = new int[slots];
            foreach (var i in q.Intervals)
            {
                var slot = (int)((i.Start - midnight).TotalMinutes / view.IntervalMinutes);
                required[slot] = i.Required;
                scheduled[slot] = i.Scheduled;
            }

            return new FixQueue(q.QueueId, required, scheduled);
        }).ToList();
        var fixer = new DayFixer(clock, view.Date, time.GetUtcNow(), queues);
        var agents = await AgentsAsync(data, view.Date, view.Queues.Select(q => q.QueueId).ToHashSet(StringComparer.Ordinal), cancellationToken);
        return (view, fixer, agents);
    }

    /// <summary>
    /// For an agent taking an offer: today's date, a fixer that knows no staffing (an offer's window was judged when it was
    /// made; taking it needs the agent's day and rules only) and the agents with their days — no simulated view.
    /// </summary>
    private async Task<(DateOnly Today, DayFixer Fixer, Dictionary<string, FixAgent> Agents)> PrepareForOffersAsync(CancellationToken cancellationToken)
    {
        var data = await center.GetAsync(cancellationToken);
        var clock = CenterClock.For(data.Settings.TimeZone, data.Settings.IntervalMinutes);
        var now = time.GetUtcNow();
        var today = clock.LocalDate(now);
        var queues = data.Queues.Where(q => q.IsActive).Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
        return (today, new DayFixer(clock, today, now, []), await AgentsAsync(data, today, queues, cancellationToken));
    }

    /// <summary>The active agents skilled for any of <paramref name="queueIds"/>, with their day, week, neighbouring days and rules.</summary>
    private async Task<Dictionary<string, FixAgent>> AgentsAsync(CenterData data, DateOnly date, IReadOnlySet<string> queueIds, CancellationToken cancellationToken)
    {
        var monday = date.AddDays(-(((int)date.DayOfWeek + 6) % 7));
        var from = monday < date.AddDays(-1) ? monday : date.AddDays(-1);
        var days = await plans.ReadAsync(from, monday.AddDays(6) > date ? monday.AddDays(6) : date.AddDays(1), null, cancellationToken);
        var atRisk = await burnout.AtRiskAsync(cancellationToken);
        var contracts = data.Contracts.ToDictionary(c => c.Id, StringComparer.Ordinal);
        // The strictest rule set's longest stretch without a break; the break rules of every active rule set (a moved break
        // keeps to the window of a rule that fits it).
        var maxWithoutBreak = data.RuleSets.Where(r => r.IsActive && r.MaxMinutesWithoutBreak > 0).Select(r => r.MaxMinutesWithoutBreak).DefaultIfEmpty(0).Min();
        var breakRules = data.RuleSets.Where(r => r.IsActive).SelectMany(r => r.Breaks).ToList();
        var agents = new Dictionary<string, FixAgent>(StringComparer.Ordinal);
        foreach (var agent in data.Agents.Where(a => a.IsActive))
        {
            var mine = agent.Skills.Select(s => s.QueueId).Where(queueIds.Contains).ToList();
            if (mine.Count == 0)
            {
                continue;
            }

            IReadOnlyList<PlannedActivity> Day(DateOnly d) => days.TryGetValue((agent.Id, d), out var a) ? a : [];
            var otherDays = Enumerable.Range(0, 7).Select(monday.AddDays).Where(d => d != date).Sum(d => DayFixer.PaidMinutes(Day(d))) / 60.0;
            var yesterday = Day(date.AddDays(-1));
            var tomorrow = Day(date.AddDays(1));
            agents[agent.Id] = new FixAgent(agent.Id, mine, Day(date), otherDays,
                yesterday.Count > 0 ? yesterday.Max(a => a.End) : null, tomorrow.Count > 0 ? tomorrow.Min(a => a.Start) : null,
                agent.ContractId is { } c ? contracts.GetValueOrDefault(c) : null, atRisk.Contains(agent.Id), maxWithoutBreak, breakRules);
        }

        return agents;
    }
}
