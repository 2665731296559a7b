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
    /// <summary>Length of the ordinary shift in hours.</summary>
    public const double ShiftHours = 8.5;

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
            var number = 0;
            for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
            {
                if (offDays.Contains(day.DayOfWeek))
                {
                    continue;
                }

                var weeksAgo = (lastDay.DayNumber - day.DayNumber) / 7;
                var weekPace = pace * (slowing ? Math.Pow(1.08, -weeksAgo) : 1 + ((random.NextDouble() - 0.5) * 0.06));
                var handle = meanHandle * weekPace;
                DateTimeOffset At(double hours) => clock.ToUtc(day, TimeOnly.MinValue).AddHours(startHour + hours);
                var plan = new List<PlannedActivity>
                {
                    new(At(0), At(2), ActivityKind.Work),
                    new(At(2), At(2.25), ActivityKind.Break),
                    new(At(2.25), At(4), ActivityKind.Work),
                    new(At(4), At(4.5), ActivityKind.Lunch),
                    new(At(4.5), At(6.5), ActivityKind.Work),
                    new(At(6.5), At(6.75), ActivityKind.Break),
                    new(At(6.75), At(ShiftHours), ActivityKind.Work),
                };
                plans[(agentId, day)] = plan;

                var prefix = $"demo-week-{agentId}-{day:yyyyMMdd}";
                var id = 0;
                void Emit(DateTimeOffset at, EventType type, AgentState? state = null, string? contact = null, bool? wrapUp = null) =>
                    events.Add(new ContactCenterEvent
                    {
                        Id = $"{prefix}-{++id}", Type = type, At = at, AgentId = type == EventType.ContactArrived ? null : agentId, State = state,
                        ContactId = contact, WrapUp = wrapUp, QueueId = contact is null ? null : queueId,
                    });

                DateTimeOffset Near(DateTimeOffset at, int earlier, int later) => at.AddSeconds(random.Next(-earlier * 60, (later * 60) + 1));

                var t = Near(At(0), 4, 3);
                Emit(t, EventType.AgentStateChanged, AgentState.Available);
                foreach (var pause in plan.Where(p => p.Kind != ActivityKind.Work))
                {
                    var from = Near(pause.Start, 2, 4);
                    t = Work(t, from);
                    from = from > t ? from : t.AddSeconds(1);
                    var state = pause.Kind == ActivityKind.Lunch ? AgentState.Lunch : AgentState.Break;
                    Emit(from, EventType.AgentStateChanged, state);
                    t = from + (pause.End - pause.Start) + TimeSpan.FromSeconds(random.Next(0, 150));
                    Emit(t, EventType.AgentStateChanged, AgentState.Available);
                }

                t = Work(t, Near(At(ShiftHours), 1, 6));
                Emit(t.AddSeconds(20), EventType.AgentStateChanged, AgentState.Offline);

                // Contacts one after another until the next pause, with the pauses of an ordinary day between them.
                DateTimeOffset Work(DateTimeOffset from, DateTimeOffset until)
                {
                    var at = from.AddSeconds(random.Next(20, 200));
                    while (true)
                    {
                        var seconds = (int)Math.Round(handle * (0.45 + (random.NextDouble() * 1.1)));
                        var wrap = 10 + random.Next(0, 30);
                        if (at.AddSeconds(seconds + wrap) >= until)
                        {
                            return at;
                        }

                        var contact = $"{prefix}-c{++number}";
                        Emit(at.AddSeconds(-random.Next(1, 40)), EventType.ContactArrived, contact: contact);
                        Emit(at, EventType.ContactAnswered, contact: contact);
                        Emit(at.AddSeconds(seconds), EventType.ContactEnded, contact: contact, wrapUp: true);
                        Emit(at.AddSeconds(seconds + wrap), EventType.AgentStateChanged, AgentState.Available);
                        at = at.AddSeconds(seconds + wrap + random.Next(60, 420));
                    }
                }
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
