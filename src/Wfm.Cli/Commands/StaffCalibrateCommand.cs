using System.CommandLine;
using Spectre.Console;
using Wfm.Planning.Csv;
using Wfm.Planning.Staffing;

namespace Wfm.Cli.Commands;

/// <summary><c>wfm staff calibrate</c>: fit the staffing model to the center's own outcomes and say how far each model was off.</summary>
internal static class StaffCalibrateCommand
{
    public static Command Create()
    {
        var intervals = new Option<FileInfo>("--intervals") { Description = "Outcomes per interval: timestamp (or date, interval_start)[, queue], offered, answered, abandoned, answered_within_threshold, aht_seconds, agents (logged in; may be fractional)", Required = true };
        var threshold = new Option<double>("--threshold-seconds") { Description = "The threshold answered_within_threshold was counted against", DefaultValueFactory = _ => 20 };
        var answeredOnly = new Option<bool>("--sl-answered") { Description = "Service level over answered contacts only (default counts abandons as misses)" };
        var contacts = new Option<FileInfo?>("--contacts") { Description = "Per-contact records (arrival, wait_seconds, abandoned[, queue, handle_seconds]) as `wfm patience` reads them: patience, quick hang-ups and handle-time spread from them instead of fitted" };
        var holdout = new Option<int?>("--holdout-days") { Description = "Last days kept out of the fit to score every model (default: a fifth of the days when there are 10 or more)" };
        var interval = new Option<int?>("--interval-minutes") { Description = "Interval length when the file has no interval_minutes column and the timestamps cannot tell" };
        var queue = new Option<string?>("--queue") { Description = "Only this queue" };
        var zone = new Option<string?>("--time-zone") { Description = "The center's time zone, for per-contact arrivals written with offsets" };
        var columns = new Option<string[]>("--column") { Description = "Map a per-contact column: NAME=HEADER, e.g. wait_seconds=queue_time (repeatable)", AllowMultipleArgumentsPerToken = true };
        var output = new Option<FileInfo>("--out") { Description = "Write the calibration (JSON, for `wfm staff --calibration`) here", Required = true };

        var command = new Command("calibrate", "Fit staffing to the center's own outcomes: how many logged-in agents really take contacts, callers' patience, quick hang-ups; with each model's error on held-out days.")
        {
            intervals, threshold, answeredOnly, contacts, holdout, interval, queue, zone, columns, output,
        };
        command.SetAction(r => CliErrors.Run(() =>
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var file = r.GetValue(intervals)!;
            var outcomes = OutcomesCsv.Read(file.FullName, r.GetValue(interval));
            var perContact = r.GetValue(contacts) is { } c
                ? HistoryCsv.ReadContacts(c.FullName, new HistoryReadOptions
                {
                    TimeZone = r.GetValue(zone) is { } z ? HistoryReadOptions.FindZone(z) : null,
                    Columns = new HistoryColumns().Map(r.GetValue(columns) ?? []),
                })
                : null;
            var request = new CalibrationRequest(r.GetValue(threshold), !r.GetValue(answeredOnly), r.GetValue(holdout), r.GetValue(queue));
            var report = CalibrationService.Calibrate(outcomes, perContact, request, file.Name);
            var path = r.GetValue(output)!.FullName;
            CalibrationService.Write(report, path);
            Show(report, path, watch.Elapsed);
            return 0;
        }));
        return command;
    }

    private static void Show(CalibrationReport report, string path, TimeSpan took)
    {
        var console = CliConsole.Error();
        foreach (var q in report.Queues)
        {
            var scope = q.HeldOutDays > 0
                ? $"{q.HeldOutDays} held-out days from {q.HeldOutFrom:yyyy-MM-dd} (fitted on the {q.Days - q.HeldOutDays} before)"
                : $"the {q.Days} days it was fitted on (too few days to hold any out)";
            var models = new Table().Title(Markup.Escape($"{q.Calibration.Queue}: each model against what happened, {scope}"))
                .AddColumns("model", "intervals", "SL error (MAE)", "SL bias", "abandon error (MAE)", "abandon bias");
            foreach (var e in q.Errors)
            {
                models.AddRow(e.Model, $"{e.Intervals}", Points(e.ServiceLevelMae), Signed(e.ServiceLevelBias), Points(e.AbandonMae), Signed(e.AbandonBias));
            }

            console.WriteTable(models);
            var factors = new Table().Title(Markup.Escape($"{q.Calibration.Queue}: the calibration ({q.Intervals} intervals, {q.Days} days)"))
                .AddColumns("factor", "value", "meaning", "SL error without it (expected)", "abandon error without it (expected)");
            foreach (var f in q.Effects)
            {
                factors.AddRow(f.Factor, $"{f.Value:0.###}", Markup.Escape(f.Meaning), Points(f.ServiceLevelMaeWithout), Points(f.AbandonMaeWithout));
            }

            console.WriteTable(factors);
            console.MarkupLine(Markup.Escape($"patience: {q.PatienceFrom}; quick hang-ups: {q.QuickHangUpsFrom}"));
            console.MarkupLine(Markup.Escape("calibrated: what one interval most likely shows (its median, the best single guess); calibrated-expected: the mean, what adds up over a day"));
        }

        console.MarkupLine($"wrote the calibration of {report.Queues.Count} queue(s) to [green]{Markup.Escape(path)}[/] in {took.TotalSeconds:0.0} s; use it with `wfm staff --calibration`");
    }

    private static string Points(double fraction) => double.IsNaN(fraction) ? "–" : $"{fraction * 100:0.0} pp";

    private static string Signed(double fraction) => double.IsNaN(fraction) ? "–" : $"{fraction * 100:+0.0;-0.0;0.0} pp";
}
