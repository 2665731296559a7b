using Wfm.Core.Adherence;
using Wfm.Core.Conversations;
using Wfm.Core.Events;

namespace Wfm.Simulation;

/// <summary>What days before a fresh demo opened left: the agents' state changes and contacts, their planned days, the abuse they reported.</summary>
public sealed record DemoPast(
    IReadOnlyList<ContactCenterEvent> Events, IReadOnlyDictionary<(string AgentId, DateOnly Day), IReadOnlyList<PlannedActivity>> Plans,
    IReadOnlyList<AbuseIncident> Incidents);
