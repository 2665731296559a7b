using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Wfm.Core.Forecasting;
using Wfm.Core.Staffing;
using Wfm.Core.Staffing.Simulation;
using Wfm.Planning.Csv;

namespace Wfm.Cli.Commands;

/// <summary>
/// <c>wfm patience</c>: how long callers wait before hanging up, estimated from per-contact history
/// (abandonments ÷ total time waited, per hour of day), so planners need not guess Erlang A's patience.
/// </summary>
internal static class PatienceCommand
{
    public static Command Create()
    {
        var input = new Option<FileInfo>("--input") { Description = "Per-contact CSV: arrival, wait_seconds, abandoned[, queue, channel]", Required = true };
        var columns = new Option<string[]>("--column") { Description = "Map a column: NAME=HEADER, e.g. wait_seconds=queue_time (repeatable)", AllowMultipleArgumentsPerToken = true };
        var zone = new Option<string?>("--time-zone") { Description = "The center's time zone: arrivals with offsets are converted to its clock for the hour of day" };
        var queue = new Option<string?>("--queue") { Description = "Only this queue (queue/channel when the file has channels)" };
        var output = new Option<FileInfo?>("--out") { Description = "Write queue, hour, contacts, abandoned, wait_seconds, mean_patience_seconds here" };
        var command = new Command("patience", "Estimate callers' mean patience per queue and hour of day from per-contact history (for --patience and the simulation).")
        {
            input, columns, zone, queue, output,
        };
        command.SetAction(r => CliErrors.Run(() =>
        {
            var waits = Read(r.GetValue(input)!, r.GetValue(columns), r.GetValue(zone), r.GetValue(queue));
            var console = CliConsole.Error();

            var rows = new List<(string Queue, PatienceEstimate Estimate)>();
            foreach (var (key, list) in waits.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var estimates = PatienceEstimate.ByHour(list);
                rows.AddRange(estimates.Select(e => (key, e)));
                var table = new Table().Title(Markup.Escape(key)).AddColumns("hour", "contacts", "abandoned", "abandon rate", "mean wait (s)", "mean patience (s)");
                foreach (var e in estimates)
                {
                    table.AddRow(
                        e.HourOfDay < 0 ? "all" : $"{e.HourOfDay:00}:00", $"{e.Contacts}", $"{e.Abandoned}", $"{(double)e.Abandoned / e.Contacts:P1}",
                        $"{e.WaitSeconds / e.Contacts:0.0}", Seconds(e.MeanPatienceSeconds));
                }

                console.WriteTable(table);
                var overall = estimates[0];
                var empirical = EmpiricalPatience.Estimate(list);
                console.MarkupLine(Markup.Escape(
                    $"{key}: mean patience {Seconds(overall.MeanPatienceSeconds)} s (exponential), {empirical.MeanSeconds:0} s (Kaplan–Meier); use --patience {Math.Round(overall.MeanPatienceSeconds):0} or --patience-from with `wfm staff`"));
            }

            if (r.GetValue(output) is { } file)
            {
                using var writer = new StreamWriter(file.FullName);
                using var csv = new CsvTable(writer, "queue", "hour", "contacts", "abandoned", "wait_seconds", "mean_patience_seconds");
                foreach (var (key, e) in rows)
                {
                    csv.Row(key, e.HourOfDay < 0 ? "all" : e.HourOfDay.ToString(CultureInfo.InvariantCulture), $"{e.Contacts}", $"{e.Abandoned}",
                        CsvTable.Number(e.WaitSeconds, "0.#"), CsvTable.Number(e.MeanPatienceSeconds, "0.#"));
                }
            }

            return 0;
        }));
        return command;
    }

    /// <summary>Waits per queue of a per-contact file, optionally of one queue only.</summary>
    internal static IReadOnlyDictionary<string, List<WaitObservation>> Read(FileInfo file, string[]? columns, string? zone, string? queue)
    {
        var options = new HistoryReadOptions
        {
            Columns = new HistoryColumns().Map(columns ?? []),
            TimeZone = zone is null ? null : HistoryReadOptions.FindZone(zone),
            DefaultQueue = queue ?? "default",
        };
        var waits = HistoryCsv.ReadWaits(file.FullName, options);
        if (queue is not null && waits.Count > 1)
        {
            waits = waits.Where(p => p.Key == queue).ToDictionary(p => p.Key, p => p.Value);
            if (waits.Count == 0)
            {
                throw new StaffingInputException("queue", $"'{queue}' is not in {file.Name}");
            }
        }

        return waits;
    }

    private static string Seconds(double value) => double.IsPositiveInfinity(value) ? "∞ (nobody hung up)" : value.ToString("0", CultureInfo.InvariantCulture);
}
