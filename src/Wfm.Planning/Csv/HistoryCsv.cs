using System.Globalization;
using Wfm.Core.Forecasting;
using Wfm.Core.Staffing.Simulation;

namespace Wfm.Planning.Csv;

/// <summary>
/// Column names of a history file. Interval files have date + time (or one timestamp column), offered
/// and optionally queue, channel, interval_minutes, handled, abandoned, aht_seconds; per-contact files
/// have an arrival timestamp and optionally queue, channel, handle_seconds, abandoned (true/false/1/0)
/// and wait_seconds. Offered also answers to "calls", "contacts" and "volume" when not mapped.
/// </summary>
public sealed record HistoryColumns
{
    public string Date { get; init; } = "date";

    public string Time { get; init; } = "interval_start";

    public string Timestamp { get; init; } = "timestamp";

    public string Queue { get; init; } = "queue";

    public string Channel { get; init; } = "channel";

    public string IntervalMinutes { get; init; } = "interval_minutes";

    public string Offered { get; init; } = "offered";

    public string Handled { get; init; } = "handled";

    public string Abandoned { get; init; } = "abandoned";

    public string Aht { get; init; } = "aht_seconds";

    public string Arrival { get; init; } = "arrival";

    public string HandleSeconds { get; init; } = "handle_seconds";

    public string WaitSeconds { get; init; } = "wait_seconds";

    /// <summary>Applies "name=column" pairs (e.g. "offered=calls"); unknown names are refused.</summary>
    public HistoryColumns Map(IEnumerable<string> pairs)
    {
        var result = this;
        foreach (var pair in pairs)
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[1].Length == 0)
            {
                throw new ForecastInputException("columns", $"expected name=column (e.g. offered=calls), got '{pair}'");
            }

            result = parts[0].ToLowerInvariant() switch
            {
                "date" => result with { Date = parts[1] },
                "time" or "interval_start" => result with { Time = parts[1] },
                "timestamp" => result with { Timestamp = parts[1] },
                "queue" => result with { Queue = parts[1] },
                "channel" => result with { Channel = parts[1] },
                "interval_minutes" => result with { IntervalMinutes = parts[1] },
                "offered" => result with { Offered = parts[1] },
                "handled" => result with { Handled = parts[1] },
                "abandoned" => result with { Abandoned = parts[1] },
                "aht" or "aht_seconds" => result with { Aht = parts[1] },
                "arrival" => result with { Arrival = parts[1] },
                "handle_seconds" => result with { HandleSeconds = parts[1] },
                "wait_seconds" => result with { WaitSeconds = parts[1] },
                _ => throw new ForecastInputException("columns", $"unknown column name '{parts[0]}'; expected date, time, timestamp, queue, channel, interval_minutes, offered, handled, abandoned, aht_seconds, arrival, handle_seconds or wait_seconds"),
            };
        }

        return result;
    }
}

/// <summary>How to read a history file: columns, target interval length, the center's time zone, a default queue name.</summary>
public sealed record HistoryReadOptions
{
    public HistoryColumns Columns { get; init; } = new();

    /// <summary>Interval length to forecast in; finer history is summed up to it. Null: the file's own.</summary>
    public int? IntervalMinutes { get; init; }

    /// <summary>The center's zone: timestamps with an offset are converted to its wall clock, and its DST days are handled.</summary>
    public TimeZoneInfo? TimeZone { get; init; }

    public string DefaultQueue { get; init; } = "default";

    /// <summary>The zone with IANA id <paramref name="id"/>; an unknown id is refused naming <paramref name="field"/>.</summary>
    public static TimeZoneInfo FindZone(string id, string field = "time-zone")
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
        }
        catch (TimeZoneNotFoundException)
        {
            throw new ForecastInputException(field, $"unknown time zone '{id}'; expected an IANA name such as Europe/Istanbul or Asia/Tehran");
        }
    }

    /// <summary>When set, a queue not in this list is refused with the line that names it (e.g. the center's queues on import).</summary>
    public IReadOnlyCollection<string>? KnownQueues { get; init; }
}

