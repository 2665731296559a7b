using System.Globalization;
using Microsoft.Extensions.Options;
using Wfm.Core.Adherence;
using Wfm.Core.Agents;
using Wfm.Core.Conversations;
using Wfm.Core.Directory;
using Wfm.Core.Ports;
using Wfm.Core.Wellbeing;
using Wfm.Data.Coaching;
using Wfm.Grains.Abstractions;
using Wfm.Planning.Scheduling;

namespace Wfm.Server.Wellbeing;

/// <summary>An agent's burnout risk now and the days it was read from.</summary>
public sealed record AgentWellbeing(string AgentId, string Name, string TeamId, BurnoutScore Score, IReadOnlyList<WellbeingDay> Days);

/// <summary>An agent's burnout risk now, without the days (what the team list, the monitor and the planners read).</summary>
public sealed record AgentRisk(string AgentId, string Name, string TeamId, BurnoutScore Score);

/// <summary>
/// Reads agents' last four weeks — state changes replayed from the journal's last 28 days (kept up from the
/// journal's tail: each round reads only what was recorded since the last), published plans read in bulk from
/// the plan archive (no shift grain woken per agent-day), abuse incidents, CSAT answers on the contacts they
/// ended — into burnout risk scores. Scores are kept for a minute, so a board of many supervisors costs one
/// computation per agent per minute.
/// </summary>
public sealed class WellbeingService(
    IEventJournal journal, IPlanArchive archive, IIncidentStore incidentStore, IContactCenterDirectory directory, SurveyStore surveys,
    TimeProvider time, IOptions<WellbeingOptions> options) : IDisposable
{
    public const int Days = 28;
    private static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public void Dispose() => _gate.Dispose();

    // Agents' state changes and ended contacts, kept up from the journal's tail (guarded by the gate).
    private readonly WellbeingHistory _history = new(journal, directory.Clock);
    private (DateTimeOffset At, IReadOnlyList<AgentRisk> All)? _cached;

    public WellbeingOptions Options => options.Value;

    /// <summary>
    /// Every agent's score, highest first (cached for a minute). The days each score was read from are not kept:
    /// at 10,000 agents they are 280,000 objects; <see cref="AgentAsync"/> gives one agent's.
    /// </summary>
    public async Task<IReadOnlyList<AgentRisk>> AllAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (_cached is { } c && now - c.At < KeepFor)
        {
            return c.All;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } again && now - again.At < KeepFor)
            {
                return again.All;
            }

            var incidents = await IncidentsByAgentAsync(now);
            var plans = await PlansAsync(now, null, cancellationToken);
            var csat = await RefreshAsync(now, cancellationToken);
            var all = directory.Agents.Select(agent => Compute(agent, incidents, plans, csat, now))
                .Select(w => new AgentRisk(w.AgentId, w.Name, w.TeamId, w.Score)).ToList();
            IReadOnlyList<AgentRisk> sorted = all.OrderByDescending(a => a.Score.Score).ThenBy(a => a.Name, StringComparer.Ordinal).ToList();
            _cached = (now, sorted);
            return sorted;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Limits a schedule keeps for agents running hot — more rest, fewer days in a row (the burnout score as a constraint
    /// source) — with a line per agent saying so.
    /// </summary>
    public async Task<(Dictionary<string, CenterSchedule.AgentLimits> Limits, List<string> Notes)> ScheduleLimitsAsync(
        CancellationToken cancellationToken = default)
    {
        var limits = new Dictionary<string, CenterSchedule.AgentLimits>(StringComparer.Ordinal);
        var notes = new List<string>();
        foreach (var w in await AllAsync(cancellationToken))
        {
            if (BurnoutRisk.ScheduleLimits(w.Score.Level) is var (maxDays, minRest) && (maxDays ?? minRest) is not null
                && directory.FindAgent(w.AgentId) is { } agent)
            {
                limits[agent.Id] = new CenterSchedule.AgentLimits(maxDays, minRest);
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{agent.Id} ({agent.Name}): burnout risk {w.Score.Score:0} ({w.Score.Level.ToString().ToLowerInvariant()}) — at most {maxDays ?? 6} days in a row, {minRest ?? 11:0} h rest"));
            }
        }

        return (limits, notes);
    }

    /// <summary>One agent's score and days, computed now; null when the agent is unknown.</summary>
    public async Task<AgentWellbeing?> AgentAsync(string agentId, CancellationToken cancellationToken = default)
    {
        var agent = directory.FindAgent(agentId);
        if (agent is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var incidents = await IncidentsByAgentAsync(now);
        var plans = await PlansAsync(now, agentId, cancellationToken);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return Compute(agent, incidents, plans, await RefreshAsync(now, cancellationToken), now);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The score as it stood at the end of each of the last <paramref name="days"/> days.</summary>
    public IReadOnlyList<BurnoutScore> Trend(AgentWellbeing wellbeing, int days) =>
        Enumerable.Range(0, days).Select(i => directory.Clock.LocalDate(time.GetUtcNow()).AddDays(-(days - 1) + i))
            .Select(day => BurnoutRisk.Score(wellbeing.AgentId, wellbeing.Days, day, options.Value)).ToList();

    private Task<IReadOnlyDictionary<(string AgentId, DateOnly Day), IReadOnlyList<PlannedActivity>>> PlansAsync(DateTimeOffset now, string? agentId, CancellationToken cancellationToken)
    {
        var today = directory.Clock.LocalDate(now);
        return archive.ReadAsync(today.AddDays(-(Days - 1)), today, agentId, cancellationToken);
    }

    /// <summary>Catches the agents' history up with the journal (under the gate); the CSAT per agent and day of the window.</summary>
    private async Task<IReadOnlyDictionary<(string AgentId, DateOnly Day), double>> RefreshAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        // From the day before the window, so the first day starts in a known state.
        var from = directory.Clock.LocalDate(now).AddDays(-(Days - 1));
        var answers = await surveys.AllAsync(cancellationToken);
        var today = directory.Clock.LocalDate(now);
        await _history.RefreshAsync(directory.Clock.StartOfDay(from.AddDays(-1)), today, answers, cancellationToken);
        return _history.CsatByAgentDay(answers, today);
    }

    private AgentWellbeing Compute(
        AgentProfile agent, IReadOnlyDictionary<string, Dictionary<DateOnly, int>> incidents,
        IReadOnlyDictionary<(string AgentId, DateOnly Day), IReadOnlyList<PlannedActivity>> published,
        IReadOnlyDictionary<(string AgentId, DateOnly Day), double> csat, DateTimeOffset now)
    {
        var clock = directory.Clock;
        var today = clock.LocalDate(now);
        var from = today.AddDays(-(Days - 1));
        var plans = new Dictionary<DateOnly, IReadOnlyList<PlannedActivity>>();
        for (var i = 0; i < Days; i++)
        {
            if (published.TryGetValue((agent.Id, from.AddDays(i)), out var plan))
            {
                plans[from.AddDays(i)] = plan;
            }
        }

        IReadOnlyDictionary<DateOnly, int> perDay = incidents.GetValueOrDefault(agent.Id) ?? [];
        var csatByDay = new Dictionary<DateOnly, double>();
        for (var day = from.AddDays(-1); day <= today; day = day.AddDays(1))
        {
            if (csat.TryGetValue((agent.Id, day), out var average))
            {
                csatByDay[day] = average;
            }
        }

        var days = WellbeingCalculator.Days(_history.Changes(agent.Id), plans, perDay, from, today, clock, now, csatByDay);
        return new AgentWellbeing(agent.Id, agent.Name, agent.TeamId, BurnoutRisk.Score(agent.Id, days, today, options.Value), days);
    }

    /// <summary>Abuse incidents per agent and local day of the window (every one: no cap on how many are read).</summary>
    private async Task<IReadOnlyDictionary<string, Dictionary<DateOnly, int>>> IncidentsByAgentAsync(DateTimeOffset now)
    {
        var clock = directory.Clock;
        var since = clock.StartOfDay(clock.LocalDate(now).AddDays(-Days));
        var byAgent = new Dictionary<string, Dictionary<DateOnly, int>>(StringComparer.Ordinal);
        foreach (var (agentId, at) in await incidentStore.AgentTimesAsync(since))
        {
            if (!byAgent.TryGetValue(agentId, out var days))
            {
                byAgent[agentId] = days = [];
            }

            var day = clock.LocalDate(at);
            days[day] = days.GetValueOrDefault(day) + 1;
        }

        return byAgent;
    }
}
