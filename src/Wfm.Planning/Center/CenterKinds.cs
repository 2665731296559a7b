using Wfm.Core.Directory;

namespace Wfm.Planning.Center;

/// <summary>
/// What the center service needs to know of each kind of entry: where the center keeps them, how one is tidied
/// (trimmed text, blanks as none) and checked against the center, and how a change of them is written.
/// </summary>
internal static class CenterKinds
{
    public sealed record Kind<T>(
        string Word,
        string Plural,
        Func<CenterData, IReadOnlyList<T>> List,
        Func<T, DateTimeOffset?, T> WithDeactivated,
        Func<T, T> Tidy,
        Action<List<PlanningError>, T, CenterData> Validate,
        Func<IReadOnlyList<T>, CenterChanges> Change)
        where T : class, ICenterEntry;

    public static readonly Kind<TeamProfile> Teams = new("team", "teams", c => c.Teams, (t, d) => t with { Deactivated = d },
        t => t with { Name = t.Name?.Trim() ?? "" },
        (errors, t, _) =>
        {
            CenterRules.Id(errors, "id", t.Id);
            CenterRules.Name(errors, "name", t.Name);
        },
        x => new CenterChanges(Teams: x));

    public static readonly Kind<QueueProfile> Queues = new("queue", "queues", c => c.Queues, (q, d) => q with { Deactivated = d }, TidyQueue,
        (errors, q, center) =>
        {
            CenterRules.Queue(errors, q);
            if (q.AcdId is not null && center.Queues.FirstOrDefault(o => o.AcdId == q.AcdId && o.Id != q.Id) is { } other)
            {
                errors.Add(new("acdId", $"'{q.AcdId}' is already the ACD id of queue '{other.Id}'"));
            }
        },
        x => new CenterChanges(Queues: x));

    public static readonly Kind<AgentProfile> Agents = new("agent", "agents", c => c.Agents, (a, d) => a with { Deactivated = d },
        a => a with
        {
            Name = a.Name?.Trim() ?? "",
            AcdId = Blank(a.AcdId),
            TimeZone = Blank(a.TimeZone),
            ContractId = Blank(a.ContractId),
            Skills = a.Skills ?? [],
        },
        (errors, a, center) =>
        {
            CenterRules.Agent(errors, a, center);
            if (a.AcdId is not null && center.Agents.FirstOrDefault(o => o.AcdId == a.AcdId && o.Id != a.Id) is { } other)
            {
                errors.Add(new("acdId", $"'{a.AcdId}' is already the ACD id of agent '{other.Id}'"));
            }
        },
        x => new CenterChanges(Agents: x));

    public static readonly Kind<ContractProfile> Contracts = new("contract", "contracts", c => c.Contracts, (x, d) => x with { Deactivated = d },
        x => x with { Name = x.Name?.Trim() ?? "" }, (errors, x, _) => CenterRules.Contract(errors, x), x => new CenterChanges(Contracts: x));

    public static readonly Kind<ShiftTemplateProfile> Templates = new("shift template", "shift-templates", c => c.Templates, (t, d) => t with { Deactivated = d },
        t => t with { Name = t.Name?.Trim() ?? "" },
        (errors, t, center) =>
        {
            CenterRules.Template(errors, t, center.Settings.IntervalMinutes);
            if (errors.Count > 0)
            {
                return;
            }

            // A shorter template may no longer hold the breaks of the rule sets that use it.
            var after = center.Templates.Where(o => o.Id != t.Id).Append(t).ToList();
            foreach (var r in center.RuleSets.Where(r => r.IsActive && r.TemplateIds.Contains(t.Id)))
            {
                var problems = new List<PlanningError>();
                CenterRules.RuleSet(problems, r, after, center.Settings.IntervalMinutes);
                errors.AddRange(problems.Select(p => new PlanningError("lengthsMinutes", $"rule set '{r.Id}' would break: {p.Field} {p.Detail}")));
            }
        },
        x => new CenterChanges(Templates: x));

    public static readonly Kind<RuleSetProfile> RuleSets = new("rule set", "rule-sets", c => c.RuleSets, (r, d) => r with { Deactivated = d },
        r => r with { Name = r.Name?.Trim() ?? "" },
        (errors, r, center) => CenterRules.RuleSet(errors, r, center.Templates, center.Settings.IntervalMinutes),
        x => new CenterChanges(RuleSets: x));

    /// <summary>Hours in their canonical text (so the same hours always read the same; always open is none), a blank ACD id as none.</summary>
    private static QueueProfile TidyQueue(QueueProfile queue)
    {
        var hours = OpeningHours.TryParse(queue.Hours, out var parsed, out _) ? (parsed.AlwaysOpen ? null : parsed.ToString()) : queue.Hours;
        return queue with { Name = queue.Name?.Trim() ?? "", Hours = hours, AcdId = Blank(queue.AcdId) };
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
