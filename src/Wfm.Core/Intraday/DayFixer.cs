using System.Globalization;
using Wfm.Core.Adherence;
using Wfm.Core.Directory;
using Wfm.Core.Time;

namespace Wfm.Core.Intraday;

/// <summary>What a suggestion changes in an agent's day.</summary>
public enum DayFixKind
{
    /// <summary>A break or lunch moved within its rule's window (or ±90 minutes), out of short intervals into slack ones.</summary>
    MoveBreak,

    /// <summary>Training, coaching or a meeting moved within the shift, out of short intervals.</summary>
    MoveOffline,

    /// <summary>The shift extended at its end or started earlier, over intervals that are short.</summary>
    Overtime,

    /// <summary>Voluntary time off: the shift ends early where every queue of the agent has more agents than it needs.</summary>
    TimeOff,

    /// <summary>A multi-skilled agent's work moved from a queue with agents to spare to a short one of theirs, for a stretch of the day.</summary>
    MoveQueue,
}

/// <summary>
/// An agent as the day's fixes see them: their queues, today's published plan (empty: a day off), the paid hours planned on
/// the week's other days, the end of yesterday's and the start of tomorrow's shift (rest between shifts), their contract,
/// whether their burnout risk is at watch or alert (no overtime then), the rule set's longest stretch without a break
/// (0: none) and its breaks (a moved break or lunch keeps to the window of the rule it was placed by; none known: within
/// <see cref="DayFixer.BreakReach"/>).
/// </summary>
public sealed record FixAgent(
    string Id,
    IReadOnlyList<string> QueueIds,
    IReadOnlyList<PlannedActivity> Day,
    double OtherDaysPaidHours,
    DateTimeOffset? PreviousEnd,
    DateTimeOffset? NextStart,
    ContractProfile? Contract,
    bool AtRisk,
    int MaxMinutesWithoutBreak = 0,
    IReadOnlyList<BreakProfile>? BreakRules = null);

/// <summary>A queue's agents required (null where not known) and scheduled per interval of the local day.</summary>
public sealed record FixQueue(string Id, IReadOnlyList<int?> Required, IReadOnlyList<int> Scheduled);

/// <summary>
/// One suggestion: for <see cref="DayFixKind.MoveBreak"/> and <see cref="DayFixKind.MoveOffline"/> the activity at
/// <c>From</c>–<c>To</c> moves to <c>NewFrom</c>–<c>NewTo</c>; for overtime <c>From</c>–<c>To</c> is the work added, for
/// time off the work given up (<c>NewFrom</c>, <c>NewTo</c> equal them). <c>Gain</c> counts the agent-intervals of
/// shortage it removes, net of any it makes; <c>PaidMinutes</c> is the change in paid time. <c>NewDay</c> is the agent's
/// whole day after it. For <see cref="DayFixKind.MoveQueue"/>, <c>From</c>–<c>To</c> is the stretch worked for <c>ToQueue</c>.
/// </summary>
public sealed record DayFix(
    string Id,
    DayFixKind Kind,
    string AgentId,
    ActivityKind Activity,
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset NewFrom,
    DateTimeOffset NewTo,
    int Gain,
    int PaidMinutes,
    IReadOnlyList<string> QueueIds,
    IReadOnlyList<PlannedActivity> NewDay,
    string? ToQueue = null);

/// <summary>
/// Suggestions that fix the rest of a day (pure): moves of breaks (within their rule's window) and offline work out of short intervals, overtime over
/// short intervals, voluntary time off where over-staffed. Every change starts at the next interval boundary or later,
/// keeps the agent's contract (weekly hours, rest between shifts, night work), the rule set's longest stretch without a
/// break, and gives no overtime to an agent at burnout risk. Chosen greedily by gain, one per agent, each counted against
/// the staffing the ones before it leave.
/// </summary>
public sealed class DayFixer
{
    /// <summary>How far a break or lunch may move from where the schedule put it.</summary>
    public static readonly TimeSpan BreakReach = TimeSpan.FromMinutes(90);

    /// <summary>The most overtime suggested at either end of a shift.</summary>
    public static readonly TimeSpan MostOvertime = TimeSpan.FromHours(2);

