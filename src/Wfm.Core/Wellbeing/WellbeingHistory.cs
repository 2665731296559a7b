using System.Collections;
using Wfm.Core.Agents;
using Wfm.Core.Events;
using Wfm.Core.Kpis;
using Wfm.Core.Ports;
using Wfm.Core.Time;

namespace Wfm.Core.Wellbeing;

/// <summary>
/// Every agent's state changes over the burnout window and the local day each of their contacts ended, kept up
/// from the journal's tail: a refresh reads only what was recorded since the last one, in one pass for all
/// agents, instead of replaying each agent's four weeks on every round. Replays in journal order exactly as the
/// agent grain applies events; times are kept to the second. A contact's end is kept while its survey answer can
/// still come (<see cref="AnswerDays"/>) and, once answered, for the window: a center's four weeks of contacts
/// are not all held. Not thread-safe: the owner refreshes and reads under one lock.
/// </summary>
public sealed class WellbeingHistory(IEventJournal journal, CenterClock clock, int answerDays = 3)
{
    /// <summary>Events read per query while catching up (bounds the memory a first read of a long journal takes).</summary>
    public const int PageSize = 5_000;

    private readonly Dictionary<string, AgentHistory> _agents = new(StringComparer.Ordinal);
    private readonly List<string> _agentIds = [];

    // Contact (64-bit hash of its id: ids can be long and many are kept) → agent and local day it ended:
    // those still awaiting an answer, and those answered (kept while their day is in the window).
    private readonly Dictionary<ulong, (int Agent, int Day)> _ended = [];
    private readonly Dictionary<ulong, (int Agent, int Day)> _answered = [];

    private long _through;
    private DateTimeOffset? _windowStart;

    // Changes are kept as whole seconds from here (the first window's start): 4 bytes each.
    private DateTimeOffset _epoch;

    /// <summary>The journal sequence read up to.</summary>
    public long Through => _through;

    /// <summary>Days after its end day in which a contact's first survey answer still counts for the agent's day.</summary>
    public int AnswerDays { get; } = answerDays >= 0 ? answerDays : throw new ArgumentOutOfRangeException(nameof(answerDays));

    /// <summary>Contacts kept: ended recently enough for an answer to count, or answered in the window.</summary>
    public int EndedContacts => _ended.Count + _answered.Count;

    /// <summary>
    /// Reads the events recorded since the last refresh (stamped at or after <paramref name="windowStart"/>) and
    /// forgets what fell out of the window; a window that moved back starts over from the journal's beginning.
    /// </summary>
    public Task RefreshAsync(DateTimeOffset windowStart, CancellationToken cancellationToken = default) =>
        RefreshAsync(windowStart, null, null, cancellationToken);

    /// <summary>
    /// As <see cref="RefreshAsync(DateTimeOffset, CancellationToken)"/>, knowing <paramref name="today"/> and the survey
    /// <paramref name="answers"/> stored so far: a contact read that ended too long ago for an answer still to count is
    /// kept only when it has one (a first read of four weeks does not hold every contact's end for a moment).
    /// </summary>
    public async Task RefreshAsync(DateTimeOffset windowStart, DateOnly? today, IReadOnlyDictionary<string, SurveyAnswer>? answers, CancellationToken cancellationToken = default)
    {
        // A window moved back (the clock was set back), or one so far on that its seconds from the epoch would
        // not fit a kept change (years of uptime): start over from the journal.
        if (_windowStart is { } loaded && (windowStart < loaded || (windowStart - _epoch).TotalSeconds > Change.MaxSecond - (60 * 86_400)))
        {
            _agents.Clear();
            _agentIds.Clear();
            _ended.Clear();
            _answered.Clear();
            _through = 0;
            _windowStart = null;
        }

        if (_windowStart is null)
        {
            _epoch = windowStart;
        }

        // Ends of contacts from before this day can only still count when already answered.
        var lastAwaited = today is { } day ? day.AddDays(-AnswerDays).DayNumber : int.MinValue;
        while (true)
        {
            var page = await journal.ReadAgentEventsAfterAsync(_through, windowStart, PageSize, cancellationToken);
            foreach (var (sequence, e) in page)
            {
                Apply(e, lastAwaited, answers);
                _through = sequence;
            }

            if (page.Count < PageSize)
            {
                break;
            }
        }

        if (_windowStart is null || windowStart > _windowStart)
        {
            Forget(windowStart);
        }

        _windowStart = windowStart;
    }

    /// <summary>
    /// The agent's state changes in the window, oldest first; the first may come from before the window (the state
    /// carried in). A view of what is kept, not a copy (a round reads every agent's four weeks): valid until the next refresh.
    /// </summary>
    public IReadOnlyList<StateChange> Changes(string agentId) =>
        _agents.TryGetValue(agentId, out var agent) ? new ChangeView(agent.Changes, _epoch) : [];

