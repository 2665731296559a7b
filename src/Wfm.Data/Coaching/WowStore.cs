using Microsoft.EntityFrameworkCore;
using Wfm.Data.Entities;

namespace Wfm.Data.Coaching;

/// <summary>A wow moment: found in a conversation, then confirmed (into the library, with tags) or dismissed by a trainer.</summary>
public sealed record StoredWow(
    long Id, string AgentId, string ConversationId, string Kind, string Text, string Status, IReadOnlyList<string> Tags, string? Note,
    DateTimeOffset CreatedAt, string? DecidedBy, DateTimeOffset? DecidedAt);

/// <summary>Wow-moment candidates and the library of confirmed ones, searchable by text, tag and agent.</summary>
public sealed class WowStore(IDbContextFactory<WfmDbContext> contexts, TimeProvider time)
{
    /// <summary>Adds candidates; one already known (same conversation, kind and text) is left as it is. Returns the ids, new or known.</summary>
    public async Task<IReadOnlyList<long>> AddCandidatesAsync(
        string agentId, string conversationId, IEnumerable<(string Kind, string Text)> candidates, CancellationToken cancellationToken = default)
    {
        var list = candidates.ToList();
        // The same candidate added by a concurrent call between our read and our insert: read again, it is known then.
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            // Known ones by (kind, text) — unique within a conversation — and a candidate named twice in this call added once.
            var known = await db.WowMoments.Where(w => w.ConversationId == conversationId).ToDictionaryAsync(w => (w.Kind, w.Text), cancellationToken);
            var rows = list.Select(c => known.TryGetValue(c, out var row) ? row : known[c] = Add(db, agentId, conversationId, c.Kind, c.Text)).ToList();
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return [.. rows.Select(r => r.Id)];
            }
            catch (DbUpdateException) when (attempt < 3)
            {
            }
        }
    }

    private WowMomentEntity Add(WfmDbContext db, string agentId, string conversationId, string kind, string text)
    {
        var row = new WowMomentEntity
        {
            AgentId = agentId, ConversationId = conversationId, Kind = kind, Text = text, Status = "candidate", Tags = string.Empty, CreatedTicks = time.GetUtcNow().UtcTicks,
        };
        db.WowMoments.Add(row);
        return row;
    }

    /// <summary>Confirms (with tags) or dismisses a candidate; false when it is unknown or already decided.</summary>
    public async Task<bool> DecideAsync(long id, bool confirm, string by, IReadOnlyList<string> tags, string? note, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var status = confirm ? "confirmed" : "dismissed";
        var joined = string.Join(',', tags.Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct());
        var now = time.GetUtcNow().UtcTicks;
        // Only a candidate is decided, once: the condition and the change in one statement.
        return await db.WowMoments.Where(w => w.Id == id && w.Status == "candidate").ExecuteUpdateAsync(
            set => set.SetProperty(w => w.Status, status).SetProperty(w => w.Tags, joined).SetProperty(w => w.Note, note)
                .SetProperty(w => w.DecidedBy, by).SetProperty(w => w.DecidedTicks, now),
            cancellationToken) > 0;
    }

    /// <summary>Wow moments newest first, narrowed by status, agent, tag and words in the text or note (any case).</summary>
    public async Task<IReadOnlyList<StoredWow>> SearchAsync(
        string? status = null, string? agentId = null, string? tag = null, string? text = null, long? id = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.WowMoments.AsNoTracking();
        if (status is not null)
        {
            query = query.Where(w => w.Status == status);
        }

        if (agentId is not null)
        {
            query = query.Where(w => w.AgentId == agentId);
        }

        if (tag is not null)
        {
            var wanted = $",{tag.Trim().ToLowerInvariant()},";
            query = query.Where(w => ("," + w.Tags + ",").Contains(wanted));
        }

        if (text is not null)
        {
            var words = text.ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // translated into the database's lower() and a substring search: no .NET culture is involved
            query = query.Where(w => w.Text.ToLower().Contains(words) || (w.Note != null && w.Note.ToLower().Contains(words)));
#pragma warning restore CA1304, CA1311, CA1862
        }

        if (id is not null)
        {
            query = query.Where(w => w.Id == id);
        }

        var rows = await query.OrderByDescending(w => w.Id).ToListAsync(cancellationToken);
        return [.. rows.Select(w => new StoredWow(w.Id, w.AgentId, w.ConversationId, w.Kind, w.Text, w.Status, w.Tags.Split(',', StringSplitOptions.RemoveEmptyEntries), w.Note,
            new DateTimeOffset(w.CreatedTicks, TimeSpan.Zero), w.DecidedBy, w.DecidedTicks is { } t ? new DateTimeOffset(t, TimeSpan.Zero) : null))];
    }
}
