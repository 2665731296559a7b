using Wfm.Core.Adherence;

namespace Wfm.Core.Ports;

/// <summary>
/// Published plans read in bulk (for reports over many agents and days, such as burnout risk), without
/// waking one shift grain per agent-day. Only days that have a published plan are returned.
/// </summary>
public interface IPlanArchive
{
    Task<IReadOnlyDictionary<(string AgentId, DateOnly Day), IReadOnlyList<PlannedActivity>>> ReadAsync(
        DateOnly from, DateOnly to, string? agentId = null, CancellationToken cancellationToken = default);
}
