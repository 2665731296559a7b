namespace Wfm.Planning.Csv;

/// <summary>One interval of a forecast file.</summary>
public sealed record ForecastPoint(DateTime Timestamp, double Contacts, double? AhtSeconds, int Line);

/// <summary>One queue's forecast, in time order, with its interval length.</summary>
public sealed record ForecastSeries(string Queue, int IntervalMinutes, IReadOnlyList<ForecastPoint> Points);

/// <summary>Column names of a forecast file (those <c>wfm forecast</c> writes, by default).</summary>
public sealed record ForecastColumns(
    string Timestamp = "timestamp",
    string Queue = "queue",
    string Forecast = "forecast",
    string Aht = "aht_seconds",
    string Interval = "interval_minutes");

/// <summary>
/// Reads the forecast CSV that <c>wfm forecast</c> writes (timestamp, queue, forecast, lower, upper,
/// aht_seconds). The queue column is optional (one queue, named "default"); handle time may be absent
/// when the caller supplies one. The interval length comes from the file's <c>interval_minutes</c> column, else
/// from the caller, else from the steps between timestamps — only when the smallest step is also the most common
/// one, and seen at least twice unless it is a usual length (5–60 minutes); otherwise the file is refused rather
/// than staffed on a guess (two rows 90 minutes apart are not 90-minute intervals).
/// </summary>
public static class ForecastCsv
{
    /// <summary>Volume columns taken when a file has no <c>forecast</c> column, in this order.</summary>
    internal static readonly string[] VolumeAliases = ["offered", "calls", "contacts", "volume"];

    public static IReadOnlyList<ForecastSeries> Read(TextReader reader, string fileName, ForecastColumns? columns = null, int? intervalMinutes = null)
    {
        columns ??= new ForecastColumns();
        using var csv = new CsvFieldReader(reader, fileName);
        // A file of what happened staffs as well as a forecast: its offered (or calls, contacts, volume) column is the
        // volume when there is no forecast column, and date + interval_start do for a timestamp.
        if (!csv.Has(columns.Forecast) && columns.Forecast == "forecast" && VolumeAliases.FirstOrDefault(csv.Has) is { } volume)
        {
            columns = columns with { Forecast = volume };
        }

        var dated = !csv.Has(columns.Timestamp) && csv.Has("date") && csv.Has("interval_start");
        csv.Require(dated ? ["date", "interval_start", columns.Forecast] : [columns.Timestamp, columns.Forecast]);
        var byQueue = new Dictionary<string, List<ForecastPoint>>(StringComparer.Ordinal);
        var order = new List<string>();
        var fileIntervals = new Dictionary<string, int>(StringComparer.Ordinal);
        while (csv.Read())
        {
            var queue = csv.Has(columns.Queue) ? csv.Text(columns.Queue) : "default";
            if (queue.Length == 0)
            {
                throw csv.Error(columns.Queue, "expected a queue name, got an empty cell");
            }

            var point = new ForecastPoint(
                dated ? HistoryCsv.DateAndTime(csv, new HistoryColumns()) : csv.Timestamp(columns.Timestamp),
                csv.Number(columns.Forecast, 0),
                csv.OptionalNumber(columns.Aht, 0, exclusiveMin: true),
                csv.Line);
            if (!byQueue.TryGetValue(queue, out var list))
            {
                byQueue[queue] = list = [];
                order.Add(queue);
            }

            ReadIntervalMinutes(csv, columns.Interval, queue, fileIntervals);

            if (list.Count > 0 && point.Timestamp <= list[^1].Timestamp)
            {
                throw new InputFileException(fileName, point.Line, columns.Timestamp,
                    $"timestamps of queue '{queue}' must increase; {TimestampParser.Format(point.Timestamp)} follows {TimestampParser.Format(list[^1].Timestamp)} (line {list[^1].Line})");
            }

            list.Add(point);
        }

        if (order.Count == 0)
        {
            throw new InputFileException(fileName, 2, null, "no data rows after the header");
        }

        return order.Select(q => new ForecastSeries(q, IntervalOf(byQueue[q], fileName, fileIntervals.TryGetValue(q, out var own) ? own : intervalMinutes), byQueue[q])).ToArray();
    }

    /// <summary>A row's interval length, when the file has the column: whole minutes, one length per queue (kept in <paramref name="fileIntervals"/>).</summary>
    internal static void ReadIntervalMinutes(CsvFieldReader csv, string column, string queue, Dictionary<string, int> fileIntervals)
    {
        if (!csv.Has(column) || csv.OptionalNumber(column, 1) is not { } length)
        {
            return;
        }

        if (length != Math.Floor(length) || length > 1440)
        {
            throw csv.Error(column, $"expected whole minutes from 1 to 1440, got {length}");
        }

        if (fileIntervals.TryGetValue(queue, out var before) && before != (int)length)
        {
            throw csv.Error(column, $"queue '{queue}' has {before}-minute intervals above and {length}-minute ones here: one length per queue");
        }

        fileIntervals[queue] = (int)length;
    }

    public static IReadOnlyList<ForecastSeries> Read(string path, ForecastColumns? columns = null, int? intervalMinutes = null)
    {
        using var reader = OpenText(path);
        return Read(reader, Path.GetFileName(path), columns, intervalMinutes);
    }

    internal static StreamReader OpenText(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputFileException(path, 0, null, "file not found");
        }

        return new StreamReader(path);
    }

    internal static int IntervalOf(List<ForecastPoint> points, string fileName, int? given)
    {
        if (given is { } minutes)
        {
            if (minutes is < 1 or > 1440)
            {
                throw new InputFileException(fileName, 0, null, $"interval minutes must be 1–1440, got {minutes}");
            }

            return minutes;
        }

        var step = double.PositiveInfinity;
        for (var i = 1; i < points.Count; i++)
        {
            step = Math.Min(step, (points[i].Timestamp - points[i - 1].Timestamp).TotalMinutes);
        }

        if (double.IsPositiveInfinity(step))
        {
            throw new InputFileException(fileName, points[0].Line, null, $"one row cannot tell the interval length: give it with {Core.OptionWords.IntervalMinutes} (e.g. 30)");
        }

        var counts = new Dictionary<double, int>();
        for (var i = 1; i < points.Count; i++)
        {
            var gap = (points[i].Timestamp - points[i - 1].Timestamp).TotalMinutes;
            if (gap % step != 0)
            {
                throw new InputFileException(fileName, points[i].Line, "timestamp", $"mixed interval lengths: a step of {gap:0.#} min is not a multiple of {step:0.#} min");
            }

            counts[gap] = counts.GetValueOrDefault(gap) + 1;
        }

        // The smallest step is the interval only when the file shows it: no other step more often, and seen twice or
        // more — or once when it is a usual interval length.
        if (counts.Any(c => c.Value > counts[step]) || (counts[step] < 2 && step is not (5 or 10 or 15 or 20 or 30 or 60)))
        {
            var seen = string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key:0.#} min ×{c.Value}"));
            throw new InputFileException(fileName, points[0].Line, "timestamp",
                $"the steps between rows ({seen}) do not tell the interval length: give it with {Core.OptionWords.IntervalMinutes} or an interval_minutes column");
        }

        return (int)step;
    }
}
