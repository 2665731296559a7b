using System.Text.Json;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Wfm.Data.Privacy;

/// <summary>One agent's rows in the tables that hold what was said or decided about them.</summary>
public sealed record AgentRows(
    IReadOnlyList<IReadOnlyDictionary<string, object?>> Reviews,
    IReadOnlyList<IReadOnlyDictionary<string, object?>> Sessions,
    IReadOnlyList<IReadOnlyDictionary<string, object?>> WowMoments,
    IReadOnlyList<IReadOnlyDictionary<string, object?>> ScheduleRequests,
    IReadOnlyList<IReadOnlyDictionary<string, object?>> Answers);

/// <summary>
/// Reads and erases one agent's personal rows in one place. Erasure runs as one write transaction: the agent's
/// name becomes "(erased)" (the id stays, so interval and queue statistics still add up), and their reviews,
/// coaching sessions, wow moments, schedule requests, answers in the reply library and suggestion feedback are deleted. The event journal keeps only ids, states
/// and times, never words, so it stays as it is.
/// </summary>
public sealed class PersonalDataStore(IDbContextFactory<WfmDbContext> contexts)
{
    public const string ErasedName = "(erased)";

    private static readonly string[] AgentTables = ["Reviews", "CoachingSessions", "WowMoments", "ScheduleRequests", "ReplyLibrary", "SuggestionFeedback"];

    public async Task<AgentRows> ReadAgentAsync(string agentId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        return new AgentRows(
            await RowsAsync(db, "Reviews", "AgentId", agentId, "Id", cancellationToken),
            await RowsAsync(db, "CoachingSessions", "AgentId", agentId, "Id", cancellationToken),
            await RowsAsync(db, "WowMoments", "AgentId", agentId, "Id", cancellationToken),
            await RowsAsync(db, "ScheduleRequests", "AgentId", agentId, "Id", cancellationToken),
            await RowsAsync(db, "ReplyLibrary", "AgentId", agentId, "Id", cancellationToken));
    }

    /// <summary>Erases the agent's personal rows in one transaction; returns how many rows of each kind went.</summary>
    public async Task<IReadOnlyDictionary<string, int>> EraseAgentAsync(string agentId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var removed = new Dictionary<string, int>();
        foreach (var table in AgentTables)
        {
            removed[table] = await ExecuteAsync(db, $"DELETE FROM \"{table}\" WHERE \"AgentId\" = @id", agentId, cancellationToken);
        }

        // A swap request names the other agent too: that agent's requests lose the name, not the row.
        await db.ScheduleRequests.Where(r => r.OtherAgentId == agentId).ExecuteUpdateAsync(s => s.SetProperty(r => r.OtherAgentId, (string?)null), cancellationToken);
        removed["AgentName"] = await db.Agents.Where(a => a.Id == agentId).ExecuteUpdateAsync(s => s.SetProperty(a => a.Name, ErasedName), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return removed;
    }

    /// <summary>The journal's events that name the customer (ids, types, times, queues, contacts — the journal keeps no words).</summary>
    public async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> CustomerEventsAsync(string customerId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        return await RowsAsync(db, "Events", "CustomerId", customerId, "Sequence", cancellationToken);
    }

    /// <summary>
    /// Replaces the customer's id in the journal by one new random pseudonym: the link to the person goes, while
    /// their contacts still count as one customer's (repeat contacts, first-contact resolution stay as they were).
    /// </summary>
    public async Task<int> PseudonymizeCustomerAsync(string customerId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var pseudonym = "erased-" + Guid.NewGuid().ToString("N");
        return await db.Events.Where(e => e.CustomerId == customerId).ExecuteUpdateAsync(s => s.SetProperty(e => e.CustomerId, pseudonym), cancellationToken);
    }

    /// <summary>Ids of the stored conversations of a customer (grain states that name the customer).</summary>
    public async Task<IReadOnlyList<string>> ConversationsOfCustomerAsync(string customerId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var needle = "\"customerId\":" + JsonSerializer.Serialize(customerId);
        var keys = await db.GrainStates.AsNoTracking().Where(g => g.GrainType == "conversation" && g.Json.Contains(needle)).Select(g => g.GrainKey).ToListAsync(cancellationToken);
        return keys.Select(key => key[(key.IndexOf('/', StringComparison.Ordinal) + 1)..]).ToList();
    }

    private static async Task<int> ExecuteAsync(WfmDbContext db, string sql, string value, CancellationToken cancellationToken)
    {
        await using var command = Command(db, sql, value);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A command on the context's connection (and transaction), identifiers quoted as both providers read them, one parameter @id.</summary>
    private static DbCommand Command(WfmDbContext db, string sql, string value)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var parameter = command.CreateParameter();
        parameter.ParameterName = "id";
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return command;
    }

    private static async Task<List<IReadOnlyDictionary<string, object?>>> RowsAsync(
        WfmDbContext db, string table, string column, string value, string order, CancellationToken cancellationToken)
    {
        await using var command = Command(db, $"SELECT * FROM \"{table}\" WHERE \"{column}\" = @id ORDER BY \"{order}\"", value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<IReadOnlyDictionary<string, object?>>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new Dictionary<string, object?>();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}
