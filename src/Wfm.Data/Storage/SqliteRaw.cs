using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Wfm.Data.Storage;

/// <summary>
/// The few calls of SQLite's own statement API used on the hottest writes (the journal's inserts, grain state):
/// strings are bound from their UTF-16 characters and numbers without boxing, where ADO.NET parameters cost a
/// binder object per value and a UTF-8 copy of every string.
/// </summary>
internal static class SqliteRaw
{
    public static sqlite3_stmt Prepare(sqlite3 db, string sql)
    {
        Check(raw.sqlite3_prepare_v2(db, sql, out var statement), db);
        return statement;
    }

    /// <summary>Binds the text, or NULL for null.</summary>
    public static void Text(sqlite3_stmt statement, int index, string? value)
    {
        if (value is null)
        {
            raw.sqlite3_bind_null(statement, index);
        }
        else
        {
            raw.sqlite3_bind_text16(statement, index, value.AsSpan());
        }
    }

    /// <summary>Runs a statement that returns no rows; the rows it changed.</summary>
    public static int Execute(sqlite3 db, sqlite3_stmt statement)
    {
        var rc = raw.sqlite3_step(statement);
        if (rc != raw.SQLITE_DONE)
        {
            Check(rc, db);
        }

        return raw.sqlite3_changes(db);
    }

    public static void Check(int rc, sqlite3 db)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
    }
}
