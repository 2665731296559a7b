namespace Wfm.Data.Storage;

/// <summary>
/// A store over its own tables in the embedded SQLite file: the schema is created on first use (an
/// existing database from an earlier version gains it without losing anything), reads open their own
/// connection, writes go through the single writer.
/// </summary>
public abstract class SqliteStore
{
    private readonly Lazy<Task> _ready;

    protected SqliteStore(SqliteDatabase database, SqliteWriter writer, string schema)
    {
        Database = database;
        Writer = writer;
        _ready = new Lazy<Task>(() => writer.ExecuteAsync(schema));
    }

    protected SqliteDatabase Database { get; }

    protected SqliteWriter Writer { get; }

    /// <summary>Completes once the store's tables exist.</summary>
    protected Task ReadyAsync() => _ready.Value;

    /// <summary>
    /// " WHERE a AND b" from the conditions whose value is not null (each value bound to its parameter),
    /// or nothing when none applies: the optional filters of a list query.
    /// </summary>
    protected static string Where(Microsoft.Data.Sqlite.SqliteCommand command, params (string Condition, string Parameter, object? Value)[] filters)
    {
        var used = filters.Where(f => f.Value is not null).ToList();
        foreach (var (_, parameter, value) in used)
        {
            command.Parameters.AddWithValue(parameter, value);
        }

        return used.Count == 0 ? string.Empty : " WHERE " + string.Join(" AND ", used.Select(f => f.Condition));
    }

    /// <summary>Deletes the row of <paramref name="table"/> with this integer <c>Id</c>; false when there was none.</summary>
    protected async Task<bool> DeleteRowAsync(string table, long id)
    {
        await ReadyAsync();
        return await Writer.WriteAsync(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = $"DELETE FROM {table} WHERE Id = $id";
            command.Parameters.AddWithValue("$id", id);
            return command.ExecuteNonQuery() > 0;
        });
    }
}
