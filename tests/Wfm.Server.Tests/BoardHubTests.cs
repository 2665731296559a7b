using System.Net;
using System.Text.Json.Serialization;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Wfm.Core.Directory;
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
            .WithUrl(new Uri(server.BaseAddress, "hubs/board"), o => o.Headers["X-Api-Key"] = server.ApiKey)
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

    [Fact]
    public async Task AQueuesOnlyWatcher_GetsQueues_AndNoAgents()
    {
        var ct = TestContext.Current.CancellationToken;
        var directory = server.Factory.Services.GetRequiredService<IContactCenterDirectory>();
        var agent = directory.Agents.OrderBy(a => a.Id, StringComparer.Ordinal).Reverse().ElementAt(9).Id;
        async Task<(HubConnection Hub, List<BoardUpdate> Updates)> ConnectAsync()
        {
            var hub = new HubConnectionBuilder()
                .WithUrl(new Uri(server.BaseAddress, "hubs/board"), o => o.Headers["X-Api-Key"] = server.ApiKey)
                .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
                .Build();
            var updates = new List<BoardUpdate>();
            hub.On<BoardUpdate>("update", u =>
            {
                lock (updates)
                {
                    updates.Add(u);
                }
            });
            await hub.StartAsync(ct);
            return (hub, updates);
        }

        var (wall, wallUpdates) = await ConnectAsync();
        var (full, fullUpdates) = await ConnectAsync();
        await using var disposeWall = wall;
        await using var disposeFull = full;
        var start = await wall.InvokeAsync<BoardUpdate>("WatchQueuesOnly", ct);
        var before = start.Queues.Single(q => q.QueueId == "chat-support").Today.Offered;
        Assert.Empty(start.Agents);
        lock (wallUpdates)
        {
            wallUpdates.Clear(); // what was pushed before the request (messages on a connection keep their order)
        }

        var t = DateTimeOffset.UtcNow.AddSeconds(-20);
        var response = await Events.PostAsync(server.Client, Events.State(agent, "Available", t), Events.Arrived("chat-support", "wall-c1", t.AddSeconds(1)));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(ct));

        bool Seen() { lock (wallUpdates) { lock (fullUpdates) {
            return wallUpdates.SelectMany(u => u.Queues).Any(q => q.QueueId == "chat-support" && q.Today.Offered >= before + 1)
                && fullUpdates.SelectMany(u => u.Agents).Any(a => a.AgentId == agent); } } }
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!Seen() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, ct);
        }

        Assert.True(Seen());
        lock (wallUpdates)
        {
            Assert.All(wallUpdates, u => Assert.Empty(u.Agents));
        }
    }
}
