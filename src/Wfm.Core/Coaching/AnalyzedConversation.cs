using Wfm.Core.Conversations;

namespace Wfm.Core.Coaching;

/// <summary>
/// A finished conversation as the coaching queue reads it: whose, when, how empathetic (share of the rubric's items found),
/// how many negative phrases and wow-moment candidates, whether the customer was abusive, and the rubric items missed.
/// </summary>
public sealed record AnalyzedConversation(
    string ConversationId, string AgentId, string QueueId, string Language, DateTimeOffset EndedAt, int Messages,
    double? EmpathyScore, int NegativePhrases, int WowMoments, bool Abusive, IReadOnlyList<string> MissedItems)
{
    /// <summary>
    /// Reads a conversation's messages (personal data already removed) for the agent who wrote most of its replies;
    /// null when it has no reply from an agent or no customer message (nothing to coach on).
    /// </summary>
    public static AnalyzedConversation? From(string conversationId, string queueId, DateTimeOffset endedAt, IReadOnlyList<ConversationEntry> messages, string? customerName)
    {
        var agent = messages.Where(m => m.Sender == ConversationSender.Agent && m.AgentId is not null)
            .GroupBy(m => m.AgentId!).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault()?.Key;
        if (agent is null || messages.All(m => m.Sender != ConversationSender.Customer))
        {
            return null;
        }

        var analysis = Analyze(conversationId, messages, customerName);
        return new AnalyzedConversation(conversationId, agent, queueId, analysis.Language, endedAt, messages.Count, analysis.EmpathyScore,
            analysis.NegativeLanguage.Count, analysis.WowCandidates.Count, messages.Any(m => m.Abusive),
            [.. analysis.Items.Where(i => i.Outcome == ItemOutcome.Missed).Select(i => i.Item)]);
    }

    /// <summary>The empathy review of stored messages (what the trainer's viewer shows, sentence by sentence with <paramref name="empathy"/>).</summary>
    public static ConversationAnalysis Analyze(string conversationId, IReadOnlyList<ConversationEntry> messages, string? customerName, EmpathyModel? empathy = null) =>
        ConversationAnalyzer.Analyze(
            [.. messages.Select(m => new ConversationMessage(conversationId, m.Sender == ConversationSender.Agent ? Sender.Agent : Sender.Customer, m.Text,
                m.Language.Length > 0 ? m.Language : null, m.AgentId, m.At))],
            customerName?.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(), empathy);
}
