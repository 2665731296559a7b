using Wfm.Core.Agents;
using Wfm.Core.Directory;
using Wfm.Core.Events;
using Wfm.Core.Ports;
using Wfm.Core.Queues;
using Wfm.Core.Staffing.Simulation;
using Wfm.Grains.Abstractions;
using Wfm.Server.Board;

namespace Wfm.Server.Hosting;

/// <summary>
/// The floor for the intraday view: today's counters from the queue grains, an earlier day's replayed from its events in the
/// journal (late events included, as the KPIs count them), who works now from the board's cache.
/// </summary>
public sealed class GrainIntradayFeed(IGrainFactory grains, BoardCache board, IEventJournal journal, IContactCenterDirectory directory, TimeProvider time) : IIntradayFeed
{
    public async Task<IReadOnlyList<IntervalActual>> ActualsAsync(string queueId, DateOnly day, CancellationToken cancellationToken = default)
    {
        var clock = directory.Clock;
        if (day >= clock.LocalDate(time.GetUtcNow()))
        {
            var intervals = await grains.GetGrain<IQueueGrain>(queueId).GetIntervalsAsync();
            return [.. intervals.Select(i => Actual(i.Index, i.Kpis))];
        }

        if (directory.FindQueue(queueId) is not { } queue)
        {
            return [];
        }

        // The day replayed on a ledger of its own: a contact still waiting at midnight counts on the day it ends, as live.
        var ledger = new QueueLedger();
        var events = await journal.ReadContactEventsAsync(clock.StartOfDay(day.AddDays(-1)), clock.StartOfDay(day.AddDays(1)), cancellationToken);
        foreach (var e in events.Select(s => s.Event).Where(e => e.QueueId == queueId))
        {
            ledger.Apply(e, queue.Target, clock);
        }

        return ledger.Day == day ? [.. ledger.Intervals.Select(kv => Actual(kv.Key, QueueKpis.From(kv.Value, queue.Target)))] : [];
    }

    public async Task<IReadOnlyDictionary<int, double>> LoggedInAsync(string queueId, DateOnly day, CancellationToken cancellationToken = default)
    {
        var clock = directory.Clock;
        var skilled = directory.Agents.Where(a => a.Skills.Any(s => s.QueueId == queueId)).Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var dayStart = clock.StartOfDay(day);
        var dayEnd = clock.StartOfDay(day.AddDays(1));
        var now = time.GetUtcNow();
        var end = dayEnd < now ? dayEnd : now;
        var seconds = clock.IntervalMinutes * 60.0;
        var slots = clock.IntervalsPerDay;
        var total = new double[slots];

        // Each agent's state changes from the day before on (the state carried into the day), in order of arrival.
        var changes = new Dictionary<string, List<(DateTimeOffset At, bool LoggedIn)>>(StringComparer.Ordinal);
        long after = 0;
        while (true)
        {
            var page = await journal.ReadAgentEventsAfterAsync(after, dayStart.AddDays(-1), PageSize, cancellationToken);
            var beyond = true;
            foreach (var (sequence, e) in page)
            {
                after = sequence;
                beyond &= e.At >= dayEnd;
                if (e.Type == EventType.AgentStateChanged && e.State is { } state && e.AgentId is { } agent && skilled.Contains(agent) && e.At < dayEnd)
                {
                    if (!changes.TryGetValue(agent, out var list))
                    {
                        changes[agent] = list = [];
                    }

                    list.Add((e.At, state != AgentState.Offline));
                }
            }

            // Pages come in journal order: a whole page past the day's end means the day is read.
            if (page.Count < PageSize || beyond)
            {
                break;
            }
        }

        foreach (var list in changes.Values)
        {
            list.Sort((a, b) => a.At.CompareTo(b.At));
            for (var i = 0; i < list.Count; i++)
            {
                if (!list[i].LoggedIn)
                {
                    continue;
                }

                var from = list[i].At < dayStart ? dayStart : list[i].At;
                var to = i + 1 < list.Count ? list[i + 1].At : end;
                to = to > end ? end : to;
                for (var t = from; t < to;)
                {
                    var slot = (int)((t - dayStart).TotalSeconds / seconds);
                    if (slot >= slots)
                    {
                        break;
                    }

                    var slotEnd = dayStart.AddSeconds((slot + 1) * seconds);
                    var stop = slotEnd < to ? slotEnd : to;
                    total[slot] += (stop - t).TotalSeconds;
                    t = stop;
                }
            }
        }

        var result = new Dictionary<int, double>();
        for (var slot = 0; slot < slots; slot++)
        {
            if (total[slot] > 0)
            {
                result[slot] = total[slot] / seconds;
            }
        }

        return result;
    }

    private const int PageSize = 20_000;

    private static IntervalActual Actual(int slot, QueueKpis k) =>
        new(slot, k.Offered, k.Answered, k.Abandoned, k.ServiceLevel, k.AbandonRate, k.AverageTalkTime);

    public async Task<LiveStart> LiveAsync(string queueId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var contacts = await grains.GetGrain<IQueueGrain>(queueId).GetContactsAsync();
        return new LiveStart(
            contacts.Where(c => c.AnsweredAt is null).Select(c => Math.Max(0, (now - c.ArrivedAt).TotalSeconds)).ToList(),
            contacts.Count(c => c.AnsweredAt is not null));
    }

    public Task<IReadOnlyDictionary<string, int>> WorkingNowAsync(CancellationToken cancellationToken = default)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var agent in board.Snapshot().Agents.Where(a => AgentStateMachine.IsProductive(a.State)))
        {
            foreach (var queue in agent.QueueIds)
            {
                counts[queue] = counts.GetValueOrDefault(queue) + 1;
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, int>>(counts);
    }
}
