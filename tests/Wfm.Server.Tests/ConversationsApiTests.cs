using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Wfm.Server.Tests;

/// <summary>The trainer's review suggestion over HTTP.</summary>
[Collection(ServerCollection.Name)]
public sealed class ConversationsApiTests(ServerFixture server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Analyze_ReturnsTheReviewWithEvidence_AndRefusesAnUnknownSender()
    {
        var response = await server.Client.PostAsJsonAsync("api/conversations/analyze", new
        {
            conversationId = "conv-77",
            customerFirstName = "رضا",
            messages = new object[]
            {
                new { sender = "customer", text = "خیلی عصبانی هستم، سفارشم نرسیده" },
                new { sender = "agent", text = "سلام رضا جان، کاملا درک می‌کنم. نگران نباشید، پیگیری می‌کنم." },
                new { sender = "customer", text = "دستتون درد نکنه" },
            },
        }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var analysis = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("fa", analysis.GetProperty("language").GetString());
        var items = analysis.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("item").GetString()!, i => i.GetProperty("outcome").GetString());
        Assert.Equal("Found", items["acknowledge feelings"]);
        Assert.Equal("Found", items["greeting"]);
        Assert.Equal("Found", items["first name"]);
        Assert.Contains(analysis.GetProperty("wowCandidates").EnumerateArray(), w => w.GetProperty("kind").GetString() == "customer praise");
        // Each agent sentence with the empathy model's judgement; customers' messages are not judged.
        var sentences = analysis.GetProperty("sentences").EnumerateArray().ToList();
        Assert.Equal([1, 1], sentences.Select(x => x.GetProperty("messageIndex").GetInt32()));
        Assert.Equal(["acknowledge", "reassurance"], sentences.Select(x => x.GetProperty("kind").GetString()));
        Assert.All(sentences, x => Assert.True(x.GetProperty("empathetic").GetBoolean()));

        // English goes through the MiniLM sentence vectors: a reaction to the customer's situation without a stock phrase.
        var english = await (await server.Client.PostAsJsonAsync("api/conversations/analyze", new
        {
            messages = new object[]
            {
                new { sender = "customer", text = "The kitchen is flooded and I only moved in on Monday." },
                new { sender = "agent", text = "Hi Sam. A burst pipe the week you moved in, that is awful. Your claim number is 5512." },
            },
        }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var judged = english.GetProperty("sentences").EnumerateArray().ToList();
        Assert.Equal(["Hi Sam.", "A burst pipe the week you moved in, that is awful.", "Your claim number is 5512."], judged.Select(x => x.GetProperty("text").GetString()));
        Assert.Equal([false, true, false], judged.Select(x => x.GetProperty("empathetic").GetBoolean()));
        Assert.Equal("situation", judged[1].GetProperty("kind").GetString());
        Assert.InRange(judged[1].GetProperty("score").GetDouble(), 0.5, 1);

        var bad = await server.Client.PostAsJsonAsync("api/conversations/analyze", new { messages = new[] { new { sender = "bot", text = "hi" } } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("messages[0].sender", await bad.Content.ReadAsStringAsync(Ct));
    }
}
