using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Wfm.Data.Scenarios;
using Wfm.Data.Storage;

namespace Wfm.Server.Tests;

/// <summary>A database written by an earlier version opens in this one without losing anything.</summary>
public sealed class StoreUpgradeTests
{
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

            var database = new SqliteDatabase(path);
            await using var writer = new SqliteWriter(database, NullLogger<SqliteWriter>.Instance);
            var store = new StaffingScenarioStore(database, writer);

            var before = await store.ListAsync(withJson: true);
            var id = await store.SaveAsync("this year's plan", "voice-support", "{}", "{}", forecastId: 7);
            var linked = await store.ListAsync(forecastId: 7);

            var kept = Assert.Single(before);
            Assert.Equal("last year's plan", kept.Name);
            Assert.Equal("{\"b\":2}", kept.ResultJson);
            Assert.Null(kept.ForecastId);
            Assert.Equal(id, Assert.Single(linked).Id);
            Assert.Equal(2, (await store.ListAsync()).Count);
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
}
