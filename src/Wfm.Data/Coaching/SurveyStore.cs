using Wfm.Core.Kpis;
using Wfm.Data.Storage;

namespace Wfm.Data.Coaching;

/// <summary>Survey answers (CSAT, NPS, CES) per contact; a contact answered again replaces its answer.</summary>
public sealed class SurveyStore(SqliteDatabase database, SqliteWriter writer) : SqliteStore(database, writer, Schema)
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS Surveys (
            ContactId TEXT PRIMARY KEY,
            Csat INTEGER NULL,
            Nps INTEGER NULL,
            Ces INTEGER NULL,
            CreatedTicks INTEGER NOT NULL);
        """;

    /// <summary>Stores all answers in one write job (the writer's transaction): all or none.</summary>
    public async Task<int> UpsertAsync(IReadOnlyList<(string ContactId, SurveyAnswer Answer)> answers)
    {
        await ReadyAsync();
        return await Writer.WriteAsync(c =>
        {
            foreach (var (contact, answer) in answers)
            {
                using var command = c.CreateCommand();
                command.CommandText = """
                    INSERT INTO Surveys (ContactId, Csat, Nps, Ces, CreatedTicks) VALUES ($c, $csat, $nps, $ces, $t)
                    ON CONFLICT (ContactId) DO UPDATE SET Csat = excluded.Csat, Nps = excluded.Nps, Ces = excluded.Ces, CreatedTicks = excluded.CreatedTicks
                    """;
                command.Parameters.AddWithValue("$c", contact);
                command.Parameters.AddWithValue("$csat", (object?)answer.Csat ?? DBNull.Value);
                command.Parameters.AddWithValue("$nps", (object?)answer.Nps ?? DBNull.Value);
                command.Parameters.AddWithValue("$ces", (object?)answer.Ces ?? DBNull.Value);
                command.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.UtcTicks);
                command.ExecuteNonQuery();
            }

            return answers.Count;
        });
    }

    public async Task<IReadOnlyDictionary<string, SurveyAnswer>> AllAsync()
    {
        await ReadyAsync();
        using var connection = Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT ContactId, Csat, Nps, Ces FROM Surveys";
        var result = new Dictionary<string, SurveyAnswer>(StringComparer.Ordinal);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            int? Value(int i) => reader.IsDBNull(i) ? null : reader.GetInt32(i);
            result[reader.GetString(0)] = new SurveyAnswer(Value(1), Value(2), Value(3));
        }

        return result;
    }
}
