namespace Wfm.Core.Ports;

/// <summary>A stored staffing plan: its period and name; <c>PlanJson</c> (the plan itself) is left out of lists.</summary>
public sealed record StoredStaffingPlan(long Id, string Name, DateTimeOffset CreatedAt, DateOnly Start, int Days, int IntervalMinutes, string? PlanJson);

/// <summary>Where staffing plans for a period are kept, so a schedule can be made from one later.</summary>
public interface IStaffingPlanStore
{
    Task<long> AddAsync(string name, DateOnly start, int days, int intervalMinutes, string planJson, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<StoredStaffingPlan>> ListAsync(CancellationToken cancellationToken = default);

    Task<StoredStaffingPlan?> GetAsync(long id, CancellationToken cancellationToken = default);

    Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default);
}