/// <summary>
/// Reads contact history — interval totals or one row per contact — into one <see cref="DemandHistory"/>
/// per queue (queue/channel when a channel column is present). Every problem names the line and column:
/// unparseable cells, negative counts, timestamps not increasing within a queue, mixed interval lengths,
/// times that do not exist in the zone, fewer than two weeks of history. On the autumn DST change the
/// repeated hour's intervals are summed into the wall-clock interval they share.
/// </summary>
public static class HistoryCsv
{
    private static readonly string[] OfferedAliases = ["calls", "contacts", "volume"];

    public static IReadOnlyList<DemandHistory> Read(string path, HistoryReadOptions? options = null)
    {
        using var reader = ForecastCsv.OpenText(path);
        return Read(reader, Path.GetFileName(path), options);
    }

    public static IReadOnlyList<DemandHistory> Read(TextReader reader, string fileName, HistoryReadOptions? options = null)
    {
        options ??= new HistoryReadOptions();
        if (options.IntervalMinutes is { } m && m is not (5 or 10 or 15 or 20 or 30 or 60))
        {
            throw new InputFileException(fileName, 0, null, $"interval length must be 5, 10, 15, 20, 30 or 60 minutes, got {m}");
        }

        using var csv = new CsvFieldReader(reader, fileName);
        var columns = options.Columns;
        if (!csv.Has(columns.Offered) && OfferedAliases.FirstOrDefault(csv.Has) is { } alias)
        {
            columns = columns with { Offered = alias };
        }

        var perContact = csv.Has(columns.Arrival) && !csv.Has(columns.Offered);
        var rows = perContact ? ReadContacts(csv, columns, options) : ReadIntervals(csv, columns, options);
        if (rows.Count == 0)
        {
            throw new InputFileException(fileName, 2, null, "no data rows after the header");
        }

        var result = new List<DemandHistory>();
        foreach (var (queue, series) in rows)
        {
            try
            {
                result.Add(DemandHistory.Build(queue, series.IntervalMinutes, series.Observations()));
            }
            catch (ForecastInputException ex)
            {
                throw new InputFileException(fileName, (int)(ex.Row ?? 0), ColumnOf(ex.Field, columns), $"queue '{queue}': {ex.Detail}");
            }
        }

        return result;
    }

    /// <summary>
    /// Waits of a per-contact file (arrival, wait_seconds, abandoned[, queue, channel]) per series key, for
    /// estimating callers' patience: an abandoned wait is a patience, an answered wait a lower bound.
    /// </summary>
    public static IReadOnlyDictionary<string, List<WaitObservation>> ReadWaits(string path, HistoryReadOptions? options = null)
    {
        using var reader = ForecastCsv.OpenText(path);
        return ReadWaits(reader, Path.GetFileName(path), options);
    }

    public static IReadOnlyDictionary<string, List<WaitObservation>> ReadWaits(TextReader reader, string fileName, HistoryReadOptions? options = null) =>
        ReadContacts(reader, fileName, options).ToDictionary(p => p.Key, p => p.Value.Waits, StringComparer.Ordinal);

    public static IReadOnlyDictionary<string, ContactRecords> ReadContacts(string path, HistoryReadOptions? options = null)
    {
        using var reader = ForecastCsv.OpenText(path);
        return ReadContacts(reader, Path.GetFileName(path), options);
    }

