using Wfm.Core.Conversations;

namespace Wfm.Grains.Abstractions;

/// <summary>
/// The center's abuse incidents (key 0): raised by ingestion when a customer's message is abusive or an
/// agent reports abuse, acted on by supervisors. Every change is pushed to the board at once.
/// </summary>
[Alias("wfm.IIncidentRegistryGrain")]
public interface IIncidentRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>Adds an incident (an id already known is ignored, so a repeated event raises nothing new).</summary>
    [Alias("Raise")]
    Task<bool> RaiseAsync(AbuseIncident incident);

    /// <summary>Applies a supervisor's action; refused actions throw <see cref="IncidentActionException"/>.</summary>
    [Alias("Act")]
    Task<AbuseIncident> ActAsync(string incidentId, IncidentAction action);

    [Alias("Get"), AlwaysInterleave]
    Task<AbuseIncident?> GetAsync(string incidentId);

    /// <summary>Incidents newest first, optionally only those not closed, optionally since a time.</summary>
    [Alias("List"), AlwaysInterleave]
    Task<IReadOnlyList<AbuseIncident>> ListAsync(bool openOnly, DateTimeOffset? since, int limit);

    /// <summary>Customers routed away from agents (from RouteAway actions on incidents not closed).</summary>
    [Alias("RoutingBlocks"), AlwaysInterleave]
    Task<IReadOnlyList<RoutingBlock>> RoutingBlocksAsync();
}

/// <summary>An instruction for the ACD: do not route this customer to this agent.</summary>
[GenerateSerializer, Immutable, Alias("wfm.RoutingBlock")]
public sealed record RoutingBlock([property: Id(0)] string CustomerId, [property: Id(1)] string AgentId, [property: Id(2)] string IncidentId, [property: Id(3)] DateTimeOffset Since);
