using Wfm.Core.Directory;
using Wfm.Core.Ports;

namespace Wfm.Planning.Center;

/// <summary>
/// Setting up and keeping one's own center: settings, teams, queues, agents, contracts, shift templates, rule
/// sets and the center's own days. Every write is checked against the whole center first (errors name the field),
/// stored in one transaction, and then the live directory follows, so events for a new agent are taken at once and
/// a deactivated one's are refused. Nothing events refer to is ever deleted: entries are deactivated instead.
/// </summary>
public sealed class CenterService(ICenterStore store, InMemoryDirectory directory, TimeProvider time)
{
    private readonly SemaphoreSlim _writes = new(1, 1);

    private CenterSettings Defaults => new("Contact center", directory.Clock.Zone.Id, directory.Clock.IntervalMinutes);

    public Task<CenterData> GetAsync(CancellationToken cancellationToken = default) => store.LoadAsync(Defaults, cancellationToken);

    /// <summary>The live directory reads the store again (after a write that went around this service, such as an erasure).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default) => directory.Replace(await GetAsync(cancellationToken));

    /// <summary>Changes the center's settings; the time zone and interval length only while no event has been recorded.</summary>
    public Task<CenterSettings> UpdateSettingsAsync(CenterSettings settings, CancellationToken cancellationToken = default) =>
        WriteAsync(async center =>
        {
            var errors = new List<PlanningError>();
            CenterRules.Settings(errors, settings);
            Throw(errors);
            var clockChanges = settings.TimeZone != center.Settings.TimeZone || settings.IntervalMinutes != center.Settings.IntervalMinutes;
            if (clockChanges && await store.HasEventsAsync(cancellationToken))
            {
                throw new PlanningException(settings.TimeZone != center.Settings.TimeZone ? "timeZone" : "intervalMinutes",
                    "cannot change once the center has recorded events: today's intervals and every stored day are counted on the current clock");
            }

            foreach (var t in center.Templates.Where(t => t.IsActive))
            {
                var problems = new List<PlanningError>();
                CenterRules.Template(problems, t, settings.IntervalMinutes);
                errors.AddRange(problems.Select(p => new PlanningError("intervalMinutes", $"shift template '{t.Id}' would not fit: {p.Field} {p.Detail}")));
            }

            Throw(errors);
            return (new CenterChanges(Settings: settings), settings);
        }, cancellationToken);

    public Task<TeamProfile> SaveTeamAsync(TeamProfile team, bool create, CancellationToken cancellationToken = default) =>
        SaveAsync(CenterKind.Team, team, create, c => c.Teams, t => t.Id, (t, d) => t with { Deactivated = d },
            (errors, t, _) => TeamRules(errors, t), t => new CenterChanges(Teams: [t]), cancellationToken);

    public Task<QueueProfile> SaveQueueAsync(QueueProfile queue, bool create, CancellationToken cancellationToken = default) =>
        SaveAsync(CenterKind.Queue, TidyQueue(queue), create, c => c.Queues, q => q.Id, (q, d) => q with { Deactivated = d },
            QueueRules, q => new CenterChanges(Queues: [q]), cancellationToken);

    public Task<AgentProfile> SaveAgentAsync(AgentProfile agent, bool create, CancellationToken cancellationToken = default) =>
        SaveAsync(CenterKind.Agent, Tidy(agent), create, c => c.Agents, a => a.Id, (a, d) => a with { Deactivated = d },
            (errors, a, center) =>
            {
                CenterRules.Agent(errors, a, center);
                if (a.AcdId is not null && center.Agents.FirstOrDefault(o => o.AcdId == a.AcdId && o.Id != a.Id) is { } other)
                {
                    errors.Add(new("acdId", $"'{a.AcdId}' is already the ACD id of agent '{other.Id}'"));
                }
            },
            a => new CenterChanges(Agents: [a]), cancellationToken);

    public Task<ContractProfile> SaveContractAsync(ContractProfile contract, bool create, CancellationToken cancellationToken = default) =>
        SaveAsync(CenterKind.Contract, contract, create, c => c.Contracts, c => c.Id, (c, d) => c with { Deactivated = d },
            (errors, c, _) => CenterRules.Contract(errors, c), c => new CenterChanges(Contracts: [c]), cancellationToken);

