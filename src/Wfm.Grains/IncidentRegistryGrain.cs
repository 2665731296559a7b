using Wfm.Core.Conversations;

namespace Wfm.Grains;

/// <summary>
/// The center's abuse incidents: one writer for raising and acting on them (so actions on one incident
/// never interleave), kept one row each in the incident store, every change pushed to the board.
/// A database from an earlier version kept them all in this grain's state: they move to the store on
/// activation, and the state is cleared only once every one of them is stored.
/// </summary>
public sealed class IncidentRegistryGrain(
    [PersistentState("incidents", "wfm")] IPersistentState<List<AbuseIncident>> legacy,
    IIncidentStore store) : Grain, IIncidentRegistryGrain
{
    /// <summary>Most incidents one list returns.</summary>
    public const int Keep = 20_000;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (legacy.State is { Count: > 0 } old)
        {
            foreach (var incident in old)
            {
                await store.AddAsync(incident, cancellationToken);
            }

            await legacy.ClearStateAsync(cancellationToken);
        }

        await base.OnActivateAsync(cancellationToken);
    }

    public async Task<bool> RaiseAsync(AbuseIncident incident)
    {
        if (!await store.AddAsync(incident))
        {
            return false;
        }

        await GrainFactory.GetGrain<IBoardHubGrain>(0).PublishIncidentAsync(incident);
        return true;
    }

    public async Task<AbuseIncident> ActAsync(string incidentId, IncidentAction action)
    {
        var current = await store.GetAsync(incidentId) ?? throw new IncidentActionException($"incident '{incidentId}' is unknown");
        var updated = IncidentWorkflow.Apply(current, action);
        await store.UpdateAsync(updated);
        await GrainFactory.GetGrain<IBoardHubGrain>(0).PublishIncidentAsync(updated);
        return updated;
    }

    public Task<AbuseIncident?> GetAsync(string incidentId) => store.GetAsync(incidentId);

    public Task<IReadOnlyList<AbuseIncident>> ListAsync(bool openOnly, DateTimeOffset? since, int limit) =>
        store.ListAsync(openOnly, since, Math.Clamp(limit, 1, Keep));

    public async Task<IReadOnlyList<RoutingBlock>> RoutingBlocksAsync()
    {
        var open = await store.ListAsync(openOnly: true, since: null, limit: Keep);
        return open
            .Where(i => i.CustomerId is not null && i.AgentId is not null)
            .SelectMany(i => i.Actions.Where(a => a.Kind == IncidentActionKind.RouteAway).Take(1).Select(a => new RoutingBlock(i.CustomerId!, i.AgentId!, i.Id, a.At)))
            .ToList();
    }
}
