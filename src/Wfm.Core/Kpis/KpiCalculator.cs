using Wfm.Core.Directory;
using Wfm.Core.Time;

namespace Wfm.Core.Kpis;

/// <summary>A survey answer about a contact: CSAT 1–5, NPS 0–10, CES 1–7 (any may be missing).</summary>
public sealed record SurveyAnswer(int? Csat = null, int? Nps = null, int? Ces = null);

/// <summary>
/// One contact as the KPIs read it (docs/kpis.md): when it arrived, was answered, abandoned, ended and
/// resolved; the customer's messages and the agent's replies (for messaging channels); transfers; the survey.
/// </summary>
public sealed record ContactRecord(
    string ContactId,
    string QueueId,
    Channel Channel,
    string? AgentId,
    string? CustomerId,
    DateTimeOffset ArrivedAt,
    DateTimeOffset? AnsweredAt = null,
    DateTimeOffset? AbandonedAt = null,
    DateTimeOffset? EndedAt = null,
    DateTimeOffset? ResolvedAt = null,
    int Transfers = 0,
    IReadOnlyList<DateTimeOffset>? CustomerMessages = null,
    IReadOnlyList<DateTimeOffset>? AgentReplies = null,
    SurveyAnswer? Survey = null)
{
    public IReadOnlyList<DateTimeOffset> CustomerMessageTimes => CustomerMessages ?? [];

    public IReadOnlyList<DateTimeOffset> AgentReplyTimes => AgentReplies ?? [];

    /// <summary>Handled: answered (voice) or replied to (messaging).</summary>
    public bool Handled => AnsweredAt is not null || AgentReplyTimes.Count > 0;
}

/// <summary>The KPIs of one group over one period. Rates are shares (0–1); times are seconds; null where nothing could be measured.</summary>
public sealed record KpiValues(
    int Offered,
    int Handled,
    int TotalMessages,
    double? ResponseRate,
    double? FirstResponseSeconds,
    double? FirstResponseBusinessSeconds,
    double? ReplyWaitSeconds,
    double? ResolutionRate,
    double? ResolutionSeconds,
    double? FirstContactResolution,
    double? ResponsesPerInquiry,
    double? Abandonment,
    double? AverageHandleSeconds,
    int Transfers,
    double? Csat,
    double? Nps,
    double? Ces,
    int Surveys);

/// <summary>A group's KPIs in the period and the period before, for the change beside each figure.</summary>
public sealed record KpiComparison(string Group, string Key, KpiValues Current, KpiValues Previous);

/// <summary>Settings: which hours count for business-hours KPIs, and how soon a repeat contact undoes first-contact resolution.</summary>
public sealed record KpiOptions(BusinessHours? Hours = null, int RepeatWindowDays = 7);

