using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Wfm.Core.Conversations;
using Wfm.Core.Directory;
using Wfm.Server.Security;

namespace Wfm.Server.Tests;

/// <summary>Abuse from customers' messages to the board: detected, redacted, pushed live, acted on, counted.</summary>
[Collection(ServerCollection.Name)]
public sealed class IncidentsApiTests(ServerFixture server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>An agent no other test uses, and a queue they have a skill for.</summary>
    private (string Agent, string Queue) AgentAndQueue(int index)
    {
        var directory = server.Factory.Services.GetRequiredService<IContactCenterDirectory>();
        var agent = directory.Agents.OrderBy(a => a.Id, StringComparer.Ordinal).Reverse().ElementAt(index);
        return (agent.Id, agent.Skills[0].QueueId);
    }

    private static object Message(string queue, string contact, string? agent, string text, DateTimeOffset at, string? customer = null) =>
        new { id = Guid.NewGuid().ToString("N"), type = "MessageReceived", at, queueId = queue, contactId = contact, agentId = agent, customerId = customer, text };

    [Fact]
    public async Task AbusiveMessage_BecomesAnIncident_OnTheBoardAtOnce_WithEvidence_AndNoPersonalData()
    {
        var (agent, queue) = AgentAndQueue(0);
        // The supervisor's board (signed in) gets incidents; a wallboard's key with every scope gets the board, never incidents.
        var (signedIn, cookies) = await SignIn.ClientWithCookiesAsync(server.BaseAddress, server.Staff.UserName, server.Staff.Password);
        signedIn.Dispose();
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "hubs/board"), o => o.Cookies = cookies)
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .Build();
        await using var wallboard = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "hubs/board"), o => o.Headers["X-Api-Key"] = server.ApiKey)
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .Build();
        var toWallboard = new List<AbuseIncident>();
        wallboard.On<AbuseIncident>("incident", i => { lock (toWallboard) { toWallboard.Add(i); } });
        await wallboard.StartAsync(Ct);
        var pushed = new TaskCompletionSource<AbuseIncident>();
        connection.On<AbuseIncident>("incident", i =>
        {
            if (i.AgentId == agent)
            {
                pushed.TrySetResult(i);
            }
        });
        await connection.StartAsync(Ct);

        var t = DateTimeOffset.UtcNow.AddSeconds(-30);
        var abusive = Message(queue, "abuse-c1", agent, "You useless idiot, I know where you live. Call me on 0532 123 45 67", t.AddSeconds(10), "cust-9");
        var response = await Events.PostAsync(server.Client,
            Events.Arrived(queue, "abuse-c1", t),
            Message(queue, "abuse-c1", agent, "Hello, my order 12345 is late", t.AddSeconds(5)),
            abusive);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));

        var incident = await pushed.Task.WaitAsync(TimeSpan.FromSeconds(1), Ct);
        Assert.Equal(AbuseCategory.Threat, incident.Category);
        Assert.Equal(AbuseSeverity.High, incident.Severity);
        Assert.Equal(IncidentSource.Detected, incident.Source);
        Assert.Equal("cust-9", incident.CustomerId);
        Assert.Contains(incident.Evidence, e => e.Text == "I know where you live");
        Assert.DoesNotContain("0532", incident.Message);
        Assert.Contains("[phone]", incident.Message);

        var open = await server.Client.GetFromJsonAsync<List<AbuseIncident>>("api/incidents?open=true", Json, Ct);
        var listed = Assert.Single(open!, i => i.ContactId == "abuse-c1");
        Assert.Equal(incident.Id, listed.Id);
        var onConnect = await connection.InvokeAsync<List<AbuseIncident>>("GetOpenIncidents", Ct);
        Assert.Contains(onConnect, i => i.Id == incident.Id);
        // Messages on one connection arrive in order: anything pushed to the wallboard with the incident came before this answer.
        Assert.Empty(await wallboard.InvokeAsync<List<AbuseIncident>>("GetOpenIncidents", Ct));
        lock (toWallboard)
        {
            Assert.Empty(toWallboard);
        }

        // The sender repeating the message (same event id) raises nothing new; the polite message raised nothing.
        var again = await Events.PostAsync(server.Client, abusive);
        Assert.True(again.IsSuccessStatusCode);
        var after = await server.Client.GetFromJsonAsync<List<AbuseIncident>>("api/incidents?open=true", Json, Ct);
        Assert.Single(after!, i => i.ContactId == "abuse-c1");
    }

    [Fact]
    public async Task Supervisor_Acknowledges_GivesARecoveryBreak_RoutesAway_AndCloses()
    {
        var (agent, queue) = AgentAndQueue(1);
        var t = DateTimeOffset.UtcNow.AddSeconds(-20);
        var posted = await Events.PostAsync(server.Client,
            Events.State(agent, "Available", t),
            Events.Arrived(queue, "abuse-c2", t.AddSeconds(1)),
            new { id = Guid.NewGuid().ToString("N"), type = "AbuseReported", at = t.AddSeconds(5), queueId = queue, contactId = "abuse-c2", agentId = agent, customerId = "cust-77", text = "seni bulacağım" });
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync(Ct));
        var incident = (await server.Client.GetFromJsonAsync<List<AbuseIncident>>("api/incidents?open=true", Json, Ct))!.Single(i => i.ContactId == "abuse-c2");
        Assert.Equal(IncidentSource.Reported, incident.Source);
        Assert.Equal(AbuseCategory.Threat, incident.Category);
        Assert.Equal("tr", incident.Language);

        async Task<HttpResponseMessage> Act(object body) => await server.Client.PostAsJsonAsync($"api/incidents/{incident.Id}/actions", body, Ct);

        var ack = await Act(new { kind = "acknowledge", by = "sup-1" });
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Act(new { kind = "acknowledge", by = "sup-1" })).StatusCode);

        var noMinutes = await Act(new { kind = "recovery-break", by = "sup-1" });
        Assert.Equal(HttpStatusCode.BadRequest, noMinutes.StatusCode);
        Assert.Contains("minutes", await noMinutes.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, (await Act(new { kind = "recovery-break", by = "sup-1", minutes = 15 })).StatusCode);
        var snapshot = await server.Client.GetFromJsonAsync<JsonElement>($"api/agents/{agent}", Ct);
        Assert.Equal("RecoveryBreak", snapshot.GetProperty("state").GetString());

        Assert.Equal(HttpStatusCode.OK, (await Act(new { kind = "route-away", by = "sup-1", note = "next contacts to another agent" })).StatusCode);
        var blocks = await server.Client.GetFromJsonAsync<JsonElement>("api/incidents/routing-blocks", Ct);
        Assert.Contains(blocks.EnumerateArray(), b => b.GetProperty("customerId").GetString() == "cust-77" && b.GetProperty("agentId").GetString() == agent);

        var noOutcome = await Act(new { kind = "close", by = "sup-1" });
        Assert.Contains("outcome", await noOutcome.Content.ReadAsStringAsync(Ct));
        var closed = await (await Act(new { kind = "close", by = "sup-1", outcome = "customer warned in writing" })).Content.ReadFromJsonAsync<AbuseIncident>(Json, Ct);
        Assert.Equal(IncidentStatus.Closed, closed!.Status);
        Assert.Equal(4, closed.Actions.Count);
        Assert.NotNull(closed.AcknowledgedAt);
        Assert.Equal(HttpStatusCode.BadRequest, (await Act(new { kind = "escalate", by = "sup-1", note = "too late" })).StatusCode);
        var afterClose = await server.Client.GetFromJsonAsync<JsonElement>("api/incidents/routing-blocks", Ct);
        Assert.DoesNotContain(afterClose.EnumerateArray(), b => b.GetProperty("incidentId").GetString() == incident.Id);

        var stats = await server.Client.GetFromJsonAsync<JsonElement>("api/incidents/stats", Ct);
        Assert.True(stats.GetProperty("incidents").GetInt32() >= 1);
        Assert.True(stats.GetProperty("contacts").GetInt32() >= 1);
        Assert.True(stats.GetProperty("reportedShare").GetDouble() > 0);
        Assert.Contains(stats.GetProperty("byQueue").EnumerateArray(), g => g.GetProperty("key").GetString() == queue);
    }

    [Fact]
    public async Task Statistics_ForASupervisor_CountOnlyTheirTeams()
    {
        var (agent, queue) = AgentAndQueue(2);
        var directory = server.Factory.Services.GetRequiredService<IContactCenterDirectory>();
        var team = directory.FindAgent(agent)!.TeamId;
        var otherTeam = directory.Teams.First(t => t.Id != team).Id;
        var t = DateTimeOffset.UtcNow.AddSeconds(-20);
        var posted = await Events.PostAsync(server.Client,
            Events.State(agent, "Available", t),
            Events.Arrived(queue, "abuse-stats-1", t.AddSeconds(1)),
            new { id = Guid.NewGuid().ToString("N"), type = "AbuseReported", at = t.AddSeconds(5), queueId = queue, contactId = "abuse-stats-1", agentId = agent, text = "seni bulacağım" });
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync(Ct));
        using var own = await SignIn.ClientAsync(server.BaseAddress, server.Factory.Services, [WfmRoles.Supervisor], [team]);
        using var other = await SignIn.ClientAsync(server.BaseAddress, server.Factory.Services, [WfmRoles.Supervisor], [otherTeam]);

        var mine = await own.GetFromJsonAsync<JsonElement>("api/incidents/stats", Ct);
        var theirs = await other.GetFromJsonAsync<JsonElement>("api/incidents/stats", Ct);

        Assert.Contains(mine.GetProperty("byTeam").EnumerateArray(), g => g.GetProperty("key").GetString() == team);
        Assert.All(mine.GetProperty("byTeam").EnumerateArray(), g => Assert.Equal(team, g.GetProperty("key").GetString()));
        Assert.DoesNotContain(theirs.GetProperty("byTeam").EnumerateArray(), g => g.GetProperty("key").GetString() == team);
    }

    [Fact]
    public async Task MessageWithoutText_OrUnknownAction_IsRefusedNamingTheField()
    {
        var (agent, queue) = AgentAndQueue(2);
        var t = DateTimeOffset.UtcNow.AddSeconds(-10);
        var bad = await Events.PostAsync(server.Client, new { id = Guid.NewGuid().ToString("N"), type = "MessageReceived", at = t, queueId = queue, contactId = "abuse-c3", agentId = agent });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("events[0].text", await bad.Content.ReadAsStringAsync(Ct));

        var unknown = await server.Client.PostAsJsonAsync("api/incidents/inc-none/actions", new { kind = "shout", by = "sup" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("expected acknowledge", await unknown.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.PostAsJsonAsync("api/incidents/inc-none/actions", new { kind = "close", by = "sup", outcome = "x" }, Ct)).StatusCode);
    }
}
