using Microsoft.Extensions.Options;
using Wfm.Core.Adherence;
using Wfm.Core.Agents;
using Wfm.Core.Conversations;
using Wfm.Core.Directory;
using Wfm.Core.Ports;
using Wfm.Core.Wellbeing;
using Wfm.Grains.Abstractions;

namespace Wfm.Server.Wellbeing;

/// <summary>An agent's burnout risk now and the days it was read from.</summary>
public sealed record AgentWellbeing(string AgentId, string Name, string TeamId, BurnoutScore Score, IReadOnlyList<WellbeingDay> Days);

/// <summary>
/// Reads agents' last four weeks — state changes replayed from the journal's last 28 days, published plans
/// read in bulk from the plan archive (no shift grain woken per agent-day), abuse incidents, CSAT answers on
/// the contacts they ended — into burnout
/// risk scores. Scores are kept for a minute, so a board of many supervisors costs one computation per
/// agent per minute.
/// </summary>
public sealed class WellbeingService(
    IEventJournal journal, IPlanArchive archive, IGrainFactory grains, IContactCenterDirectory directory, Wfm.Data.Coaching.SurveyStore surveys,
    TimeProvider time, IOptions<WellbeingOptions> options)
{
    public const int Days = 28;
    private static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (DateTimeOffset At, IReadOnlyList<AgentWellbeing> All)? _cached;

    public WellbeingOptions Options => options.Value;

    /// <summary>Every agent's score, highest first (cached for a minute).</summary>
    public async Task<IReadOnlyList<AgentWellbeing>> AllAsync(CancellationToken cancellationToken = default)
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
            var answers = await surveys.AllAsync();
            var all = new List<AgentWellbeing>();
            foreach (var agent in directory.Agents)
            {
                all.Add(await ComputeAsync(agent, incidents, plans, answers, now, cancellationToken));
            }

            IReadOnlyList<AgentWellbeing> sorted = all.OrderByDescending(a => a.Score.Score).ThenBy(a => a.Name, StringComparer.Ordinal).ToList();
            _cached = (now, sorted);
            return sorted;
        }
        finally
        {
            _gate.Release();
        }
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
        return await ComputeAsync(agent, await IncidentsByAgentAsync(now), await PlansAsync(now, agentId, cancellationToken), await surveys.AllAsync(), now, cancellationToken);
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

    private async Task<AgentWellbeing> ComputeAsync(
        AgentProfile agent, IReadOnlyDictionary<string, List<AbuseIncident>> incidents,
        IReadOnlyDictionary<(string AgentId, DateOnly Day), IReadOnlyList<PlannedActivity>> published,
        IReadOnlyDictionary<string, Wfm.Core.Kpis.SurveyAnswer> answers, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var clock = directory.Clock;
        var today = clock.LocalDate(now);
        var from = today.AddDays(-(Days - 1));

        // Replaying the agent's events of the window (from the day before it, so the first day starts in a
        // known state) gives every state change, the same way the agent grain applies them.
        var ledger = new AgentLedger();
        var changes = new List<StateChange>();
        var csatByDay = new Dictionary<DateOnly, List<int>>();
        foreach (var e in await journal.ReadForAgentSinceAsync(agent.Id, clock.StartOfDay(from.AddDays(-1)), cancellationToken))
        {
            if (ledger.Apply(e.Event, clock))
            {
                changes.Add(new StateChange(ledger.Since, ledger.State));
            }

            // CSAT of the agent's contacts, by the day each ended: the "falling CSAT" factor.
            if (e.Event is { Type: Wfm.Core.Events.EventType.ContactEnded, ContactId: { } contact } && answers.TryGetValue(contact, out var answer) && answer.Csat is { } score)
            {
                var day = clock.LocalDate(e.Event.At);
                if (!csatByDay.TryGetValue(day, out var scores))
                {
                    csatByDay[day] = scores = [];
                }

                scores.Add(score);
            }
        }

        var plans = new Dictionary<DateOnly, IReadOnlyList<PlannedActivity>>();
        for (var i = 0; i < Days; i++)
        {
            if (published.TryGetValue((agent.Id, from.AddDays(i)), out var plan))
            {
                plans[from.AddDays(i)] = plan;
            }
        }

        var perDay = incidents.GetValueOrDefault(agent.Id)?.GroupBy(i => clock.LocalDate(i.At)).ToDictionary(g => g.Key, g => g.Count()) ?? [];
        var days = WellbeingCalculator.Days(changes, plans, perDay, from, today, clock, now, csatByDay.ToDictionary(d => d.Key, d => d.Value.Average()));
        return new AgentWellbeing(agent.Id, agent.Name, agent.TeamId, BurnoutRisk.Score(agent.Id, days, today, options.Value), days);
    }

    private async Task<IReadOnlyDictionary<string, List<AbuseIncident>>> IncidentsByAgentAsync(DateTimeOffset now)
    {
        var since = directory.Clock.StartOfDay(directory.Clock.LocalDate(now).AddDays(-Days));
        var list = await grains.GetGrain<IIncidentRegistryGrain>(0).ListAsync(false, since, 20_000);
        return list.Where(i => i.AgentId is not null).GroupBy(i => i.AgentId!).ToDictionary(g => g.Key, g => g.ToList());
    }
}
