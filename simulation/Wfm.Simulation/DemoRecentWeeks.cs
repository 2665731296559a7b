using Wfm.Core.Adherence;
using Wfm.Core.Agents;
using Wfm.Core.Events;
using Wfm.Core.Time;

namespace Wfm.Simulation;

/// <summary>
/// The ordinary weeks before a fresh demo opened, for its agents who are not running hot: five days a week at the
/// agent's usual start (8.5 hours with two breaks and a lunch, taken on time give or take a few minutes), contacts of
/// the agent's own pace with pauses between them, logged in and out within minutes of the plan. An agent's pace drifts a
/// little from week to week, and for about one agent in six it slows week after week (handle time up some 8 % a week),
/// so an agent's own KPI trend and the trainers' KPI comparisons have weeks to compare on the demo's first day.
/// </summary>
public static class DemoRecentWeeks
{
    /// <param name="agents">Each agent, the queue of their contacts and that queue's mean handle time in seconds.</param>
    /// <param name="firstDay">The first local day to fill.</param>
    /// <param name="lastDay">The last local day to fill (yesterday, on a new demo).</param>
    public static DemoPast Generate(
        IReadOnlyList<(string AgentId, string QueueId, double MeanHandleSeconds)> agents, DateOnly firstDay, DateOnly lastDay, CenterClock clock, int seed)
    {
        ArgumentNullException.ThrowIfNull(agents);
        ArgumentNullException.ThrowIfNull(clock);
        var events = new List<ContactCenterEvent>();
        var plans = new Dictionary<(string, DateOnly), IReadOnlyList<PlannedActivity>>();
        foreach (var (agentId, queueId, meanHandle) in agents)
        {
            var hash = ShiftPatterns.StableHash(agentId);
            var random = new Random(StableSeed.Of(seed, hash, 31));
            var offDays = OffDays(hash);
            var startHour = 7 + (random.Next(0, 15) / 2.0); // 07:00 … 14:00, on the half hour
            var pace = 0.8 + (random.NextDouble() * 0.45); // the agent's own handle time against the queue's mean
            var slowing = random.NextDouble() < 1.0 / 6;
            for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
            {
                if (offDays.Contains(day.DayOfWeek))
                {
                    continue;
                }

                var weeksAgo = (lastDay.DayNumber - day.DayNumber) / 7;
                var weekPace = pace * (slowing ? Math.Pow(1.08, -weeksAgo) : 1 + ((random.NextDouble() - 0.5) * 0.06));
                var handle = meanHandle * weekPace;
                var plan = ShiftPatterns.Standard(clock.ToUtc(day, TimeOnly.MinValue).AddHours(startHour));
                plans[(agentId, day)] = plan;
                var today = new DemoAgentDay(events, $"demo-week-{agentId}-{day:yyyyMMdd}", agentId, queueId);
                DateTimeOffset Near(DateTimeOffset at, int earlier, int later) => at.AddSeconds(random.Next(-earlier * 60, (later * 60) + 1));

                var t = Near(plan[0].Start, 4, 3);
                today.State(t, AgentState.Available);
                foreach (var pause in plan.Where(p => p.Kind != ActivityKind.Work))
                {
                    var from = Near(pause.Start, 2, 4);
                    t = Work(t, from);
                    from = from > t ? from : t.AddSeconds(1);
                    today.State(from, pause.Kind == ActivityKind.Lunch ? AgentState.Lunch : AgentState.Break);
                    t = from + (pause.End - pause.Start) + TimeSpan.FromSeconds(random.Next(0, 150));
                    today.State(t, AgentState.Available);
                }

                t = Work(t, Near(plan[^1].End, 1, 6));
                today.State(t.AddSeconds(20), AgentState.Offline);

                // Contacts one after another until the next pause, with the pauses of an ordinary day between them.
                DateTimeOffset Work(DateTimeOffset from, DateTimeOffset until) => today.Contacts(from.AddSeconds(random.Next(20, 200)), until,
                    () => ((int)Math.Round(handle * (0.45 + (random.NextDouble() * 1.1))), 10 + random.Next(0, 30)), () => random.Next(1, 40), () => random.Next(60, 420));
            }
        }

        return new DemoPast(events.OrderBy(e => e.At).ToList(), plans, []);
    }

    /// <summary>Two days off in a row: the weekend for most, two weekdays in a row for about a third.</summary>
    private static DayOfWeek[] OffDays(int hash)
    {
        var k = (int)((uint)hash % 15);
        if (k < 10)
        {
            return [DayOfWeek.Saturday, DayOfWeek.Sunday];
        }

        var first = (DayOfWeek)(k - 9); // Monday … Friday
        return [first, (DayOfWeek)(((int)first + 1) % 7)];
    }
}
