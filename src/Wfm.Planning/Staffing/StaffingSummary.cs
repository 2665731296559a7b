namespace Wfm.Planning.Staffing;

/// <summary>
/// Totals of one queue's staffing rows: agent hours (fractional requirement × interval length), scheduled
/// hours, peaks, and contact-weighted expected (and, if simulated, simulated) service level and abandonment.
/// </summary>
public sealed record StaffingSummary(
    double Contacts, double AgentHours, double ScheduledHours, int PeakAgents, int PeakScheduled,
    double ServiceLevel, double AbandonRate, double? SimulatedServiceLevel,
    double? UncalibratedAgentHours = null, double? UncalibratedServiceLevel = null, double? UncalibratedAbandonRate = null)
{
    public static StaffingSummary Of(IReadOnlyList<StaffingRow> rows)
    {
        var hours = IntervalHours(rows);
        var contacts = rows.Sum(r => r.Contacts);
        var calibrated = rows.Count > 0 && rows.All(r => r.Uncalibrated is not null);
        double Weighted(Func<StaffingRow, double> f) => contacts > 0 ? rows.Sum(r => f(r) * r.Contacts) / contacts : 0;
        double? simulated = rows.Count > 0 && rows.All(r => r.SimulatedServiceLevel is not null)
            ? Weighted(r => r.SimulatedServiceLevel!.Value.Mean is var m && double.IsNaN(m) ? 0 : m)
            : null;
        return new StaffingSummary(
            contacts, rows.Sum(r => r.RequiredFractional) * hours, rows.Sum(r => r.ScheduledFractional) * hours,
            rows.Count == 0 ? 0 : rows.Max(r => r.Required), rows.Count == 0 ? 0 : rows.Max(r => r.Scheduled),
            Weighted(r => r.Outcome.ServiceLevel), Weighted(r => r.Outcome.AbandonRate), simulated)
        {
            // With a calibration: the formula's own figures for the same rows, to show beside the calibrated ones.
            UncalibratedAgentHours = calibrated ? rows.Sum(r => r.Uncalibrated!.RequiredFractional) * hours : null,
            UncalibratedServiceLevel = calibrated ? Weighted(r => r.Uncalibrated!.Outcome.ServiceLevel) : null,
            UncalibratedAbandonRate = calibrated ? Weighted(r => r.Uncalibrated!.Outcome.AbandonRate) : null,
        };
    }

    /// <summary>The smallest step between rows (gaps are closed hours); half an hour for a single row.</summary>
    private static double IntervalHours(IReadOnlyList<StaffingRow> rows)
    {
        var step = double.PositiveInfinity;
        for (var i = 1; i < rows.Count; i++)
        {
            var d = (rows[i].Timestamp - rows[i - 1].Timestamp).TotalHours;
            step = d > 0 ? Math.Min(step, d) : step;
        }

        return double.IsPositiveInfinity(step) ? 0.5 : step;
    }
}
