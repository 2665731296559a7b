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
public sealed record CoachingItem(string AgentId, CoachingItemKind Kind, int Priority, string Text, string Reference, string? ConversationId = null);

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
    string? BurnoutFactor = null,
    IReadOnlyList<AnalyzedConversation>? Conversations = null,
    IReadOnlyList<string>? KpiDrops = null);

/// <summary>
/// The trainer's queue: low or failed QA reviews to coach on, agents exposed to repeated abuse to support (not
/// to blame), wow moments to praise, action items past due to follow up, agents running hot to check on — and, from
/// the agents' own finished conversations read as they end: empathy that stays low, negative language, wow-moment
/// candidates to confirm, and abusive customers met.
/// </summary>
public static class CoachingQueue
{
    public const double LowScore = 80;
    public const int AbuseForSupport = 2;
    public const double BurnoutForCheckIn = 40;

    /// <summary>Mean empathy (share of rubric items found) below which an agent's conversations are worth coaching on…</summary>
    public const double LowEmpathy = 0.5;

    /// <summary>…once there are at least this many of them to go by.</summary>
    public const int EmpathyEvidence = 3;

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
                    $"conversation {r.ConversationId}", r.ConversationId));
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
                items.Add(new CoachingItem(a.AgentId, CoachingItemKind.Praise, 3, $"praise the {kind}: \"{text}\"", $"conversation {conversation}", conversation));
            }

            FromConversations(a, items);
            foreach (var drop in a.KpiDrops ?? [])
            {
                items.Add(new CoachingItem(a.AgentId, CoachingItemKind.Coach, 2, drop, "KPIs"));
            }
        }

        return items.OrderBy(i => i.Priority).ThenBy(i => i.Kind).ThenBy(i => i.AgentId, StringComparer.Ordinal).ToList();
    }

    /// <summary>What the agent's finished conversations say: each kind of signal once per agent, pointing at the conversation that shows it best.</summary>
    private static void FromConversations(AgentSignals a, List<CoachingItem> items)
    {
        var conversations = a.Conversations ?? [];
        var scored = conversations.Where(c => c.EmpathyScore is not null).ToList();
        if (scored.Count >= EmpathyEvidence && scored.Average(c => c.EmpathyScore!.Value) is var mean && mean < LowEmpathy)
        {
            var worst = scored.OrderBy(c => c.EmpathyScore).ThenByDescending(c => c.EndedAt).First();
            var missed = scored.SelectMany(c => c.MissedItems).GroupBy(m => m).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Take(2).Select(g => g.Key).ToList();
            items.Add(new CoachingItem(a.AgentId, CoachingItemKind.Coach, 2,
                string.Create(CultureInfo.InvariantCulture, $"low empathy: {mean:0%} of the rubric found over {scored.Count} conversations{(missed.Count == 0 ? string.Empty : $" — most missed: {string.Join(", ", missed)}")}"),
                $"conversation {worst.ConversationId}", worst.ConversationId));
        }

        var negative = conversations.Where(c => c.NegativePhrases > 0).OrderByDescending(c => c.NegativePhrases).ThenByDescending(c => c.EndedAt).ToList();
        if (negative.Count > 0)
        {
            items.Add(new CoachingItem(a.AgentId, CoachingItemKind.Coach, 2,
                $"negative language (blame, \"can't\", policy talk) in {negative.Count} of {conversations.Count} conversations",
                $"conversation {negative[0].ConversationId}", negative[0].ConversationId));
        }

        var wow = conversations.Where(c => c.WowMoments > 0).OrderByDescending(c => c.EndedAt).ToList();
        if (wow.Count > 0)
        {
            items.Add(new CoachingItem(a.AgentId, CoachingItemKind.Praise, 3,
                $"{wow.Count} possible wow moment{(wow.Count == 1 ? string.Empty : "s")} to look at and confirm",
                $"conversation {wow[0].ConversationId}", wow[0].ConversationId));
        }

        var abusive = conversations.Where(c => c.Abusive).OrderByDescending(c => c.EndedAt).ToList();
        if (abusive.Count > 0 && a.AbuseIncidents < AbuseForSupport)
        {
            items.Add(new CoachingItem(a.AgentId, CoachingItemKind.Support, 2,
                $"met an abusive customer in {abusive.Count} conversation{(abusive.Count == 1 ? string.Empty : "s")}: ask how they are",
                $"conversation {abusive[0].ConversationId}", abusive[0].ConversationId));
        }
    }
}

/// <summary>A KPI that dropped: the agent's last week against the three weeks before it.</summary>
public static class KpiDrops
{
    /// <summary>Handle time this much longer than before is a drop worth a conversation…</summary>
    public const double AhtRise = 1.25;

    /// <summary>…and a satisfied share this many points lower (each with enough contacts or surveys to go by).</summary>
    public const double CsatFall = 0.15;

    public const int MinHandled = 10;
    public const int MinSurveys = 5;

    public static IReadOnlyList<string> Find(Kpis.KpiValues recent, Kpis.KpiValues before)
    {
        var drops = new List<string>();
        if (recent.Handled >= MinHandled && before.Handled >= MinHandled && recent.AverageHandleSeconds is { } now && before.AverageHandleSeconds is { } then
            && then > 0 && now >= then * AhtRise)
        {
            drops.Add(string.Create(CultureInfo.InvariantCulture,
                $"handle time up {now / then - 1:0%} this week ({now / 60:0.0} min against {then / 60:0.0} in the three weeks before)"));
        }

        if (recent.Surveys >= MinSurveys && before.Surveys >= MinSurveys && recent.Csat is { } csat && before.Csat is { } earlier && csat <= earlier - CsatFall)
        {
            drops.Add(string.Create(CultureInfo.InvariantCulture, $"CSAT down to {csat:0%} this week from {earlier:0%} in the three weeks before"));
        }

        return drops;
    }
}