    /// <summary>Per queue: each contact's wait and whether it abandoned, and the handle times of answered contacts when the file has them.</summary>
    public static IReadOnlyDictionary<string, ContactRecords> ReadContacts(TextReader reader, string fileName, HistoryReadOptions? options = null)
    {
        options ??= new HistoryReadOptions();
        using var csv = new CsvFieldReader(reader, fileName);
        var c = options.Columns;
        if (!csv.Has(c.Arrival) || !csv.Has(c.WaitSeconds) || !csv.Has(c.Abandoned))
        {
            throw new InputFileException(
                fileName, 1, null, $"estimating patience needs one row per contact with '{c.Arrival}', '{c.WaitSeconds}' and '{c.Abandoned}' columns (map yours with {Core.OptionWords.Column}); the header has {string.Join(", ", csv.Columns)}");
        }

        var result = new Dictionary<string, ContactRecords>(StringComparer.Ordinal);
        while (csv.Read())
        {
            var arrival = WallClock(csv, c.Arrival, options.TimeZone);
            var wait = csv.Number(c.WaitSeconds, 0);
            var abandoned = Flag(csv, c.Abandoned);
            var handle = csv.Has(c.HandleSeconds) && !abandoned ? csv.OptionalNumber(c.HandleSeconds, 0) : null;
            var key = SeriesKey(csv, c, options);
            if (!result.TryGetValue(key, out var records))
            {
                result[key] = records = new ContactRecords([], []);
            }

            records.Waits.Add(new WaitObservation(wait, abandoned, arrival.Hour));
            if (handle is > 0)
            {
                records.HandleSeconds.Add(handle.Value);
            }
        }

        if (result.Count == 0)
        {
            throw new InputFileException(fileName, 2, null, "no data rows after the header");
        }

        return result;
    }

    private static string? ColumnOf(string field, HistoryColumns columns) => field switch
    {
        "start" => columns.Timestamp,
        "offered" => columns.Offered,
        "aht_seconds" => columns.Aht,
        "handled" => columns.Handled,
        _ => null,
    };

    private static Dictionary<string, SeriesBuilder> ReadIntervals(CsvFieldReader csv, HistoryColumns c, HistoryReadOptions options)
    {
        if (!csv.Has(c.Timestamp) && !(csv.Has(c.Date) && csv.Has(c.Time)))
        {
            throw new InputFileException(
                csv.FileName, 1, null, $"expected a '{c.Timestamp}' column or '{c.Date}' and '{c.Time}' columns (map yours with {Core.OptionWords.Column}), and '{c.Offered}'; the header has {string.Join(", ", csv.Columns)}");
        }

        csv.Require(c.Offered);
        var series = new Dictionary<string, SeriesBuilder>(StringComparer.Ordinal);
        int? fileInterval = null;
        var fileIntervalLine = 0;
        while (csv.Read())
        {
            var local = csv.Has(c.Timestamp) ? WallClock(csv, c.Timestamp, options.TimeZone) : ToLocal(csv, DateAndTime(csv, c), options.TimeZone, c.Time);
            var length = csv.Has(c.IntervalMinutes) ? (int)csv.Number(c.IntervalMinutes, 1) : (int?)null;
            if (length is { } l)
            {
                if (fileInterval is { } f && f != l)
                {
                    throw csv.Error(c.IntervalMinutes, $"mixed interval lengths: {l} minutes here, {f} minutes at line {fileIntervalLine}; expected one length per file");
                }

                fileInterval ??= l;
                fileIntervalLine = fileIntervalLine == 0 ? csv.Line : fileIntervalLine;
            }

            var offered = csv.Number(c.Offered, 0);
            var handled = csv.OptionalNumber(c.Handled, 0);
            var aht = csv.OptionalNumber(c.Aht, 0);
            var key = SeriesKey(csv, c, options);
            if (!series.TryGetValue(key, out var builder))
            {
                series[key] = builder = new SeriesBuilder(csv.FileName, options.IntervalMinutes);
            }

            builder.AddInterval(local, offered, handled ?? (aht is null ? null : offered), aht, csv.Line, csv.Has(c.Timestamp) ? c.Timestamp : c.Time, options.TimeZone);
        }

        foreach (var builder in series.Values)
        {
            builder.Finish(fileInterval);
        }

        return series;
    }

    private static Dictionary<string, SeriesBuilder> ReadContacts(CsvFieldReader csv, HistoryColumns c, HistoryReadOptions options)
    {
        var series = new Dictionary<string, SeriesBuilder>(StringComparer.Ordinal);
        var interval = options.IntervalMinutes ?? 30;
        while (csv.Read())
        {
            var arrival = WallClock(csv, c.Arrival, options.TimeZone);
            var abandoned = csv.Has(c.Abandoned) && Flag(csv, c.Abandoned);
            var handle = csv.OptionalNumber(c.HandleSeconds, 0);
            csv.OptionalNumber(c.WaitSeconds, 0);
            var key = SeriesKey(csv, c, options);
            if (!series.TryGetValue(key, out var builder))
            {
                series[key] = builder = new SeriesBuilder(csv.FileName, interval);
            }

            builder.AddContact(arrival, abandoned ? null : handle, csv.Line);
        }

        foreach (var builder in series.Values)
        {
            builder.Finish(interval);
        }

        return series;
    }