    private readonly CenterClock _clock;
    private readonly DateOnly _date;
    private readonly DateTimeOffset[] _bounds;
    private readonly int _first;
    private readonly Dictionary<string, int[]> _scheduled;
    private readonly Dictionary<string, IReadOnlyList<int?>> _required;

    public DayFixer(CenterClock clock, DateOnly date, DateTimeOffset now, IEnumerable<FixQueue> queues)
    {
        _clock = clock;
        _date = date;
        var slots = clock.IntervalsPerDay;
        _bounds = [.. Enumerable.Range(0, slots + 1).Select(i => i == slots ? clock.StartOfDay(date.AddDays(1)) : clock.IntervalStart(date, i))];
        _first = Enumerable.Range(0, slots + 1).First(i => _bounds[i] >= now);
        _scheduled = queues.ToDictionary(q => q.Id, q => q.Scheduled.ToArray(), StringComparer.Ordinal);
        _required = queues.ToDictionary(q => q.Id, q => q.Required, StringComparer.Ordinal);
    }

    /// <summary>The earliest moment a change may start: the next interval boundary.</summary>
    public DateTimeOffset Earliest => _bounds[_first];

    /// <summary>The fixes, best first: those that buy service, then time off by the paid minutes it saves.</summary>
    public IReadOnlyList<DayFix> Suggest(IEnumerable<FixAgent> agents, int most = 50)
    {
        var candidates = new List<(FixAgent Agent, DayFix Fix)>();
        foreach (var agent in agents.Where(a => a.Day.Count > 0))
        {
            candidates.AddRange(Moves(agent).Concat(QueueMoves(agent)).Concat(Overtime(agent)).Concat(TimeOff(agent)).Select(f => (agent, f)));
        }

        var chosen = new List<DayFix>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (agent, fix) in candidates.Where(c => c.Fix.Kind != DayFixKind.TimeOff).OrderByDescending(c => c.Fix.Gain).ThenBy(c => c.Fix.Id, StringComparer.Ordinal))
        {
            if (chosen.Count < most && !done.Contains(agent.Id) && Gain(agent, fix.NewDay) is var gain and > 0)
            {
                chosen.Add(fix with { Gain = gain });
                Commit(agent, fix.NewDay);
                done.Add(agent.Id);
            }
        }

        // Time off, most minutes first, each found again against the staffing the fixes before it leave.
        foreach (var (agent, _) in candidates.Where(c => c.Fix.Kind == DayFixKind.TimeOff).OrderBy(c => c.Fix.PaidMinutes).ThenBy(c => c.Fix.Id, StringComparer.Ordinal))
        {
            if (chosen.Count < most && !done.Contains(agent.Id) && TimeOff(agent).FirstOrDefault() is { } fix)
            {
                chosen.Add(fix);
                Commit(agent, fix.NewDay);
                done.Add(agent.Id);
            }
        }

