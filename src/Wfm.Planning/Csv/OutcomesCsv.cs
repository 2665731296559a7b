using Wfm.Core.Staffing.Calibration;

namespace Wfm.Planning.Csv;

/// <summary>
/// Reads what happened per interval, for calibrating staffing: <c>timestamp</c> (or <c>date</c> and
/// <c>interval_start</c>), optional <c>queue</c> and <c>interval_minutes</c>, then <c>offered</c>, <c>answered</c>,
/// <c>abandoned</c>, <c>answered_within_threshold</c>, <c>aht_seconds</c> (may be empty where nothing was answered) and
/// <c>agents</c> (logged in, on average over the interval, so it may be fractional). Rows are checked one by one and a
/// bad one is named by line and column.
/// </summary>
public static class OutcomesCsv
{
    private static readonly string[] Needed = ["offered", "answered", "abandoned", "answered_within_threshold", "aht_seconds", "agents"];

    public static IReadOnlyDictionary<string, IReadOnlyList<IntervalOutcome>> Read(string path, int? intervalMinutes = null)
    {
        using var reader = ForecastCsv.OpenText(path);
        return Read(reader, Path.GetFileName(path), intervalMinutes);
    }

    public static IReadOnlyDictionary<string, IReadOnlyList<IntervalOutcome>> Read(TextReader reader, string fileName, int? intervalMinutes = null)
    {
        using var csv = new CsvFieldReader(reader, fileName);
        var columns = new HistoryColumns();
        if (!csv.Has("timestamp") && !(csv.Has("date") && csv.Has("interval_start")))
        {
            throw new InputFileException(fileName, 1, null, $"expected a 'timestamp' column or 'date' and 'interval_start' columns; the header has {string.Join(", ", csv.Columns)}");
        }

        csv.Require(Needed);
        var rows = new Dictionary<string, List<Row>>(StringComparer.Ordinal);
        var fileIntervals = new Dictionary<string, int>(StringComparer.Ordinal);
        while (csv.Read())
        {
            var queue = csv.Has("queue") ? csv.Text("queue") : "default";
            if (queue.Length == 0)
            {
                throw csv.Error("queue", "expected a queue name, got an empty cell");
            }

            var at = csv.Has("timestamp") ? csv.Timestamp("timestamp") : HistoryCsv.DateAndTime(csv, columns);
            var offered = csv.Number("offered", 0);
            var answered = csv.Number("answered", 0);
            var abandoned = csv.Number("abandoned", 0);
            var within = csv.Number("answered_within_threshold", 0);
            var aht = csv.OptionalNumber("aht_seconds", 0, exclusiveMin: true);
            var agents = csv.Number("agents", 0);
            if (within > answered)
            {
                throw csv.Error("answered_within_threshold", $"expected at most the answered contacts ({answered}), got {within}");
            }

            if (answered + abandoned > (offered * 1.5) + 5)
            {
                throw csv.Error("offered", $"answered ({answered}) and abandoned ({abandoned}) are far more than offered ({offered}): are the columns in the right order?");
            }

            if (aht is null && answered > 0)
            {
                throw csv.Error("aht_seconds", $"expected the mean handle time in seconds where contacts were answered ({answered})");
            }

            if (agents > Core.Staffing.ErlangQueue.MaxAgents)
            {
                throw csv.Error("agents", $"expected at most {Core.Staffing.ErlangQueue.MaxAgents} agents, got {agents}");
            }

            ForecastCsv.ReadIntervalMinutes(csv, "interval_minutes", queue, fileIntervals);

            if (!rows.TryGetValue(queue, out var list))
            {
                rows[queue] = list = [];
            }

            if (list.Count > 0 && at <= list[^1].At)
            {
                throw csv.Error("timestamp", $"timestamps of queue '{queue}' must increase; {TimestampParser.Format(at)} follows {TimestampParser.Format(list[^1].At)} (line {list[^1].Line})");
            }

            list.Add(new Row(at, offered, answered, abandoned, within, aht, agents, csv.Line));
        }

        if (rows.Count == 0)
        {
            throw new InputFileException(fileName, 2, null, "no data rows after the header");
        }

        var result = new Dictionary<string, IReadOnlyList<IntervalOutcome>>(StringComparer.Ordinal);
        foreach (var (queue, list) in rows)
        {
            var minutes = ForecastCsv.IntervalOf(
                list.Select(r => new ForecastPoint(r.At, r.Offered, r.Aht, r.Line)).ToList(), fileName, fileIntervals.TryGetValue(queue, out var own) ? own : intervalMinutes);
            var answered = list.Sum(r => r.Answered);
            if (answered <= 0)
            {
                throw new InputFileException(fileName, list[0].Line, "answered", $"queue '{queue}' has no answered contacts: nothing to learn its handle times and agents from");
            }

            // Where nothing was answered the handle time is unknown: the queue's mean stands in (it only sets the load).
            var meanAht = list.Where(r => r.Aht is not null).Sum(r => r.Aht!.Value * r.Answered) / answered;
            result[queue] = list.Select(r => new IntervalOutcome(queue, r.At, minutes * 60.0, r.Offered, r.Answered, r.Abandoned, r.Within, r.Aht ?? meanAht, r.Agents)).ToArray();
        }

        return result;
    }

    /// <summary>Writes outcomes in the format <see cref="Read(string, int?)"/> reads (one interval length per file).</summary>
    public static void Write(TextWriter writer, IEnumerable<IntervalOutcome> outcomes)
    {
        using var table = new CsvTable(writer, "timestamp", "queue", "interval_minutes", "offered", "answered", "abandoned", "answered_within_threshold", "aht_seconds", "agents");
        foreach (var o in outcomes)
        {
            table.Row(
                TimestampParser.Format(o.Start), o.Queue, CsvTable.Number(o.IntervalSeconds / 60, "0"), CsvTable.Number(o.Offered, "0.##"), CsvTable.Number(o.Answered, "0.##"),
                CsvTable.Number(o.Abandoned, "0.##"), CsvTable.Number(o.AnsweredWithin, "0.##"), o.Answered > 0 ? CsvTable.Number(o.AhtSeconds, "0.#") : string.Empty, CsvTable.Number(o.Agents, "0.##"));
        }
    }

    private sealed record Row(DateTime At, double Offered, double Answered, double Abandoned, double Within, double? Aht, double Agents, int Line);
}
