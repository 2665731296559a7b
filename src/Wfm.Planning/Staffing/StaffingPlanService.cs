using System.Text.Json;
using Wfm.Core.Ports;
using Wfm.Planning.Center;

namespace Wfm.Planning.Staffing;

/// <summary>A stored staffing plan with the plan itself.</summary>
public sealed record StaffingPlan(long Id, string Name, DateTimeOffset CreatedAt, PeriodStaffingResult Result);

/// <summary>Staffing plans for a period: made from forecasts of the center's queues (<see cref="PeriodStaffing"/>), kept, read back.</summary>
public sealed class StaffingPlanService(IStaffingPlanStore store, CenterService center)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<StaffingPlan> CreateAsync(string? name, IReadOnlyList<QueueForecast> forecasts, PeriodStaffingOptions options, CancellationToken cancellationToken = default)
    {
        var result = PeriodStaffing.Plan(await center.GetAsync(cancellationToken), forecasts, options);
        var title = string.IsNullOrWhiteSpace(name) ? $"{result.Start:yyyy-MM-dd}, {result.Days / 7} week(s)" : name.Trim();
        var id = await store.AddAsync(title, result.Start, result.Days, result.IntervalMinutes, JsonSerializer.Serialize(result, Json), cancellationToken);
        return (await GetAsync(id, cancellationToken))!;
    }

    public async Task<StaffingPlan?> GetAsync(long id, CancellationToken cancellationToken = default) =>
        await store.GetAsync(id, cancellationToken) is { PlanJson: { } json } stored
            ? new StaffingPlan(stored.Id, stored.Name, stored.CreatedAt, JsonSerializer.Deserialize<PeriodStaffingResult>(json, Json)!)
            : null;

    public Task<IReadOnlyList<StoredStaffingPlan>> ListAsync(CancellationToken cancellationToken = default) => store.ListAsync(cancellationToken);

    public Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default) => store.DeleteAsync(id, cancellationToken);
}
