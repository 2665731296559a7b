using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wfm.Data.Entities;

namespace Wfm.Data.Coaching;

/// <summary>An action item agreed in a coaching session, with its due date and whether it was done.</summary>
public sealed record ActionItem(string Text, DateOnly Due, bool Done = false);

/// <summary>A coaching session: agent, trainer, date, focus, the conversations it used as evidence, notes, action items and the follow-up.</summary>
public sealed record StoredSession(
    long Id, string AgentId, string Trainer, DateOnly Date, string Focus, IReadOnlyList<string> ConversationIds, string? Notes,
    IReadOnlyList<ActionItem> ActionItems, string? FollowUp, DateTimeOffset CreatedAt);

/// <summary>The log of coaching sessions.</summary>
public sealed class SessionStore(IDbContextFactory<WfmDbContext> contexts, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<long> AddAsync(
        string agentId, string trainer, DateOnly date, string focus, IReadOnlyList<string> conversationIds, string? notes, IReadOnlyList<ActionItem> items,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = new CoachingSessionEntity
        {
            AgentId = agentId, Trainer = trainer, Day = date.DayNumber, Focus = focus, ConversationsJson = JsonSerializer.Serialize(conversationIds, Json),
            Notes = notes, ActionItemsJson = JsonSerializer.Serialize(items, Json), CreatedTicks = time.GetUtcNow().UtcTicks,
        };
        db.CoachingSessions.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return row.Id;
    }

    /// <summary>Records the follow-up outcome and which action items were done; false for an unknown session.</summary>
    public async Task<bool> FollowUpAsync(long id, string outcome, IReadOnlyList<ActionItem> items, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var json = JsonSerializer.Serialize(items, Json);
        return await db.CoachingSessions.Where(s => s.Id == id)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.FollowUp, outcome).SetProperty(s => s.ActionItemsJson, json), cancellationToken) > 0;
    }

    /// <summary>Sessions newest first, of one agent or all.</summary>
    public async Task<IReadOnlyList<StoredSession>> ListAsync(string? agentId = null, long? id = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.CoachingSessions.AsNoTracking();
        if (agentId is not null)
        {
            query = query.Where(s => s.AgentId == agentId);
        }

        if (id is not null)
        {
            query = query.Where(s => s.Id == id);
        }

        var rows = await query.OrderByDescending(s => s.Day).ThenByDescending(s => s.Id).ToListAsync(cancellationToken);
        return [.. rows.Select(s => new StoredSession(s.Id, s.AgentId, s.Trainer, DateOnly.FromDayNumber((int)s.Day), s.Focus,
            JsonSerializer.Deserialize<List<string>>(s.ConversationsJson, Json)!, s.Notes, JsonSerializer.Deserialize<List<ActionItem>>(s.ActionItemsJson, Json)!,
            s.FollowUp, new DateTimeOffset(s.CreatedTicks, TimeSpan.Zero)))];
    }
}
