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

        var bad = await server.Client.PostAsJsonAsync("api/conversations/analyze", new { messages = new[] { new { sender = "bot", text = "hi" } } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("messages[0].sender", await bad.Content.ReadAsStringAsync(Ct));
    }
}