        return chosen;
    }

    /// <summary>
    /// An agent's own take on an offer of <paramref name="kind"/> over <paramref name="from"/>–<paramref name="to"/>: overtime
    /// joins the part of the window next to their shift (at its end or its start), time off gives up the window when it runs
    /// to the end of their shift. Null when it does not fit their day or breaks a rule.
    /// </summary>
    public DayFix? Take(FixAgent agent, DayFixKind kind, DateTimeOffset from, DateTimeOffset to)
    {
        if (agent.Day.Count == 0 || from < Earliest || to <= from)
        {
            return null;
        }

        var (start, end) = Span(agent.Day);
        if (kind == DayFixKind.Overtime)
        {
            if (agent.AtRisk)
            {
                return null;
            }

            if (end >= from && end < to)
            {
                return Extended(agent, end, to);
            }

            return start > from && start <= to ? Extended(agent, from, start) : null;
        }

        return kind == DayFixKind.TimeOff && from > start && from < end && to >= end ? Cut(agent, from) : null;
    }

    /// <summary>The first rule a new day breaks for the agent, or null: weekly hours, rest, night work, longest stretch without a break.</summary>
    public string? Broken(FixAgent agent, IReadOnlyList<PlannedActivity> day)
    {
        if (day.Count == 0)
        {
            return null;
        }

        var (start, end) = Span(day);
        if (agent.Contract is { } contract)
        {
            if (agent.OtherDaysPaidHours + (PaidMinutes(day) / 60.0) > contract.MaxHoursPerWeek + 1e-9)
            {
                return "maxHoursPerWeek";
            }

            var rest = TimeSpan.FromHours(contract.MinRestHours);
            if ((agent.PreviousEnd is { } before && start - before < rest) || (agent.NextStart is { } after && after - end < rest))
            {
                return "minRestHours";
            }

            if (!contract.NightShifts && Night(start, end))
            {
                return "nightShifts";
            }
        }

        var limit = agent.MaxMinutesWithoutBreak;
        return limit > 0 && LongestWork(day) > Math.Max(limit, LongestWork(agent.Day)) ? "maxMinutesWithoutBreak" : null;
    }

    private IEnumerable<DayFix> Moves(FixAgent agent)
    {
        var (start, end) = Span(agent.Day);
        foreach (var moving in agent.Day.Where(a => a.Kind != ActivityKind.Work && a.Start >= Earliest))
        {
            var isBreak = moving.Kind is ActivityKind.Break or ActivityKind.Lunch;
            var length = moving.End - moving.Start;
            var others = agent.Day.Where(a => a.Kind != ActivityKind.Work && a != moving).ToList();
            // The windows of the rules that could have placed this break (its length, paid or not, its start inside).
            var offset = (moving.Start - start).TotalMinutes;
            var windows = isBreak
                ? (agent.BreakRules ?? []).Where(r => r.Minutes == (int)Math.Round(length.TotalMinutes) && r.Paid == (moving.Kind == ActivityKind.Break)
                    && offset >= r.WindowFromMinutes && offset <= r.WindowToMinutes).ToList()
                : [];
            bool Allowed(DateTimeOffset at) => windows.Count > 0
                ? windows.Any(r => (at - start).TotalMinutes >= r.WindowFromMinutes && (at - start).TotalMinutes <= r.WindowToMinutes)
                : (at - moving.Start).Duration() <= BreakReach;
            DayFix? best = null;
            for (var i = _first; i < _bounds.Length - 1; i++)
            {
                var at = _bounds[i];
                var to = at + length;
                if (at == moving.Start || (isBreak && (at <= start || to >= end || !Allowed(at))) || at < start || to > end
                    || others.Any(o => o.Start < to && at < o.End))
                {
                    continue;
                }

                var day = Rebuild(agent.Day, others.Append(moving with { Start = at, End = to }));
                // The most gain, and of equal gains the smallest move.
                if (Broken(agent, day) is null && Gain(agent, day) is var gain and > 0
                    && (best is null || gain > best.Gain || (gain == best.Gain && (at - moving.Start).Duration() < (best.NewFrom - moving.Start).Duration())))
                {
                    best = new DayFix(Id(isBreak ? DayFixKind.MoveBreak : DayFixKind.MoveOffline, agent, moving.Start, at), isBreak ? DayFixKind.MoveBreak : DayFixKind.MoveOffline,
                        agent.Id, moving.Kind, moving.Start, moving.End, at, to, gain, 0, agent.QueueIds, day);
                }
            }

            if (best is not null)
            {
                yield return best;
            }
        }
    }

    /// <summary>
    /// For a multi-skilled agent scheduled on one queue: the longest stretch ahead where that queue has an agent to spare
    /// and another of theirs is short, worked for the short one.
    /// </summary>
    private IEnumerable<DayFix> QueueMoves(FixAgent agent)
    {
        if (agent.QueueIds.Count < 2)
        {
            yield break;
        }

        var cover = Cover(agent.Day);
        foreach (var target in agent.QueueIds)
        {
            (int Start, int End)? best = null;
            int? run = null;
            for (var i = _first; i <= cover.Length; i++)
            {
                var fits = i < cover.Length && cover[i] is { } from && from != AnyQueue && from != target && agent.QueueIds.Contains(from)
                    && Need(from, i) is { } spare && _scheduled[from][i] - 1 >= spare
                    && Need(target, i) is { } need && _scheduled[target][i] < need;
                if (fits)
                {
                    run ??= i;
                }
                else if (run is { } r)
                {
                    if (best is null || i - r > best.Value.End - best.Value.Start)
                    {
                        best = (r, i);
                    }

                    run = null;
                }
            }

            if (best is { } b)
            {
                var (from, to) = (_bounds[b.Start], _bounds[b.End]);
                var day = Assign(agent.Day, from, to, target);
                if (Broken(agent, day) is null)
                {
                    yield return new DayFix($"{Id(DayFixKind.MoveQueue, agent, from, to)}.{target}", DayFixKind.MoveQueue, agent.Id, ActivityKind.Work,
                        from, to, from, to, Gain(agent, day), 0, agent.QueueIds, day, target);
                }
            }
        }
    }

    private IEnumerable<DayFix> Overtime(FixAgent agent)
    {
        if (agent.AtRisk)
        {
            yield break;
        }

        var (start, end) = Span(agent.Day);
        // Later: slot by slot from the shift's end while each is short (for the queue the work next to it is for); earlier:
        // back from its start.
        var work = agent.Day.Where(a => a.Kind == ActivityKind.Work).OrderBy(a => a.Start).ToList();
        var lastQueue = work.Count > 0 ? work[^1].QueueId : null;
        var firstQueue = work.Count > 0 ? work[0].QueueId : null;
        var slot = Index(end);
        var until = end;
        while (end >= Earliest && slot >= 0 && slot < _bounds.Length - 1 && _bounds[slot] == until && until - end < MostOvertime && Short(agent, slot, lastQueue))
        {
            until = _bounds[++slot];
        }

        if (until > end && Extended(agent, end, until) is { } later)
        {
            yield return later;
        }

        slot = Index(start);
        var from = start;
        while (slot > _first && _bounds[slot] == from && start - from < MostOvertime && Short(agent, slot - 1, firstQueue))
        {
            from = _bounds[--slot];
        }

        if (from < start && Extended(agent, from, start) is { } earlier)
        {
            yield return earlier;
        }
    }

    /// <summary>Work added over <paramref name="from"/>–<paramref name="to"/> next to the shift, shortened from its far end until the rules hold.</summary>
    private DayFix? Extended(FixAgent agent, DateTimeOffset from, DateTimeOffset to)
    {
        var atEnd = from == Span(agent.Day).End;
        while (to > from)
        {
            var day = Rebuild([.. agent.Day, new PlannedActivity(from, to, ActivityKind.Work)], agent.Day.Where(a => a.Kind != ActivityKind.Work));
            if (Broken(agent, day) is null)
            {
                return new DayFix(Id(DayFixKind.Overtime, agent, from, to), DayFixKind.Overtime, agent.Id, ActivityKind.Work, from, to, from, to,
                    Gain(agent, day), (int)Math.Round((to - from).TotalMinutes), agent.QueueIds, day);
            }

            var step = TimeSpan.FromMinutes(_clock.IntervalMinutes);
            (from, to) = atEnd ? (from, to - step) : (from + step, to);
        }

        return null;
    }

    private IEnumerable<DayFix> TimeOff(FixAgent agent)
    {
        var (start, end) = Span(agent.Day);
        DateTimeOffset? cut = null;
        for (var i = Index(end) - 1; i >= _first && _bounds[i] > start; i--)
        {
            if (!Surplus(agent, _bounds[i], end))
            {
                break;
            }

            cut = _bounds[i];
        }

        // At least an hour off, or it is not worth the agent's while.
        if (cut is { } at && end - at >= TimeSpan.FromHours(1) && Cut(agent, at) is { } fix)
        {
            yield return fix;
        }
    }

    private DayFix? Cut(FixAgent agent, DateTimeOffset at)
    {
        var (_, end) = Span(agent.Day);
        var day = agent.Day.Where(a => a.Start < at).Select(a => a.End > at ? a with { End = at } : a).ToList();
        if (day.Count == 0 || Broken(agent, day) is not null)
        {
            return null;
        }

        return new DayFix(Id(DayFixKind.TimeOff, agent, at, end), DayFixKind.TimeOff, agent.Id, ActivityKind.Work, at, end, at, end, 0,
            PaidMinutes(day) - PaidMinutes(agent.Day), agent.QueueIds, day);
    }

    /// <summary>
    /// Agent-intervals of shortage a new day removes (working for a queue where it is short), net of those it makes (no
    /// longer working for a queue that has no more than it needs), summed over the agent's queues.
    /// </summary>
    private int Gain(FixAgent agent, IReadOnlyList<PlannedActivity> day)
    {
        var before = Cover(agent.Day);
        var after = Cover(day);
        var gain = 0;
        for (var i = _first; i < before.Length; i++)
        {
            if (before[i] == after[i])
            {
                continue;
            }

            foreach (var q in agent.QueueIds)
            {
                var (was, now) = (On(before[i], q), On(after[i], q));
                if (now && !was && Need(q, i) is { } need && _scheduled[q][i] < need)
                {
                    gain++;
                }
                else if (was && !now && Need(q, i) is { } held && _scheduled[q][i] <= held)
                {
                    gain--;
                }
            }
        }

        return gain;
    }

    /// <summary>Whether every queue the agent works for keeps at least what it needs without them over <paramref name="from"/>–<paramref name="to"/>.</summary>
    private bool Surplus(FixAgent agent, DateTimeOffset from, DateTimeOffset to)
    {
        var cover = Cover(agent.Day);
        for (var i = Math.Max(_first, Index(from)); i < cover.Length && _bounds[i] < to; i++)
        {
            if (agent.QueueIds.Any(q => On(cover[i], q) && (Need(q, i) is not { } need || _scheduled[q][i] - 1 < need)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether a queue work for <paramref name="queueId"/> (null: any of the agent's) would count for is short.</summary>
    private bool Short(FixAgent agent, int slot, string? queueId = null) =>
        agent.QueueIds.Any(q => (queueId is null || q == queueId) && Need(q, slot) is { } need && _scheduled[q][slot] < need);

    private int? Need(string queueId, int slot) =>
        _required.TryGetValue(queueId, out var required) && slot < required.Count ? required[slot] : null;

    private void Commit(FixAgent agent, IReadOnlyList<PlannedActivity> day)
    {
        var before = Cover(agent.Day);
        var after = Cover(day);
        for (var i = 0; i < before.Length; i++)
        {
            foreach (var q in agent.QueueIds.Where(_scheduled.ContainsKey))
            {
                _scheduled[q][i] += (On(after[i], q) ? 1 : 0) - (On(before[i], q) ? 1 : 0);
            }
        }
    }

    /// <summary>Marks work that names no queue: it counts for every queue of the agent.</summary>
    private const string AnyQueue = "";

    /// <summary>
    /// Per interval of the day, what work covers its middle (as the intraday view counts scheduled agents): null for none,
    /// the queue it names, or <see cref="AnyQueue"/>.
    /// </summary>
    private string?[] Cover(IReadOnlyList<PlannedActivity> day)
    {
        var result = new string?[_bounds.Length - 1];
        for (var i = 0; i < result.Length; i++)
        {
            var middle = _bounds[i] + ((_bounds[i + 1] - _bounds[i]) / 2);
            result[i] = day.FirstOrDefault(a => a.Kind == ActivityKind.Work && a.Start <= middle && middle < a.End) is { } work ? work.QueueId ?? AnyQueue : null;
        }

        return result;
    }

    private static bool On(string? cover, string queueId) => cover is not null && (cover == AnyQueue || cover == queueId);

    private int Index(DateTimeOffset at)
    {
        var i = Array.BinarySearch(_bounds, at);
        return i >= 0 ? i : ~i - 1;
    }

    private bool Night(DateTimeOffset start, DateTimeOffset end)
    {
        for (var t = start; t < end; t += TimeSpan.FromMinutes(_clock.IntervalMinutes))
        {
            if (_clock.ToLocal(t).Hour < 6)
            {
                return true;
            }
        }

        return false;
    }

    private string Id(DayFixKind kind, FixAgent agent, DateTimeOffset from, DateTimeOffset to) =>
        string.Create(CultureInfo.InvariantCulture, $"{kind}.{agent.Id}.{_date:yyyyMMdd}.{_clock.ToLocal(from):HHmm}.{_clock.ToLocal(to):HHmm}");

    /// <summary>The day's first start and last end.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Span(IReadOnlyList<PlannedActivity> day) => (day.Min(a => a.Start), day.Max(a => a.End));

    /// <summary>Paid minutes of a day: all but lunch.</summary>
    public static int PaidMinutes(IReadOnlyList<PlannedActivity> day) =>
        (int)Math.Round(day.Where(a => a.Kind != ActivityKind.Lunch).Sum(a => (a.End - a.Start).TotalMinutes));

    /// <summary>
    /// A day made of the stretches <paramref name="cover"/> spans, with <paramref name="fixedActivities"/> kept where they
    /// are and work everywhere else — for the queue the covering work was for; a stretch no work covered before (a break
    /// moved away, overtime) works for the queue of the work before it, or else after it.
    /// </summary>
    public static IReadOnlyList<PlannedActivity> Rebuild(IEnumerable<PlannedActivity> cover, IEnumerable<PlannedActivity> fixedActivities)
    {
        var covering = cover.OrderBy(a => a.Start).ToList();
        var kept = fixedActivities.OrderBy(a => a.Start).ToList();
        var points = covering.Concat(kept).SelectMany(a => new[] { a.Start, a.End }).Distinct().Order().ToList();
        var pieces = new List<(PlannedActivity Activity, bool Inherits)>();
        for (var k = 0; k + 1 < points.Count; k++)
        {
            var (from, to) = (points[k], points[k + 1]);
            if (kept.FirstOrDefault(a => a.Start <= from && to <= a.End) is { } held)
            {
                if (pieces.Count == 0 || pieces[^1].Activity != held)
                {
                    pieces.Add((held, false));
                }
            }
            else if (covering.Any(a => a.Start <= from && to <= a.End))
            {
                var work = covering.FirstOrDefault(a => a.Kind == ActivityKind.Work && a.Start <= from && to <= a.End);
                pieces.Add((new PlannedActivity(from, to, ActivityKind.Work, work?.QueueId), work is null));
            }
        }

        // Inherited queues: from the work before, else the work after.
        for (var pass = 0; pass < 2; pass++)
        {
            var order = pass == 0 ? Enumerable.Range(0, pieces.Count) : Enumerable.Range(0, pieces.Count).Reverse();
            (string? Queue, bool Known) last = (null, false);
            foreach (var i in order)
            {
                var (activity, inherits) = pieces[i];
                if (activity.Kind != ActivityKind.Work)
                {
                    continue;
                }

                if (!inherits)
                {
                    last = (activity.QueueId, true);
                }
                else if (last.Known)
                {
                    pieces[i] = (activity with { QueueId = last.Queue }, false);
                }
            }
        }

        var day = new List<PlannedActivity>();
        foreach (var (activity, _) in pieces)
        {
            if (day.Count > 0 && activity.Kind == ActivityKind.Work && day[^1] is { Kind: ActivityKind.Work } before
                && before.End == activity.Start && before.QueueId == activity.QueueId)
            {
                day[^1] = before with { End = activity.End };
            }
            else
            {
                day.Add(activity);
            }
        }

        return day;
    }

    /// <summary>The day with its work over <paramref name="from"/>–<paramref name="to"/> for <paramref name="queueId"/>.</summary>
    public static IReadOnlyList<PlannedActivity> Assign(IReadOnlyList<PlannedActivity> day, DateTimeOffset from, DateTimeOffset to, string queueId)
    {
        var result = new List<PlannedActivity>();
        foreach (var a in day.OrderBy(a => a.Start))
        {
            if (a.Kind != ActivityKind.Work || a.End <= from || a.Start >= to)
            {
                result.Add(a);
                continue;
            }

            if (a.Start < from)
            {
                result.Add(a with { End = from });
            }

            result.Add(a with { Start = a.Start > from ? a.Start : from, End = a.End < to ? a.End : to, QueueId = queueId });
            if (a.End > to)
            {
                result.Add(a with { Start = to });
            }
        }

        return result;
    }

    private static double LongestWork(IReadOnlyList<PlannedActivity> day)
    {
        double longest = 0, run = 0;
        DateTimeOffset? last = null;
        foreach (var a in day.OrderBy(a => a.Start))
        {
            run = a.Kind == ActivityKind.Work ? (last == a.Start ? run : 0) + (a.End - a.Start).TotalMinutes : 0;
            longest = Math.Max(longest, run);
            last = a.End;
        }

        return longest;
    }
}