/// <summary>The customer-service KPIs of docs/kpis.md, per agent, team, queue and channel, with the previous period beside them.</summary>
public static class KpiCalculator
{
    /// <summary>KPIs of the contacts that arrived in [from, to).</summary>
    public static KpiValues Compute(IEnumerable<ContactRecord> all, DateTimeOffset from, DateTimeOffset to, CenterClock clock, KpiOptions? options = null)
    {
        options ??= new KpiOptions();
        var hours = options.Hours ?? BusinessHours.Weekdays9To6;
        var everything = all as IReadOnlyList<ContactRecord> ?? all.ToList();
        var contacts = everything.Where(c => c.ArrivedAt >= from && c.ArrivedAt < to).ToList();
        var handled = contacts.Where(c => c.Handled).ToList();
        var messaging = contacts.Where(c => c.Channel != Channel.Voice).ToList();
        var handledMessaging = messaging.Where(c => c.Handled).ToList();

        // First response: from the first customer message (or the arrival) to the first agent reply (or the answer, for voice).
        var firstResponses = contacts
            .Select(c => (Start: c.CustomerMessageTimes.Count > 0 ? c.CustomerMessageTimes.Min() : c.ArrivedAt, Reply: c.AgentReplyTimes.Count > 0 ? c.AgentReplyTimes.Min() : c.AnsweredAt))
            .Where(p => p.Reply is not null && p.Reply >= p.Start)
            .ToList();

        // Reply wait: every customer message to the agent's next reply.
        var waits = messaging.SelectMany(c => c.CustomerMessageTimes
            .Select(m => (Message: m, Reply: c.AgentReplyTimes.Where(r => r >= m).Order().Cast<DateTimeOffset?>().FirstOrDefault()))
            .Where(p => p.Reply is not null)
            .Select(p => (p.Reply!.Value - p.Message).TotalSeconds)).ToList();

        var resolved = handled.Where(c => c.ResolvedAt is not null).ToList();
        var firstContact = resolved.Count(c => c.Transfers == 0 && !Repeated(c, everything, options.RepeatWindowDays));
        var aht = handled.Where(c => c.AnsweredAt is not null && c.EndedAt is not null && c.EndedAt > c.AnsweredAt).Select(c => (c.EndedAt!.Value - c.AnsweredAt!.Value).TotalSeconds).ToList();
        var csat = contacts.Where(c => c.Survey?.Csat is not null).Select(c => c.Survey!.Csat!.Value).ToList();
        var nps = contacts.Where(c => c.Survey?.Nps is not null).Select(c => c.Survey!.Nps!.Value).ToList();
        var ces = contacts.Where(c => c.Survey?.Ces is not null).Select(c => c.Survey!.Ces!.Value).ToList();

        return new KpiValues(
            contacts.Count,
            handled.Count,
            contacts.Sum(c => c.CustomerMessageTimes.Count + c.AgentReplyTimes.Count),
            Share(handled.Count, contacts.Count),
            Mean(firstResponses.Select(p => (p.Reply!.Value - p.Start).TotalSeconds)),
            Mean(firstResponses.Select(p => hours.Between(p.Start, p.Reply!.Value, clock).TotalSeconds)),
            Mean(waits),
            Share(resolved.Count, handled.Count),
            Mean(resolved.Select(c => (c.ResolvedAt!.Value - c.ArrivedAt).TotalSeconds)),
            Share(firstContact, resolved.Count),
            handledMessaging.Count == 0 ? null : Math.Round((double)handledMessaging.Sum(c => c.AgentReplyTimes.Count) / handledMessaging.Count, 4),
            Share(contacts.Count(c => c.AbandonedAt is not null), contacts.Count),
            Mean(aht),
            contacts.Sum(c => c.Transfers),
            Share(csat.Count(v => v >= 4), csat.Count),
            nps.Count == 0 ? null : Math.Round(100.0 * (nps.Count(v => v >= 9) - nps.Count(v => v <= 6)) / nps.Count, 2),
            Mean(ces.Select(v => (double)v)),
            contacts.Count(c => c.Survey is not null));
    }

    /// <summary>
    /// KPIs per group (agent, team, queue or channel) for [from, to) and the period of the same length before it.
    /// </summary>
    public static IReadOnlyList<KpiComparison> ByGroup(
        IEnumerable<ContactRecord> all, string group, Func<ContactRecord, string?> key, DateTimeOffset from, DateTimeOffset to, CenterClock clock, KpiOptions? options = null)
    {
        var contacts = all as IReadOnlyList<ContactRecord> ?? all.ToList();
        var previousFrom = from - (to - from);
        return contacts.Where(c => c.ArrivedAt >= previousFrom && c.ArrivedAt < to)
            .Select(key).Where(k => k is not null).Distinct().Order(StringComparer.Ordinal)
            .Select(k =>
            {
                var mine = contacts.Where(c => key(c) == k).ToList();
                return new KpiComparison(group, k!, Compute(mine, from, to, clock, options), Compute(mine, previousFrom, from, clock, options));
            }).ToList();
    }

    /// <summary>The same customer came back (any queue) within the window after this contact was resolved.</summary>
    private static bool Repeated(ContactRecord c, IReadOnlyList<ContactRecord> all, int days) =>
        c.CustomerId is not null && all.Any(o => o.CustomerId == c.CustomerId && o.ContactId != c.ContactId && o.ArrivedAt > c.ArrivedAt && o.ArrivedAt <= c.ResolvedAt!.Value.AddDays(days));

    private static double? Share(int part, int whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);

    private static double? Mean(IEnumerable<double> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? null : Math.Round(list.Average(), 2);
    }
}
