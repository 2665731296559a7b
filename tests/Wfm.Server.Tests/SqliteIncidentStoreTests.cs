using Wfm.Core.Conversations;
using Wfm.Core.Ports;
using Wfm.Data.Storage;

namespace Wfm.Server.Tests;

/// <summary>The burnout score's lean read of incidents: who and when, since a time, open and closed, none without an agent.</summary>
public sealed class SqliteIncidentStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AbuseIncident Incident(string id, DateTimeOffset at, string? agentId, bool closed) =>
        AbuseIncident.From(id, at, agentId, "queue-1", $"contact-{id}", "customer-1", IncidentSource.Reported, "you are useless, I will find you", null)
        with { Status = closed ? IncidentStatus.Closed : IncidentStatus.Open };

    [Fact]
    public async Task AgentTimes_AreTheSameAsTheInMemoryStore()
    {
        await using var db = TempSqlite.Create("incidents");
        IIncidentStore sqlite = new SqliteIncidentStore(db.Database, db.Writer);
        IIncidentStore memory = new InMemoryIncidentStore();
        var start = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 60; i++)
        {
            var incident = Incident($"i-{i}", start.AddHours(i * 13), i % 5 == 0 ? null : $"agent-{i % 4}", closed: i % 3 == 0);
            await sqlite.AddAsync(incident, Ct);
            await memory.AddAsync(incident, Ct);
        }

        var since = start.AddDays(10);
        var fromSqlite = await sqlite.AgentTimesAsync(since, Ct);
        Assert.Equal(await memory.AgentTimesAsync(since, Ct), fromSqlite);

        // 60 incidents 13 h apart: those from day 10 on are i ≥ 19 (41 of them), less the 8 without an agent.
        Assert.Equal(33, fromSqlite.Count);
        Assert.All(fromSqlite, t => Assert.True(t.At >= since));
        Assert.DoesNotContain(fromSqlite, t => t.AgentId.Length == 0);
    }
}
