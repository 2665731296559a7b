using Wfm.Core.Agents;
using Wfm.Core.Ports;
using Wfm.Core.Staffing.Simulation;
using Wfm.Grains.Abstractions;
using Wfm.Server.Board;

namespace Wfm.Server.Hosting;

/// <summary>The live floor for the intraday view: today's counters from the queue grains, who works now from the board's cache.</summary>
public sealed class GrainIntradayFeed(IGrainFactory grains, BoardCache board, TimeProvider time) : IIntradayFeed
{
    public async Task<IReadOnlyList<IntervalActual>> ActualsAsync(string queueId, CancellationToken cancellationToken = default)
    {
        var intervals = await grains.GetGrain<IQueueGrain>(queueId).GetIntervalsAsync();
        return intervals.Select(i => new IntervalActual(i.Index, i.Kpis.Offered, i.Kpis.Answered, i.Kpis.Abandoned, i.Kpis.ServiceLevel, i.Kpis.AbandonRate, i.Kpis.AverageTalkTime))
            .ToList();
    }

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
