using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Wfm.Core.Adherence;
using Wfm.Core.Ports;

namespace Wfm.Data.Storage;

/// <summary>
/// Reads the shift grains' saved plans straight from the grain-state table ("shift" state, key
/// "shift/{agent}|{yyyy-MM-dd}"); a plan is saved before SetPlan returns, so this sees every published plan.
/// </summary>
public sealed class SqlitePlanArchive(SqliteDatabase database) : IPlanArchive
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async Task<IReadOnlyDictionary<(string AgentId, DateOnly Day), IReadOnlyList<PlannedActivity>>> ReadAsync(
        DateOnly from, DateOnly to, string? agentId = null, CancellationToken cancellationToken = default)
    {
        var result = new Dictionary<(string, DateOnly), IReadOnlyList<PlannedActivity>>();
        await using var connection = database.Open();
        await using var exists = connection.CreateCommand();
        exists.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'GrainStates'";
        if ((long)(await exists.ExecuteScalarAsync(cancellationToken))! == 0)
        {
            return result;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT GrainKey, Json FROM GrainStates WHERE GrainType = 'shift' AND substr(GrainKey, -10) BETWEEN $from AND $to" +
            (agentId is null ? string.Empty : " AND GrainKey = 'shift/' || $agent || '|' || substr(GrainKey, -10)");
        command.Parameters.AddWithValue("$from", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$to", to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (agentId is not null)
        {
            command.Parameters.AddWithValue("$agent", agentId);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = reader.GetString(0);
            var slash = key.IndexOf('/');
            var bar = key.LastIndexOf('|');
            if (slash < 0 || bar < slash)
            {
                continue;
            }

            var plan = JsonSerializer.Deserialize<List<PlannedActivity>>(reader.GetString(1), Json) ?? [];
            if (plan.Count > 0)
            {
                result[(key[(slash + 1)..bar], DateOnly.ParseExact(key[(bar + 1)..], "yyyy-MM-dd", CultureInfo.InvariantCulture))] = plan;
            }
        }

        return result;
    }
}
