using Wfm.Core.Adherence;
using Wfm.Core.Agents;
using Wfm.Core.Time;

namespace Wfm.Core.Wellbeing;

/// <summary>
/// Turns what an agent did (state changes), what was planned and the incidents they met into the
/// <see cref="WellbeingDay"/>s the burnout score reads. Only time before <c>now</c> is judged.
/// </summary>
public static class WellbeingCalculator
{
    /// <summary>A pause shorter than this between two contacts makes them back to back, and keeps a busy streak going.</summary>
    public static readonly TimeSpan Pause = TimeSpan.FromSeconds(30);

    /// <summary>A planned break started later than this is late.</summary>
    public static readonly TimeSpan LateAfter = TimeSpan.FromMinutes(10);

    /// <param name="changes">Every state change of the agent in time order (across days).</param>
    /// <param name="plans">Planned activities per local day (missing = not scheduled).</param>
    /// <param name="incidents">Abuse incidents the agent met, per local day.</param>
    /// <param name="csat">Mean CSAT (1–5) of the surveys on the agent's contacts, per local day the contact ended.</param>
    public static IReadOnlyList<WellbeingDay> Days(
        IReadOnlyList<StateChange> changes, IReadOnlyDictionary<DateOnly, IReadOnlyList<PlannedActivity>> plans, IReadOnlyDictionary<DateOnly, int> incidents,
        DateOnly from, DateOnly to, CenterClock clock, DateTimeOffset now, IReadOnlyDictionary<DateOnly, double>? csat = null)
    {
        var result = new List<WellbeingDay>();
        DateTimeOffset? lastWorkEnd = null;
        DateOnly? lastWorkDay = null;

        // Reused from day to day: a round scores every agent's four weeks, so nothing here is allocated per state change.
        var segments = new List<Segment>();
        var timeline = new List<StateChange>();
        var pausing = new List<Segment>();
        for (var day = from.AddDays(-1); day <= to; day = day.AddDays(1))
        {
            var start = clock.StartOfDay(day);
            var end = clock.StartOfDay(day.AddDays(1));
            if (start >= now)
            {
                break;
            }

            var until = end < now ? end : now;
            Segments(changes, start, until, segments);
            var plan = plans.GetValueOrDefault(day) ?? [];
            double worked = 0, busy = 0, idle = 0;
            Segment? firstIn = null, lastOut = null;
            foreach (var s in segments)
            {
                if (s.State != AgentState.Offline)
                {
                    worked += (s.To - s.From).TotalHours;
                    firstIn ??= s;
                    lastOut = s;
                }

                if (s.State is AgentState.OnContact or AgentState.AfterContactWork)
                {
                    busy += (s.To - s.From).TotalSeconds;
                }
                else if (s.State == AgentState.Available)
                {
                    idle += (s.To - s.From).TotalSeconds;
                }
            }

            double? rest = firstIn is { } first && lastWorkEnd is not null && lastWorkDay == day.AddDays(-1) ? (first.From - lastWorkEnd.Value).TotalHours : null;
            if (lastOut is { } last)
            {
                lastWorkEnd = last.To;
                lastWorkDay = day;
            }

            if (day < from)
            {
                continue; // the day before only tells the rest before the first day
            }

            var (streak, backToBack) = Streaks(segments);
            var (missed, late) = Breaks(plan, segments, until, pausing);
            double? adherence = null;
            double scheduled = 0;
            if (plan.Count > 0)
            {
                timeline.Clear();
                foreach (var s in segments)
                {
                    timeline.Add(new StateChange(s.From, s.State));
                }

                adherence = AdherenceCalculator.Compute(plan, timeline, until).Adherence;
                foreach (var p in plan)
                {
                    if (p.Start < until)
                    {
                        scheduled += ((p.End < until ? p.End : until) - p.Start).TotalHours;
                    }
                }
            }

            result.Add(new WellbeingDay(day, Math.Round(worked, 3), Math.Round(scheduled, 3), busy + idle > 0 ? Math.Round(busy / (busy + idle), 4) : 0,
                (int)Math.Round(streak.TotalMinutes), backToBack, missed, late, adherence, rest is null ? null : Math.Round(rest.Value, 2),
                incidents.GetValueOrDefault(day), csat is not null && csat.TryGetValue(day, out var mean) ? Math.Round(mean, 3) : null));
        }

        return result;
    }

