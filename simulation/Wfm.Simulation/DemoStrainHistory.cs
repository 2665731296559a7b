using Wfm.Core.Adherence;
using Wfm.Core.Agents;
using Wfm.Core.Conversations;
using Wfm.Core.Events;
using Wfm.Core.Time;

namespace Wfm.Simulation;

/// <summary>
/// The recent past of a few demo agents who are running hot, so the wellbeing panel has something true to show on a fresh
/// demo: for the last fortnight, day shifts 09:00–17:30 (planned breaks at 11:00 and 15:30, lunch at 13:00) worked six days
/// in a row, with contacts back to back for hours at a time, breaks skipped or taken late, staying on after the shift, and
/// abusive customers reported. The first agent gets the most of it (alert), the others a little less (watch).
/// </summary>
public static class DemoStrainHistory
{
    public static DemoPast Generate(IReadOnlyList<(string AgentId, string QueueId)> agents, DateOnly lastDay, CenterClock clock, int seed)
    {
        var events = new List<ContactCenterEvent>();
        var plans = new Dictionary<(string, DateOnly), IReadOnlyList<PlannedActivity>>();
        var incidents = new List<AbuseIncident>();
        for (var n = 0; n < agents.Count; n++)
        {
            var (agentId, queueId) = agents[n];
            var random = new Random(StableSeed.Of(seed, ShiftPatterns.StableHash(agentId)));
            var strain = n == 0 ? 1.0 : 0.7; // the first runs hottest
            for (var day = lastDay.AddDays(-13); day <= lastDay; day = day.AddDays(1))
            {
                // Six days on, one off: the off day is a week and a day ago, so the last six days run in a row.
                if (day == lastDay.AddDays(-6))
                {
                    plans[(agentId, day)] = [];
                    continue;
                }

                DateTimeOffset At(double hours) => clock.ToUtc(day, TimeOnly.MinValue).AddHours(hours);
                plans[(agentId, day)] = ShiftPatterns.Standard(At(9));
                var today = new DemoAgentDay(events, $"demo-strain-{agentId}-{day:yyyyMMdd}", agentId, queueId);

                // Contacts back to back (a few seconds between them) for most of the day; the morning break is skipped on
                // hot days, the afternoon one taken half an hour late; the day ends one to two hours after the shift.
                var hot = random.NextDouble() < 0.45 + (0.4 * strain);
                var end = At(17.5 + (strain * (1 + random.NextDouble())));
                var t = At(8.9);
                today.State(t, AgentState.Available);
                var pauses = new List<(DateTimeOffset From, DateTimeOffset To, AgentState State)>
                {
                    hot ? (At(13), At(13.4), AgentState.Lunch) : (At(11), At(11.25), AgentState.Break),
                    (At(16.1), At(16.35), AgentState.Break),
                };
                if (!hot)
                {
                    pauses.Add((At(13), At(13.5), AgentState.Lunch));
                }

                foreach (var pause in pauses.OrderBy(p => p.From))
                {
                    t = Work(t, pause.From);
                    today.State(pause.From, pause.State);
                    today.State(pause.To, AgentState.Available);
                    t = pause.To;
                }

                t = Work(t, end);
                today.State(t.AddSeconds(30), AgentState.Offline);

                // Contacts one after another until the next pause: a few seconds between them when the day runs hot.
                DateTimeOffset Work(DateTimeOffset from, DateTimeOffset until) => today.Contacts(from.AddSeconds(5), until,
                    () => (160 + random.Next(0, 140), 10 + random.Next(0, 15)), () => random.Next(1, 20), () => hot ? random.Next(2, 12) : random.Next(10, 90));
            }

            // Abusive customers the agent reported: three in the fortnight for the hottest, two for the others.
            for (var k = 0; k < (n == 0 ? 3 : 2); k++)
            {
                var day = lastDay.AddDays(-1 - (k * 4));
                var at = clock.ToUtc(day, new TimeOnly(10 + (k * 2), 17));
                // Handled at the time: a supervisor acknowledged it within minutes and closed it (the burnout score still counts it).
                incidents.Add(AbuseIncident.From($"demo-abuse-{agentId}-{k + 1}", at, agentId, queueId, $"demo-strain-{agentId}-{day:yyyyMMdd}-abuse", null,
                    IncidentSource.Reported, "The caller shouted insults and threatened me for several minutes.", null) with
                {
                    Status = IncidentStatus.Closed, AcknowledgedAt = at.AddMinutes(3), ClosedAt = at.AddMinutes(25), Outcome = "caller warned; recovery break given",
                });
            }
        }

        return new DemoPast(events.OrderBy(e => e.At).ToList(), plans, incidents);
    }
}
