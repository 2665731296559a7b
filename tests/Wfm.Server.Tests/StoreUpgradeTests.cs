using System.Net.Http.Json;
using System.Text.Json.Serialization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Wfm.Core.Conversations;
using Wfm.Core.Ports;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Wfm.Data;
using Wfm.Data.Scenarios;
using Wfm.Data.Storage;

namespace Wfm.Server.Tests;

/// <summary>A database written by an earlier version opens in this one without losing anything.</summary>
public sealed class StoreUpgradeTests
{
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    [Fact]
    public async Task ScenarioTableWithoutForecastColumn_GainsIt_AndKeepsItsRows()
    {
        var path = Path.Combine(Path.GetTempPath(), $"wfm-upgrade-{Guid.NewGuid():N}.db");
        try
        {
            using (var old = new SqliteConnection($"Data Source={path};Pooling=false"))
            {
                old.Open();
                using var create = old.CreateCommand();
                create.CommandText = """
                    CREATE TABLE StaffingScenarios (
                        Id INTEGER PRIMARY KEY AUTOINCREMENT, Name TEXT NOT NULL, Queue TEXT NOT NULL,
                        CreatedTicks INTEGER NOT NULL, RequestJson TEXT NOT NULL, ResultJson TEXT NOT NULL);
                    INSERT INTO StaffingScenarios (Name, Queue, CreatedTicks, RequestJson, ResultJson)
                    VALUES ('last year''s plan', 'voice-support', 638000000000000000, '{"a":1}', '{"b":2}');
                    """;
                create.ExecuteNonQuery();
            }

            // As the server opens it: the schema brought up to date, then the store.
            var database = new SqliteDatabase(path);
            WfmDataExtensions.EnsureSchema(database);
            var store = new StaffingScenarioStore(new PooledDbContextFactory<WfmDbContext>(WfmStore.Sqlite(database).Options()), TimeProvider.System);

            var before = await store.ListAsync(withJson: true, cancellationToken: TestContext.Current.CancellationToken);
            var id = await store.SaveAsync("this year's plan", "voice-support", "{}", "{}", forecastId: 7, TestContext.Current.CancellationToken);
            var linked = await store.ListAsync(forecastId: 7, cancellationToken: TestContext.Current.CancellationToken);

            var kept = Assert.Single(before);
            Assert.Equal("last year's plan", kept.Name);
            Assert.Equal("{\"b\":2}", kept.ResultJson);
            Assert.Null(kept.ForecastId);
            Assert.Equal(id, Assert.Single(linked).Id);
            Assert.Equal(2, (await store.ListAsync(cancellationToken: TestContext.Current.CancellationToken)).Count);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    [Fact]
    public async Task AJournalWithoutCustomerIds_GainsTheColumn_AndKeepsItsEvents()
    {
        var ct = TestContext.Current.CancellationToken;
        var path = WfmFactory.NewDatabasePath();
        var t = DateTimeOffset.UtcNow.AddMinutes(-5);
        await using (var first = new WfmFactory(path))
        {
            using var client = await SignIn.ClientAsync(first.Start(), first.Services, SignIn.Staff);
            Assert.True((await Events.PostAsync(client, Events.Arrived("voice-sales", "old-c1", t))).IsSuccessStatusCode);
        }

        // The journal as it was before customer ids were kept.
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=false"))
        {
            connection.Open();
            using var drop = connection.CreateCommand();
            drop.CommandText = "ALTER TABLE Events DROP COLUMN CustomerId";
            drop.ExecuteNonQuery();
        }

        await using var second = new WfmFactory(path);
        using var again = await SignIn.ClientAsync(second.Start(), second.Services, SignIn.Staff);
        var posted = await Events.PostAsync(again, new { id = Guid.NewGuid().ToString("N"), type = "ContactArrived", at = t.AddSeconds(5), queueId = "voice-sales", contactId = "new-c2", customerId = "cust-upgrade" });
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync(ct));
        var journal = second.Services.GetRequiredService<IEventJournal>();
        var events = await journal.ReadContactEventsAsync(t.AddSeconds(-1), t.AddMinutes(1), ct);
        Assert.Contains(events, e => e.Event.ContactId == "old-c1" && e.Event.CustomerId is null);
        Assert.Contains(events, e => e.Event.ContactId == "new-c2" && e.Event.CustomerId == "cust-upgrade");
    }

    [Fact]
    public async Task IncidentsKeptInTheRegistryGrainsState_MoveToTheirTable_OnFirstUse()
    {
        var ct = TestContext.Current.CancellationToken;
        var path = WfmFactory.NewDatabasePath();
        await using (var first = new WfmFactory(path))
        {
            first.Start(); // creates and seeds the database
        }

        var verdict = AbuseDetector.Default.Classify("you are a stupid idiot", "en");
        var old = AbuseIncident.From("inc-legacy-1", DateTimeOffset.UtcNow.AddHours(-1), "agent-001", "chat-support", "c-legacy", "cust-9",
            IncidentSource.Detected, "you are a stupid idiot", verdict);
        var json = JsonSerializer.Serialize(new[] { old }, WebJson);
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=false"))
        {
            connection.Open();
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO GrainStates (GrainType, GrainKey, Json, ETag, UpdatedAt) VALUES ('incidents', 'incidentregistry/0', $json, 'e1', 0)";
            insert.Parameters.AddWithValue("$json", json);
            insert.ExecuteNonQuery();
        }

        await using var second = new WfmFactory(path);
        using var client = await SignIn.ClientAsync(second.Start(), second.Services, SignIn.Staff);
        var listed = await client.GetFromJsonAsync<JsonElement>("api/incidents", ct);

        Assert.Contains(listed.EnumerateArray(), i => i.GetProperty("id").GetString() == "inc-legacy-1");
        using var check = new SqliteConnection($"Data Source={path};Pooling=false");
        check.Open();
        using var count = check.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM GrainStates WHERE GrainType = 'incidents'";
        Assert.Equal(0L, (long)count.ExecuteScalar()!);
    }
}
