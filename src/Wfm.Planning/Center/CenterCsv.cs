using Wfm.Core.Directory;
using Wfm.Core.Queues;
using Wfm.Planning.Csv;

namespace Wfm.Planning.Center;

/// <summary>Teams and queues as CSV, for setting up a center from files (agents: <see cref="CenterAgentsCsv"/>).</summary>
public static class CenterCsv
{
    /// <summary><c>id, name</c>; a file that cannot be read is refused naming its line and column.</summary>
    public static List<TeamProfile> ReadTeams(TextReader reader, string fileName) =>
        Rows(reader, fileName, ["id", "name"], csv => new TeamProfile(csv.Text("id"), csv.Text("name")));

    /// <summary>
    /// <c>id, name, channel, target_percent, target_seconds[, hours, acd_id]</c>: channel voice, chat, email, social or
    /// messaging; hours as "Mon-Fri 08:00-20:00; Sat 09:00-14:00" (blank = 24/7).
    /// </summary>
    public static List<QueueProfile> ReadQueues(TextReader reader, string fileName) =>
        Rows(reader, fileName, ["id", "name", "channel", "target_percent", "target_seconds"], csv =>
        {
            if (!Enum.TryParse<Channel>(csv.Text("channel"), ignoreCase: true, out var channel) || !Enum.IsDefined(channel))
            {
                throw csv.Error("channel", $"expected one of {string.Join(", ", Enum.GetNames<Channel>())}, got '{csv.Text("channel")}'");
            }

            var target = new ServiceLevelTarget(csv.Number("target_percent"), (int)csv.Number("target_seconds"));
            return new QueueProfile(csv.Text("id"), csv.Text("name"), channel, target, csv.Text("hours"), csv.Text("acd_id"));
        });

    private static List<T> Rows<T>(TextReader reader, string fileName, string[] required, Func<CsvFieldReader, T> read)
    {
        try
        {
            using var csv = new CsvFieldReader(reader, fileName);
            csv.Require(required);
            var rows = new List<T>();
            while (csv.Read())
            {
                rows.Add(read(csv));
            }

            return rows.Count > 0 ? rows : throw new PlanningException($"{fileName} line 2", "no rows: expected one row per entry under the header");
        }
        catch (InputFileException ex)
        {
            throw new PlanningException(ex.Column is null ? $"{ex.File} line {ex.Line}" : $"{ex.File} line {ex.Line}, column '{ex.Column}'", ex.Problem);
        }
    }
}
