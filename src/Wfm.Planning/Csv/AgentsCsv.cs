namespace Wfm.Planning.Csv;

/// <summary>
/// Reads a staffing plan for the reverse calculation: timestamp, optional queue, agents (productive agents
/// on the phones). Returns agents by (queue, timestamp); queue "default" when the file has none.
/// </summary>
public static class AgentsCsv
{
    public static IReadOnlyDictionary<(string Queue, DateTime Timestamp), int> Read(TextReader reader, string fileName)
    {
        using var csv = new CsvFieldReader(reader, fileName);
        csv.Require("timestamp", "agents");
        var result = new Dictionary<(string, DateTime), int>();
        while (csv.Read())
        {
            var queue = csv.Has("queue") ? csv.Text("queue") : "default";
            var at = csv.Timestamp("timestamp");
            var agents = csv.Number("agents", 0);
            if (agents != Math.Floor(agents))
            {
                throw csv.Error("agents", $"expected a whole number of agents, got {agents}");
            }

            if (!result.TryAdd((queue, at), (int)agents))
            {
                throw csv.Error("timestamp", $"a second row for queue '{queue}' at {TimestampParser.Format(at)}");
            }
        }

        return result;
    }

    public static IReadOnlyDictionary<(string Queue, DateTime Timestamp), int> Read(string path)
    {
        using var reader = ForecastCsv.OpenText(path);
        return Read(reader, Path.GetFileName(path));
    }
}
