namespace Wfm.Planning.Csv;

/// <summary>
/// Reads a staffing plan for the reverse calculation: timestamp, optional queue, agents (on the phones, or logged in
/// when a calibration says how many of them really take contacts; an average over the interval may be fractional).
/// Returns agents by (queue, timestamp); queue "default" when the file has none.
/// </summary>
public static class AgentsCsv
{
    public static IReadOnlyDictionary<(string Queue, DateTime Timestamp), double> Read(TextReader reader, string fileName)
    {
        using var csv = new CsvFieldReader(reader, fileName);
        var dated = !csv.Has("timestamp") && csv.Has("date") && csv.Has("interval_start");
        csv.Require(dated ? ["date", "interval_start", "agents"] : ["timestamp", "agents"]);
        var result = new Dictionary<(string, DateTime), double>();
        while (csv.Read())
        {
            var queue = csv.Has("queue") ? csv.Text("queue") : "default";
            var at = dated ? HistoryCsv.DateAndTime(csv, new HistoryColumns()) : csv.Timestamp("timestamp");
            var agents = csv.Number("agents", 0);
            if (agents > Wfm.Core.Staffing.ErlangQueue.MaxAgents)
            {
                throw csv.Error("agents", $"expected at most {Wfm.Core.Staffing.ErlangQueue.MaxAgents} agents, got {agents}");
            }

            if (!result.TryAdd((queue, at), agents))
            {
                throw csv.Error("timestamp", $"a second row for queue '{queue}' at {TimestampParser.Format(at)}");
            }
        }

        return result;
    }

    public static IReadOnlyDictionary<(string Queue, DateTime Timestamp), double> Read(string path)
    {
        using var reader = ForecastCsv.OpenText(path);
        return Read(reader, Path.GetFileName(path));
    }
}
