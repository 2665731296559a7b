using Wfm.Core.Agents;
using Wfm.Core.Ports;
using Wfm.Grains.Abstractions;
using Wfm.Server.Board;

namespace Wfm.Server.Hosting;

/// <summary>The live floor for the intraday view: today's counters from the queue grains, who works now from the board's cache.</summary>
public sealed class GrainIntradayFeed(IGrainFactory grains, BoardCache board) : IIntradayFeed
{
    public async Task<IReadOnlyList<IntervalActual>> ActualsAsync(string queueId, CancellationToken cancellationToken = default)
    {
        var intervals = await grains.GetGrain<IQueueGrain>(queueId).GetIntervalsAsync();
        return intervals.Select(i => new IntervalActual(i.Index, i.Kpis.Offered, i.Kpis.Answered, i.Kpis.Abandoned, i.Kpis.ServiceLevel, i.Kpis.AbandonRate, i.Kpis.AverageTalkTime))
            .ToList();
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
