using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Wfm.Core.Directory;
using Wfm.Core.Ports;
using Wfm.Core.Queues;
using Wfm.Data.Entities;

namespace Wfm.Data.Center;

/// <summary>The center's description in the EF model: settings as key/value rows, one table per kind of entry.</summary>
public sealed class EfCenterStore(IDbContextFactory<WfmDbContext> contexts) : ICenterStore
{
    public const string NameKey = "center.name";
    public const string TimeZoneKey = "center.timeZone";
    public const string IntervalKey = "center.intervalMinutes";
    public const string HolidaysKey = "center.holidays";
    public const string DemoKey = "center.demo";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The center store of a database file on its own (the CLI's and tests' way in), made or brought up to date first.</summary>
    public static EfCenterStore Open(string path)
    {
        var database = new Storage.SqliteDatabase(path);
        WfmDataExtensions.EnsureSchema(database);
        return new EfCenterStore(new PooledDbContextFactory<WfmDbContext>(
            new DbContextOptionsBuilder<WfmDbContext>().UseSqlite(database.ConnectionString).Options));
    }

    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return !await db.Agents.AnyAsync(cancellationToken) && !await db.Queues.AnyAsync(cancellationToken);
    }

    public async Task<bool> IsDemoAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return (await db.Settings.FindAsync([DemoKey], cancellationToken))?.Value == "true";
    }

    public async Task<bool> HasEventsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Events.AnyAsync(cancellationToken);
    }

    public async Task<CenterData> LoadAsync(CenterSettings defaults, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var s = await db.Settings.AsNoTracking().ToDictionaryAsync(x => x.Key, x => x.Value, cancellationToken);
        var settings = new CenterSettings(
            s.GetValueOrDefault(NameKey, defaults.Name),
            s.GetValueOrDefault(TimeZoneKey, defaults.TimeZone),
            s.TryGetValue(IntervalKey, out var interval) ? int.Parse(interval, CultureInfo.InvariantCulture) : defaults.IntervalMinutes,
            s.GetValueOrDefault(HolidaysKey, defaults.Holidays),
            s.TryGetValue(DemoKey, out var demo) ? demo == "true" : defaults.Demo);
        var teams = (await db.Teams.AsNoTracking().ToListAsync(cancellationToken)).OrderBy(t => t.Id, StringComparer.Ordinal)
            .Select(t => new TeamProfile(t.Id, t.Name, t.Deactivated)).ToList();
        var queues = (await db.Queues.AsNoTracking().ToListAsync(cancellationToken)).OrderBy(q => q.Id, StringComparer.Ordinal)
            .Select(q => new QueueProfile(q.Id, q.Name, Enum.Parse<Channel>(q.Channel), new ServiceLevelTarget(q.TargetPercent, q.TargetSeconds, q.AbandonsCountAsMisses),
                q.Hours, q.AcdId, q.Deactivated)).ToList();
        var agents = (await db.Agents.AsNoTracking().ToListAsync(cancellationToken)).OrderBy(a => a.Id, StringComparer.Ordinal)
            .Select(a => new AgentProfile(a.Id, a.Name, a.TeamId, ParseSkills(a.Skills), a.Locale, a.ContractId, a.TimeZone, a.AcdId, a.HireDate, a.Deactivated)).ToList();
        var contracts = (await db.Contracts.AsNoTracking().ToListAsync(cancellationToken)).OrderBy(c => c.Id, StringComparer.Ordinal)
            .Select(c => new ContractProfile(c.Id, c.Name, c.MinHoursPerWeek, c.MaxHoursPerWeek, c.MaxDaysPerWeek, c.MaxConsecutiveDays, c.MinRestHours, c.NightShifts, c.Deactivated))
            .ToList();
        var templates = (await db.ShiftTemplates.AsNoTracking().ToListAsync(cancellationToken)).OrderBy(t => t.Id, StringComparer.Ordinal)
            .Select(t => new ShiftTemplateProfile(t.Id, t.Name, Ints(t.LengthsMinutes), TimeOnly.ParseExact(t.EarliestStart, "HH:mm", CultureInfo.InvariantCulture),
                TimeOnly.ParseExact(t.LatestStart, "HH:mm", CultureInfo.InvariantCulture), t.StartIncrementMinutes,
                t.Days is null ? null : t.Days.Split(',').Select(Enum.Parse<DayOfWeek>).ToList(), t.Deactivated)).ToList();
        var ruleSets = (await db.RuleSets.AsNoTracking().ToListAsync(cancellationToken)).OrderBy(r => r.Id, StringComparer.Ordinal)
            .Select(r => new RuleSetProfile(r.Id, r.Name, r.TemplateIds.Split(',', StringSplitOptions.RemoveEmptyEntries),
                JsonSerializer.Deserialize<List<BreakProfile>>(r.BreaksJson, Json) ?? [], r.MaxMinutesWithoutBreak, r.Deactivated)).ToList();
        var days = (await db.CenterDays.AsNoTracking().ToListAsync(cancellationToken)).OrderBy(d => d.Date).Select(d => new CenterDay(d.Date, d.Name, d.Closed)).ToList();
        return new CenterData(settings, teams, queues, agents, contracts, templates, ruleSets, days);
    }

    public async Task SaveAsync(CenterChanges changes, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (changes.Settings is { } s)
        {
            await SetAsync(db, NameKey, s.Name, cancellationToken);
            await SetAsync(db, TimeZoneKey, s.TimeZone, cancellationToken);
            await SetAsync(db, IntervalKey, s.IntervalMinutes.ToString(CultureInfo.InvariantCulture), cancellationToken);
            await SetAsync(db, HolidaysKey, s.Holidays, cancellationToken);
            await SetAsync(db, DemoKey, s.Demo ? "true" : "false", cancellationToken);
        }

        await UpsertAsync(db.Teams, changes.Teams, t => t.Id, t => new TeamEntity { Id = t.Id, Name = t.Name }, (e, t) =>
        {
            e.Name = t.Name;
            e.Deactivated = t.Deactivated;
        }, cancellationToken);
        await UpsertAsync(db.Queues, changes.Queues, q => q.Id, q => new QueueEntity { Id = q.Id, Name = q.Name, Channel = q.Channel.ToString() }, (e, q) =>
        {
            e.Name = q.Name;
            e.Channel = q.Channel.ToString();
            e.TargetPercent = q.Target.Percent;
            e.TargetSeconds = q.Target.ThresholdSeconds;
            e.AbandonsCountAsMisses = q.Target.AbandonsCountAsMisses;
            e.Hours = q.Hours;
            e.AcdId = q.AcdId;
            e.Deactivated = q.Deactivated;
        }, cancellationToken);
        await UpsertAsync(db.Agents, changes.Agents, a => a.Id, a => new AgentEntity { Id = a.Id, Name = a.Name, TeamId = a.TeamId, Skills = "", Locale = a.Locale }, (e, a) =>
        {
            e.Name = a.Name;
            e.TeamId = a.TeamId;
            e.Skills = string.Join(',', a.Skills.Select(k => string.Create(CultureInfo.InvariantCulture, $"{k.QueueId}:{k.Proficiency}")));
            e.Locale = a.Locale;
            e.ContractId = a.ContractId;
            e.TimeZone = a.TimeZone;
            e.AcdId = a.AcdId;
            e.HireDate = a.HireDate;
            e.Deactivated = a.Deactivated;
        }, cancellationToken);
        await UpsertAsync(db.Contracts, changes.Contracts, c => c.Id, c => new ContractEntity { Id = c.Id, Name = c.Name }, (e, c) =>
        {
            e.Name = c.Name;
            e.MinHoursPerWeek = c.MinHoursPerWeek;
            e.MaxHoursPerWeek = c.MaxHoursPerWeek;
            e.MaxDaysPerWeek = c.MaxDaysPerWeek;
            e.MaxConsecutiveDays = c.MaxConsecutiveDays;
            e.MinRestHours = c.MinRestHours;
            e.NightShifts = c.NightShifts;
            e.Deactivated = c.Deactivated;
        }, cancellationToken);
        await UpsertAsync(db.ShiftTemplates, changes.Templates, t => t.Id,
            t => new ShiftTemplateEntity { Id = t.Id, Name = t.Name, LengthsMinutes = "", EarliestStart = "", LatestStart = "" }, (e, t) =>
            {
                e.Name = t.Name;
                e.LengthsMinutes = string.Join(',', t.LengthsMinutes.Select(l => l.ToString(CultureInfo.InvariantCulture)));
                e.EarliestStart = t.EarliestStart.ToString("HH:mm", CultureInfo.InvariantCulture);
                e.LatestStart = t.LatestStart.ToString("HH:mm", CultureInfo.InvariantCulture);
                e.StartIncrementMinutes = t.StartIncrementMinutes;
                e.Days = t.Days is null ? null : string.Join(',', t.Days);
                e.Deactivated = t.Deactivated;
            }, cancellationToken);
        await UpsertAsync(db.RuleSets, changes.RuleSets, r => r.Id, r => new RuleSetEntity { Id = r.Id, Name = r.Name, TemplateIds = "", BreaksJson = "[]" }, (e, r) =>
        {
            e.Name = r.Name;
            e.TemplateIds = string.Join(',', r.TemplateIds);
            e.BreaksJson = JsonSerializer.Serialize(r.Breaks, Json);
            e.MaxMinutesWithoutBreak = r.MaxMinutesWithoutBreak;
            e.Deactivated = r.Deactivated;
        }, cancellationToken);
        if (changes.Days is { } days)
        {
            await db.CenterDays.ExecuteDeleteAsync(cancellationToken);
            db.CenterDays.AddRange(days.Select(d => new CenterDayEntity { Date = d.Date, Name = d.Name, Closed = d.Closed }));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task UpsertAsync<TEntity, TProfile>(DbSet<TEntity> set, IReadOnlyList<TProfile>? items, Func<TProfile, string> id,
        Func<TProfile, TEntity> create, Action<TEntity, TProfile> update, CancellationToken cancellationToken)
        where TEntity : class
    {
        // A bulk import looks each row up in one read of the table instead of one query per row.
        var loaded = items is { Count: > 20 }
            ? (await set.ToListAsync(cancellationToken)).ToDictionary(e => (string)set.Entry(e).Property("Id").CurrentValue!, StringComparer.Ordinal)
            : null;
        foreach (var item in items ?? [])
        {
            var entity = loaded is null ? await set.FindAsync([id(item)], cancellationToken) : loaded.GetValueOrDefault(id(item));
            if (entity is null)
            {
                entity = create(item);
                set.Add(entity);
            }

            update(entity, item);
        }
    }

    private static async Task SetAsync(WfmDbContext db, string key, string value, CancellationToken cancellationToken)
    {
        var existing = await db.Settings.FindAsync([key], cancellationToken);
        if (existing is null)
        {
            db.Settings.Add(new SettingEntity { Key = key, Value = value });
        }
        else
        {
            existing.Value = value;
        }
    }

    private static List<int> Ints(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToList();

    private static List<AgentSkill> ParseSkills(string skills) =>
        skills.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.Split(':'))
            .Select(p => new AgentSkill(p[0], int.Parse(p[1], CultureInfo.InvariantCulture)))
            .ToList();
}