    public Task<ShiftTemplateProfile> SaveTemplateAsync(ShiftTemplateProfile template, bool create, CancellationToken cancellationToken = default) =>
        SaveAsync(CenterKind.ShiftTemplate, template, create, c => c.Templates, t => t.Id, (t, d) => t with { Deactivated = d },
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
            t => new CenterChanges(Templates: [t]), cancellationToken);

    public Task<RuleSetProfile> SaveRuleSetAsync(RuleSetProfile ruleSet, bool create, CancellationToken cancellationToken = default) =>
        SaveAsync(CenterKind.RuleSet, ruleSet, create, c => c.RuleSets, r => r.Id, (r, d) => r with { Deactivated = d },
            (errors, r, center) => CenterRules.RuleSet(errors, r, center.Templates, center.Settings.IntervalMinutes),
            r => new CenterChanges(RuleSets: [r]), cancellationToken);

    /// <summary>Replaces the center's own days (holidays, campaigns, outages).</summary>
    public Task<IReadOnlyList<CenterDay>> SaveDaysAsync(IReadOnlyList<CenterDay> days, CancellationToken cancellationToken = default) =>
        WriteAsync(_ =>
        {
            var errors = new List<PlanningError>();
            var seen = new HashSet<DateOnly>();
            for (var i = 0; i < days.Count; i++)
            {
                CenterRules.Name(errors, $"days[{i}].name", days[i].Name);
                if (!seen.Add(days[i].Date))
                {
                    errors.Add(new($"days[{i}].date", $"{days[i].Date:yyyy-MM-dd} appears twice"));
                }
            }

            Throw(errors);
            IReadOnlyList<CenterDay> sorted = [.. days.OrderBy(d => d.Date)];
            return Task.FromResult((new CenterChanges(Days: sorted), sorted));
        }, cancellationToken);

    /// <summary>
    /// Deactivates an entry (it stays, since events, schedules and reports name it) or makes it active again.
    /// Refused while active entries still depend on it: a team's agents, a queue's skilled agents, a contract's
    /// agents, a template's rule sets.
    /// </summary>
    public Task SetActiveAsync(CenterKind kind, string id, bool active, CancellationToken cancellationToken = default) =>
        WriteAsync(center =>
        {
            var when = active ? (DateTimeOffset?)null : time.GetUtcNow();
            var errors = new List<PlanningError>();
            CenterChanges change;
            switch (kind)
            {
                case CenterKind.Team:
                    var team = Find(center.Teams, id, t => t.Id, kind);
                    Blockers(errors, active, center.Agents.Where(a => a.IsActive && a.TeamId == id).Select(a => a.Id), "active agents are in this team");
                    change = new CenterChanges(Teams: [team with { Deactivated = when }]);
                    break;
                case CenterKind.Queue:
                    var queue = Find(center.Queues, id, q => q.Id, kind);
                    Blockers(errors, active, center.Agents.Where(a => a.IsActive && a.Skills.Any(s => s.QueueId == id)).Select(a => a.Id), "active agents serve this queue; remove it from their skills first");
                    change = new CenterChanges(Queues: [queue with { Deactivated = when }]);
                    break;
                case CenterKind.Agent:
                    var agent = Find(center.Agents, id, a => a.Id, kind) with { Deactivated = when };
                    if (active)
                    {
                        CenterRules.Agent(errors, agent, center);
                    }

                    change = new CenterChanges(Agents: [agent]);
                    break;
                case CenterKind.Contract:
                    var contract = Find(center.Contracts, id, c => c.Id, kind);
                    Blockers(errors, active, center.Agents.Where(a => a.IsActive && a.ContractId == id).Select(a => a.Id), "active agents are on this contract");
                    change = new CenterChanges(Contracts: [contract with { Deactivated = when }]);
                    break;
                case CenterKind.ShiftTemplate:
                    var template = Find(center.Templates, id, t => t.Id, kind);
                    Blockers(errors, active, center.RuleSets.Where(r => r.IsActive && r.TemplateIds.Contains(id)).Select(r => r.Id), "active rule sets use this template");
                    change = new CenterChanges(Templates: [template with { Deactivated = when }]);
                    break;
                default:
                    var ruleSet = Find(center.RuleSets, id, r => r.Id, kind) with { Deactivated = when };
                    if (active)
                    {
                        CenterRules.RuleSet(errors, ruleSet, center.Templates, center.Settings.IntervalMinutes);
                    }

                    change = new CenterChanges(RuleSets: [ruleSet]);
                    break;
            }

            Throw(errors);
            return Task.FromResult((change, true));
        }, cancellationToken);

