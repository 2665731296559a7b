namespace Wfm.Core.Ports;

/// <summary>A stored capacity plan (a scenario): its name, first week and length; the request and result JSON are left out of lists.</summary>
public sealed record StoredCapacityPlan(long Id, string Name, DateTimeOffset CreatedAt, DateOnly Start, int Weeks, string? RequestJson, string? ResultJson);

/// <summary>Where capacity plans are kept, so that scenarios can be reopened and compared.</summary>
public interface ICapacityPlanStore
{
    Task<long> AddAsync(string name, DateOnly start, int weeks, string requestJson, string resultJson, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<StoredCapacityPlan>> ListAsync(CancellationToken cancellationToken = default);

    Task<StoredCapacityPlan?> GetAsync(long id, CancellationToken cancellationToken = default);

    Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default);
}
