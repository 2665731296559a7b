using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Wfm.Core.Directory;
using Wfm.Core.Queues;
using Wfm.Core.Time;
using Wfm.Data.Entities;

namespace Wfm.Data;

/// <summary>Loads and saves the directory (teams, queues, agents) and the center's settings.</summary>
public sealed class DirectoryStore(IDbContextFactory<WfmDbContext> contexts)
{
    public const string TimeZoneKey = "center.timeZone";
    public const string IntervalKey = "center.intervalMinutes";
    public const string DemoKey = "center.demo";

    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return !await db.Agents.AnyAsync(cancellationToken);
    }

    public async Task<string?> GetSettingAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return (await db.Settings.FindAsync([key], cancellationToken))?.Value;
    }

    /// <summary>Replaces the whole directory and the given settings in one transaction.</summary>
    public async Task SaveAsync(IEnumerable<TeamProfile> teams, IEnumerable<QueueProfile> queues, IEnumerable<AgentProfile> agents,
        IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Agents.ExecuteDeleteAsync(cancellationToken);
        await db.Queues.ExecuteDeleteAsync(cancellationToken);
        await db.Teams.ExecuteDeleteAsync(cancellationToken);
        db.Teams.AddRange(teams.Select(t => new TeamEntity { Id = t.Id, Name = t.Name }));
        db.Queues.AddRange(queues.Select(q => new QueueEntity
        {
            Id = q.Id, Name = q.Name, Channel = q.Channel.ToString(), TargetPercent = q.Target.Percent,
            TargetSeconds = q.Target.ThresholdSeconds, AbandonsCountAsMisses = q.Target.AbandonsCountAsMisses,
        }));
        db.Agents.AddRange(agents.Select(a => new AgentEntity
        {
            Id = a.Id, Name = a.Name, TeamId = a.TeamId, Locale = a.Locale,
            Skills = string.Join(',', a.Skills.Select(s => $"{s.QueueId}:{s.Proficiency}")),
        }));
        foreach (var (key, value) in settings)
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

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Reads the directory; the time zone and interval fall back to the given defaults when not stored.</summary>
    public (CenterClock Clock, List<TeamProfile> Teams, List<QueueProfile> Queues, List<AgentProfile> Agents) Load(string defaultTimeZone, int defaultInterval)
    {
        using var db = contexts.CreateDbContext();
        var settings = db.Settings.AsNoTracking().ToDictionary(s => s.Key, s => s.Value);
        var clock = CenterClock.For(
            settings.GetValueOrDefault(TimeZoneKey, defaultTimeZone),
            settings.TryGetValue(IntervalKey, out var interval) ? int.Parse(interval, CultureInfo.InvariantCulture) : defaultInterval);
        var teams = db.Teams.AsNoTracking().OrderBy(t => t.Id).Select(t => new TeamProfile(t.Id, t.Name)).ToList();
        var queues = db.Queues.AsNoTracking().OrderBy(q => q.Id).AsEnumerable()
            .Select(q => new QueueProfile(q.Id, q.Name, Enum.Parse<Channel>(q.Channel), new ServiceLevelTarget(q.TargetPercent, q.TargetSeconds, q.AbandonsCountAsMisses)))
            .ToList();
        var agents = db.Agents.AsNoTracking().OrderBy(a => a.Id).AsEnumerable()
            .Select(a => new AgentProfile(a.Id, a.Name, a.TeamId, ParseSkills(a.Skills), a.Locale))
            .ToList();
        return (clock, teams, queues, agents);
    }

    private static List<AgentSkill> ParseSkills(string skills) =>
        skills.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.Split(':'))
            .Select(p => new AgentSkill(p[0], int.Parse(p[1], CultureInfo.InvariantCulture)))
            .ToList();
}
