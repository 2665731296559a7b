using Microsoft.EntityFrameworkCore;
using Wfm.Data.Entities;

namespace Wfm.Data.Coaching;

/// <summary>A QA form as stored: its name and its sections and questions as JSON.</summary>
public sealed record StoredScorecard(long Id, string Name, string Json, DateTimeOffset CreatedAt);

/// <summary>A review of one conversation against a scorecard: who reviewed whom, the answers and the score.</summary>
public sealed record StoredReview(
    long Id, long ScorecardId, string ConversationId, string AgentId, string Reviewer, string AnswersJson, double Score, bool AutoFailed,
    string ResultJson, string? Notes, DateTimeOffset CreatedAt);

/// <summary>QA scorecards and the reviews made with them.</summary>
public sealed class ReviewStore(IDbContextFactory<WfmDbContext> contexts, TimeProvider time)
{
    public async Task<long> AddScorecardAsync(string name, string json, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = new ScorecardEntity { Name = name, Json = json, CreatedTicks = time.GetUtcNow().UtcTicks };
        db.Scorecards.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return row.Id;
    }

    public async Task<IReadOnlyList<StoredScorecard>> ScorecardsAsync(long? id = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Scorecards.AsNoTracking();
        if (id is not null)
        {
            query = query.Where(s => s.Id == id);
        }

        var rows = await query.OrderBy(s => s.Id).ToListAsync(cancellationToken);
        return [.. rows.Select(s => new StoredScorecard(s.Id, s.Name, s.Json, new DateTimeOffset(s.CreatedTicks, TimeSpan.Zero)))];
    }

    public async Task<long> AddReviewAsync(
        long scorecardId, string conversationId, string agentId, string reviewer, string answersJson, double score, bool autoFailed, string resultJson, string? notes,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = new ReviewEntity
        {
            ScorecardId = scorecardId, ConversationId = conversationId, AgentId = agentId, Reviewer = reviewer, AnswersJson = answersJson, Score = score,
            AutoFailed = autoFailed, ResultJson = resultJson, Notes = notes, CreatedTicks = time.GetUtcNow().UtcTicks,
        };
        db.Reviews.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return row.Id;
    }

    /// <summary>Reviews newest first, of an agent and/or a conversation and/or a scorecard.</summary>
    public async Task<IReadOnlyList<StoredReview>> ReviewsAsync(
        string? agentId = null, string? conversationId = null, long? scorecardId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Reviews.AsNoTracking();
        if (agentId is not null)
        {
            query = query.Where(r => r.AgentId == agentId);
        }

        if (conversationId is not null)
        {
            query = query.Where(r => r.ConversationId == conversationId);
        }

        if (scorecardId is not null)
        {
            query = query.Where(r => r.ScorecardId == scorecardId);
        }

        var rows = await query.OrderByDescending(r => r.Id).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new StoredReview(r.Id, r.ScorecardId, r.ConversationId, r.AgentId, r.Reviewer, r.AnswersJson, r.Score, r.AutoFailed,
            r.ResultJson, r.Notes, new DateTimeOffset(r.CreatedTicks, TimeSpan.Zero)))];
    }
}
