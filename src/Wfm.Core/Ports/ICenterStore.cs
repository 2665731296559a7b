using Wfm.Core.Directory;

namespace Wfm.Core.Ports;

/// <summary>Where the center's description is kept: settings, teams, queues, agents, contracts, shift templates, rule sets, own days.</summary>
public interface ICenterStore
{
    /// <summary>The stored center; settings not stored yet take <paramref name="defaults"/>.</summary>
    Task<CenterData> LoadAsync(CenterSettings defaults, CancellationToken cancellationToken = default);

    /// <summary>Whether the center has recorded any event (its clock can no longer change).</summary>
    Task<bool> HasEventsAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes the changes in one transaction: all of them or none.</summary>
    Task SaveAsync(CenterChanges changes, CancellationToken cancellationToken = default);
}
