using Microsoft.EntityFrameworkCore;
using Wfm.Data.Entities;

namespace Wfm.Data.Conversations;

/// <summary>What agents did with suggested replies, per queue.</summary>
public sealed record SuggestionCounts(string QueueId, int Shown, int Accepted, int Edited, int Dismissed)
{
    /// <summary>Share of shown suggestions that were sent, as they were or edited.</summary>
    public double? AcceptanceRate => Shown == 0 ? null : (double)(Accepted + Edited) / Shown;
}

/// <summary>Suggested replies shown, accepted, edited or dismissed (one row each), for acceptance rates.</summary>
public sealed class SuggestionFeedbackStore(IDbContextFactory<WfmDbContext> contexts)
{
    public static readonly IReadOnlyList<string> Actions = ["shown", "accepted", "edited", "dismissed"];

    public async Task AddAsync(DateTimeOffset at, string conversationId, string queueId, string agentId, IReadOnlyList<long> pairIds, string action)
    {
        if (!Actions.Contains(action))
        {
            throw new ArgumentException($"action: expected {string.Join(", ", Actions)}, got '{action}'");
        }

        await using var db = await contexts.CreateDbContextAsync();
        db.SuggestionFeedback.AddRange(pairIds.Select(pair => new SuggestionFeedbackEntity
        {
            AtTicks = at.UtcTicks, ConversationId = conversationId, QueueId = queueId, AgentId = agentId, PairId = pair, Action = action,
        }));
        await db.SaveChangesAsync();
    }

    public async Task<IReadOnlyList<SuggestionCounts>> CountsAsync(DateTimeOffset since)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var ticks = since.UtcTicks;
        var rows = await db.SuggestionFeedback.AsNoTracking().Where(f => f.AtTicks >= ticks)
            .GroupBy(f => new { f.QueueId, f.Action }).Select(g => new { g.Key.QueueId, g.Key.Action, Count = g.Count() }).ToListAsync();
        return [.. rows.GroupBy(r => r.QueueId).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            int Of(string action) => g.FirstOrDefault(r => r.Action == action)?.Count ?? 0;
            return new SuggestionCounts(g.Key, Of("shown"), Of("accepted"), Of("edited"), Of("dismissed"));
        })];
    }
}
