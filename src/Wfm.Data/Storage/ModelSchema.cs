using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Storage;

namespace Wfm.Data.Storage;

/// <summary>
/// Brings a database up to the EF model without losing anything: tables it lacks are created (with their
/// indexes), columns a table lacks are added. The statements come from the provider's own migrations SQL
/// generator — the same ones EnsureCreated would run on an empty database — so one model serves every provider.
/// Columns added after a table first shipped must be nullable (or have a default) for existing rows.
/// </summary>
public static class ModelSchema
{
    /// <summary>The table's column names, or null when the table does not exist.</summary>
    public delegate ISet<string>? ColumnsOf(DbConnection connection, string table);

    public static void Apply(DbContext db, ColumnsOf columnsOf)
    {
        var model = db.GetService<IDesignTimeModel>().Model;
        var wanted = db.GetService<IMigrationsModelDiffer>().GetDifferences(null, model.GetRelationalModel());
        var connection = db.Database.GetDbConnection();
        db.Database.OpenConnection();
        try
        {
            var created = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var missing = new List<MigrationOperation>();
            foreach (var operation in wanted)
            {
                if (operation is CreateTableOperation table)
                {
                    if (columnsOf(connection, table.Name) is { } present)
                    {
                        missing.AddRange(table.Columns.Where(c => !present.Contains(c.Name)));
                    }
                    else
                    {
                        created.Add(table.Name);
                        missing.Add(table);
                    }
                }
                else if (operation is CreateIndexOperation index && created.Contains(index.Table))
                {
                    missing.Add(index);
                }
            }

            if (missing.Count == 0)
            {
                return;
            }

            var commands = db.GetService<IMigrationsSqlGenerator>().Generate(missing, db.Model);
            db.GetService<IMigrationCommandExecutor>().ExecuteNonQuery(commands, db.GetService<IRelationalConnection>());
        }
        finally
        {
            db.Database.CloseConnection();
        }
    }

    /// <summary>SQLite's columns of a table (pragma table_info), or null when there is no such table.</summary>
    public static ISet<string>? SqliteColumns(DbConnection connection, string table) =>
        Columns(connection, "SELECT name FROM pragma_table_info($table)", "$table", table);

    /// <summary>PostgreSQL's columns of a table in the connection's schema, or null when there is no such table.</summary>
    public static ISet<string>? PostgresColumns(DbConnection connection, string table) =>
        Columns(connection, "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @table", "table", table);

    private static HashSet<string>? Columns(DbConnection connection, string sql, string parameterName, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = parameterName;
        parameter.Value = table;
        command.Parameters.Add(parameter);
        using var reader = command.ExecuteReader();
        var columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read())
        {
            columns.Add(reader.GetString(0));
        }

        return columns.Count == 0 ? null : columns;
    }
}
