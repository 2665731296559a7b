using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Wfm.Core.Forecasting;
using Wfm.Core.Forecasting.Intraday;
using Wfm.Planning.Csv;
using Wfm.Planning.Forecasting;

namespace Wfm.Cli.Commands;

/// <summary><c>wfm intraday reforecast</c>: the rest of today from the day-ahead forecast and today's actuals so far.</summary>
internal static class IntradayCommand
{
    public static Command Create()
    {
        var command = new Command("intraday", "Manage the day as it runs.");
        command.Subcommands.Add(Reforecast());
        return command;
    }

    private static Command Reforecast()
    {
        var history = new Option<FileInfo>("--history") { Description = "History CSV in any layout `wfm forecast` reads; its intervals before --as-of count as today's actuals, the days before teach how much a morning's deviation carries into the afternoon", Required = true };
        var forecast = new Option<FileInfo>("--forecast") { Description = "The day-ahead forecast, as `wfm forecast` writes it", Required = true };
        var asOf = new Option<string>("--as-of") { Description = "Now, on the center's clock, at an interval's start, e.g. 2026-12-07T12:00 (with an offset, converted to --time-zone)", Required = true };
        var zone = new Option<string?>("--time-zone") { Description = "The center's time zone (e.g. Europe/Istanbul): converts timestamps with offsets" };
        var columns = new Option<string[]>("--column") { Description = "Map a history column: NAME=HEADER, e.g. offered=calls (repeatable)", AllowMultipleArgumentsPerToken = true };
        var interval = new Option<int?>("--interval-minutes") { Description = "Read the history in intervals of this length (finer history is summed); default: the file's own" };
        var queue = new Option<string?>("--queue") { Description = "Names a history file without a queue column, or picks one queue" };
        var level = new Option<double>("--level") { Description = "Prediction interval probability (0.8 = 10th to 90th percentile)", DefaultValueFactory = _ => 0.8 };
        var output = new Option<FileInfo?>("--out") { Description = "Write the rest of the day here (timestamp, queue, forecast, lower, upper, aht_seconds; default: standard output)" };
        var command = new Command("reforecast", "Re-forecast the rest of the day (volume and handle time, with bands) from the day-ahead forecast and the actuals up to now.")
        {
            history, forecast, asOf, zone, columns, interval, queue, level, output,
        };
        command.SetAction(r => CliErrors.Run(() =>
        {
            var timeZone = r.GetValue(zone) is { } z ? HistoryReadOptions.FindZone(z) : null;
            var now = AsOf(r.GetValue(asOf)!, timeZone);
            var options = new HistoryReadOptions
            {
                Columns = new HistoryColumns().Map(r.GetValue(columns) ?? []),
                IntervalMinutes = r.GetValue(interval),
                TimeZone = timeZone,
                DefaultQueue = r.GetValue(queue) ?? "default",
            };
            var histories = HistoryCsv.Read(r.GetValue(history)!.FullName, options);
            if (r.GetValue(queue) is { } only && histories.Count > 1)
            {
                histories = histories.Where(h => h.Queue == only).ToArray();
            }

            var forecasts = ForecastCsv.Read(r.GetValue(forecast)!.FullName, intervalMinutes: r.GetValue(interval));
            if (r.GetValue(queue) is { } one && forecasts.Count > 1)
            {
                forecasts = forecasts.Where(f => f.Queue == one).ToArray();
            }

            var results = IntradayReforecast.Run(histories, forecasts, now, r.GetValue(level));
            if (r.GetValue(output) is { } file)
            {
                using var writer = new StreamWriter(file.FullName);
                IntradayReforecast.WriteCsv(writer, results);
            }
            else
            {
                IntradayReforecast.WriteCsv(Console.Out, results);
            }

            Summary(results, now);
            return 0;
        }));
        return command;
    }

    /// <summary>The as-of time on the center's wall clock.</summary>
    private static DateTime AsOf(string text, TimeZoneInfo? zone)
    {
        var trimmed = text.Trim();
        var hasOffset = trimmed.EndsWith('Z') || (trimmed.Length > 16 && (trimmed[^6] is '+' or '-') && trimmed[^3] == ':');
        if (hasOffset && DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            return zone is null ? instant.DateTime : TimeZoneInfo.ConvertTime(instant, zone).DateTime;
        }

        if (TimestampParser.TryParse(trimmed, out var local))
        {
            return local;
        }

        throw new ForecastInputException("as-of", $"'{text}' is not a date and time; expected e.g. 2026-12-07T12:00");
    }

    private static void Summary(IReadOnlyList<QueueRestOfDay> results, DateTime now)
    {
        var console = CliConsole.Error();

        var table = new Table().Title(Markup.Escape($"rest of {now:yyyy-MM-dd} from {now:HH:mm}"))
            .AddColumns("queue", "morning actual ÷ forecast", "last 2 h", "rest of day ×", "day-ahead rest", "re-forecast rest", "AHT ×", "learned from");
        foreach (var q in results)
        {
            var r = q.Rest;
            table.AddRow(
                Markup.Escape(q.Queue),
                double.IsFinite(r.MorningRatio) ? r.MorningRatio.ToString("0.000", CultureInfo.InvariantCulture) : "-",
                double.IsFinite(r.RecentRatio) ? r.RecentRatio.ToString("0.000", CultureInfo.InvariantCulture) : "-",
                r.Multiplier.ToString("0.000", CultureInfo.InvariantCulture),
                q.DayAheadRest.ToString("0", CultureInfo.InvariantCulture),
                r.Intervals.Sum(i => i.Forecast).ToString("0", CultureInfo.InvariantCulture),
                r.AhtMultiplier.ToString("0.000", CultureInfo.InvariantCulture),
                q.Learning.Days >= IntradayReforecaster.MinimumLearningDays
                    ? $"{q.Learning.Days} days (morning {q.Learning.Level:0.00}, last 2 h {q.Learning.Recent:0.00})"
                    : $"defaults ({q.Learning.Days} usable days)");
        }

        console.WriteTable(table);
    }
}