    private static bool Flag(CsvFieldReader csv, string column) => csv.Text(column).ToLowerInvariant() switch
    {
        "1" or "true" or "yes" or "y" => true,
        "0" or "false" or "no" or "n" or "" => false,
        var other => throw csv.Error(column, $"expected true/false, yes/no or 1/0, got '{other}'"),
    };

    private static string SeriesKey(CsvFieldReader csv, HistoryColumns c, HistoryReadOptions options)
    {
        var queue = csv.Has(c.Queue) ? csv.Text(c.Queue) : options.DefaultQueue;
        if (queue.Length == 0)
        {
            throw csv.Has(c.Queue)
                ? csv.Error(c.Queue, "expected a queue name, got an empty cell")
                : csv.Error(null, $"the file has no '{c.Queue}' column; say which queue its history belongs to");
        }

        if (options.KnownQueues is { } known && !known.Contains(queue))
        {
            throw csv.Error(csv.Has(c.Queue) ? c.Queue : null, $"unknown queue '{queue}'; expected one of {string.Join(", ", known.Order(StringComparer.Ordinal))}");
        }

        var channel = csv.Has(c.Channel) ? csv.Text(c.Channel) : string.Empty;
        return channel.Length == 0 ? queue : $"{queue}/{channel}";
    }

