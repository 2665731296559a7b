namespace Wfm.Core.Ports;

/// <summary>A queue's stored staffing calibration: where it came from and the calibration report as JSON.</summary>
public sealed record StoredCalibration(string QueueId, DateTimeOffset CreatedAt, string Source, string ReportJson);

/// <summary>Where each queue's staffing calibration is kept (one per queue: a new one replaces the old).</summary>
public interface IStaffingCalibrationStore
{
    Task SaveAsync(string queueId, string source, string reportJson, CancellationToken cancellationToken = default);

    Task<StoredCalibration?> GetAsync(string queueId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<StoredCalibration>> ListAsync(CancellationToken cancellationToken = default);

    Task<bool> DeleteAsync(string queueId, CancellationToken cancellationToken = default);
}