    /// <summary>
    /// Adds or updates the agents of a CSV file (<see cref="CenterAgentsCsv"/>), all or nothing: every bad row is
    /// reported with its line and column, and then nothing is stored.
    /// </summary>
    public Task<AgentImportResult> ImportAgentsAsync(TextReader csv, string fileName, CancellationToken cancellationToken = default) =>
        WriteAsync(center =>
        {
            var (rows, errors) = CenterAgentsCsv.Read(csv, fileName);
            var existing = center.Agents.ToDictionary(a => a.Id, StringComparer.Ordinal);
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            var acd = center.Agents.Where(a => a.AcdId is not null).ToDictionary(a => a.AcdId!, a => a.Id, StringComparer.Ordinal);
            var changed = new List<AgentProfile>();
            var (created, updated, unchanged) = (0, 0, 0);
            foreach (var (line, parsed) in rows)
            {
                var agent = Tidy(parsed);
                var problems = new List<PlanningError>();
                CenterRules.Agent(problems, agent, center);
                if (seen.TryGetValue(agent.Id, out var first))
                {
                    problems.Add(new("id", $"'{agent.Id}' is also on line {first}"));
                }

                seen.TryAdd(agent.Id, line);
                if (agent.AcdId is not null && acd.TryGetValue(agent.AcdId, out var holder) && holder != agent.Id)
                {
                    problems.Add(new("acdId", $"'{agent.AcdId}' is already the ACD id of agent '{holder}'"));
                }
                else if (agent.AcdId is not null)
                {
                    acd[agent.AcdId] = agent.Id;
                }

                errors.AddRange(problems.Select(p => new PlanningError(CenterAgentsCsv.Locate(fileName, line, p.Field), p.Detail)));
                if (!existing.TryGetValue(agent.Id, out var before))
                {
                    created++;
                    changed.Add(agent with { Deactivated = agent.Deactivated is null ? null : time.GetUtcNow() });
                }
                else
                {
                    // "active" in the file keeps the date an agent was deactivated on when they still are.
                    var after = agent with { Deactivated = agent.Deactivated is null ? null : before.Deactivated ?? time.GetUtcNow() };
                    if (Same(before, after))
                    {
                        unchanged++;
                    }
                    else
                    {
                        updated++;
                        changed.Add(after);
                    }
                }
            }

            if (rows.Count == 0 && errors.Count == 0)
            {
                errors.Add(new($"{fileName} line 2", "no agents: expected one row per agent under the header"));
            }

            Throw(errors);
            return Task.FromResult((new CenterChanges(Agents: changed), new AgentImportResult(created, updated, unchanged)));
        }, cancellationToken);

    /// <summary>Adds or updates teams from a CSV (<c>id, name</c>), all or nothing.</summary>
    public async Task<int> ImportTeamsAsync(TextReader csv, string fileName, CancellationToken cancellationToken = default)
    {
        var teams = CenterCsv.ReadTeams(csv, fileName);
        return (await SaveAllAsync(CenterKind.Team, teams, null, c => c.Teams, t => t.Id, (t, d) => t with { Deactivated = d },
            (errors, t, _) => TeamRules(errors, t), t => new CenterChanges(Teams: t), cancellationToken)).Count;
    }

