using Wfm.Core.Agents;
using Wfm.Core.Directory;
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
