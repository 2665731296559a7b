using Microsoft.EntityFrameworkCore;
using Wfm.Core.Coaching;
using Wfm.Core.Ports;
using Wfm.Data.Entities;

namespace Wfm.Data.Coaching;

/// <summary>Conversations read for coaching, in the EF model (one row per conversation; a later read replaces it).</summary>
public sealed class EfAnalyzedConversationStore(IDbContextFactory<WfmDbContext> contexts) : IAnalyzedConversationStore
{
    public async Task SaveAsync(IReadOnlyList<AnalyzedConversation> conversations, CancellationToken cancellationToken = default)
    {
        if (conversations.Count == 0)
        {
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ids = conversations.Select(c => c.ConversationId).Distinct().ToList();
        var existing = await db.AnalyzedConversations.Where(c => ids.Contains(c.ConversationId)).ToDictionaryAsync(c => c.ConversationId, cancellationToken);
        foreach (var c in conversations.GroupBy(c => c.ConversationId).Select(g => g.Last()))
        {
            if (!existing.TryGetValue(c.ConversationId, out var row))
            {
                row = new AnalyzedConversationEntity { ConversationId = c.ConversationId, AgentId = c.AgentId, QueueId = c.QueueId, Language = c.Language, MissedItems = string.Empty };
                db.AnalyzedConversations.Add(row);
            }

            row.AgentId = c.AgentId;
            row.QueueId = c.QueueId;
            row.Language = c.Language;
            row.EndedAt = c.EndedAt;
            row.Messages = c.Messages;
            row.EmpathyScore = c.EmpathyScore;
            row.NegativePhrases = c.NegativePhrases;
            row.WowMoments = c.WowMoments;
            row.Abusive = c.Abusive;
            row.MissedItems = string.Join('\n', c.MissedItems);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AnalyzedConversation>> ListAsync(DateTimeOffset since, string? agentId = null, int limit = 500, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.AnalyzedConversations.AsNoTracking().Where(c => c.EndedAt >= since);
        if (agentId is not null)
        {
            query = query.Where(c => c.AgentId == agentId);
        }

        var rows = await query.OrderByDescending(c => c.EndedAt).Take(limit).ToListAsync(cancellationToken);
        return [.. rows.Select(ToRecord)];
    }

    public async Task<AnalyzedConversation?> GetAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.AnalyzedConversations.AsNoTracking().FirstOrDefaultAsync(c => c.ConversationId == conversationId, cancellationToken) is { } row ? ToRecord(row) : null;
    }

    public async Task<DateTimeOffset?> NewestAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.AnalyzedConversations.AsNoTracking().OrderByDescending(c => c.EndedAt).Select(c => (DateTimeOffset?)c.EndedAt).FirstOrDefaultAsync(cancellationToken);
    }

    private static AnalyzedConversation ToRecord(AnalyzedConversationEntity c) => new(
        c.ConversationId, c.AgentId, c.QueueId, c.Language, c.EndedAt, c.Messages, c.EmpathyScore, c.NegativePhrases, c.WowMoments, c.Abusive,
        c.MissedItems.Length == 0 ? [] : c.MissedItems.Split('\n'));
}
