using Wfm.Core.Coaching;

namespace Wfm.Core.Ports;

/// <summary>Finished conversations read for coaching: kept per conversation (a later read replaces an earlier one).</summary>
public interface IAnalyzedConversationStore
{
    Task SaveAsync(IReadOnlyList<AnalyzedConversation> conversations, CancellationToken cancellationToken = default);

    /// <summary>Newest first, ended at or after <paramref name="since"/>; one agent's or everyone's.</summary>
    Task<IReadOnlyList<AnalyzedConversation>> ListAsync(DateTimeOffset since, string? agentId = null, int limit = 500, CancellationToken cancellationToken = default);

    Task<AnalyzedConversation?> GetAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>The newest end time kept (where reading resumes after a restart).</summary>
    Task<DateTimeOffset?> NewestAsync(CancellationToken cancellationToken = default);
}
