using System.Globalization;

namespace Wfm.Core.Coaching;

/// <summary>What a suggestion is about: something to coach, someone to support, something to praise, a follow-up due.</summary>
public enum CoachingItemKind
{
    Coach,
    Support,
    Praise,
    FollowUp,
}

/// <summary>One suggestion for a trainer: about which agent, what, why (with the reference to look at), and how urgent (1 first).</summary>
public sealed record CoachingItem(string AgentId, CoachingItemKind Kind, int Priority, string Text, string Reference);

/// <summary>A QA review's score and what it missed, as the queue reads it.</summary>
public sealed record ReviewSignal(string AgentId, string ConversationId, double Score, bool AutoFailed, IReadOnlyList<string> Missed, DateTimeOffset At);

/// <summary>An agent's recent situation for the coaching queue.</summary>
public sealed record AgentSignals(
    string AgentId,
    IReadOnlyList<ReviewSignal> Reviews,
    int AbuseIncidents,
    IReadOnlyList<(string Kind, string Text, string ConversationId)> ConfirmedWow,
    IReadOnlyList<(string Text, DateOnly Due, long SessionId)> OpenActionItems,
    double? BurnoutScore = null,
    string? BurnoutFactor = null);

/// <summary>
/// The trainer's queue: low or failed QA reviews to coach on, agents exposed to repeated abuse to support (not
/// to blame), wow moments to praise, action items past due to follow up, agents running hot to check on.
/// </summary>
public static class CoachingQueue
{
    public const double LowScore = 80;
    public const int AbuseForSupport = 2;
    public const double BurnoutForCheckIn = 40;

    public static IReadOnlyList<CoachingItem> Build(IEnumerable<AgentSignals> agents, DateOnly today)
    {
        var items = new List<CoachingItem>();
        foreach (var a in agents)
        {
            foreach (var r in a.Reviews.Where(r => r.AutoFailed || r.Score < LowScore))
            {
                var missed = r.Missed.Count == 0 ? string.Empty : $" — missed: {string.Join(", ", r.Missed)}";
                items.Add(new CoachingItem(a.AgentId, CoachingItemKind.Coach, r.AutoFailed ? 1 : 2,
                    r.AutoFailed ? $"QA review failed on a must-have item{missed}" : string.Create(CultureInfo.InvariantCulture, $"QA score {r.Score:0} below {LowScore:0}{missed}"),
                    $"conversation {r.ConversationId}"));
            }

            if (a.AbuseIncidents >= AbuseForSupport)
            {
                items.Add(new CoachingItem(a.AgentId, CoachingItemKind.Support, 1,
                    $"{a.AbuseIncidents} abuse incidents in the last 14 days: a support conversation, not a performance one", "incidents"));
            }

            if (a.BurnoutScore is { } score && score >= BurnoutForCheckIn)
            {
                items.Add(new CoachingItem(a.AgentId, CoachingItemKind.Support, score >= 60 ? 1 : 2,
                    string.Create(CultureInfo.InvariantCulture, $"burnout risk {score:0}{(a.BurnoutFactor is null ? string.Empty : $", mostly {a.BurnoutFactor}")}: check in"), "wellbeing"));
            }

            foreach (var (text, due, session) in a.OpenActionItems.Where(i => i.Due < today))
            {
                items.Add(new CoachingItem(a.AgentId, CoachingItemKind.FollowUp, 2, $"action item \"{text}\" was due {due:yyyy-MM-dd}", $"session {session}"));
            }

            foreach (var (kind, text, conversation) in a.ConfirmedWow)
            {
                items.Add(new CoachingItem(a.AgentId, CoachingItemKind.Praise, 3, $"praise the {kind}: \"{text}\"", $"conversation {conversation}"));
            }
        }

        return items.OrderBy(i => i.Priority).ThenBy(i => i.Kind).ThenBy(i => i.AgentId, StringComparer.Ordinal).ToList();
    }
}
