using Wfm.Core.Conversations;

namespace Wfm.Grains;

/// <summary>Keeps the center's abuse incidents (the newest 20,000; older closed ones are dropped first) and pushes every change to the board.</summary>
public sealed class IncidentRegistryGrain(
    [PersistentState("incidents", "wfm")] IPersistentState<List<AbuseIncident>> state) : Grain, IIncidentRegistryGrain
{
    public const int Keep = 20_000;

    public async Task<bool> RaiseAsync(AbuseIncident incident)
    {
        if (state.State.Any(i => i.Id == incident.Id))
        {
            return false;
        }

        state.State.Add(incident);
        if (state.State.Count > Keep)
        {
            var drop = state.State.Where(i => i.Status == IncidentStatus.Closed).OrderBy(i => i.At).Take(state.State.Count - Keep).ToHashSet();
            state.State.RemoveAll(drop.Contains);
        }

        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IBoardHubGrain>(0).PublishIncidentAsync(incident);
        return true;
    }

    public async Task<AbuseIncident> ActAsync(string incidentId, IncidentAction action)
    {
        var index = state.State.FindIndex(i => i.Id == incidentId);
        if (index < 0)
        {
            throw new IncidentActionException($"incident '{incidentId}' is unknown");
        }

        var updated = IncidentWorkflow.Apply(state.State[index], action);
        state.State[index] = updated;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IBoardHubGrain>(0).PublishIncidentAsync(updated);
        return updated;
    }

    public Task<AbuseIncident?> GetAsync(string incidentId) => Task.FromResult(state.State.FirstOrDefault(i => i.Id == incidentId));

    public Task<IReadOnlyList<AbuseIncident>> ListAsync(bool openOnly, DateTimeOffset? since, int limit)
    {
        IReadOnlyList<AbuseIncident> list = state.State
            .Where(i => (!openOnly || i.Status != IncidentStatus.Closed) && (since is null || i.At >= since))
            .OrderByDescending(i => i.At)
            .Take(Math.Clamp(limit, 1, Keep))
            .ToList();
        return Task.FromResult(list);
    }

    public Task<IReadOnlyList<RoutingBlock>> RoutingBlocksAsync()
    {
        IReadOnlyList<RoutingBlock> blocks = state.State
            .Where(i => i.Status != IncidentStatus.Closed && i.CustomerId is not null && i.AgentId is not null)
            .SelectMany(i => i.Actions.Where(a => a.Kind == IncidentActionKind.RouteAway).Take(1).Select(a => new RoutingBlock(i.CustomerId!, i.AgentId!, i.Id, a.At)))
            .ToList();
        return Task.FromResult(blocks);
    }
}
