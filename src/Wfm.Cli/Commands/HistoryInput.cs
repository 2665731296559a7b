using System.CommandLine;
using System.Globalization;
using Wfm.Core.Forecasting;
using Wfm.Planning.Csv;

namespace Wfm.Cli.Commands;

/// <summary>Options shared by <c>wfm forecast</c> and <c>wfm backtest</c>: the history file, how to read it, special days.</summary>
internal sealed class HistoryInput
{
    private readonly Option<FileInfo> _input = new("--input", "--history") { Description = "History CSV: interval totals (date + interval_start or timestamp, offered/calls[, queue, channel, handled, aht_seconds]) or one row per contact (arrival[, queue, handle_seconds, abandoned])", Required = true };
    private readonly Option<int?> _interval = new("--interval-minutes") { Description = "Forecast in intervals of this length (finer history is summed); default: the file's own" };
    private readonly Option<string[]> _columns = new("--column") { Description = "Map a column: NAME=HEADER, e.g. offered=calls or timestamp=start_time (repeatable)", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string?> _zone = new("--time-zone") { Description = "The center's time zone (e.g. Europe/Istanbul, Asia/Tehran): converts timestamps with offsets, handles DST days" };
    private readonly Option<string?> _queue = new("--queue") { Description = "Only this queue (queue/channel when the file has channels); names a file without a queue column" };
    private readonly Option<string?> _country = new("--holidays") { Description = "Public holidays to treat as special days: TR or IR (moving religious holidays included)" };
    private readonly Option<string[]> _lunarShift = new("--lunar-shift") { Description = "Move a year's lunar holidays by a day to match the official dates, e.g. 2025=+1 (repeatable)", AllowMultipleArgumentsPerToken = true };
    private readonly Option<FileInfo?> _calendar = new("--calendar") { Description = "Your own special days CSV: date, name[, closed, factor, days_before, days_after]" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _input, _interval, _columns, _zone, _queue, _country, _lunarShift, _calendar })
        {
            command.Options.Add(option);
        }
    }

    public IReadOnlyList<DemandHistory> Read(ParseResult r)
    {
        var options = new HistoryReadOptions
        {
            Columns = new HistoryColumns().Map(r.GetValue(_columns) ?? []),
            IntervalMinutes = r.GetValue(_interval),
            TimeZone = r.GetValue(_zone) is { } zone ? HistoryReadOptions.FindZone(zone) : null,
            DefaultQueue = r.GetValue(_queue) ?? "default",
        };
        var histories = HistoryCsv.Read(r.GetValue(_input)!.FullName, options);
        if (r.GetValue(_queue) is { } only && histories.Count > 1)
        {
            histories = histories.Where(h => h.Queue == only).ToArray();
            if (histories.Count == 0)
            {
                throw new ForecastInputException("queue", $"'{only}' is not in the history");
            }
        }

        return histories;
    }

    /// <summary>The special days for histories spanning <paramref name="from"/>–<paramref name="to"/> plus the horizon.</summary>
    public SpecialDayCalendar Calendar(ParseResult r, DateOnly from, DateOnly to)
    {
        var days = new List<SpecialDay>();
        if (r.GetValue(_country) is { } country)
        {
            var shifts = new Dictionary<int, int>();
            foreach (var pair in r.GetValue(_lunarShift) ?? [])
            {
                var parts = pair.Split('=', 2);
                if (parts.Length != 2 || !int.TryParse(parts[0], out var year) || !int.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var shift))
                {
                    throw new ForecastInputException("lunar-shift", $"expected YEAR=SHIFT such as 2025=+1, got '{pair}'");
                }

                shifts[year] = shift;
            }

            days.AddRange(HolidayCalendars.For(country, from.Year, to.Year, shifts));
        }

        if (r.GetValue(_calendar) is { } file)
        {
            days.AddRange(SpecialDaysCsv.Read(file.FullName));
        }

        return new SpecialDayCalendar(days);
    }
}
