using Microsoft.Data.Sqlite;

namespace Wfm.Data.Storage;

/// <summary>
/// A store over its own tables in the embedded SQLite file: the schema is created on first use (an
/// existing database from an earlier version gains it without losing anything), reads open their own
/// connection, writes go through the single writer.
/// </summary>
public abstract class SqliteStore
{
    private readonly Lazy<Task> _ready;

    /// <param name="added">Columns that later versions added to the schema's tables: added to an existing table that lacks them (its rows get the column's default).</param>
    protected SqliteStore(SqliteDatabase database, SqliteWriter writer, string schema, params (string Table, string Column, string Definition)[] added)
    {
        Database = database;
        Writer = writer;
        _ready = new Lazy<Task>(async () =>
        {
            await writer.ExecuteAsync(schema);
            if (added.Length > 0)
            {
                await writer.WriteAsync(c =>
                {
                    AddMissingColumns(c, added);
                    return true;
                });
            }
        });
    }

    protected SqliteDatabase Database { get; }

    protected SqliteWriter Writer { get; }

    /// <summary>Completes once the store's tables exist.</summary>
    protected Task ReadyAsync() => _ready.Value;

    /// <summary>
    /// " WHERE a AND b" from the conditions whose value is not null (each value bound to its parameter),
    /// or nothing when none applies: the optional filters of a list query.
    /// </summary>
    protected static string Where(SqliteCommand command, params (string Condition, string Parameter, object? Value)[] filters)
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

    /// <summary>Whether the database has this table (a store makes its tables on first use).</summary>
    internal static bool TableExists(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $t";
        command.Parameters.AddWithValue("$t", table);
        return (long)command.ExecuteScalar()! > 0;
    }

    /// <summary>Adds each column its table lacks (existing rows get the column's default); tables stay as they are otherwise.</summary>
    internal static void AddMissingColumns(SqliteConnection connection, IEnumerable<(string Table, string Column, string Definition)> columns)
    {
        foreach (var (table, column, definition) in columns)
        {
            using var info = connection.CreateCommand();
            info.CommandText = $"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = $column";
            info.Parameters.AddWithValue("$column", column);
            if ((long)info.ExecuteScalar()! == 0)
            {
                using var alter = connection.CreateCommand();
                alter.CommandText = $"ALTER TABLE {table} ADD COLUMN {column} {definition}";
                alter.ExecuteNonQuery();
            }
        }
    }
}
