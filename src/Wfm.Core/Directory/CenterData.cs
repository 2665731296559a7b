namespace Wfm.Core.Directory;

/// <summary>Everything that describes one contact center, deactivated entries included.</summary>
public sealed record CenterData(
    CenterSettings Settings,
    IReadOnlyList<TeamProfile> Teams,
    IReadOnlyList<QueueProfile> Queues,
    IReadOnlyList<AgentProfile> Agents,
    IReadOnlyList<ContractProfile> Contracts,
    IReadOnlyList<ShiftTemplateProfile> Templates,
    IReadOnlyList<RuleSetProfile> RuleSets,
    IReadOnlyList<CenterDay> Days);

/// <summary>
/// What one save writes, in one transaction: the settings when given, each listed entry inserted or replaced
/// by id, and the center's own days replaced whole when given. Nothing is ever deleted.
/// </summary>
public sealed record CenterChanges(
    CenterSettings? Settings = null,
    IReadOnlyList<TeamProfile>? Teams = null,
    IReadOnlyList<QueueProfile>? Queues = null,
    IReadOnlyList<AgentProfile>? Agents = null,
    IReadOnlyList<ContractProfile>? Contracts = null,
    IReadOnlyList<ShiftTemplateProfile>? Templates = null,
    IReadOnlyList<RuleSetProfile>? RuleSets = null,
    IReadOnlyList<CenterDay>? Days = null);
