using System.Net.Http.Json;
using System.Text.Json;

namespace Wfm.Server.Tests;

public sealed class RestartTests
{
    [Fact]
    public async Task StateSurvivesARestartOverTheSameDatabase()
    {
        var ct = TestContext.Current.CancellationToken;
        var path = WfmFactory.NewDatabasePath();
        var t = DateTimeOffset.UtcNow.AddSeconds(-30);
        await using (var first = new WfmFactory(path))
        {
            using var client = await SignIn.ClientAsync(first.Start(), first.Services, SignIn.Staff);
            var response = await Events.PostAsync(client,
                Events.State("agent-012", "Available", t),
                Events.Arrived("chat-support", "r-c1", t.AddSeconds(1)),
                Events.Answered("chat-support", "r-c1", "agent-012", t.AddSeconds(4)),
                Events.Arrived("chat-support", "r-c2", t.AddSeconds(5)));
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(ct));
        }

        await using var second = new WfmFactory(path);
        using var again = await SignIn.ClientAsync(second.Start(), second.Services, SignIn.Staff);
        var queue = await again.GetFromJsonAsync<JsonElement>("api/queues/chat-support", ct);
        Assert.Equal(2, queue.GetProperty("today").GetProperty("offered").GetInt32());
        Assert.Equal(1, queue.GetProperty("waiting").GetInt32());
        var agent = await again.GetFromJsonAsync<JsonElement>("api/agents/agent-012", ct);
        Assert.Equal("OnContact", agent.GetProperty("state").GetString());
        Assert.Equal("r-c1", agent.GetProperty("contactId").GetString());
    }
}