    private readonly record struct Segment(DateTimeOffset From, DateTimeOffset To, AgentState State);

    /// <summary>The states over [start, end) into <paramref name="list"/>: the state at start is the last one entered before it (Offline before any).</summary>
    private static void Segments(IReadOnlyList<StateChange> changes, DateTimeOffset start, DateTimeOffset end, List<Segment> list)
    {
        // Changes are in time order: find the first after the start by halving (a day of four weeks need not walk the others).
        int low = 0, high = changes.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (changes[middle].At <= start)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        list.Clear();
        var state = low > 0 ? changes[low - 1].State : AgentState.Offline;
        var at = start;
        for (var i = low; i < changes.Count; i++)
        {
            var c = changes[i];
            if (c.At >= end)
            {
                break;
            }

            if (c.At > at)
            {
                list.Add(new Segment(at, c.At, state));
            }

            (at, state) = (c.At, c.State);
        }

        if (end > at)
        {
            list.Add(new Segment(at, end, state));
        }
    }

    /// <summary>The longest busy stretch (contacts and wrap-up, pauses under <see cref="Pause"/> kept inside) and the longest run of contacts back to back.</summary>
    private static (TimeSpan Streak, int BackToBack) Streaks(List<Segment> segments)
    {
        TimeSpan longest = TimeSpan.Zero;
        DateTimeOffset? streakStart = null;
        DateTimeOffset streakEnd = default;
        int run = 0, longestRun = 0;
        foreach (var s in segments)
        {
            var busy = s.State is AgentState.OnContact or AgentState.AfterContactWork;
            if (busy)
            {
                streakStart ??= s.From;
                streakEnd = s.To;
                if (s.State == AgentState.OnContact)
                {
                    run++;
                    longestRun = Math.Max(longestRun, run);
                }
            }
            else if (s.State == AgentState.Available && s.To - s.From < Pause)
            {
                // a short pause keeps both runs going
            }
            else
            {
                if (streakStart is { } begun)
                {
                    longest = Max(longest, streakEnd - begun);
                }

                streakStart = null;
                run = 0;
            }
        }

        if (streakStart is { } open)
        {
            longest = Max(longest, streakEnd - open);
        }

        return (longest, longestRun);
    }

    /// <summary>Planned breaks and lunches that ended before <paramref name="until"/>: missed (under half taken, not even late) or late.</summary>
    private static (int Missed, int Late) Breaks(IReadOnlyList<PlannedActivity> plan, List<Segment> segments, DateTimeOffset until, List<Segment> pausing)
    {
        int missed = 0, late = 0;
        pausing.Clear();
        foreach (var s in segments)
        {
            if (s.State is AgentState.Break or AgentState.Lunch or AgentState.RecoveryBreak)
            {
                pausing.Add(s);
            }
        }

        foreach (var p in plan)
        {
            if (p.Kind is not (ActivityKind.Break or ActivityKind.Lunch) || p.End > until)
            {
                continue;
            }

            var length = p.End - p.Start;
            var graceEnd = p.End + TimeSpan.FromMinutes(30);
            double inWindow = 0, taken = 0;
            DateTimeOffset firstStart = default;
            foreach (var s in pausing)
            {
                inWindow += Overlap(s, p.Start, p.End).TotalSeconds;
                taken += Overlap(s, p.Start, graceEnd).TotalSeconds;
                if (s.To > p.Start && s.From < graceEnd && (firstStart == default || s.From < firstStart))
                {
                    firstStart = s.From;
                }
            }

            if (inWindow >= length.TotalSeconds / 2 && (firstStart == default || firstStart - p.Start <= LateAfter))
            {
                continue;
            }

            if (taken >= length.TotalSeconds / 2)
            {
                late++;
            }
            else
            {
                missed++;
            }
        }

        return (missed, late);
    }

    private static TimeSpan Overlap(Segment s, DateTimeOffset from, DateTimeOffset to)
    {
        var a = s.From > from ? s.From : from;
        var b = s.To < to ? s.To : to;
        return b > a ? b - a : TimeSpan.Zero;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
