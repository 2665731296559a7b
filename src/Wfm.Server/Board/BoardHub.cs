using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Wfm.Core.Conversations;
using Wfm.Core.Directory;
using Wfm.Grains.Abstractions;
using Wfm.Server.Security;

namespace Wfm.Server.Board;

/// <summary>
/// The supervisors' live channel. Server → client: "update" with a <see cref="BoardUpdate"/> (only what changed),
/// "incident" with an abuse incident raised or acted on. Client → server: <see cref="GetSnapshot"/> for the
/// whole board and <see cref="GetOpenIncidents"/> when a page opens; <see cref="WatchQueuesOnly"/> for a
/// wallboard that shows queues only (its updates then carry no agents).
/// Each connection sees what its user may: admins and API keys everything, a supervisor their teams' agents
/// and the queues those agents serve, an agent themself and their queues.
/// </summary>
public sealed class BoardHub(BoardCache cache, IGrainFactory grains, AccessScopes scopes, BoardAudience audience, AuditLog audit, HubSessions sessions) : Hub
{
    public const string UpdateMethod = "update";

    public const string IncidentMethod = "incident";

    /// <summary>Connections that receive every abuse incident as it is raised.</summary>
    public const string IncidentsGroup = "incidents";

    /// <summary>Connections that receive the incidents of one team's agents.</summary>
    public static string TeamIncidentsGroup(string teamId) => $"incidents-team:{teamId}";

    /// <summary>Connections of a user (by name) or of a role's holders, who receive the incidents escalated to them.</summary>
    public static string EscalatedGroup(string target) => $"incidents-to:{target.ToUpperInvariant()}";

    /// <summary>Connections that see the whole center and get whole updates.</summary>
    public const string FullGroup = "board-full";

    /// <summary>Connections that see the whole center and get the queues of each update only.</summary>
    public const string QueuesGroup = "board-queues";

    public static string TeamGroup(string teamId) => "team:" + teamId;

    public static string TeamQueuesGroup(string teamId) => "team-queues:" + teamId;

    public static string AgentGroup(string agentId) => "agent:" + agentId;

    private AccessScope Scope => (AccessScope)(Context.Items[nameof(AccessScope)] ??= scopes.For(Context.User!));

    public override async Task OnConnectedAsync()
    {
        sessions.Track(Context);
        await JoinAsync(queuesOnly: false);
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        sessions.Forget(Context.ConnectionId);
        audience.Leave(Context.ConnectionId);
        await base.OnDisconnectedAsync(exception);
    }

    public BoardUpdate GetSnapshot() => Visible(cache.Snapshot(), Scope);

    /// <summary>From now on this connection's updates carry queues only; returns the queues as they stand.</summary>
    public async Task<BoardUpdate> WatchQueuesOnly()
    {
        foreach (var group in audience.Leave(Context.ConnectionId))
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, group);
        }

        await JoinAsync(queuesOnly: true);
        return new BoardUpdate(Visible(cache.Snapshot(), Scope).Queues, []);
    }

    /// <summary>
    /// Whether this connection may read abuse incidents as <c>/api/incidents</c> does: a signed-in admin or supervisor. An
    /// API key (e.g. <c>board:read</c> for a wallboard) sees the board, never the incidents.
    /// </summary>
    private bool ReadsIncidents =>
        Context.User is { } user && !user.HasClaim(c => c.Type == WfmClaims.ApiKey) && Access.Supervisors.Any(user.IsInRole);

    public async Task<IReadOnlyList<AbuseIncident>> GetOpenIncidents()
    {
        var scope = Scope;
        if (scope.IsAgentOnly || !ReadsIncidents)
        {
            return [];
        }

        var open = await grains.GetGrain<IIncidentRegistryGrain>(0).ListAsync(true, null, 200);
        var visible = open.Where(i => Api.IncidentsApi.Sees(scope, Context.User!, i)).ToList();
        audit.Record(Context.User, "incidents.read", "/hubs/board GetOpenIncidents", 200, $"{visible.Count} incidents");
        return visible;
    }

    /// <summary>What of a board <paramref name="scope"/> may see.</summary>
    public static BoardUpdate Visible(BoardUpdate update, AccessScope scope) =>
        scope.All ? update : new BoardUpdate(update.Queues.Where(q => scope.CanSeeQueue(q.QueueId)).ToList(), update.Agents.Where(a => scope.CanSeeAgent(a.AgentId)).ToList());

    private async Task JoinAsync(bool queuesOnly)
    {
        var scope = Scope;
        var groups = new List<string>();
        if (scope.All)
        {
            groups.Add(queuesOnly ? QueuesGroup : FullGroup);
        }
        else
        {
            groups.AddRange(scope.Teams.Select(t => queuesOnly ? TeamQueuesGroup(t) : TeamGroup(t)));
            if (scope.AgentId is not null)
            {
                groups.Add(AgentGroup(scope.AgentId));
            }
        }

        foreach (var group in groups)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, group);
        }

        // Incidents go only to those who may read them: the whole center's, or their teams'.
        if (ReadsIncidents && !scope.IsAgentOnly)
        {
            foreach (var group in scope.All ? [IncidentsGroup] : scope.Teams.Select(TeamIncidentsGroup))
            {
                await Groups.AddToGroupAsync(Context.ConnectionId, group);
            }

            // And those escalated to them by name or to one of their roles, whichever team they are in.
            foreach (var target in WfmRoles.All.Where(Context.User!.IsInRole).Append(Context.User!.Identity?.Name).OfType<string>())
            {
                await Groups.AddToGroupAsync(Context.ConnectionId, EscalatedGroup(target));
            }
        }

        audience.Join(Context.ConnectionId, groups);
    }
}

/// <summary>Which team and agent groups have watchers, so the bridge cuts per-team updates only for those.</summary>
public sealed class BoardAudience(IContactCenterDirectory directory)
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _connections = new();
    private readonly ConcurrentDictionary<string, int> _watchers = new();
    private (IReadOnlyList<AgentProfile> Agents, Dictionary<string, HashSet<string>> Queues)? _teamQueues;

    public void Join(string connectionId, IReadOnlyList<string> groups)
    {
        _connections[connectionId] = groups;
        foreach (var g in groups)
        {
            _watchers.AddOrUpdate(g, 1, (_, n) => n + 1);
        }
    }

    public IReadOnlyList<string> Leave(string connectionId)
    {
        if (!_connections.TryRemove(connectionId, out var groups))
        {
            return [];
        }

        foreach (var g in groups)
        {
            _watchers.AddOrUpdate(g, 0, (_, n) => Math.Max(0, n - 1));
        }

        return groups;
    }

    /// <summary>Groups other than the two whole-center ones that someone watches.</summary>
    public IEnumerable<string> ScopedGroups() =>
        _watchers.Where(w => w.Value > 0 && w.Key is not BoardHub.FullGroup and not BoardHub.QueuesGroup).Select(w => w.Key);

    /// <summary>The queues a team's agents serve.</summary>
    public IReadOnlySet<string> QueuesOfTeam(string teamId)
    {
        var agents = directory.Agents;
        if (_teamQueues is not { } cached || !ReferenceEquals(cached.Agents, agents))
        {
            var map = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            foreach (var a in agents)
            {
                if (!map.TryGetValue(a.TeamId, out var set))
                {
                    map[a.TeamId] = set = new HashSet<string>(StringComparer.Ordinal);
                }

                set.UnionWith(a.Skills.Select(s => s.QueueId));
            }

            _teamQueues = cached = (agents, map);
        }

        return cached.Queues.TryGetValue(teamId, out var queues) ? queues : new HashSet<string>();
    }
}
