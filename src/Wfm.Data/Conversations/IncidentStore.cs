using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Wfm.Core.Conversations;
using Wfm.Core.Ports;
using Wfm.Data.Entities;

namespace Wfm.Data.Conversations;

/// <summary>Abuse incidents, one row each (the incident as JSON beside the columns lists filter on), in the EF model.</summary>
public sealed class IncidentStore(IDbContextFactory<WfmDbContext> contexts) : IIncidentStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async Task<bool> AddAsync(AbuseIncident incident, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Incidents.AnyAsync(i => i.Id == incident.Id, cancellationToken))
        {
            return false;
        }

        db.Incidents.Add(Row(incident));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Added by someone else between the look and the insert: it is there once.
            if (await ExistsAsync(incident.Id, cancellationToken))
            {
                return false;
            }

            throw;
        }
    }

    private async Task<bool> ExistsAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Incidents.AnyAsync(i => i.Id == id, cancellationToken);
    }

    public async Task UpdateAsync(AbuseIncident incident, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = Row(incident);
        await db.Incidents.Where(i => i.Id == incident.Id).ExecuteUpdateAsync(
            s => s.SetProperty(i => i.AtTicks, row.AtTicks).SetProperty(i => i.Closed, row.Closed).SetProperty(i => i.Json, row.Json), cancellationToken);
    }

    public async Task<AbuseIncident?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var json = await db.Incidents.Where(i => i.Id == id).Select(i => i.Json).SingleOrDefaultAsync(cancellationToken);
        return json is null ? null : Parse(json);
    }

    public async Task<IReadOnlyList<AbuseIncident>> ListAsync(bool openOnly, DateTimeOffset? since, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Incidents.AsNoTracking();
        if (openOnly)
        {
            query = query.Where(i => !i.Closed);
        }

        if (since is { } s)
        {
            var ticks = s.UtcTicks;
            query = query.Where(i => i.AtTicks >= ticks);
        }

        var rows = await query.OrderByDescending(i => i.AtTicks).ThenBy(i => i.Id).Take(Math.Max(1, limit)).Select(i => i.Json).ToListAsync(cancellationToken);
        return rows.Select(Parse).ToList();
    }

    public async Task<IReadOnlyList<(string AgentId, DateTimeOffset At)>> AgentTimesAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ticks = since.UtcTicks;
        var rows = await db.Incidents.AsNoTracking().Where(i => i.AtTicks >= ticks).OrderBy(i => i.AtTicks).ThenBy(i => i.Id)
            .Select(i => new { i.AtTicks, i.Json }).ToListAsync(cancellationToken);

        // Only the agent is read from each stored JSON: no incident (evidence, message text) is built for a count.
        var result = new List<(string, DateTimeOffset)>(rows.Count);
        foreach (var row in rows)
        {
            if (AgentOf(row.Json) is { } agent)
            {
                result.Add((agent, new DateTimeOffset(row.AtTicks, TimeSpan.Zero)));
            }
        }

        return result;
    }

    private static string? AgentOf(string json)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
        var depth = 0;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    depth++;
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    depth--;
                    break;
                case JsonTokenType.PropertyName when depth == 1 && reader.ValueTextEquals("agentId"):
                    reader.Read();
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
        }

        return null;
    }

    private static IncidentEntity Row(AbuseIncident incident) => new()
    {
        Id = incident.Id,
        AtTicks = incident.At.UtcTicks,
        Closed = incident.Status == IncidentStatus.Closed,
        Json = JsonSerializer.Serialize(incident, Json),
    };

    private static AbuseIncident Parse(string json) => JsonSerializer.Deserialize<AbuseIncident>(json, Json)!;
}
