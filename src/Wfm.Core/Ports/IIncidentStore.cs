using Wfm.Core.Conversations;

namespace Wfm.Core.Ports;

/// <summary>Where abuse incidents are kept: one row each, so raising one writes one row however many there are.</summary>
public interface IIncidentStore
{
    /// <summary>Adds an incident; false (and nothing written) when its id is already stored.</summary>
    Task<bool> AddAsync(AbuseIncident incident, CancellationToken cancellationToken = default);

    /// <summary>Replaces a stored incident (after a supervisor's action).</summary>
    Task UpdateAsync(AbuseIncident incident, CancellationToken cancellationToken = default);

    Task<AbuseIncident?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Newest first; optionally only those not closed and only those since a time.</summary>
    Task<IReadOnlyList<AbuseIncident>> ListAsync(bool openOnly, DateTimeOffset? since, int limit, CancellationToken cancellationToken = default);

    /// <summary>When each incident since <paramref name="since"/> that names an agent happened, and to whom (all of them, open or closed; oldest first).</summary>
    Task<IReadOnlyList<(string AgentId, DateTimeOffset At)>> AgentTimesAsync(DateTimeOffset since, CancellationToken cancellationToken = default);
}

/// <summary>Incidents in memory (tests and tools; the server keeps them in SQLite).</summary>
public sealed class InMemoryIncidentStore : IIncidentStore
{
    private readonly Dictionary<string, AbuseIncident> _incidents = [];
    private readonly Lock _gate = new();

    public Task<bool> AddAsync(AbuseIncident incident, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_incidents.TryAdd(incident.Id, incident));
        }
    }

    public Task UpdateAsync(AbuseIncident incident, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _incidents[incident.Id] = incident;
        }

        return Task.CompletedTask;
    }

    public Task<AbuseIncident?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_incidents.GetValueOrDefault(id));
        }
    }

    public Task<IReadOnlyList<AbuseIncident>> ListAsync(bool openOnly, DateTimeOffset? since, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<AbuseIncident> list = _incidents.Values
                .Where(i => (!openOnly || i.Status != IncidentStatus.Closed) && (since is null || i.At >= since))
                .OrderByDescending(i => i.At)
                .Take(Math.Max(1, limit))
                .ToList();
            return Task.FromResult(list);
        }
    }

    public Task<IReadOnlyList<(string AgentId, DateTimeOffset At)>> AgentTimesAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<(string, DateTimeOffset)> list = _incidents.Values
                .Where(i => i.AgentId is not null && i.At >= since)
                .OrderBy(i => i.At)
                .Select(i => (i.AgentId!, i.At))
                .ToList();
            return Task.FromResult(list);
        }
    }
}
