using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Wfm.Grains.Abstractions;

namespace Wfm.Server.Tests;

[Collection(ServerCollection.Name)]
public sealed class BoardHubTests(ServerFixture server)
{
    [Fact]
    public async Task PostedEvents_ArriveOnTheBoardWithTheExpectedNumbers()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "hubs/board"))
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .Build();
        var updates = new List<BoardUpdate>();
        var arrived = new SemaphoreSlim(0);
        connection.On<BoardUpdate>("update", u =>
        {
            lock (updates)
            {
                updates.Add(u);
            }

            arrived.Release();
        });
        await connection.StartAsync(ct);
        var before = (await connection.InvokeAsync<BoardUpdate>("GetSnapshot", ct)).Queues.Single(q => q.QueueId == "voice-sales");

        // agent-007 is on team Zagros, whose main queue is voice-sales (the demo directory is seeded with a fixed seed).
        var t = DateTimeOffset.UtcNow.AddSeconds(-60);
        var response = await Events.PostAsync(server.Client,
            Events.State("agent-007", "Available", t),
            Events.Arrived("voice-sales", "board-c1", t.AddSeconds(1)),
            Events.Arrived("voice-sales", "board-c2", t.AddSeconds(2)),
            Events.Answered("voice-sales", "board-c1", "agent-007", t.AddSeconds(6)),
            Events.Abandoned("voice-sales", "board-c2", t.AddSeconds(50)),
            Events.Arrived("voice-sales", "board-c3", t.AddSeconds(55)));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(ct));

        QueueSnapshot? seen = null;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (seen is null && DateTime.UtcNow < deadline)
        {
            await arrived.WaitAsync(TimeSpan.FromSeconds(1), ct);
            lock (updates)
            {
                seen = updates.SelectMany(u => u.Queues)
                    .LastOrDefault(q => q.QueueId == "voice-sales" && q.Today.Offered == before.Today.Offered + 3);
            }
        }

        Assert.NotNull(seen);
        Assert.Equal(before.Today.Answered + 1, seen.Today.Answered);
        Assert.Equal(before.Today.Abandoned + 1, seen.Today.Abandoned);
        Assert.Equal(before.Waiting + 1, seen.Waiting);
        Assert.True(seen.LongestWaitSeconds >= 5);
        lock (updates)
        {
            Assert.Contains(updates.SelectMany(u => u.Agents), a => a.AgentId == "agent-007" && a.State == Core.Agents.AgentState.OnContact);
        }
    }
}
