using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Wfm.Core.Conversations;
using Wfm.Core.Directory;
using Wfm.Grains.Abstractions;
using Wfm.Server.Security;

namespace Wfm.Server.Tests;

/// <summary>Who sees what: team-scoped supervisors, agents on their own data, API keys, lockout, headers, audit, personal data.</summary>
[Collection(ServerCollection.Name)]
public sealed class SecurityTests(ServerFixture server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private IContactCenterDirectory Directory => server.Factory.Services.GetRequiredService<IContactCenterDirectory>();

    /// <summary>Two agents no other test uses, in different teams (from the 14th-last agent on).</summary>
    private (AgentProfile Mine, AgentProfile Other) TwoTeams(int skip)
    {
        var unused = Directory.Agents.OrderBy(a => a.Id, StringComparer.Ordinal).Reverse().Skip(skip).ToList();
        var mine = unused[0];
        return (mine, unused.First(a => a.TeamId != mine.TeamId));
    }

    private static object Message(string queue, string contact, string agent, string text, DateTimeOffset at, string? customer = null) =>
        new { id = Guid.NewGuid().ToString("N"), type = "MessageReceived", at, queueId = queue, contactId = contact, agentId = agent, customerId = customer, text };

    [Fact]
    public async Task ASupervisorsBoardConnection_GetsTheirTeamsAgentsOnly_AndAnAgentsOnlyThemself()
    {
        var (mine, other) = TwoTeams(14);
        var (supervisorName, supervisorPassword) = await SignIn.CreateUserAsync(server.Factory.Services, "sup", [WfmRoles.Supervisor], [mine.TeamId]);
        var (_, supervisorCookies) = await SignIn.ClientWithCookiesAsync(server.BaseAddress, supervisorName, supervisorPassword);
        var (agentName, agentPassword) = await SignIn.CreateUserAsync(server.Factory.Services, "agent", [WfmRoles.Agent], null, other.Id);
        var (_, agentCookies) = await SignIn.ClientWithCookiesAsync(server.BaseAddress, agentName, agentPassword);

        async Task<(HubConnection Hub, List<BoardUpdate> Updates)> ConnectAsync(CookieContainer cookies)
        {
            var hub = new HubConnectionBuilder()
                .WithUrl(new Uri(server.BaseAddress, "hubs/board"), o => o.Cookies = cookies)
                .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
                .Build();
            var updates = new List<BoardUpdate>();
            hub.On<BoardUpdate>("update", u => { lock (updates) { updates.Add(u); } });
            await hub.StartAsync(Ct);
            return (hub, updates);
        }

        var (supervisorHub, supervisorUpdates) = await ConnectAsync(supervisorCookies);
        var (agentHub, agentUpdates) = await ConnectAsync(agentCookies);
        await using var s = supervisorHub;
        await using var a = agentHub;

        var snapshot = await supervisorHub.InvokeAsync<BoardUpdate>("GetSnapshot", Ct);
        Assert.NotEmpty(snapshot.Agents);
        Assert.All(snapshot.Agents, x => Assert.Equal(mine.TeamId, x.TeamId));
        var own = await agentHub.InvokeAsync<BoardUpdate>("GetSnapshot", Ct);
        Assert.Equal([other.Id], own.Agents.Select(x => x.AgentId));
        Assert.All(own.Queues, q => Assert.Contains(q.QueueId, other.Skills.Select(k => k.QueueId)));

        var t = DateTimeOffset.UtcNow.AddSeconds(-20);
        var response = await Events.PostAsync(server.Client, Events.State(mine.Id, "Available", t), Events.State(other.Id, "Available", t.AddSeconds(1)));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));

        bool Seen(List<BoardUpdate> updates, string agentId) { lock (updates) { return updates.SelectMany(u => u.Agents).Any(x => x.AgentId == agentId); } }
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!(Seen(supervisorUpdates, mine.Id) && Seen(agentUpdates, other.Id)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, Ct);
        }

        Assert.True(Seen(supervisorUpdates, mine.Id), "the supervisor's own team's agent was pushed");
        Assert.True(Seen(agentUpdates, other.Id), "the agent's own state was pushed");
        lock (supervisorUpdates)
        {
            Assert.All(supervisorUpdates.SelectMany(u => u.Agents), x => Assert.Equal(mine.TeamId, x.TeamId));
        }

        lock (agentUpdates)
        {
            Assert.All(agentUpdates.SelectMany(u => u.Agents), x => Assert.Equal(other.Id, x.AgentId));
        }

        // An agent's connection gets no incidents: evidence of abuse is for supervisors.
        Assert.Empty(await agentHub.InvokeAsync<IReadOnlyList<AbuseIncident>>("GetOpenIncidents", Ct));
    }

    [Fact]
    public async Task ASupervisor_SeesAndActsOnTheirTeamsIncidentsOnly_AndAnAgentOnTheirOwnDataOnly()
    {
        var (mine, other) = TwoTeams(20);
        var t = DateTimeOffset.UtcNow.AddSeconds(-30);
        var response = await Events.PostAsync(server.Client,
            Events.State(mine.Id, "Available", t),
            Events.Arrived(mine.Skills[0].QueueId, "sec-c1", t),
            Events.Answered(mine.Skills[0].QueueId, "sec-c1", mine.Id, t.AddSeconds(1)),
            Message(mine.Skills[0].QueueId, "sec-c1", mine.Id, "you stupid idiot", t.AddSeconds(2)),
            Events.Arrived(other.Skills[0].QueueId, "sec-c2", t),
            Message(other.Skills[0].QueueId, "sec-c2", other.Id, "you stupid idiot", t.AddSeconds(3)));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));

        using var supervisor = await SignIn.ClientAsync(server.BaseAddress, server.Factory.Services, [WfmRoles.Supervisor], [mine.TeamId]);
        var listed = await supervisor.GetFromJsonAsync<List<AbuseIncident>>("api/incidents?open=true", Json, Ct);
        Assert.Contains(listed!, i => i.AgentId == mine.Id);
        Assert.DoesNotContain(listed!, i => i.AgentId == other.Id);
        var all = await server.Client.GetFromJsonAsync<List<AbuseIncident>>("api/incidents?open=true", Json, Ct);
        var foreign = all!.First(i => i.AgentId == other.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync($"api/incidents/{foreign.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.PostAsJsonAsync($"api/incidents/{foreign.Id}/actions", new { kind = "acknowledge" }, Ct)).StatusCode);

        // Acting on one's own team's incident records the signed-in supervisor, whatever the body says.
        var ownIncident = listed!.First(i => i.AgentId == mine.Id);
        var acted = await supervisor.PostAsJsonAsync($"api/incidents/{ownIncident.Id}/actions", new { kind = "acknowledge", by = "someone-else" }, Ct);
        Assert.True(acted.IsSuccessStatusCode, await acted.Content.ReadAsStringAsync(Ct));
        var me = await supervisor.GetFromJsonAsync<JsonElement>("api/me", Ct);
        Assert.Equal(me.GetProperty("userName").GetString(), (await acted.Content.ReadFromJsonAsync<AbuseIncident>(Json, Ct))!.Actions[^1].By);

        var team = await supervisor.GetFromJsonAsync<JsonElement>("api/wellbeing/team", Ct);
        Assert.All(team.EnumerateArray(), x => Assert.Equal(mine.TeamId, x.GetProperty("teamId").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.GetAsync($"api/agents/{other.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync($"api/agents/{mine.Id}", Ct)).StatusCode);

        using var agent = await SignIn.ClientAsync(server.BaseAddress, server.Factory.Services, [WfmRoles.Agent], null, mine.Id);
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync($"api/agents/{mine.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync($"api/agents/{other.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync($"api/coaching/reviews?agentId={other.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("api/coaching/reviews", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync($"api/coaching/reviews?agentId={mine.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("api/incidents", Ct)).StatusCode);

        // The agent reports abuse on their own contact: an incident from a report, on their supervisor's list.
        var report = await agent.PostAsJsonAsync("api/incidents/report", new { contactId = "sec-c1", queueId = mine.Skills[0].QueueId, customerId = "cust-sec", text = "he shouted at me" }, Ct);
        Assert.True(report.IsSuccessStatusCode, await report.Content.ReadAsStringAsync(Ct));
        var reported = await report.Content.ReadFromJsonAsync<AbuseIncident>(Json, Ct);
        Assert.Equal(IncidentSource.Reported, reported!.Source);
        Assert.Equal(mine.Id, reported.AgentId);
        Assert.Contains(await supervisor.GetFromJsonAsync<List<AbuseIncident>>("api/incidents?open=true", Json, Ct) ?? [], i => i.Id == reported.Id);
        var refused = await agent.PostAsJsonAsync("api/incidents/report", new { contactId = "", queueId = mine.Skills[0].QueueId }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("contactId", await refused.Content.ReadAsStringAsync(Ct));

        // A made-up contact, or a colleague's, is not theirs to report.
        foreach (var notMine in new[] { "no-such-contact", "sec-c2" })
        {
            var made = await agent.PostAsJsonAsync("api/incidents/report", new { contactId = notMine, queueId = mine.Skills[0].QueueId }, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, made.StatusCode);
            Assert.Contains("not one of your contacts", await made.Content.ReadAsStringAsync(Ct));
        }

        var contacts = await agent.GetFromJsonAsync<JsonElement>("api/me/contacts", Ct);
        Assert.Equal(["sec-c1"], contacts.EnumerateArray().Select(c => c.GetProperty("contactId").GetString()!).ToArray());
    }

    [Fact]
    public async Task ApiKeys_HaveScopes_AreShownOnce_AndStopWorkingWhenRevoked()
    {
        using var admin = await SignIn.ClientAsync(server.BaseAddress, server.Factory.Services, [WfmRoles.Admin]);
        var created = await admin.PostAsJsonAsync("api/admin/api-keys", new { name = "acd", scopes = new[] { "events:write" } }, Ct);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync(Ct));
        var key = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var secret = key.GetProperty("key").GetString()!;
        var id = key.GetProperty("details").GetProperty("id").GetString()!;
        var listing = await admin.GetStringAsync("api/admin/api-keys", Ct);
        Assert.Contains(id, listing);
        Assert.DoesNotContain(secret[(secret.LastIndexOf('_') + 1)..], listing);

        var bad = await admin.PostAsJsonAsync("api/admin/api-keys", new { name = "x", scopes = new[] { "everything" } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("scopes", await bad.Content.ReadAsStringAsync(Ct));

        using var acd = new HttpClient { BaseAddress = server.BaseAddress };
        acd.DefaultRequestHeaders.Add("X-Api-Key", secret);
        var t = DateTimeOffset.UtcNow.AddSeconds(-5);
        Assert.True((await Events.PostAsync(acd, Events.Arrived("voice-sales", "key-c1", t))).IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await acd.GetAsync("api/system", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await acd.GetAsync("api/forecasts", Ct)).StatusCode);

        using var wrong = new HttpClient { BaseAddress = server.BaseAddress };
        wrong.DefaultRequestHeaders.Add("X-Api-Key", secret[..^4] + "AAAA");
        Assert.Equal(HttpStatusCode.Unauthorized, (await Events.PostAsync(wrong, Events.Arrived("voice-sales", "key-c2", t))).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"api/admin/api-keys/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Events.PostAsync(acd, Events.Arrived("voice-sales", "key-c3", t))).StatusCode);
    }

    [Fact]
    public async Task RepeatedWrongPasswords_LockTheAccount_UntilAnAdminUnlocksIt()
    {
        var (name, password) = await SignIn.CreateUserAsync(server.Factory.Services, "lock", [WfmRoles.Planner]);
        for (var i = 0; i < 5; i++)
        {
            var cookies = new CookieContainer();
            using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };
            var failed = await SignIn.PostFormAsync(client, cookies, name, "wrong-password-" + i);
            Assert.Contains(i < 4 ? "error=invalid" : "error=locked", failed.Headers.Location!.ToString());
        }

        var right = new CookieContainer();
        using (var client = new HttpClient(new HttpClientHandler { CookieContainer = right, AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress })
        {
            var locked = await SignIn.PostFormAsync(client, right, name, password);
            Assert.Contains("error=locked", locked.Headers.Location!.ToString());
        }

        using var admin = await SignIn.ClientAsync(server.BaseAddress, server.Factory.Services, [WfmRoles.Admin]);
        var users = await admin.GetFromJsonAsync<JsonElement>("api/admin/users", Ct);
        Assert.NotEqual(JsonValueKind.Null, users.EnumerateArray().Single(u => u.GetProperty("userName").GetString() == name).GetProperty("lockedUntil").ValueKind);
        Assert.True((await admin.PostAsync($"api/admin/users/{name}/unlock", null, Ct)).IsSuccessStatusCode);
        using var signedIn = await SignIn.ClientAsync(server.BaseAddress, name, password);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("api/forecasts", Ct)).StatusCode);
    }

    [Fact]
    public async Task SignInAnswers_RevealNoAccounts_AndALockoutFromOneAddress_LeavesTheOwnerIn()
    {
        async Task<List<string>> AnswersAsync(string userName)
        {
            var answers = new List<string>();
            for (var i = 0; i < 6; i++)
            {
                var jar = new CookieContainer();
                using var client = new HttpClient(new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };
                var response = await SignIn.PostFormAsync(client, jar, userName, "wrong-password-" + i);
                var location = response.Headers.Location!.ToString();
                answers.Add(location[(location.IndexOf("error=", StringComparison.Ordinal) + "error=".Length)..]);
            }

            return answers;
        }

        // A name that exists and one that does not: the same answers, the lockout after the same number of tries.
        var (known, _) = await SignIn.CreateUserAsync(server.Factory.Services, "known", [WfmRoles.Planner]);
        var knownAnswers = await AnswersAsync(known);
        Assert.Equal(["invalid", "invalid", "invalid", "invalid", "locked", "locked"], knownAnswers);
        Assert.Equal(knownAnswers, await AnswersAsync("no-such-user-" + Guid.NewGuid().ToString("N")[..8]));

        // Someone elsewhere hammers an admin's name: the name is locked for their address, not for the admin's.
        var (owner, ownerPassword) = await SignIn.CreateUserAsync(server.Factory.Services, "owner", [WfmRoles.Admin]);
        var guard = server.Factory.Services.GetRequiredService<SignInGuard>();
        var attacker = "203.0.113.9";
        Assert.Equal([false, false, false, false, true], Enumerable.Range(0, 5).Select(_ => guard.Failed(owner, attacker)).ToList());
        Assert.NotNull(guard.LockedUntil(owner, attacker));
        using var signedIn = await SignIn.ClientAsync(server.BaseAddress, owner, ownerPassword);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("api/me", Ct)).StatusCode);
        Assert.NotNull(guard.LockedUntil(owner, attacker));
    }

    [Fact]
    public async Task SignInAttempts_AreLimitedPerAddress_AsTooManyRequests_OrBackToTheFormSayingWhy()
    {
        await using var factory = new WfmFactory(WfmFactory.NewDatabasePath(), seedDemo: false, settings: new Dictionary<string, string> { ["Wfm:Security:SignInPerMinute"] = "1" });
        var address = factory.Start();
        var jar = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false }) { BaseAddress = address };

        var first = await SignIn.PostFormAsync(client, jar, "somebody", "wrong-password");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Contains("error=invalid", first.Headers.Location!.ToString());

        // The second within the minute: refused before any password is checked.
        var second = await SignIn.PostFormAsync(client, jar, "somebody", "wrong-password");
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal("60", second.Headers.GetValues("Retry-After").Single());
        Assert.Contains("sign-in attempts", await second.Content.ReadAsStringAsync(Ct));

        // A browser's form goes back to the sign-in page, which says why.
        var token = jar.GetCookies(address).First(c => c.Name == SecurityHosting.AntiforgeryCookie).Value;
        using var form = new HttpRequestMessage(HttpMethod.Post, "login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = "somebody", ["password"] = "x", ["__RequestVerificationToken"] = Uri.UnescapeDataString(token) }),
        };
        form.Headers.Accept.ParseAdd("text/html");
        var third = await client.SendAsync(form, Ct);
        Assert.Equal(HttpStatusCode.SeeOther, third.StatusCode);
        Assert.Equal("/login?error=wait", third.Headers.Location!.ToString());
    }

    [Fact]
    public async Task ASignInFormWithoutAReturnAddress_GoesToTheStartPage()
    {
        var (name, password) = await SignIn.CreateUserAsync(server.Factory.Services, "plain", [WfmRoles.Planner]);
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };
        (await client.GetAsync("login", Ct)).EnsureSuccessStatusCode();
        var token = cookies.GetCookies(server.BaseAddress).First(c => c.Name == SecurityHosting.AntiforgeryCookie).Value;
        var response = await client.PostAsync("login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = name, ["password"] = password, ["__RequestVerificationToken"] = Uri.UnescapeDataString(token),
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.ToString());

        // A return address on another site is not followed (no open redirect through the sign-in page).
        var (other, otherPassword) = await SignIn.CreateUserAsync(server.Factory.Services, "plain", [WfmRoles.Planner]);
        var cookies2 = new CookieContainer();
        using var client2 = new HttpClient(new HttpClientHandler { CookieContainer = cookies2, AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };
        (await client2.GetAsync("login", Ct)).EnsureSuccessStatusCode();
        var token2 = cookies2.GetCookies(server.BaseAddress).First(c => c.Name == SecurityHosting.AntiforgeryCookie).Value;
        var away = await client2.PostAsync("login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = other, ["password"] = otherPassword, ["returnUrl"] = "//evil.example.com/x", ["__RequestVerificationToken"] = Uri.UnescapeDataString(token2),
        }), Ct);
        Assert.Equal("/", away.Headers.Location!.ToString());

        // A tab, a newline or a character outside ASCII in the return address: home, never another site, never a 500.
        foreach (var dressed in new[] { "/\t/evil.example", "/\n/evil.example", "/é/x" })
        {
            var (who, pass) = await SignIn.CreateUserAsync(server.Factory.Services, "plain", [WfmRoles.Planner]);
            var jar = new CookieContainer();
            using var c = new HttpClient(new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };
            (await c.GetAsync("login", Ct)).EnsureSuccessStatusCode();
            var t = jar.GetCookies(server.BaseAddress).First(x => x.Name == SecurityHosting.AntiforgeryCookie).Value;
            var sent = await c.PostAsync("login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["userName"] = who, ["password"] = pass, ["returnUrl"] = dressed, ["__RequestVerificationToken"] = Uri.UnescapeDataString(t),
            }), Ct);
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
            Assert.Equal("/", sent.Headers.Location!.ToString());
        }
    }

    [Fact]
    public async Task SigningOut_EndsTheSession_ACopyOfTheCookieIsRefusedAfterwards()
    {
        var (name, password) = await SignIn.CreateUserAsync(server.Factory.Services, "leaver", [WfmRoles.Planner]);
        var (client, cookies) = await SignIn.ClientWithCookiesAsync(server.BaseAddress, name, password);
        using var _ = client;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/me", Ct)).StatusCode);
        var saved = cookies.GetCookieHeader(server.BaseAddress);

        var signedOut = await client.PostAsync("logout", null, Ct);
        using var replay = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/me");
        request.Headers.Add("Cookie", saved);
        var replayed = await replay.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
    }

    [Fact]
    public async Task LiveHubConnections_AreClosed_WhenTheirKeyIsRevoked_TheirUserDeletedOrSignedOut_OrTheirRolesChange()
    {
        using var admin = await SignIn.ClientAsync(server.BaseAddress, server.Factory.Services, [WfmRoles.Admin]);
        var team = Directory.Agents[0].TeamId;

        async Task<(HubConnection Hub, Task Closed)> ConnectAsync(Action<HttpConnectionOptions> identify)
        {
            var hub = new HubConnectionBuilder().WithUrl(new Uri(server.BaseAddress, "hubs/board"), identify)
                .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter())).Build();
            var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            hub.Closed += _ =>
            {
                closed.TrySetResult();
                return Task.CompletedTask;
            };
            await hub.StartAsync(Ct);
            Assert.NotEmpty((await hub.InvokeAsync<BoardUpdate>("GetSnapshot", Ct)).Queues);
            return (hub, closed.Task);
        }

        async Task AssertClosedAsync(Task closed, string what)
        {
            var first = await Task.WhenAny(closed, Task.Delay(TimeSpan.FromSeconds(60), Ct));
            Assert.True(first == closed, $"the hub connection stayed open after {what}");
        }

        // A wallboard key: revoked → its open connection is closed, and it cannot connect again.
        var created = await admin.PostAsJsonAsync("api/admin/api-keys", new { name = "wallboard", scopes = new[] { "board:read" } }, Ct);
        var key = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var secret = key.GetProperty("key").GetString()!;
        var (keyHub, keyClosed) = await ConnectAsync(o => o.Headers["X-Api-Key"] = secret);
        await using (keyHub)
        {
            Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"api/admin/api-keys/{key.GetProperty("details").GetProperty("id").GetString()}", Ct)).StatusCode);
            await AssertClosedAsync(keyClosed, "the key was revoked");
            await using var again = new HubConnectionBuilder().WithUrl(new Uri(server.BaseAddress, "hubs/board"), o => o.Headers["X-Api-Key"] = secret).Build();
            await Assert.ThrowsAnyAsync<Exception>(() => again.StartAsync(Ct));
        }

        // A supervisor deleted by an admin; another who signs out; a third whose roles an admin changes.
        var (deleted, deletedPassword) = await SignIn.CreateUserAsync(server.Factory.Services, "gone", [WfmRoles.Supervisor], [team]);
        var (_, deletedCookies) = await SignIn.ClientWithCookiesAsync(server.BaseAddress, deleted, deletedPassword);
        var (leaver, leaverPassword) = await SignIn.CreateUserAsync(server.Factory.Services, "leaving", [WfmRoles.Supervisor], [team]);
        var (leaverClient, leaverCookies) = await SignIn.ClientWithCookiesAsync(server.BaseAddress, leaver, leaverPassword);
        using var _ = leaverClient;
        var (moved, movedPassword) = await SignIn.CreateUserAsync(server.Factory.Services, "moved", [WfmRoles.Supervisor], [team]);
        var (_, movedCookies) = await SignIn.ClientWithCookiesAsync(server.BaseAddress, moved, movedPassword);
        var (deletedHub, deletedClosed) = await ConnectAsync(o => o.Cookies = deletedCookies);
        var (leaverHub, leaverClosed) = await ConnectAsync(o => o.Cookies = leaverCookies);
        var (movedHub, movedClosed) = await ConnectAsync(o => o.Cookies = movedCookies);
        await using var d = deletedHub;
        await using var l = leaverHub;
        await using var m = movedHub;

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"api/admin/users/{deleted}", Ct)).StatusCode);
        await AssertClosedAsync(deletedClosed, "the user was deleted");
        Assert.Equal(HttpStatusCode.OK, (await leaverClient.PostAsync("logout", null, Ct)).StatusCode);
        await AssertClosedAsync(leaverClosed, "the user signed out");
        var changed = await admin.PutAsJsonAsync($"api/admin/users/{moved}", new { roles = new[] { "planner" }, teams = Array.Empty<string>() }, Ct);
        Assert.True(changed.IsSuccessStatusCode, await changed.Content.ReadAsStringAsync(Ct));
        await AssertClosedAsync(movedClosed, "the user's roles changed");
        Assert.True(server.Factory.Services.GetRequiredService<HubSessions>().Closed >= 4);
    }

    [Fact]
    public async Task ACompanySignIn_IsNotRejectedForHavingNoLocalSecurityStamp_ButALocalOneWithoutAUserIs()
    {
        using var scope = server.Factory.Services.CreateScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = http;
        var scheme = new AuthenticationScheme(IdentityConstants.ApplicationScheme, null, typeof(CookieAuthenticationHandler));
        var cookieOptions = new CookieAuthenticationOptions();

        async Task<bool> KeptAsync(ClaimsPrincipal principal)
        {
            var ticket = new AuthenticationTicket(principal, new AuthenticationProperties { IssuedUtc = DateTimeOffset.UtcNow.AddMinutes(-5) }, scheme.Name);
            var context = new CookieValidatePrincipalContext(http, scheme, cookieOptions, ticket);
            await SecurityHosting.ValidatePrincipal(context);
            return context.Principal is not null;
        }

        var company = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "ayse@example.com"), new Claim(ClaimTypes.NameIdentifier, "sub-1")], SecurityHosting.OidcScheme));
        var forged = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "nobody"), new Claim(ClaimTypes.NameIdentifier, "no-such-user")], IdentityConstants.ApplicationScheme));
        Assert.True(await KeptAsync(company));
        Assert.False(await KeptAsync(forged));
    }

    [Fact]
    public async Task AWriteFromASignedInPage_NeedsTheAntiforgeryToken()
    {
        var (name, password) = await SignIn.CreateUserAsync(server.Factory.Services, "csrf", [WfmRoles.Planner]);
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };
        await SignIn.PostFormAsync(client, cookies, name, password);
        var forged = await client.PostAsJsonAsync("api/staffing/calculate", new { }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("antiforgery", await forged.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/forecasts", Ct)).StatusCode);
    }

    [Fact]
    public async Task EveryResponse_CarriesSecurityHeaders_AndACspWithoutInlineScript()
    {
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };
        foreach (var response in new[] { await anonymous.GetAsync("login", Ct), await server.Client.GetAsync("board", Ct), await server.Client.GetAsync("api/center", Ct) })
        {
            var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self'", csp);
            Assert.DoesNotContain("unsafe-inline", csp);
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        }

        // Pages are endpoints with roles; their files are not reachable as static files.
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("board.html", Ct)).StatusCode);
        var page = await anonymous.GetAsync("forecast", Ct);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/login", page.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task SensitiveReadsAndWrites_AreInTheAuditLog_ForAdminsOnly()
    {
        var (agent, _) = TwoTeams(26);
        using var supervisor = await SignIn.ClientAsync(server.BaseAddress, server.Factory.Services, [WfmRoles.Supervisor], Directory.Teams.Select(t => t.Id).ToList());
        var supervisorName = (await supervisor.GetFromJsonAsync<JsonElement>("api/me", Ct)).GetProperty("userName").GetString()!;
        Assert.True((await supervisor.GetAsync("api/incidents", Ct)).IsSuccessStatusCode);
        Assert.True((await supervisor.GetAsync($"api/wellbeing/agents/{agent.Id}", Ct)).IsSuccessStatusCode);
        using var planner = await SignIn.ClientAsync(server.BaseAddress, server.Factory.Services, [WfmRoles.Planner]);
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.True((await planner.PutAsJsonAsync($"api/shifts/{agent.Id}/{day}", Array.Empty<object>(), Ct)).IsSuccessStatusCode);
        var plannerName = (await planner.GetFromJsonAsync<JsonElement>("api/me", Ct)).GetProperty("userName").GetString()!;

        using var admin = await SignIn.ClientAsync(server.BaseAddress, server.Factory.Services, [WfmRoles.Admin]);
        var created = await admin.PostAsJsonAsync("api/admin/users", new { userName = "audit-" + Guid.NewGuid().ToString("N")[..6], roles = new[] { "trainer" }, teams = new[] { agent.TeamId } }, Ct);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync(Ct));
        Assert.True((await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("password").GetString()!.Length >= 12);

        var log = await admin.GetFromJsonAsync<List<JsonElement>>($"api/admin/audit?actor={supervisorName}", Ct);
        Assert.Contains(log!, e => e.GetProperty("action").GetString() == "incidents.read");
        Assert.Contains(log!, e => e.GetProperty("action").GetString() == "wellbeing.read" && e.GetProperty("target").GetString()!.Contains(agent.Id));
        var later = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(5).ToString("O"));
        var earlier = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(-5).ToString("O"));
        Assert.Empty((await admin.GetFromJsonAsync<List<JsonElement>>($"api/admin/audit?actor={supervisorName}&from={later}", Ct))!);
        Assert.Equal(log!.Count, (await admin.GetFromJsonAsync<List<JsonElement>>($"api/admin/audit?actor={supervisorName}&from={earlier}&to={later}", Ct))!.Count);
        var planning = await admin.GetFromJsonAsync<List<JsonElement>>($"api/admin/audit?actor={plannerName}&action=shift.", Ct);
        Assert.Contains(planning!, e => e.GetProperty("target").GetString()!.Contains(day));
        var users = await admin.GetFromJsonAsync<List<JsonElement>>("api/admin/audit?action=user.create", Ct);
        Assert.NotEmpty(users!);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.GetAsync("api/admin/audit", Ct)).StatusCode);
    }

    [Fact]
    public async Task AnAdmin_ExportsAndErasesOneAgentsData_AndTheCountsStay()
    {
        var (agent, _) = TwoTeams(30);
        var queue = agent.Skills[0].QueueId;
        var t = DateTimeOffset.UtcNow.AddMinutes(-3);
        var response = await Events.PostAsync(server.Client,
            Events.State(agent.Id, "Available", t),
            Events.Arrived(queue, "gdpr-c1", t.AddSeconds(1)),
            Events.Answered(queue, "gdpr-c1", agent.Id, t.AddSeconds(3)),
            Message(queue, "gdpr-c1", agent.Id, "you stupid idiot, I will find you", t.AddSeconds(10), "cust-gdpr"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        var session = await server.Client.PostAsJsonAsync("api/coaching/sessions", new
        {
            agentId = agent.Id, trainer = "Tülay", date = DateOnly.FromDateTime(DateTime.UtcNow), focus = "empathy", notes = "private notes about the agent",
        }, Ct);
        Assert.True(session.IsSuccessStatusCode, await session.Content.ReadAsStringAsync(Ct));
        var (userName, _) = await SignIn.CreateUserAsync(server.Factory.Services, "erase", [WfmRoles.Agent], null, agent.Id);
        var handledBefore = (await server.Client.GetFromJsonAsync<JsonElement>($"api/agents/{agent.Id}", Ct)).GetProperty("handled").GetInt32();

        using var admin = await SignIn.ClientAsync(server.BaseAddress, server.Factory.Services, [WfmRoles.Admin]);
        var export = await admin.GetFromJsonAsync<JsonElement>($"api/admin/privacy/agents/{agent.Id}", Ct);
        Assert.Equal(agent.Name, export.GetProperty("agent").GetProperty("name").GetString());
        Assert.Contains(export.GetProperty("users").EnumerateArray(), u => u.GetProperty("userName").GetString() == userName);
        Assert.True(export.GetProperty("events").GetArrayLength() >= 2);
        Assert.Contains(export.GetProperty("incidents").EnumerateArray(), i => i.GetProperty("contactId").GetString() == "gdpr-c1");
        Assert.Contains(export.GetProperty("coaching").GetProperty("sessions").EnumerateArray(), s => s.GetProperty("Notes").GetString() == "private notes about the agent");

        var erased = await admin.DeleteAsync($"api/admin/privacy/agents/{agent.Id}", Ct);
        Assert.True(erased.IsSuccessStatusCode, await erased.Content.ReadAsStringAsync(Ct));
        var removed = (await erased.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("removed");
        Assert.Equal(1, removed.GetProperty("CoachingSessions").GetInt32());
        Assert.Equal(1, removed.GetProperty("Users").GetInt32());

        var after = await admin.GetFromJsonAsync<JsonElement>($"api/admin/privacy/agents/{agent.Id}", Ct);
        Assert.Equal("(erased)", after.GetProperty("agent").GetProperty("name").GetString());
        Assert.Empty(after.GetProperty("coaching").GetProperty("sessions").EnumerateArray());
        Assert.Empty(after.GetProperty("users").EnumerateArray());
        var incident = after.GetProperty("incidents").EnumerateArray().Single(i => i.GetProperty("contactId").GetString() == "gdpr-c1");
        Assert.Equal(JsonValueKind.Null, incident.GetProperty("message").ValueKind);
        Assert.DoesNotContain("idiot", incident.GetRawText());
        Assert.Equal("Threat", incident.GetProperty("category").GetString());

        // Statistics stay: the agent's handled count and the events behind it.
        var snapshot = await server.Client.GetFromJsonAsync<JsonElement>($"api/agents/{agent.Id}", Ct);
        Assert.Equal(handledBefore, snapshot.GetProperty("handled").GetInt32());
        Assert.Equal("(erased)", snapshot.GetProperty("name").GetString());
        Assert.Equal(export.GetProperty("events").GetArrayLength(), after.GetProperty("events").GetArrayLength());
    }

    [Fact]
    public async Task AnAdmin_ExportsAndErasesOneCustomersData()
    {
        var (agent, _) = TwoTeams(36);
        var queue = agent.Skills[0].QueueId;
        var t = DateTimeOffset.UtcNow.AddMinutes(-2);
        var customer = "cust-" + Guid.NewGuid().ToString("N")[..8];
        var response = await Events.PostAsync(server.Client,
            new { id = Guid.NewGuid().ToString("N"), type = "ContactArrived", at = t, queueId = queue, contactId = "gdpr-c2", customerId = customer },
            Message(queue, "gdpr-c2", agent.Id, "shut up you moron", t.AddSeconds(5), customer));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        using var admin = await SignIn.ClientAsync(server.BaseAddress, server.Factory.Services, [WfmRoles.Admin]);
        var before = await admin.GetFromJsonAsync<JsonElement>("api/incidents/stats", Ct);

        var export = await admin.GetFromJsonAsync<JsonElement>($"api/admin/privacy/customers/{customer}", Ct);
        Assert.Single(export.GetProperty("incidents").EnumerateArray());
        var conversation = export.GetProperty("conversations").EnumerateArray().Single();
        Assert.Equal(2, export.GetProperty("events").GetArrayLength());
        Assert.Contains("moron", conversation.GetProperty("messages")[0].GetProperty("text").GetString());
        var erased = await admin.DeleteAsync($"api/admin/privacy/customers/{customer}", Ct);
        Assert.True(erased.IsSuccessStatusCode, await erased.Content.ReadAsStringAsync(Ct));
        var removed = (await erased.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("removed");
        Assert.Equal(1, removed.GetProperty("Conversations").GetInt32());
        Assert.Equal(2, removed.GetProperty("Events").GetInt32());
        var after = await admin.GetFromJsonAsync<JsonElement>($"api/admin/privacy/customers/{customer}", Ct);
        Assert.Empty(after.GetProperty("incidents").EnumerateArray());
        Assert.Empty(after.GetProperty("conversations").EnumerateArray());
        Assert.Empty(after.GetProperty("events").EnumerateArray());
        var kept = await admin.GetFromJsonAsync<JsonElement>("api/conversations/gdpr-c2", Ct);
        Assert.Equal("(erased)", kept.GetProperty("messages")[0].GetProperty("text").GetString());
        Assert.Equal(JsonValueKind.Null, kept.GetProperty("summary").GetProperty("customerId").ValueKind);
        Assert.Equal(1, kept.GetProperty("summary").GetProperty("messages").GetInt32());
        var stats = await admin.GetFromJsonAsync<JsonElement>("api/incidents/stats", Ct);
        Assert.Equal(before.GetProperty("incidents").GetInt32(), stats.GetProperty("incidents").GetInt32());
    }
}
