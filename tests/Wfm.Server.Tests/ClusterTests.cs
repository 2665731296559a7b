using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Wfm.Core.Agents;
using Wfm.Core.Directory;
using Wfm.Data.Storage;
using Wfm.Grains.Abstractions;
using Wfm.Planning.Tests;
using Wfm.Server.Api;
using Wfm.Server.Security;

namespace Wfm.Server.Tests;

// Orleans' management grain takes no token of the test; its calls end with the silo's response timeout.
#pragma warning disable xUnit1051

/// <summary>Two servers, each a silo with its web front end, on one PostgreSQL database: one cluster.</summary>
public sealed class ClusterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, string> Settings(TestDatabase db, string cluster) => new()
    {
        ["Wfm:Store"] = "Postgres",
        ["Wfm:ConnectionString"] = db.Store.ConnectionString,
        ["Wfm:ClusterId"] = cluster,
        ["Wfm:Security:ResetDemoPasswords"] = "false",
    };

    private static async Task<EventBatchAccepted> PostAsync(HttpClient client, object[] events)
    {
        var response = await client.PostAsJsonAsync("api/events", new { events }, Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<EventBatchAccepted>(Ct))!;
    }

    /// <summary>Waits until every given silo's view of the cluster holds exactly this many active silos.</summary>
    private static async Task ActiveSilosAsync(int count, params WfmFactory[] silos)
    {
        foreach (var silo in silos)
        {
            var membership = silo.Services.GetRequiredService<IClusterMembershipService>();
            while (membership.CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Active) != count)
            {
                await Task.Delay(50, Ct);
            }
        }
    }

    [Fact]
    public async Task ARetryOnTheOtherSilo_IsRecordedOnce_AndGrainsOfAStoppedSilo_ComeBackOnTheOtherWithTheirState()
    {
        using var db = TestDatabase.Create(WfmStoreKind.Postgres);
        var cluster = $"test-{Guid.NewGuid():N}";
        var a = new WfmFactory(WfmFactory.NewDatabasePath(), settings: Settings(db, cluster));
        var aAddress = a.Start();
        await using var b = new WfmFactory(WfmFactory.NewDatabasePath(), settings: Settings(db, cluster));
        var bAddress = b.Start();

        // Both silos are in the membership table and each sees the other as active (a silo still joining owns no part
        // of the directory yet in the other's view).
        var management = b.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        await ActiveSilosAsync(2, a, b);

        // One API key for both: keys live in the shared database.
        var key = (await a.Services.GetRequiredService<ApiKeyService>().CreateAsync("cluster", [.. WfmScopes.All], "tests")).Key;
        using var toA = new HttpClient { BaseAddress = aAddress };
        using var toB = new HttpClient { BaseAddress = bAddress };
        toA.DefaultRequestHeaders.Add("X-Api-Key", key);
        toB.DefaultRequestHeaders.Add("X-Api-Key", key);

        // Thirty agents come in and each answers a contact of their first queue, through silo A.
        var directory = a.Services.GetRequiredService<IContactCenterDirectory>();
        var agents = directory.Agents.OrderBy(x => x.Id, StringComparer.Ordinal).Take(30).ToList();
        var at = DateTimeOffset.UtcNow.AddMinutes(-10);
        var batch = agents.SelectMany((agent, i) =>
        {
            var queue = agent.Skills[0].QueueId;
            return new[]
            {
                Events.State(agent.Id, "Available", at),
                Events.Arrived(queue, $"cl-{i}", at.AddSeconds(10 + i)),
                Events.Answered(queue, $"cl-{i}", agent.Id, at.AddSeconds(20 + i)),
            };
        }).ToArray();
        Assert.Equal(new EventBatchAccepted(90, 0), await PostAsync(toA, batch));

        // The sender did not hear back and sends the batch again to the other silo: nothing is recorded twice.
        Assert.Equal(new EventBatchAccepted(0, 90), await PostAsync(toB, batch));
        var grainsOfB = b.Services.GetRequiredService<IGrainFactory>();
        var offered = 0;
        foreach (var queue in agents.Select(x => x.Skills[0].QueueId).Distinct())
        {
            offered += (await grainsOfB.GetGrain<IQueueGrain>(queue).GetSnapshotAsync()).Today.Offered;
        }

        Assert.Equal(30, offered);

        // Which of the agents' grains live on silo A (placement spreads them over both).
        var siloA = a.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        var onA = new List<string>();
        foreach (var agent in agents)
        {
            if (await management.GetActivationAddress(grainsOfB.GetGrain<IAgentGrain>(agent.Id)) == siloA)
            {
                onA.Add(agent.Id);
            }
        }

        Assert.NotEmpty(onA);

        // Silo A stops. Its agents come back on B from their saved state and the journal: each is still on its
        // contact (ending it is accepted only from there) and has handled none yet.
        await a.DisposeAsync();
        await ActiveSilosAsync(1, b);

        foreach (var id in onA)
        {
            var snapshot = await grainsOfB.GetGrain<IAgentGrain>(id).GetSnapshotAsync();
            Assert.Equal((AgentState.OnContact, 0), (snapshot.State, snapshot.Handled));
        }

        var ends = agents.Select((agent, i) => (object)new
        {
            id = $"cl-end-{i}", type = "ContactEnded", at = at.AddSeconds(200 + i), queueId = agent.Skills[0].QueueId, contactId = $"cl-{i}", agentId = agent.Id,
        }).ToArray();
        Assert.Equal(new EventBatchAccepted(30, 0), await PostAsync(toB, ends));
        foreach (var id in onA)
        {
            var snapshot = await grainsOfB.GetGrain<IAgentGrain>(id).GetSnapshotAsync();
            Assert.Equal((AgentState.AfterContactWork, 1), (snapshot.State, snapshot.Handled));
            Assert.Equal(b.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress, await management.GetActivationAddress(grainsOfB.GetGrain<IAgentGrain>(id)));
        }

        // The board of B counts every queue's contacts once.
        var board = await toB.GetFromJsonAsync<JsonElement>("api/board", Ct);
        Assert.Equal(30, board.GetProperty("queues").EnumerateArray().Sum(q => q.GetProperty("today").GetProperty("offered").GetInt32()));
    }
}
