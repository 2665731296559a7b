using System.Globalization;
using Wfm.Planning.Charts;
using Wfm.Planning.Csv;

namespace Wfm.Planning.Staffing;

/// <summary>CSV and SVG output of staffing rows, shared by the CLI and the API.</summary>
public static class StaffingReport
{
    public static void WriteCsv(TextWriter writer, IReadOnlyList<StaffingRow> rows, bool reverse = false)
    {
        var simulated = rows.Any(r => r.SimulatedServiceLevel is not null);
        var calibrated = rows.Any(r => r.Uncalibrated is not null);
        var typical = reverse && rows.Any(r => r.Typical is not null);
        var header = new List<string> { "timestamp", "queue", "forecast", "aht_seconds", "erlangs" };
        header.AddRange(reverse
            ? ["agents"]
            : ["required_fractional", "required_agents", "scheduled_fractional", "scheduled_agents"]);
        header.AddRange(["service_level", "service_level_answered", "asa_seconds", "abandon_rate", "occupancy", "p_wait"]);
        if (typical)
        {
            // Calibrated reverse: service_level and abandon_rate are what the interval most likely shows; these are the means.
            header.AddRange(["expected_service_level", "expected_abandon_rate"]);
        }

        if (simulated)
        {
            header.AddRange(["sim_service_level", "sim_service_level_low", "sim_service_level_high", "sim_abandon_rate"]);
        }

        if (calibrated)
        {
            // The formula alone beside the calibrated figures: what a planner would have been told without calibration.
            header.AddRange(reverse
                ? ["uncalibrated_service_level", "uncalibrated_abandon_rate", "uncalibrated_asa_seconds"]
                : ["uncalibrated_required_agents", "uncalibrated_service_level", "uncalibrated_abandon_rate"]);
        }

        using var table = new CsvTable(writer, [.. header]);
        foreach (var r in rows)
        {
            var fields = new List<string> { TimestampParser.Format(r.Timestamp), r.Queue, CsvTable.Number(r.Contacts, "0.###"), CsvTable.Number(r.AhtSeconds, "0.#"), CsvTable.Number(r.Erlangs, "0.###") };
            if (reverse)
            {
                fields.Add(CsvTable.Number(r.RequiredFractional, "0.##"));
            }
            else
            {
                fields.AddRange([CsvTable.Number(r.RequiredFractional, "0.##"), $"{r.Required}", CsvTable.Number(r.ScheduledFractional, "0.##"), $"{r.Scheduled}"]);
            }

            var o = r.Outcome;
            var t = typical ? r.Typical : null;
            fields.AddRange([
                CsvTable.Number(t?.ServiceLevel ?? o.ServiceLevel), CsvTable.Number(o.ServiceLevelAnswered), CsvTable.Number(o.AsaSeconds, "0.#"),
                CsvTable.Number(t?.AbandonRate ?? o.AbandonRate), CsvTable.Number(o.Occupancy), CsvTable.Number(o.ProbabilityOfWait)]);
            if (typical)
            {
                fields.AddRange([CsvTable.Number(o.ServiceLevel), CsvTable.Number(o.AbandonRate)]);
            }

            if (simulated)
            {
                var s = r.SimulatedServiceLevel;
                fields.AddRange([CsvTable.Number(s?.Mean ?? double.NaN), CsvTable.Number(s?.Low ?? double.NaN), CsvTable.Number(s?.High ?? double.NaN), CsvTable.Number(r.SimulatedAbandonRate?.Mean ?? double.NaN)]);
            }

            if (calibrated)
            {
                var u = r.Uncalibrated?.Outcome;
                var level = u?.ServiceLevel ?? double.NaN;
                var abandon = u?.AbandonRate ?? double.NaN;
                fields.AddRange(reverse
                    ? [CsvTable.Number(level), CsvTable.Number(abandon), CsvTable.Number(u?.AsaSeconds ?? double.NaN, "0.#")]
                    : [r.Uncalibrated is { } f ? $"{f.Required}" : string.Empty, CsvTable.Number(level), CsvTable.Number(abandon)]);
            }

            table.Row([.. fields]);
        }
    }

    /// <summary>Required and scheduled agents per interval against forecast volume, one chart per queue.</summary>
    public static string Chart(IReadOnlyList<StaffingRow> rows, string queue, string title, bool reverse = false, ChartText? text = null)
    {
        text ??= ChartText.English;
        var mine = rows.Where(r => r.Queue == queue).ToArray();
        var series = new List<ChartSeries>
        {
            new(reverse ? text["chart.agents"] : text["chart.requiredAgents"], mine.Select(r => (r.Timestamp, (double)r.Required)).ToArray(), Stepped: true),
        };
        if (!reverse)
        {
            series.Add(new(text["chart.scheduledAgents"], mine.Select(r => (r.Timestamp, (double)r.Scheduled)).ToArray(), Dashed: true, Stepped: true));
        }

        series.Add(new(text["chart.forecastContacts"], mine.Select(r => (r.Timestamp, r.Contacts)).ToArray(), OnSecondAxis: true));
        return SvgChart.Render(title, text["chart.agents"], text["chart.contactsPerInterval"], series, text: text);
    }
}
