using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Wfm.Core.Directory;

namespace Wfm.Server.Tests;

/// <summary>KPIs from the events the server took in, with survey answers posted as CSV and JSON.</summary>
[Collection(ServerCollection.Name)]
public sealed class KpisApiTests(ServerFixture server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ACustomerWhoComesBackWithinTheWindow_UndoesFirstContactResolution()
    {
        var directory = server.Factory.Services.GetRequiredService<IContactCenterDirectory>();
        var agent = directory.Agents.OrderBy(a => a.Id, StringComparer.Ordinal).Reverse().ElementAt(43);
        var queue = agent.Skills[0].QueueId;
        var start = new DateTimeOffset(DateTimeOffset.UtcNow.Date.AddDays(-6).AddHours(3), TimeSpan.Zero); // a quiet hour no other test uses
        var customer = "fcr-" + Guid.NewGuid().ToString("N")[..8];
        object Contact(string id, DateTimeOffset at, string? who) =>
            new { id = Guid.NewGuid().ToString("N"), type = "ContactArrived", at, queueId = queue, contactId = id, customerId = who };
        object Resolved(string id, DateTimeOffset at) => new { id = Guid.NewGuid().ToString("N"), type = "ContactResolved", at, queueId = queue, contactId = id, agentId = agent.Id };
        object Ended(string id, DateTimeOffset at) => new { id = Guid.NewGuid().ToString("N"), type = "ContactEnded", at, queueId = queue, contactId = id, agentId = agent.Id, wrapUp = false };
        var posted = await Events.PostAsync(server.Client,
            Events.State(agent.Id, "Available", start),
            Contact("fcr-1", start.AddMinutes(1), customer), Events.Answered(queue, "fcr-1", agent.Id, start.AddMinutes(1).AddSeconds(10)),
            Resolved("fcr-1", start.AddMinutes(5)), Ended("fcr-1", start.AddMinutes(5)),
            Contact("fcr-2", start.AddMinutes(20), customer), Events.Answered(queue, "fcr-2", agent.Id, start.AddMinutes(20).AddSeconds(10)),
            Resolved("fcr-2", start.AddMinutes(25)), Ended("fcr-2", start.AddMinutes(25)),
            Contact("fcr-3", start.AddMinutes(30), null), Events.Answered(queue, "fcr-3", agent.Id, start.AddMinutes(30).AddSeconds(10)),
            Resolved("fcr-3", start.AddMinutes(35)), Ended("fcr-3", start.AddMinutes(35)));
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync(Ct));

        var kpis = await server.Client.GetFromJsonAsync<JsonElement>($"api/kpis?group=agent&from={Uri.EscapeDataString(start.ToString("O"))}&to={Uri.EscapeDataString(start.AddHours(1).ToString("O"))}", Ct);
        var mine = kpis.EnumerateArray().Single(k => k.GetProperty("key").GetString() == agent.Id).GetProperty("current");
        Assert.Equal(3, mine.GetProperty("handled").GetInt32());
        // fcr-1 came back as fcr-2 within seven days: two of the three resolved contacts were resolved the first time.
        Assert.Equal(2.0 / 3, mine.GetProperty("firstContactResolution").GetDouble(), 3);
    }

    [Fact]
    public async Task Kpis_PerAgent_FromEventsAndSurveys()
    {
        var directory = server.Factory.Services.GetRequiredService<IContactCenterDirectory>();
        var agent = directory.Agents.OrderBy(a => a.Id, StringComparer.Ordinal).Reverse().ElementAt(4);
        var queue = agent.Skills[0].QueueId;
        var t = DateTimeOffset.UtcNow.Date.AddDays(-4).AddHours(2); // a quiet hour no other test uses
        var start = new DateTimeOffset(t, TimeSpan.Zero);
        var posted = await Events.PostAsync(server.Client,
            Events.State(agent.Id, "Available", start),
            Events.Arrived(queue, "kpi-1", start.AddMinutes(1)),
            Events.Answered(queue, "kpi-1", agent.Id, start.AddMinutes(1).AddSeconds(20)),
            new { id = Guid.NewGuid().ToString("N"), type = "ContactEnded", at = start.AddMinutes(6).AddSeconds(20), queueId = queue, contactId = "kpi-1", agentId = agent.Id, wrapUp = false },
            Events.Arrived(queue, "kpi-2", start.AddMinutes(10)),
            Events.Answered(queue, "kpi-2", agent.Id, start.AddMinutes(10).AddSeconds(40)),
            new { id = Guid.NewGuid().ToString("N"), type = "ContactEnded", at = start.AddMinutes(13).AddSeconds(40), queueId = queue, contactId = "kpi-2", agentId = agent.Id, wrapUp = false });
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync(Ct));

        var csv = await server.Client.PostAsync("api/surveys/csv", new StringContent("contact_id,csat,nps\nkpi-1,5,10\n", Encoding.UTF8, "text/csv"), Ct);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.PostAsJsonAsync("api/surveys", new[] { new { contactId = "kpi-2", csat = 2, nps = 3, ces = 6 } }, Ct)).StatusCode);

        var kpis = await server.Client.GetFromJsonAsync<JsonElement>($"api/kpis?group=agent&from={Uri.EscapeDataString(start.ToString("O"))}&to={Uri.EscapeDataString(start.AddHours(1).ToString("O"))}", Ct);
        var mine = kpis.EnumerateArray().Single(k => k.GetProperty("key").GetString() == agent.Id).GetProperty("current");
        Assert.Equal(2, mine.GetProperty("offered").GetInt32());
        Assert.Equal(2, mine.GetProperty("handled").GetInt32());
        Assert.Equal(240, mine.GetProperty("averageHandleSeconds").GetDouble()); // 300 s and 180 s
        Assert.Equal(30, mine.GetProperty("firstResponseSeconds").GetDouble()); // answered after 20 s and 40 s
        Assert.Equal(0.5, mine.GetProperty("csat").GetDouble());
        Assert.Equal(0, mine.GetProperty("nps").GetDouble());
        Assert.Equal(6, mine.GetProperty("ces").GetDouble());

        var bad = await server.Client.PostAsync("api/surveys/csv", new StringContent("contact_id,csat\nkpi-1,9\n", Encoding.UTF8, "text/csv"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("line 2, column 'csat'", await bad.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.BadRequest, (await server.Client.GetAsync("api/kpis?group=planet", Ct)).StatusCode);

        // A coaching session the day before: the two contacts count after it, none before.
        var sessionDate = DateOnly.FromDateTime(t.AddDays(-1));
        var session = await (await server.Client.PostAsJsonAsync("api/coaching/sessions", new { agentId = agent.Id, trainer = "trainer-k", date = sessionDate, focus = "AHT" }, Ct))
            .Content.ReadFromJsonAsync<JsonElement>(Ct);
        var impact = await server.Client.GetFromJsonAsync<JsonElement>($"api/coaching/sessions/{session.GetProperty("id").GetInt64()}/impact", Ct);
        Assert.Equal(0, impact.GetProperty("before").GetProperty("kpis").GetProperty("handled").GetInt32());
        Assert.Equal(2, impact.GetProperty("after").GetProperty("kpis").GetProperty("handled").GetInt32());
        Assert.Equal(240, impact.GetProperty("after").GetProperty("kpis").GetProperty("averageHandleSeconds").GetDouble());

        var chart = await server.Client.GetAsync($"api/kpis/agents/{agent.Id}/trend.svg?lang=fa", Ct);
        Assert.Equal("image/svg+xml", chart.Content.Headers.ContentType?.MediaType);
        var svg = await chart.Content.ReadAsStringAsync(Ct);
        Assert.Contains("هفته گذشته", svg);
        Assert.Contains("<polyline", svg);
    }

    [Fact]
    public async Task ChatKpis_CountReplies_Resolution_AndTransfers()
    {
        var directory = server.Factory.Services.GetRequiredService<IContactCenterDirectory>();
        var (agent, queue) = directory.Agents.OrderBy(a => a.Id, StringComparer.Ordinal).Reverse().Skip(5)
            .SelectMany(a => a.Skills.Select(k => (Agent: a, Queue: directory.FindQueue(k.QueueId)!)))
            .First(p => p.Queue.Channel == Channel.Chat);
        var start = new DateTimeOffset(DateTimeOffset.UtcNow.Date.AddDays(-6).AddHours(10), TimeSpan.Zero);
        object Event(string type, int seconds, string contact, string? agentId = null) =>
            new { id = Guid.NewGuid().ToString("N"), type, at = start.AddSeconds(seconds), queueId = queue.Id, contactId = contact, agentId, text = type == "MessageReceived" ? "where is my order?" : null };

        var posted = await Events.PostAsync(server.Client,
            Events.State(agent.Id, "Available", start),
            Event("ContactArrived", 0, "chat-k1"),
            Event("MessageReceived", 0, "chat-k1"),
            Events.Answered(queue.Id, "chat-k1", agent.Id, start.AddSeconds(20)),
            Event("MessageSent", 60, "chat-k1", agent.Id),       // first response after 60 s
            Event("MessageReceived", 120, "chat-k1"),
            Event("MessageSent", 150, "chat-k1", agent.Id),      // reply wait 30 s
            Event("ContactResolved", 160, "chat-k1", agent.Id),
            new { id = Guid.NewGuid().ToString("N"), type = "ContactEnded", at = start.AddSeconds(170), queueId = queue.Id, contactId = "chat-k1", agentId = agent.Id, wrapUp = false },
            Event("ContactArrived", 300, "chat-k2"),
            Event("MessageReceived", 300, "chat-k2"),
            Events.Answered(queue.Id, "chat-k2", agent.Id, start.AddSeconds(310)),
            Event("MessageSent", 330, "chat-k2", agent.Id),      // first response after 30 s
            Event("ContactTransferred", 340, "chat-k2", agent.Id),
            new { id = Guid.NewGuid().ToString("N"), type = "ContactEnded", at = start.AddSeconds(350), queueId = queue.Id, contactId = "chat-k2", agentId = agent.Id, wrapUp = false });
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync(Ct));

        var kpis = await server.Client.GetFromJsonAsync<JsonElement>($"api/kpis?group=agent&from={Uri.EscapeDataString(start.ToString("O"))}&to={Uri.EscapeDataString(start.AddHours(1).ToString("O"))}", Ct);
        var mine = kpis.EnumerateArray().Single(k => k.GetProperty("key").GetString() == agent.Id).GetProperty("current");
        Assert.Equal(2, mine.GetProperty("offered").GetInt32());
        Assert.Equal(6, mine.GetProperty("totalMessages").GetInt32());
        Assert.Equal(45, mine.GetProperty("firstResponseSeconds").GetDouble());
        Assert.Equal(40, mine.GetProperty("replyWaitSeconds").GetDouble()); // 60, 30 and 30
        Assert.Equal(0.5, mine.GetProperty("resolutionRate").GetDouble());
        Assert.Equal(160, mine.GetProperty("resolutionSeconds").GetDouble());
        Assert.Equal(1.5, mine.GetProperty("responsesPerInquiry").GetDouble());
        Assert.Equal(1, mine.GetProperty("transfers").GetInt32());
    }
}
