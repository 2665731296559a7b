using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Wfm.Core.Directory;

namespace Wfm.Server.Tests;

/// <summary>QA scorecards over HTTP: a form, reviews against it, and calibration between two trainers.</summary>
[Collection(ServerCollection.Name)]
public sealed class CoachingApiTests(ServerFixture server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Scorecard_Reviews_AndCalibration()
    {
        var card = await server.Client.PostAsJsonAsync("api/coaching/scorecards", new
        {
            name = "Chat QA",
            sections = new object[]
            {
                new { name = "Opening", questions = new object[] { new { id = "greet", text = "Greets", weight = 1 }, new { id = "name", text = "Uses the first name", weight = 1 } } },
                new { name = "Solving", questions = new object[] { new { id = "fix", text = "Solves it", weight = 3 }, new { id = "verify", text = "Verifies identity", weight = 1, kind = "auto-fail" } } },
                new { name = "Extra", questions = new object[] { new { id = "wow", text = "Goes beyond", weight = 5, kind = "bonus" } } },
            },
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, card.StatusCode);
        var cardId = (await card.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt64();

        // The conversation reviewed: a real one, that agent-005 answered.
        var directory = server.Factory.Services.GetRequiredService<IContactCenterDirectory>();
        await TestConversations.PostAsync(server.Client, "qa-conv-1", "agent-005", directory.FindAgent("agent-005")!.Skills[0].QueueId, "Nilufar Rahimi",
            "My card was charged twice", "Hello, I've refunded the second charge.", "Thanks");

        // Three trainers, each signed in as themself: the reviewer is who is signed in, whatever name the body carries.
        var trainers = new Dictionary<string, HttpClient>();
        async Task<HttpClient> As(string who) =>
            trainers.TryGetValue(who, out var c) ? c : trainers[who] = await SignIn.ClientAsync(server.BaseAddress, server.Factory.Services, SignIn.Staff);

        async Task<HttpResponseMessage> Review(string reviewer, string name, string fix, string verify = "met") =>
            await (await As(reviewer)).PostAsJsonAsync("api/coaching/reviews", new
            {
                scorecardId = cardId, conversationId = "qa-conv-1", agentId = "agent-005", reviewer = "admin",
                answers = new Dictionary<string, string> { ["greet"] = "met", ["name"] = name, ["fix"] = fix, ["verify"] = verify, ["wow"] = "not-met" },
            }, Ct);

        var first = await Review("trainer-a", "partly", "met");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(90, (await first.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("result").GetProperty("score").GetDouble());
        var second = await Review("trainer-b", "not-met", "partly");
        Assert.Equal(50, (await second.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("result").GetProperty("score").GetDouble());
        var failed = await (await Review("trainer-c", "met", "met", verify: "not-met")).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(failed.GetProperty("result").GetProperty("autoFailed").GetBoolean());
        Assert.Equal(0, failed.GetProperty("result").GetProperty("score").GetDouble());

        var calibration = await server.Client.GetFromJsonAsync<JsonElement>($"api/coaching/calibration?scorecardId={cardId}&conversationId=qa-conv-1", Ct);
        Assert.Equal(90, calibration.GetProperty("scoreSpread").GetDouble()); // 90, 50 and the auto-failed 0
        Assert.Equal(0.4, calibration.GetProperty("agreement").GetDouble());    // greet and wow unanimous of five

        var reviews = await server.Client.GetFromJsonAsync<JsonElement>("api/coaching/reviews?agentId=agent-005", Ct);
        Assert.Equal(3, reviews.GetArrayLength());
        Assert.DoesNotContain(reviews.EnumerateArray(), r => r.GetProperty("reviewer").GetString() == "admin");
        Assert.Equal(3, reviews.EnumerateArray().Select(r => r.GetProperty("reviewer").GetString()).Distinct().Count());

        var badAnswer = await server.Client.PostAsJsonAsync("api/coaching/reviews", new
        {
            scorecardId = cardId, conversationId = "qa-conv-1", agentId = "agent-005", reviewer = "trainer-a",
            answers = new Dictionary<string, string> { ["greet"] = "maybe" },
        }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badAnswer.StatusCode);
        Assert.Contains("answers.greet", await badAnswer.Content.ReadAsStringAsync(Ct));

        // Only conversations that exist, and for the agent who took part in them.
        foreach (var (conversation, agent, expected) in new[] { ("no-such-conversation", "agent-005", "there is no conversation"), ("qa-conv-1", "agent-006", "took no part") })
        {
            var refused = await server.Client.PostAsJsonAsync("api/coaching/reviews", new
            {
                scorecardId = cardId, conversationId = conversation, agentId = agent, answers = new Dictionary<string, string> { ["greet"] = "met" },
            }, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains(expected, await refused.Content.ReadAsStringAsync(Ct));
        }
        // The trainer's queue: the failed review first, then the low one, each saying what was missed.
        var queue = (await server.Client.GetFromJsonAsync<JsonElement>("api/coaching/queue?agentId=agent-005", Ct)).EnumerateArray().ToList();
        Assert.Equal("Coach", queue[0].GetProperty("kind").GetString());
        Assert.Contains("failed on a must-have item — missed: Verifies identity", queue[0].GetProperty("text").GetString());
        Assert.Contains(queue, i => i.GetProperty("text").GetString()!.StartsWith("QA score 50 below 80 — missed: Uses the first name, Solves it", StringComparison.Ordinal));
        Assert.DoesNotContain(queue, i => i.GetProperty("text").GetString()!.Contains("Goes beyond", StringComparison.Ordinal));

        // The team comparison: agent-005's mean QA score and the item to train on.
        var team = await server.Client.GetFromJsonAsync<JsonElement>("api/coaching/team", Ct);
        var member = team.EnumerateArray().Single(m => m.GetProperty("agentId").GetString() == "agent-005");
        Assert.Equal(3, member.GetProperty("reviews").GetInt32());
        Assert.Equal(46.7, member.GetProperty("meanQaScore").GetDouble());
        Assert.Equal("Uses the first name", member.GetProperty("mostMissed").GetString());

        var badCard = await server.Client.PostAsJsonAsync("api/coaching/scorecards", new { name = "x", sections = new object[] { new { name = "A", questions = new object[] { new { id = "q", text = "t", kind = "extra" } } } } }, Ct);
        Assert.Contains("kind must be weighted, auto-fail or bonus", await badCard.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task WowCandidates_AreKeptOnce_ConfirmedWithTags_AndFoundInTheLibrary()
    {
        var conversation = new
        {
            conversationId = "wow-conv-1",
            messages = new object[]
            {
                new { sender = "customer", text = "My flight is tomorrow and the booking vanished!" },
                new { sender = "agent", agentId = "agent-006", text = "I've fixed the booking. I also added a window seat, and have a great trip!" },
                new { sender = "customer", text = "Thank you so much, you're a star!" },
            },
        };
        var found = await (await server.Client.PostAsJsonAsync("api/coaching/wow/candidates", conversation, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var kinds = found.EnumerateArray().Select(w => w.GetProperty("kind").GetString()).ToList();
        Assert.Contains("unstated need addressed", kinds);
        Assert.Contains("personal connection", kinds);
        Assert.Contains("customer praise", kinds);
        var again = await (await server.Client.PostAsJsonAsync("api/coaching/wow/candidates", conversation, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(found.EnumerateArray().Select(w => w.GetProperty("id").GetInt64()), again.EnumerateArray().Select(w => w.GetProperty("id").GetInt64()));

        var personal = found.EnumerateArray().First(w => w.GetProperty("kind").GetString() == "personal connection").GetProperty("id").GetInt64();
        var praise = found.EnumerateArray().First(w => w.GetProperty("kind").GetString() == "customer praise").GetProperty("id").GetInt64();
        var confirmed = await server.Client.PostAsJsonAsync($"api/coaching/wow/{personal}/confirm", new { by = "trainer-a", tags = new[] { "Onboarding", "travel" }, note = "remembered the trip" }, Ct);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.PostAsJsonAsync($"api/coaching/wow/{praise}/dismiss", new { by = "trainer-a" }, Ct)).StatusCode);
        var twice = await server.Client.PostAsJsonAsync($"api/coaching/wow/{praise}/confirm", new { by = "trainer-b" }, Ct);
        Assert.Contains("already dismissed by trainer-a", await twice.Content.ReadAsStringAsync(Ct));

        var library = await server.Client.GetFromJsonAsync<JsonElement>("api/coaching/wow?status=confirmed&tag=onboarding&q=trip", Ct);
        var entry = Assert.Single(library.EnumerateArray());
        Assert.Equal("agent-006", entry.GetProperty("agentId").GetString());
        Assert.Equal(["onboarding", "travel"], entry.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Empty((await server.Client.GetFromJsonAsync<JsonElement>("api/coaching/wow?status=confirmed&tag=billing", Ct)).EnumerateArray());
    }

    [Fact]
    public async Task Session_IsLoggedWithActionItems_AndFollowedUp()
    {
        var created = await server.Client.PostAsJsonAsync("api/coaching/sessions", new
        {
            agentId = "agent-007", trainer = "trainer-a", date = "2026-11-20", focus = "first response time",
            conversationIds = new[] { "qa-conv-1" }, notes = "slow first replies on chat",
            actionItems = new[] { new { text = "Use the greeting macro", due = "2026-11-27" }, new { text = "Check the queue every 10 minutes", due = "2026-11-27" } },
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var session = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = session.GetProperty("id").GetInt64();
        Assert.Equal(server.Staff.UserName, session.GetProperty("trainer").GetString()); // the signed-in trainer, not the body's "trainer-a"
        Assert.Equal(2, session.GetProperty("actionItems").GetArrayLength());

        var followed = await (await server.Client.PostAsJsonAsync($"api/coaching/sessions/{id}/follow-up", new { outcome = "replies within a minute now", doneItems = new[] { 0 } }, Ct))
            .Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("replies within a minute now", followed.GetProperty("followUp").GetString());
        Assert.Equal([true, false], followed.GetProperty("actionItems").EnumerateArray().Select(i => i.GetProperty("done").GetBoolean()));

        var impact = await server.Client.GetFromJsonAsync<JsonElement>($"api/coaching/sessions/{id}/impact", Ct);
        Assert.Equal("2026-11-06", impact.GetProperty("before").GetProperty("from").GetString());
        Assert.Equal("2026-11-19", impact.GetProperty("before").GetProperty("to").GetString());
        Assert.Equal("2026-11-20", impact.GetProperty("after").GetProperty("from").GetString());

        var listed = await server.Client.GetFromJsonAsync<JsonElement>("api/coaching/sessions?agentId=agent-007", Ct);
        Assert.Contains(listed.EnumerateArray(), s => s.GetProperty("id").GetInt64() == id);

        var early = await server.Client.PostAsJsonAsync("api/coaching/sessions", new
        {
            agentId = "agent-007", trainer = "trainer-a", date = "2026-11-20", focus = "AHT", actionItems = new[] { new { text = "x", due = "2026-11-01" } },
        }, Ct);
        Assert.Contains("actionItems[0]", await early.Content.ReadAsStringAsync(Ct));
        var wrongItem = await server.Client.PostAsJsonAsync($"api/coaching/sessions/{id}/follow-up", new { outcome = "ok", doneItems = new[] { 5 } }, Ct);
        Assert.Contains("2 action items", await wrongItem.Content.ReadAsStringAsync(Ct));
    }
}