    internal static DateTime DateAndTime(CsvFieldReader csv, HistoryColumns c)
    {
        var date = csv.Text(c.Date);
        var time = csv.Text(c.Time);
        if (!DateOnly.TryParseExact(date, ["yyyy-MM-dd", "yyyy/MM/dd", "dd.MM.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            throw csv.Error(c.Date, $"expected a date such as 2026-11-25, got '{date}'");
        }

        if (!TimeOnly.TryParseExact(time, ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
        {
            throw csv.Error(c.Time, $"expected a time such as 07:30, got '{time}'");
        }

        return d.ToDateTime(t);
    }

    /// <summary>
    /// A timestamp cell on the center's wall clock: with a zone, a cell carrying an offset or "Z" is
    /// converted to the zone's time; without one, or without an offset, the clock time is taken as is.
    /// </summary>
    private static DateTime WallClock(CsvFieldReader csv, string column, TimeZoneInfo? zone)
    {
        var text = csv.Text(column);
        if (zone is not null && HasOffset(text) &&
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            return DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(instant, zone).DateTime, DateTimeKind.Unspecified);
        }

        return ToLocal(csv, csv.Timestamp(column), zone, column);
    }

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');

    /// <summary>Converts a timestamp with an offset to the zone's wall clock; refuses wall-clock times the zone skips.</summary>
    private static DateTime ToLocal(CsvFieldReader csv, DateTime parsed, TimeZoneInfo? zone, string column)
    {
        if (zone is null)
        {
            return DateTime.SpecifyKind(parsed, DateTimeKind.Unspecified);
        }

        if (parsed.Kind == DateTimeKind.Utc)
        {
            return TimeZoneInfo.ConvertTimeFromUtc(parsed, zone);
        }

        var local = DateTime.SpecifyKind(parsed, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            throw csv.Error(column, $"{TimestampParser.Format(local)} does not exist in {zone.Id} (the clocks skip it when daylight saving starts)");
        }

        return local;
    }

    /// <summary>One series' rows: checks order, sums finer intervals (or contacts) into the target length.</summary>
    private sealed class SeriesBuilder(string file, int? target)
    {
        private readonly List<(DateTime Start, double Offered, double Handled, double HandleSum, bool HasAht, long Line)> _rows = [];
        private int _interval;
        private DateTime? _last;
        private long _lastLine;

        public void AddInterval(DateTime start, double offered, double? handled, double? aht, int line, string column, TimeZoneInfo? zone)
        {
            var repeatedHour = zone is not null && _last is { } p && zone.IsAmbiguousTime(start) && zone.IsAmbiguousTime(p);
            if (_last is { } previous && start <= previous && !repeatedHour)
            {
                var what = start == previous ? "repeats the previous row's interval" : $"is earlier than line {_lastLine} ({TimestampParser.Format(previous)})";
                throw new InputFileException(file, line, column, $"{TimestampParser.Format(start)} {what}; expected one row per interval in increasing time order");
            }

            _last = start;
            _lastLine = line;
            var h = handled ?? 0;
            _rows.Add((start, offered, h, aht is { } a ? a * h : 0, aht is not null, line));
        }

        public void AddContact(DateTime arrival, double? handleSeconds, int line)
        {
            if (_last is { } previous && arrival < previous)
            {
                throw new InputFileException(file, line, null, $"arrival {TimestampParser.Format(arrival)} is earlier than line {_lastLine}; expected contacts in arrival order");
            }

            _last = arrival;
            _lastLine = line;
            var t = target!.Value;
            var start = arrival.Date.AddMinutes(Math.Floor(arrival.TimeOfDay.TotalMinutes / t) * t);
            _rows.Add((start, 1, handleSeconds is null ? 0 : 1, handleSeconds ?? 0, handleSeconds is not null, line));
        }

        public void Finish(int? fileInterval)
        {
            var own = fileInterval ?? InferInterval(target);
            _interval = target ?? own;
            if (_interval < own || _interval % own != 0)
            {
                throw new InputFileException(file, (int)_rows[0].Line, null, $"the history has {own}-minute intervals; it can be summed to a multiple of {own} minutes, not {_interval}");
            }
        }

        public int IntervalMinutes => _interval;

        public IEnumerable<DemandObservation> Observations()
        {
            var anyAht = _rows.Any(r => r.HasAht);
            var rows = _rows.OrderBy(r => r.Start).ToList(); // stable: only the repeated DST hour moves
            var i = 0;
            while (i < rows.Count)
            {
                var start = Slot(rows[i].Start);
                double offered = 0, handled = 0, handleSum = 0;
                var line = rows[i].Line;
                while (i < rows.Count && Slot(rows[i].Start) == start)
                {
                    offered += rows[i].Offered;
                    handled += rows[i].Handled;
                    handleSum += rows[i].HandleSum;
                    i++;
                }

                double? aht = anyAht && handled > 0 ? handleSum / handled : null;
                yield return new DemandObservation(start, offered, aht, anyAht ? handled : null, line);
            }
        }

        private DateTime Slot(DateTime start) => start.Date.AddMinutes(Math.Floor(start.TimeOfDay.TotalMinutes / _interval) * _interval);

        /// <summary>The smallest step between consecutive starts on the same day, as a standard interval length.</summary>
        private int InferInterval(int? target)
        {
            var step = int.MaxValue;
            for (var k = 1; k < _rows.Count; k++)
            {
                if (_rows[k].Start.Date == _rows[k - 1].Start.Date && _rows[k].Start > _rows[k - 1].Start)
                {
                    step = Math.Min(step, (int)(_rows[k].Start - _rows[k - 1].Start).TotalMinutes);
                }
            }

            return step switch
            {
                5 or 10 or 15 or 20 or 30 or 60 => step,
                int.MaxValue when target is { } given => given,
                int.MaxValue => throw new InputFileException(file, (int)_rows[0].Line, null, $"cannot tell the interval length from one row per day; give it with {Core.OptionWords.IntervalMinutes}"),
                _ => throw new InputFileException(file, (int)_rows[0].Line, null, $"rows are {step} minutes apart; expected 5, 10, 15, 20, 30 or 60-minute intervals (or give {Core.OptionWords.IntervalMinutes})"),
            };
        }
    }
}

/// <summary>A queue's per-contact records: waits (abandoned or answered) and handle times of answered contacts.</summary>
public sealed record ContactRecords(List<WaitObservation> Waits, List<double> HandleSeconds);