    /// <summary>Adds or updates queues from a CSV (<see cref="CenterCsv.ReadQueues"/>), all or nothing.</summary>
    public async Task<int> ImportQueuesAsync(TextReader csv, string fileName, CancellationToken cancellationToken = default)
    {
        var queues = CenterCsv.ReadQueues(csv, fileName).Select(TidyQueue).ToList();
        return (await SaveAllAsync(CenterKind.Queue, queues, null, c => c.Queues, q => q.Id, (q, d) => q with { Deactivated = d },
            QueueRules, q => new CenterChanges(Queues: q), cancellationToken)).Count;
    }

    /// <summary>Every agent (deactivated ones too) in the import's own layout, so an export edited and imported again round-trips.</summary>
    public async Task ExportAgentsAsync(TextWriter writer, CancellationToken cancellationToken = default) =>
        CenterAgentsCsv.Write(writer, (await GetAsync(cancellationToken)).Agents);

    /// <summary>
    /// Stores a whole center at once (the demo seeder's way in), checked entry by entry exactly as the forms and the
    /// import check them.
    /// </summary>
    public async Task SeedAsync(CenterData center, CancellationToken cancellationToken = default)
    {
        await UpdateSettingsAsync(center.Settings, cancellationToken);
        await SaveAllAsync(CenterKind.Contract, center.Contracts, true, c => c.Contracts, c => c.Id, (c, d) => c with { Deactivated = d },
            (errors, c, _) => CenterRules.Contract(errors, c), c => new CenterChanges(Contracts: c), cancellationToken);
        foreach (var t in center.Templates)
        {
            await SaveTemplateAsync(t, create: true, cancellationToken);
        }

        foreach (var r in center.RuleSets)
        {
            await SaveRuleSetAsync(r, create: true, cancellationToken);
        }

        await SaveAllAsync(CenterKind.Team, center.Teams, true, c => c.Teams, t => t.Id, (t, d) => t with { Deactivated = d },
            (errors, t, _) => TeamRules(errors, t), t => new CenterChanges(Teams: t), cancellationToken);
        await SaveAllAsync(CenterKind.Queue, [.. center.Queues.Select(TidyQueue)], true, c => c.Queues, q => q.Id, (q, d) => q with { Deactivated = d },
            QueueRules, q => new CenterChanges(Queues: q), cancellationToken);
        var agents = new StringWriter();
        CenterAgentsCsv.Write(agents, center.Agents);
        await ImportAgentsAsync(new StringReader(agents.ToString()), "agents.csv", cancellationToken);
        await SaveDaysAsync(center.Days, cancellationToken);
    }

    private async Task<T> SaveAsync<T>(CenterKind kind, T item, bool create, Func<CenterData, IReadOnlyList<T>> list, Func<T, string> id,
        Func<T, DateTimeOffset?, T> withDeactivated, Action<List<PlanningError>, T, CenterData> validate, Func<T, CenterChanges> change,
        CancellationToken cancellationToken)
        where T : class =>
        (await SaveAllAsync(kind, [item], create, list, id, withDeactivated, validate, items => change(items[0]), cancellationToken))[0];

