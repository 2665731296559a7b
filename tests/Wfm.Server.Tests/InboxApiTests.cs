using System.Net.Http.Json;
using System.Net;
using System.Text.Json.Serialization;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Wfm.Core.Directory;
using Wfm.Server.Inbox;
using Wfm.Server.Security;

namespace Wfm.Server.Tests;

/// <summary>The unified inbox over HTTP and SignalR: open conversations, replies, suggested replies, collisions.</summary>
[Collection(ServerCollection.Name)]
public sealed class InboxApiTests(ServerFixture server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IContactCenterDirectory Directory => server.Factory.Services.GetRequiredService<IContactCenterDirectory>();

    private string Queue => TestAgents.Queue(Directory);

    private string ChannelOfQueue => Directory.FindQueue(Queue)!.Channel.ToString();

    private static object Message(string queue, string contact, string text, DateTimeOffset at, string? customer = null, string? name = null, bool? vip = null) =>
        new { id = Guid.NewGuid().ToString("N"), type = "MessageReceived", at, queueId = queue, contactId = contact, customerId = customer, customerName = name, vip, text };

    private static async Task<JsonElement?> FindAsync(HttpClient client, string id, string query = "")
    {
        for (var i = 0; i < 60; i++)
        {
            var list = await client.GetFromJsonAsync<List<JsonElement>>($"api/inbox{query}", Ct);
            var found = list!.FirstOrDefault(x => x.GetProperty("conversation").GetProperty("id").GetString() == id);
            if (found.ValueKind != JsonValueKind.Undefined)
            {
                return found;
            }

            await Task.Delay(50, Ct);
        }

        return null;
    }

    [Fact]
    public async Task AChatConversation_IsInTheInbox_ForThoseWhoSeeItsQueue_AndAnAgentRepliesToIt()
    {
        var agent = TestAgents.Take(Directory, Queue);
        var contact = "inbox-" + Guid.NewGuid().ToString("N")[..8];
        var t = DateTimeOffset.UtcNow.AddSeconds(-90);
        var response = await Events.PostAsync(server.Client,
            Events.State(agent.Id, "Available", t),
            Events.Arrived(Queue, contact, t.AddSeconds(1)),
            Message(Queue, contact, "Hello, my order 5512093 never arrived, call me on 0532 123 45 67", t.AddSeconds(2), "cust-inbox", "Derya Kaya", true));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));

        var item = await FindAsync(server.Client, contact, $"?channel={ChannelOfQueue}&flag=vip");
        Assert.NotNull(item);
        Assert.Equal("New", item.Value.GetProperty("conversation").GetProperty("status").GetString());
        Assert.True(item.Value.GetProperty("waitingSeconds").GetDouble() >= 80);
        Assert.Null(await FindAsync(server.Client, contact, ChannelOfQueue == "Email" ? "?channel=Chat" : "?channel=Email"));
        var bad = await server.Client.GetAsync("api/inbox?flag=urgent", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("flag", await bad.Content.ReadAsStringAsync(Ct));

        // An agent who does not serve the queue does not see it.
        var stranger = Directory.Agents.First(x => x.Skills.All(k => k.QueueId != Queue));
        using (var outsider = await SignIn.ClientAsync(server.BaseAddress, server.Factory.Services, [WfmRoles.Agent], null, stranger.Id))
        {
            var theirs = await outsider.GetFromJsonAsync<List<JsonElement>>("api/inbox", Ct);
            Assert.DoesNotContain(theirs!, x => x.GetProperty("conversation").GetProperty("id").GetString() == contact);
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"api/conversations/{contact}", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsJsonAsync($"api/conversations/{contact}/replies", new { text = "hi" }, Ct)).StatusCode);
        }

        Assert.True((await Events.PostAsync(server.Client, Events.Answered(Queue, contact, agent.Id, t.AddSeconds(20)))).IsSuccessStatusCode);
        using var agentClient = await SignIn.ClientAsync(server.BaseAddress, server.Factory.Services, [WfmRoles.Agent], null, agent.Id);
        var reply = await agentClient.PostAsJsonAsync($"api/conversations/{contact}/replies", new { text = "Hi Derya, I checked order 5512093: it ships tomorrow." }, Ct);
        Assert.True(reply.IsSuccessStatusCode, await reply.Content.ReadAsStringAsync(Ct));
        var view = await reply.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("WaitingOnCustomer", view.GetProperty("summary").GetProperty("status").GetString());
        var messages = view.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(2, messages.Count);
        Assert.DoesNotContain("0532 123 45 67", messages[0].GetProperty("text").GetString());
        Assert.Equal(agent.Id, messages[1].GetProperty("agentId").GetString());
        Assert.NotEqual(JsonValueKind.Null, view.GetProperty("summary").GetProperty("firstResponseAt").ValueKind);
        var empty = await agentClient.PostAsJsonAsync($"api/conversations/{contact}/replies", new { text = " " }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }

    [Fact]
    public async Task APastAnswer_IsSuggestedForASimilarQuestion_FilledIn_AndItsUseIsCounted()
    {
        var (first, second) = (TestAgents.Take(Directory, Queue), TestAgents.Take(Directory, Queue));
        var t = DateTimeOffset.UtcNow.AddMinutes(-20);
        var past = "past-" + Guid.NewGuid().ToString("N")[..8];
        Assert.True((await Events.PostAsync(server.Client,
            Events.State(first.Id, "Available", t),
            Events.Arrived(Queue, past, t.AddSeconds(1)),
            Message(Queue, past, "How can I get a refund for the broken blender 8841230?", t.AddSeconds(2), "cust-past", "Arash Rahimi"),
            Events.Answered(Queue, past, first.Id, t.AddSeconds(5)))).IsSuccessStatusCode);
        using var firstClient = await SignIn.ClientAsync(server.BaseAddress, server.Factory.Services, [WfmRoles.Agent], null, first.Id);
        Assert.True((await firstClient.PostAsJsonAsync($"api/conversations/{past}/replies",
            new { text = "Hello Arash, I have started the refund for order 8841230; the courier collects the blender tomorrow." }, Ct)).IsSuccessStatusCode);
        await server.Factory.Services.GetRequiredService<ReplySuggestionService>().RefreshAsync(Ct);

        var now = "now-" + Guid.NewGuid().ToString("N")[..8];
        var t2 = DateTimeOffset.UtcNow.AddSeconds(-30);
        Assert.True((await Events.PostAsync(server.Client,
            Events.State(second.Id, "Available", t2),
            Events.Arrived(Queue, now, t2.AddSeconds(1)),
            Message(Queue, now, "my blender arrived broken, I want a refund. Order 7730012", t2.AddSeconds(2), "cust-now", "Selin Öztürk"),
            Events.Answered(Queue, now, second.Id, t2.AddSeconds(4)))).IsSuccessStatusCode);
        using var secondClient = await SignIn.ClientAsync(server.BaseAddress, server.Factory.Services, [WfmRoles.Agent], null, second.Id);
        var suggestions = await secondClient.GetFromJsonAsync<List<JsonElement>>($"api/conversations/{now}/suggestions", Ct);
        Assert.NotEmpty(suggestions!);
        var top = suggestions![0];
        Assert.Equal("Hello Selin, I have started the refund for order 7730012; the courier collects the blender tomorrow.", top.GetProperty("text").GetString());

        var sent = await secondClient.PostAsJsonAsync($"api/conversations/{now}/replies",
            new { text = top.GetProperty("text").GetString(), suggestionId = top.GetProperty("pairId").GetInt64(), suggestionText = top.GetProperty("text").GetString() }, Ct);
        Assert.True(sent.IsSuccessStatusCode, await sent.Content.ReadAsStringAsync(Ct));
        var dismissed = await secondClient.PostAsJsonAsync($"api/conversations/{now}/suggestions/{top.GetProperty("pairId").GetInt64()}/feedback", new { action = "maybe" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, dismissed.StatusCode);

        var stats = await server.Client.GetFromJsonAsync<JsonElement>("api/inbox/stats", Ct);
        var chat = stats.GetProperty("suggestions").EnumerateArray().Single(s => s.GetProperty("queueId").GetString() == Queue);
        Assert.True(chat.GetProperty("shown").GetInt32() >= 1);
        Assert.True(chat.GetProperty("accepted").GetInt32() >= 1);
        Assert.True(stats.GetProperty("indexedAnswers").GetInt32() >= 1);
    }

    [Fact]
    public async Task TwoAgentsOnOneConversation_AreWarnedWithinASecond_AndTheCollisionIsCounted()
    {
        var a = TestAgents.Take(Directory, Queue);
        var b = TestAgents.Onlooker(Directory, Queue, a.Id);
        var contact = "clash-" + Guid.NewGuid().ToString("N")[..8];
        var t = DateTimeOffset.UtcNow.AddSeconds(-60);
        Assert.True((await Events.PostAsync(server.Client,
            Events.State(a.Id, "Available", t),
            Events.Arrived(Queue, contact, t.AddSeconds(1)),
            Message(Queue, contact, "hello? anyone?", t.AddSeconds(2)),
            Events.Answered(Queue, contact, a.Id, t.AddSeconds(3)))).IsSuccessStatusCode);

        async Task<(HubConnection Hub, HttpClient Client, List<(string Kind, JsonElement Body)> Seen)> ConnectAsync(AgentProfile agent)
        {
            var (name, password) = await SignIn.CreateUserAsync(server.Factory.Services, "clash", [WfmRoles.Agent], null, agent.Id);
            var (client, cookies) = await SignIn.ClientWithCookiesAsync(server.BaseAddress, name, password);
            var hub = new HubConnectionBuilder()
                .WithUrl(new Uri(server.BaseAddress, "hubs/inbox"), o => o.Cookies = cookies)
                .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
                .Build();
            var seen = new List<(string, JsonElement)>();
            hub.On<string, JsonElement>("presence", (id, list) =>
            {
                if (id == contact)
                {
                    lock (seen)
                    {
                        seen.Add(("presence", list));
                    }
                }
            });
            hub.On<string, JsonElement>("replied", (id, by) =>
            {
                if (id == contact)
                {
                    lock (seen)
                    {
                        seen.Add(("replied", by));
                    }
                }
            });
            await hub.StartAsync(Ct);
            return (hub, client, seen);
        }

        var (hubA, clientA, seenA) = await ConnectAsync(a);
        var (hubB, clientB, seenB) = await ConnectAsync(b);
        await using var disposeA = hubA;
        await using var disposeB = hubB;
        int Collisions(JsonElement stats) => stats.GetProperty("collisions").EnumerateArray()
            .Where(c => c.GetProperty("queueId").GetString() == Queue).Select(c => c.GetProperty("collisions").GetInt32()).FirstOrDefault();
        var before = Collisions(await server.Client.GetFromJsonAsync<JsonElement>("api/inbox/stats", Ct));

        Assert.Empty(await hubA.InvokeAsync<List<JsonElement>>("Open", contact, Ct));
        var othersForB = await hubB.InvokeAsync<List<JsonElement>>("Open", contact, Ct);
        Assert.Equal([a.Id], othersForB.Select(p => p.GetProperty("id").GetString()));
        await hubB.InvokeAsync<List<JsonElement>>("Typing", contact, true, Ct);

        async Task<bool> WithinASecond(Func<bool> seen)
        {
            var deadline = DateTime.UtcNow.AddSeconds(1);
            while (!seen() && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20, Ct);
            }

            return seen();
        }

        Assert.True(await WithinASecond(() =>
        {
            lock (seenA)
            {
                return seenA.Any(s => s.Kind == "presence" && s.Body.EnumerateArray().Any(p => p.GetProperty("id").GetString() == b.Id && p.GetProperty("mode").GetString() == "Typing"));
            }
        }), "A was told that B is typing");

        var reply = await clientA.PostAsJsonAsync($"api/conversations/{contact}/replies", new { text = "I am on it." }, Ct);
        Assert.True(reply.IsSuccessStatusCode, await reply.Content.ReadAsStringAsync(Ct));
        Assert.True(await WithinASecond(() => { lock (seenB) { return seenB.Any(s => s.Kind == "replied" && s.Body.GetProperty("id").GetString() == a.Id); } }),
            "B, with a draft open, was told that A replied");

        var deadline = DateTime.UtcNow.AddSeconds(3);
        var after = before;
        while (after == before && DateTime.UtcNow < deadline)
        {
            after = Collisions(await server.Client.GetFromJsonAsync<JsonElement>("api/inbox/stats", Ct));
        }

        Assert.Equal(before + 1, after);
        var stranger = Directory.Agents.First(x => x.Skills.All(s => s.QueueId != Queue));
        var (strangerHub, _, _) = await ConnectAsync(stranger);
        await using var disposeStranger = strangerHub;
        await Assert.ThrowsAsync<HubException>(() => strangerHub.InvokeAsync<List<JsonElement>>("Open", contact, Ct));
        clientA.Dispose();
        clientB.Dispose();
    }
}