    /// <summary>
    /// The average CSAT per agent and local day over the answered contacts each agent ended in the window. An
    /// answer first seen more than <see cref="AnswerDays"/> days after its contact's end day (before <paramref name="today"/>)
    /// is not counted: ends older than that are let go.
    /// </summary>
    public IReadOnlyDictionary<(string AgentId, DateOnly Day), double> CsatByAgentDay(IReadOnlyDictionary<string, SurveyAnswer> answers, DateOnly today)
    {
        var sums = new Dictionary<(int Agent, int Day), (double Sum, int Count)>();
        foreach (var (contact, answer) in answers)
        {
            if (answer.Csat is not { } score)
            {
                continue;
            }

            var hash = Hash(contact);
            if (!_answered.TryGetValue(hash, out var ended))
            {
                if (!_ended.Remove(hash, out ended))
                {
                    continue;
                }

                _answered[hash] = ended;
            }

            var (sum, count) = sums.GetValueOrDefault(ended);
            sums[ended] = (sum + score, count + 1);
        }

        var lastAwaited = today.AddDays(-AnswerDays).DayNumber;
        foreach (var (contact, ended) in _ended)
        {
            if (ended.Day < lastAwaited)
            {
                _ended.Remove(contact);
            }
        }

        return sums.ToDictionary(p => (_agentIds[p.Key.Agent], DateOnly.FromDayNumber(p.Key.Day)), p => p.Value.Sum / p.Value.Count);
    }

    private void Apply(ContactCenterEvent e, int lastAwaited, IReadOnlyDictionary<string, SurveyAnswer>? answers)
    {
        if (!_agents.TryGetValue(e.AgentId!, out var agent))
        {
            _agents[e.AgentId!] = agent = new AgentHistory(_agentIds.Count);
            _agentIds.Add(e.AgentId!);
        }

        if (agent.Ledger.Apply(e, clock))
        {
            var second = (agent.Ledger.Since - _epoch).Ticks / TimeSpan.TicksPerSecond;
            if (second <= Change.MaxSecond)
            {
                agent.Changes.Add(new Change((int)second, agent.Ledger.State)); // (years ahead of the window: not a day it scores)
            }

            agent.Ledger.Timeline.Clear(); // the ledger's own copy of today's changes (for adherence) is not needed here
        }

        if (e is { Type: EventType.ContactEnded, ContactId: { } contact })
        {
            var hash = Hash(contact);
            var ended = (Agent: agent.Index, Day: clock.LocalDate(e.At).DayNumber);
            if (_answered.ContainsKey(hash) || (answers is not null && answers.TryGetValue(contact, out var answer) && answer.Csat is not null))
            {
                _answered[hash] = ended;
            }
            else if (ended.Day >= lastAwaited)
            {
                _ended[hash] = ended;
            }
        }
    }

    /// <summary>Drops changes before the window (keeping the last one: the state the window starts in) and contacts ended before its first day.</summary>
    private void Forget(DateTimeOffset windowStart)
    {
        var start = (windowStart - _epoch).TotalSeconds;
        foreach (var agent in _agents.Values)
        {
            var before = agent.Changes.FindLastIndex(c => c.Second <= start);
            if (before > 0)
            {
                agent.Changes.RemoveRange(0, before);
            }
        }

        var firstDay = clock.LocalDate(windowStart).DayNumber;
        foreach (var map in new[] { _ended, _answered })
        {
            foreach (var (contact, ended) in map)
            {
                if (ended.Day < firstDay)
                {
                    map.Remove(contact);
                }
            }
        }
    }

    /// <summary>64-bit FNV-1a over the id's characters: collisions among millions of ids are negligible.</summary>
    internal static ulong Hash(string id)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in id)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    private sealed class AgentHistory(int index)
    {
        public int Index { get; } = index;

        public AgentLedger Ledger { get; } = new();

        public List<Change> Changes { get; } = [];
    }

    /// <summary>Kept changes read as <see cref="StateChange"/>s, made one at a time as they are read.</summary>
    private sealed class ChangeView(List<Change> changes, DateTimeOffset epoch) : IReadOnlyList<StateChange>
    {
        public int Count => changes.Count;

        public StateChange this[int index] => new(epoch.AddSeconds(changes[index].Second), changes[index].State);

        public IEnumerator<StateChange> GetEnumerator()
        {
            for (var i = 0; i < changes.Count; i++)
            {
                yield return this[i];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>
    /// A state change in 4 bytes: whole seconds from the epoch (28 bits: eight years) and the state (4 bits). A
    /// center's four weeks are tens of millions of changes (a <see cref="StateChange"/> takes 12 bytes).
    /// </summary>
    private readonly struct Change
    {
        public const int MaxSecond = (1 << 28) - 1;

        private readonly uint _packed;

        static Change()
        {
            if (Enum.GetValues<AgentState>().Any(s => (int)s is < 0 or > 15))
            {
                throw new InvalidOperationException("an agent state does not fit in the 4 bits a kept change has for it");
            }
        }

        public Change(int second, AgentState state)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(second);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(second, MaxSecond);
            _packed = ((uint)second << 4) | (uint)state;
        }

        public int Second => (int)(_packed >> 4);

        public AgentState State => (AgentState)(_packed & 0xF);
    }
}
