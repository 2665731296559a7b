using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Wfm.Core.Directory;
using Wfm.Server.Security;

namespace Wfm.Server.Tests;

/// <summary>
/// Every endpoint the app maps, from its own endpoint list: anonymous is refused (401, or the sign-in page for a
/// page), each role outside the endpoint's access is refused (403), each role inside it gets through, and API keys
/// get through exactly with the scopes the endpoint names. An endpoint without an access rule fails here.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class AccessMatrixTests(ServerFixture server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Target(string Method, string Route, string Url, WfmAccessMetadata? Access, bool Anonymous);

    private List<Target> Targets(string agentId, string queueId)
    {
        var sources = server.Factory.Services.GetRequiredService<EndpointDataSource>();
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var targets = new List<Target>();
        foreach (var endpoint in sources.Endpoints.OfType<RouteEndpoint>())
        {
            var route = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var path = new StringBuilder();
            foreach (var segment in endpoint.RoutePattern.PathSegments)
            {
                path.Append('/');
                foreach (var part in segment.Parts)
                {
                    path.Append(part switch
                    {
                        RoutePatternLiteralPart literal => literal.Content,
                        RoutePatternSeparatorPart separator => separator.Content,
                        RoutePatternParameterPart p => Sample(route, p, agentId, queueId, today),
                        _ => "",
                    });
                }
            }

            var url = (path.Length == 0 ? "/" : path.ToString()) + $"?agentId={agentId}";
            var access = endpoint.Metadata.GetOrderedMetadata<WfmAccessMetadata>();
            Assert.True(access.Count <= 1, $"{route} carries {access.Count} access rules; exactly one expected");
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            foreach (var method in methods)
            {
                targets.Add(new Target(method, route, url, access.Count > 0 ? access[0] : null, anonymous));
            }
        }

        return targets;
    }

    private static string Sample(string route, RoutePatternParameterPart p, string agentId, string queueId, string today)
    {
        if (p.ParameterPolicies.Any(x => x.Content is "long" or "int"))
        {
            return "999999";
        }

        return p.Name switch
        {
            "agentId" => agentId,
            "date" => today,
            "culture" => "en",
            "documentName" => "v1",
            "userName" => "no-such-user",
            "id" when route.Contains("/privacy/", StringComparison.Ordinal) => "no-such-subject",
            "id" when route.Contains("/api-keys/", StringComparison.Ordinal) => "nosuchid",
            "id" when route.Contains("/queues/", StringComparison.Ordinal) => queueId,
            "id" when route.Contains("/agents/", StringComparison.Ordinal) => agentId,
            _ => "no-such-" + p.Name,
        };
    }

    private static HttpRequestMessage Request(Target target)
    {
        var request = new HttpRequestMessage(new HttpMethod(target.Method), target.Url.TrimStart('/'));
        if (target.Method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return request;
    }

    [Fact]
    public async Task EveryEndpoint_RefusesAnonymous_AndWrongRoles_AndLetsItsRolesIn()
    {
        var directory = server.Factory.Services.GetRequiredService<IContactCenterDirectory>();
        var agent = directory.Agents.OrderBy(a => a.Id, StringComparer.Ordinal).Reverse().ElementAt(12);
        var targets = Targets(agent.Id, agent.Skills[0].QueueId);
        Assert.True(targets.Count > 80, $"only {targets.Count} endpoints found");

        var unguarded = targets.Where(t => t.Access is null && !t.Anonymous).Select(t => $"{t.Method} {t.Route}").Distinct().ToList();
        Assert.True(unguarded.Count == 0, "endpoints without an access rule: " + string.Join(", ", unguarded));

        // Open to everybody on purpose: signing in, the languages the sign-in page is shown in, the "not allowed" page.
        var open = targets.Where(t => t.Anonymous).Select(t => t.Route).Distinct().Order().ToList();
        Assert.Equal(["/api/auth/options", "/api/i18n", "/api/i18n/{culture}", "/denied", "/login", "/login/oidc", "/login/oidc/done"], open);

        var teams = directory.Teams.Select(t => t.Id).ToList();
        var clients = new Dictionary<string, HttpClient>();
        foreach (var role in WfmRoles.All)
        {
            clients[role] = await SignIn.ClientAsync(server.BaseAddress, server.Factory.Services, [role],
                role is WfmRoles.Supervisor or WfmRoles.Trainer ? teams : null, role == WfmRoles.Agent ? agent.Id : null);
        }

        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };
        var failures = new List<string>();
        foreach (var target in targets.Where(t => !t.Anonymous).OrderBy(t => t.Route == "/logout"))
        {
            using (var response = await anonymous.SendAsync(Request(target), HttpCompletionOption.ResponseHeadersRead, Ct))
            {
                var page = target.Method == "GET" && !target.Route.StartsWith("/api", StringComparison.Ordinal) && !target.Route.StartsWith("/hubs", StringComparison.Ordinal)
                    && !target.Route.StartsWith("/openapi", StringComparison.Ordinal) && !target.Route.StartsWith("/dashboard", StringComparison.Ordinal);
                var refused = page
                    ? response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/login", StringComparison.Ordinal)
                    : response.StatusCode == HttpStatusCode.Unauthorized;
                if (!refused)
                {
                    failures.Add($"anonymous {target.Method} {target.Url}: {(int)response.StatusCode}");
                }
            }

            foreach (var role in WfmRoles.All)
            {
                // Signing out ends the session the other checks use; it gets a fresh session of its own.
                var client = target.Route == "/logout" ? await SignIn.ClientAsync(server.BaseAddress, server.Factory.Services, [role], null, role == WfmRoles.Agent ? agent.Id : null) : clients[role];
                using var response = await client.SendAsync(Request(target), HttpCompletionOption.ResponseHeadersRead, Ct);
                var allowed = target.Access!.Roles.Contains(role);
                var status = response.StatusCode;
                if (allowed && status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                {
                    failures.Add($"{role} {target.Method} {target.Url}: {(int)status}, expected to get through");
                }
                else if (!allowed && status != HttpStatusCode.Forbidden)
                {
                    failures.Add($"{role} {target.Method} {target.Url}: {(int)status}, expected 403");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {targets.Count * 6} checks failed:\n" + string.Join("\n", failures.Take(60)));
    }

    [Fact]
    public async Task EveryEndpoint_LetsApiKeysInOnlyWithTheScopesItNames()
    {
        var directory = server.Factory.Services.GetRequiredService<IContactCenterDirectory>();
        var agent = directory.Agents.OrderBy(a => a.Id, StringComparer.Ordinal).Reverse().ElementAt(12);
        var targets = Targets(agent.Id, agent.Skills[0].QueueId).Where(t => !t.Anonymous && t.Route != "/logout").ToList();
        var keys = server.Factory.Services.GetRequiredService<ApiKeyService>();
        var failures = new List<string>();
        foreach (var scope in WfmScopes.All)
        {
            using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };
            client.DefaultRequestHeaders.Add("X-Api-Key", (await keys.CreateAsync($"matrix {scope}", [scope], "tests")).Key);
            foreach (var target in targets)
            {
                using var response = await client.SendAsync(Request(target), HttpCompletionOption.ResponseHeadersRead, Ct);
                var allowed = target.Access!.Scopes.Contains(scope);
                if (allowed == response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized or HttpStatusCode.Redirect)
                {
                    failures.Add($"{scope} {target.Method} {target.Url}: {(int)response.StatusCode}, expected {(allowed ? "to get through" : "403")}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(60)));
    }
}
