using Wfm.Core.Directory;
using Wfm.Core.Ports;

namespace Wfm.Planning.Center;

/// <summary>
/// Setting up and keeping one's own center: settings, teams, queues, agents, contracts, shift templates, rule
/// sets and the center's own days. Every write is checked against the whole center first (errors name the field),
/// stored in one transaction, and then the live directory follows, so events for a new agent are taken at once and
/// a deactivated one's are refused. Nothing events refer to is ever deleted: entries are deactivated instead.
/// </summary>
public sealed class CenterService(ICenterStore store, InMemoryDirectory directory, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _writes = new(1, 1);

    public void Dispose() => _writes.Dispose();

    /// <summary>Raised after each stored change, once the live directory follows it (e.g. so the board shows a new queue at once).</summary>
    public event Action? Changed;

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
        SaveAsync(CenterKinds.Teams, team, create, cancellationToken);

    public Task<QueueProfile> SaveQueueAsync(QueueProfile queue, bool create, CancellationToken cancellationToken = default) =>
        SaveAsync(CenterKinds.Queues, queue, create, cancellationToken);

    public Task<AgentProfile> SaveAgentAsync(AgentProfile agent, bool create, CancellationToken cancellationToken = default) =>
        SaveAsync(CenterKinds.Agents, agent, create, cancellationToken);

    public Task<ContractProfile> SaveContractAsync(ContractProfile contract, bool create, CancellationToken cancellationToken = default) =>
        SaveAsync(CenterKinds.Contracts, contract, create, cancellationToken);

    public Task<ShiftTemplateProfile> SaveTemplateAsync(ShiftTemplateProfile template, bool create, CancellationToken cancellationToken = default) =>
        SaveAsync(CenterKinds.Templates, template, create, cancellationToken);

    public Task<RuleSetProfile> SaveRuleSetAsync(RuleSetProfile ruleSet, bool create, CancellationToken cancellationToken = default) =>
        SaveAsync(CenterKinds.RuleSets, ruleSet, create, cancellationToken);

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
    /// Deactivates an entry (it stays, since events, schedules and reports name it) or makes it active again (checked
    /// as a save is). Deactivating is refused while active entries still depend on it: a team's agents, a queue's
    /// skilled agents, a contract's agents, a template's rule sets.
    /// </summary>
    public Task SetActiveAsync(CenterKind kind, string id, bool active, CancellationToken cancellationToken = default) => kind switch
    {
        CenterKind.Team => SetActiveAsync(CenterKinds.Teams, id, active,
            c => c.Agents.Where(a => a.IsActive && a.TeamId == id).Select(a => a.Id), "active agents are in this team", cancellationToken),
        CenterKind.Queue => SetActiveAsync(CenterKinds.Queues, id, active,
            c => c.Agents.Where(a => a.IsActive && a.Skills.Any(s => s.QueueId == id)).Select(a => a.Id), "active agents serve this queue; remove it from their skills first", cancellationToken),
        CenterKind.Agent => SetActiveAsync(CenterKinds.Agents, id, active, _ => [], "", cancellationToken),
        CenterKind.Contract => SetActiveAsync(CenterKinds.Contracts, id, active,
            c => c.Agents.Where(a => a.IsActive && a.ContractId == id).Select(a => a.Id), "active agents are on this contract", cancellationToken),
        CenterKind.ShiftTemplate => SetActiveAsync(CenterKinds.Templates, id, active,
            c => c.RuleSets.Where(r => r.IsActive && r.TemplateIds.Contains(id)).Select(r => r.Id), "active rule sets use this template", cancellationToken),
        _ => SetActiveAsync(CenterKinds.RuleSets, id, active, _ => [], "", cancellationToken),
    };

    /// <summary>
    /// Adds or updates the agents of a CSV file (<see cref="CenterAgentsCsv"/>), all or nothing: every bad row is
    /// reported with its line and column, and then nothing is stored.
    /// </summary>
    public Task<AgentImportResult> ImportAgentsAsync(TextReader csv, string fileName, CancellationToken cancellationToken = default) =>
        WriteAsync(center =>
        {
            var (rows, errors) = CenterAgentsCsv.Read(csv, fileName);
            var existing = center.Agents.ToDictionary(a => a.Id, StringComparer.Ordinal);
            var lineOf = new Dictionary<string, int>(StringComparer.Ordinal);
            var acdOf = new Dictionary<string, int>(StringComparer.Ordinal);
            var changed = new List<AgentProfile>();
            var (created, updated, unchanged) = (0, 0, 0);
            foreach (var (line, parsed, active) in rows)
            {
                var before = existing.GetValueOrDefault(parsed.Id);
                // "active" in the file keeps the date an agent was deactivated on when they still are.
                var agent = CenterKinds.Agents.Tidy(parsed) with { Deactivated = active ? null : before?.Deactivated ?? time.GetUtcNow() };
                var problems = new List<PlanningError>();
                CenterKinds.Agents.Validate(problems, agent, center);
                if (!lineOf.TryAdd(agent.Id, line))
                {
                    problems.Add(new("id", $"'{agent.Id}' is also on line {lineOf[agent.Id]}"));
                }

                if (agent.AcdId is not null && !acdOf.TryAdd(agent.AcdId, line))
                {
                    problems.Add(new("acdId", $"'{agent.AcdId}' is also on line {acdOf[agent.AcdId]}"));
                }

                errors.AddRange(problems.Select(p => new PlanningError(CenterAgentsCsv.Locate(fileName, line, p.Field), p.Detail)));
                if (before is null)
                {
                    created++;
                    changed.Add(agent);
                }
                else if (Same(before, agent))
                {
                    unchanged++;
                }
                else
                {
                    updated++;
                    changed.Add(agent);
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
    public async Task<int> ImportTeamsAsync(TextReader csv, string fileName, CancellationToken cancellationToken = default) =>
        (await SaveAllAsync(CenterKinds.Teams, CenterCsv.ReadTeams(csv, fileName), null, cancellationToken)).Count;

    /// <summary>Adds or updates queues from a CSV (<see cref="CenterCsv.ReadQueues"/>), all or nothing.</summary>
    public async Task<int> ImportQueuesAsync(TextReader csv, string fileName, CancellationToken cancellationToken = default) =>
        (await SaveAllAsync(CenterKinds.Queues, CenterCsv.ReadQueues(csv, fileName), null, cancellationToken)).Count;

    /// <summary>Every agent (deactivated ones too) in the import's own layout, so an export edited and imported again round-trips.</summary>
    public async Task ExportAgentsAsync(TextWriter writer, CancellationToken cancellationToken = default) =>
        CenterAgentsCsv.Write(writer, (await GetAsync(cancellationToken)).Agents);

    /// <summary>
    /// Stores a whole new center (the demo seeder's way in), each kind in one write, checked entry by entry exactly as
    /// the forms and imports check them.
    /// </summary>
    public async Task SeedAsync(CenterData center, CancellationToken cancellationToken = default)
    {
        await UpdateSettingsAsync(center.Settings, cancellationToken);
        await SaveAllAsync(CenterKinds.Contracts, center.Contracts, true, cancellationToken);
        await SaveAllAsync(CenterKinds.Templates, center.Templates, true, cancellationToken);
        await SaveAllAsync(CenterKinds.RuleSets, center.RuleSets, true, cancellationToken);
        await SaveAllAsync(CenterKinds.Teams, center.Teams, true, cancellationToken);
        await SaveAllAsync(CenterKinds.Queues, center.Queues, true, cancellationToken);
        await SaveAllAsync(CenterKinds.Agents, center.Agents, true, cancellationToken);
        await SaveDaysAsync(center.Days, cancellationToken);
    }

    private async Task<T> SaveAsync<T>(CenterKinds.Kind<T> kind, T item, bool create, CancellationToken cancellationToken)
        where T : class, ICenterEntry =>
        (await SaveAllAsync(kind, [item], create, cancellationToken))[0];

    /// <summary>
    /// Creates (<paramref name="create"/> true), updates (false) or either (null) entries of one kind in one write;
    /// the errors of the n-th of several name it ("queues[n].name"). A save keeps whether the entry was deactivated.
    /// </summary>
    private Task<IReadOnlyList<T>> SaveAllAsync<T>(CenterKinds.Kind<T> kind, IReadOnlyList<T> items, bool? create, CancellationToken cancellationToken)
        where T : class, ICenterEntry =>
        WriteAsync(center =>
        {
            var byId = kind.List(center).ToDictionary(x => x.Id, StringComparer.Ordinal);
            var errors = new List<PlanningError>();
            var saved = new List<T>(items.Count);
            var ids = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < items.Count; i++)
            {
                var prefix = items.Count == 1 ? "" : $"{kind.Plural}[{i}].";
                var existing = byId.GetValueOrDefault(items[i].Id ?? "");
                if (create == true && existing is not null)
                {
                    errors.Add(new($"{prefix}id", $"'{items[i].Id}' already exists; update it instead"));
                    continue;
                }

                if (create == false && existing is null)
                {
                    throw new PlanningNotFoundException(kind.Word, items[i].Id);
                }

                if (items[i].Id is { } key && !ids.Add(key))
                {
                    errors.Add(new($"{prefix}id", $"'{key}' appears twice"));
                }

                var item = kind.WithDeactivated(kind.Tidy(items[i]), existing?.Deactivated);
                var problems = new List<PlanningError>();
                kind.Validate(problems, item, center);
                errors.AddRange(problems.Select(p => p with { Field = prefix + p.Field }));
                saved.Add(item);
            }

            Throw(errors);
            return Task.FromResult((kind.Change(saved), (IReadOnlyList<T>)saved));
        }, cancellationToken);

    private Task<bool> SetActiveAsync<T>(CenterKinds.Kind<T> kind, string id, bool active, Func<CenterData, IEnumerable<string>> dependents, string why,
        CancellationToken cancellationToken)
        where T : class, ICenterEntry =>
        WriteAsync(center =>
        {
            var found = kind.List(center).FirstOrDefault(x => x.Id == id) ?? throw new PlanningNotFoundException(kind.Word, id);
            var entry = kind.WithDeactivated(found, active ? null : found.Deactivated ?? time.GetUtcNow());
            var errors = new List<PlanningError>();
            if (active)
            {
                kind.Validate(errors, entry, center);
            }
            else if (dependents(center).ToList() is { Count: > 0 } blocking)
            {
                errors.Add(new("id", $"{blocking.Count} {why}: {CenterRules.List(blocking)}"));
            }

            Throw(errors);
            return Task.FromResult((kind.Change([entry]), true));
        }, cancellationToken);

    private async Task<T> WriteAsync<T>(Func<CenterData, Task<(CenterChanges Changes, T Result)>> write, CancellationToken cancellationToken)
    {
        await _writes.WaitAsync(cancellationToken);
        try
        {
            var (changes, result) = await write(await GetAsync(cancellationToken));
            await store.SaveAsync(changes, cancellationToken);
            directory.Replace(await GetAsync(cancellationToken));
            Changed?.Invoke();
            return result;
        }
        finally
        {
            _writes.Release();
        }
    }

    private static bool Same(AgentProfile a, AgentProfile b) =>
        a with { Skills = [] } == b with { Skills = [] } && a.Skills.SequenceEqual(b.Skills);

    private static void Throw(List<PlanningError> errors)
    {
        if (errors.Count > 0)
        {
            throw new PlanningException(errors);
        }
    }
}
