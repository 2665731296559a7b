using System.Collections;
using System.Security.Claims;
using Wfm.Core.Directory;

namespace Wfm.Server.Security;

/// <summary>
/// Who may call an endpoint: users holding any of <see cref="Roles"/>, or API keys holding any of <see cref="Scopes"/>.
/// Every endpoint carries exactly one (or is explicitly anonymous); a test fails the build otherwise.
/// </summary>
public sealed record WfmAccessMetadata(IReadOnlyList<string> Roles, IReadOnlyList<string> Scopes)
{
    public bool Allows(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
        && (Roles.Any(user.IsInRole) || Scopes.Any(s => user.HasClaim(WfmClaims.Scope, s)));
}

/// <summary>The role sets the endpoints use.</summary>
public static class Access
{
    public static readonly string[] Admins = [WfmRoles.Admin];
    public static readonly string[] Planners = [WfmRoles.Admin, WfmRoles.Planner];
    public static readonly string[] Supervisors = [WfmRoles.Admin, WfmRoles.Supervisor];
    public static readonly string[] Trainers = [WfmRoles.Admin, WfmRoles.Trainer];

    /// <summary>Who manages the day: planners and supervisors.</summary>
    public static readonly string[] Intraday = [WfmRoles.Admin, WfmRoles.Planner, WfmRoles.Supervisor];
    public static readonly string[] Leads = [WfmRoles.Admin, WfmRoles.Supervisor, WfmRoles.Trainer];
    public static readonly string[] AnyStaff = [WfmRoles.Admin, WfmRoles.Planner, WfmRoles.Supervisor, WfmRoles.Trainer];
    public static readonly string[] Everyone = [.. WfmRoles.All];

    /// <summary>Requires a signed-in user with one of <paramref name="roles"/> or an API key with one of <paramref name="scopes"/>.</summary>
    public static TBuilder RequireAccess<TBuilder>(this TBuilder builder, string[] roles, params string[] scopes)
        where TBuilder : IEndpointConventionBuilder
    {
        var access = new WfmAccessMetadata(roles, scopes);
        builder.WithMetadata(access);
        builder.RequireAuthorization(policy => policy.RequireAssertion(context => access.Allows(context.User)));
        return builder;
    }

    /// <summary>
    /// Refuses (403) a request whose agent id — the route value or query parameter <paramref name="name"/> —
    /// is not one the caller may see: their own, one of their teams', or anyone's for admins and planners.
    /// </summary>
    public static TBuilder ForAgent<TBuilder>(this TBuilder builder, string name = "agentId")
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var agentId = http.Request.RouteValues.TryGetValue(name, out var route) ? route?.ToString() : http.Request.Query[name].ToString();
            var scope = http.RequestServices.GetRequiredService<AccessScopes>().For(http.User);
            if (string.IsNullOrEmpty(agentId))
            {
                // A list without an agent: narrowed to what the caller sees by the handler; an agent must name themself.
                return scope.IsAgentOnly
                    ? Results.Problem(statusCode: 403, title: "Forbidden", detail: $"{name}: an agent may only ask for their own data ({name}={scope.AgentId})")
                    : await next(context);
            }

            return scope.CanSeeAgent(agentId)
                ? await next(context)
                : Results.Problem(statusCode: 403, title: "Forbidden", detail: $"{name} '{agentId}' is not you or in one of your teams");
        });
}

/// <summary>Checks the agent named in a request body.</summary>
public static class BodyAccess
{
    /// <summary>
    /// Refuses (403) a write whose body names an agent (an AgentId property, or the messages' agent ids) the caller
    /// may not act on: a trainer or supervisor outside their teams, an agent other than themself.
    /// </summary>
    public static TBuilder ForBodyAgent<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var scope = http.RequestServices.GetRequiredService<AccessScopes>().For(http.User);
            foreach (var argument in context.Arguments)
            {
                foreach (var agentId in AgentsIn(argument))
                {
                    if (!scope.CanSeeAgent(agentId))
                    {
                        return Results.Problem(statusCode: 403, title: "Forbidden", detail: $"agentId '{agentId}' is not you or in one of your teams");
                    }
                }
            }

            return await next(context);
        });

    private static IEnumerable<string> AgentsIn(object? argument)
    {
        if (argument is null or string || argument.GetType().IsPrimitive)
        {
            yield break;
        }

        var type = argument.GetType();
        if (type.GetProperty("AgentId")?.GetValue(argument) is string id && id.Length > 0)
        {
            yield return id;
        }

        if (type.GetProperty("Messages")?.GetValue(argument) is IEnumerable messages)
        {
            foreach (var m in messages)
            {
                if (m?.GetType().GetProperty("AgentId")?.GetValue(m) is string agent && agent.Length > 0)
                {
                    yield return agent;
                }
            }
        }
    }
}

/// <summary>What one caller may see of the center's people and queues.</summary>
public sealed class AccessScope
{
    private readonly IContactCenterDirectory _directory;
    private HashSet<string>? _queues;

    public AccessScope(bool all, IReadOnlySet<string> teams, string? agentId, IContactCenterDirectory directory)
    {
        All = all;
        Teams = teams;
        AgentId = agentId;
        _directory = directory;
    }

    /// <summary>Admins, planners and API keys see the whole center.</summary>
    public bool All { get; }

    /// <summary>Teams supervised or coached.</summary>
    public IReadOnlySet<string> Teams { get; }

    /// <summary>The caller's own agent id, when they are an agent.</summary>
    public string? AgentId { get; }

    /// <summary>An agent who leads no team: sees their own data only.</summary>
    public bool IsAgentOnly => !All && Teams.Count == 0;

    public bool CanSeeAgent(string agentId) =>
        All || agentId == AgentId || (_directory.FindAgent(agentId) is { } a && Teams.Contains(a.TeamId));

    public bool CanSeeTeam(string? teamId) => All || (teamId is not null && Teams.Contains(teamId));

    /// <summary>A queue served by someone the caller sees.</summary>
    public bool CanSeeQueue(string queueId)
    {
        if (All)
        {
            return true;
        }

        _queues ??= _directory.Agents.Where(a => a.Id == AgentId || Teams.Contains(a.TeamId))
            .SelectMany(a => a.Skills.Select(s => s.QueueId)).ToHashSet(StringComparer.Ordinal);
        return _queues.Contains(queueId);
    }

    public IEnumerable<T> Visible<T>(IEnumerable<T> items, Func<T, string?> agentOf) =>
        All ? items : items.Where(i => agentOf(i) is { } id && CanSeeAgent(id));
}

/// <summary>Builds the <see cref="AccessScope"/> of a principal from its roles and claims.</summary>
public sealed class AccessScopes(IContactCenterDirectory directory)
{
    public AccessScope For(ClaimsPrincipal user)
    {
        var all = user.IsInRole(WfmRoles.Admin) || user.IsInRole(WfmRoles.Planner) || user.HasClaim(c => c.Type == WfmClaims.ApiKey);
        var leads = user.IsInRole(WfmRoles.Supervisor) || user.IsInRole(WfmRoles.Trainer);
        var teams = leads ? user.FindAll(WfmClaims.Team).Select(c => c.Value).ToHashSet(StringComparer.Ordinal) : [];
        var agent = user.IsInRole(WfmRoles.Agent) ? user.FindFirst(WfmClaims.Agent)?.Value : null;
        return new AccessScope(all, teams, agent, directory);
    }
}