    /// <summary>Creates or updates entries of one kind in one write; errors of the n-th name it ("queues[n].name") when there are several.</summary>
    private Task<IReadOnlyList<T>> SaveAllAsync<T>(CenterKind kind, IReadOnlyList<T> items, bool? create, Func<CenterData, IReadOnlyList<T>> list, Func<T, string> id,
        Func<T, DateTimeOffset?, T> withDeactivated, Action<List<PlanningError>, T, CenterData> validate, Func<IReadOnlyList<T>, CenterChanges> change,
        CancellationToken cancellationToken)
        where T : class =>
        WriteAsync(center =>
        {
            var byId = list(center).ToDictionary(id, StringComparer.Ordinal);
            var errors = new List<PlanningError>();
            var saved = new List<T>(items.Count);
            var ids = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < items.Count; i++)
            {
                var prefix = items.Count == 1 ? "" : $"{Word(kind).Replace(' ', '-')}s[{i}].";
                var existing = byId.GetValueOrDefault(id(items[i]) ?? "");
                if (create == true && existing is not null)
                {
                    errors.Add(new($"{prefix}id", $"'{id(items[i])}' already exists; update it instead"));
                    continue;
                }

                if (create == false && existing is null)
                {
                    throw new PlanningNotFoundException(Word(kind), id(items[i]));
                }

                if (id(items[i]) is { } key && !ids.Add(key))
                {
                    errors.Add(new($"{prefix}id", $"'{key}' appears twice"));
                }

                // Deactivation has its own call: a save keeps whatever the entry was.
                var item = withDeactivated(items[i], existing is null ? null : Deactivated(existing));
                var problems = new List<PlanningError>();
                validate(problems, item, center);
                errors.AddRange(problems.Select(p => p with { Field = prefix + p.Field }));
                saved.Add(item);
            }

            Throw(errors);
            return Task.FromResult((change(saved), (IReadOnlyList<T>)saved));
        }, cancellationToken);

    private async Task<T> WriteAsync<T>(Func<CenterData, Task<(CenterChanges Changes, T Result)>> write, CancellationToken cancellationToken)
    {
        await _writes.WaitAsync(cancellationToken);
        try
        {
            var center = await GetAsync(cancellationToken);
            var (changes, result) = await write(center);
            await store.SaveAsync(changes, cancellationToken);
            directory.Replace(await GetAsync(cancellationToken));
            return result;
        }
        finally
        {
            _writes.Release();
        }
    }

    private static void TeamRules(List<PlanningError> errors, TeamProfile team)
    {
        CenterRules.Id(errors, "id", team.Id);
        CenterRules.Name(errors, "name", team.Name);
    }

    private static void QueueRules(List<PlanningError> errors, QueueProfile queue, CenterData center)
    {
        CenterRules.Queue(errors, queue);
        if (queue.AcdId is not null && center.Queues.FirstOrDefault(o => o.AcdId == queue.AcdId && o.Id != queue.Id) is { } other)
        {
            errors.Add(new("acdId", $"'{queue.AcdId}' is already the ACD id of queue '{other.Id}'"));
        }
    }

    /// <summary>Hours in their canonical text (so the same hours always read the same; always open is none), a blank ACD id as none.</summary>
    private static QueueProfile TidyQueue(QueueProfile queue)
    {
        var hours = OpeningHours.TryParse(queue.Hours, out var parsed, out _) ? (parsed.AlwaysOpen ? null : parsed.ToString()) : queue.Hours;
        return queue with { Name = queue.Name?.Trim() ?? "", Hours = hours, AcdId = Blank(queue.AcdId) };
    }

    private static DateTimeOffset? Deactivated(object entry) => entry switch
    {
        TeamProfile t => t.Deactivated,
        QueueProfile q => q.Deactivated,
        AgentProfile a => a.Deactivated,
        ContractProfile c => c.Deactivated,
        ShiftTemplateProfile t => t.Deactivated,
        RuleSetProfile r => r.Deactivated,
        _ => null,
    };

    private static T Find<T>(IReadOnlyList<T> list, string id, Func<T, string> key, CenterKind kind) =>
        list.FirstOrDefault(x => key(x) == id) ?? throw new PlanningNotFoundException(Word(kind), id);

    private static void Blockers(List<PlanningError> errors, bool activating, IEnumerable<string> ids, string why)
    {
        var list = ids.ToList();
        if (!activating && list.Count > 0)
        {
            errors.Add(new("id", $"{list.Count} {why}: {CenterRules.List(list)}"));
        }
    }

    private static bool Same(AgentProfile a, AgentProfile b) =>
        a with { Skills = [] } == b with { Skills = [] } && a.Skills.SequenceEqual(b.Skills);

    private static AgentProfile Tidy(AgentProfile a) => a with
    {
        Name = a.Name?.Trim() ?? "",
        AcdId = Blank(a.AcdId),
        TimeZone = Blank(a.TimeZone),
        ContractId = Blank(a.ContractId),
        Skills = a.Skills ?? [],
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static void Throw(List<PlanningError> errors)
    {
        if (errors.Count > 0)
        {
            throw new PlanningException(errors);
        }
    }

    private static string Word(CenterKind kind) => kind switch
    {
        CenterKind.ShiftTemplate => "shift template",
        CenterKind.RuleSet => "rule set",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
