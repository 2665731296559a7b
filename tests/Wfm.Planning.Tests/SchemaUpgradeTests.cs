using Microsoft.Data.Sqlite;
using Wfm.Core.Directory;

namespace Wfm.Planning.Tests;

/// <summary>A database made before the center could be set up opens, keeps its directory and gains the new tables and columns.</summary>
public sealed class SchemaUpgradeTests
{
    [Fact]
    public async Task DatabaseOfAnEarlierVersion_GainsTheCenterTablesAndColumns_AndKeepsItsAgents()
    {
        using var center = new TestCenter(path =>
        {
            using var old = new SqliteConnection($"Data Source={path};Pooling=false");
            old.Open();
            using var create = old.CreateCommand();
            // The directory tables as the version before this one made them (no contracts, hours, ACD ids or deactivation).
            create.CommandText = """
                CREATE TABLE "Teams" ("Id" TEXT NOT NULL CONSTRAINT "PK_Teams" PRIMARY KEY, "Name" TEXT NOT NULL);
                CREATE TABLE "Queues" ("Id" TEXT NOT NULL CONSTRAINT "PK_Queues" PRIMARY KEY, "Name" TEXT NOT NULL, "Channel" TEXT NOT NULL,
                    "TargetPercent" REAL NOT NULL, "TargetSeconds" INTEGER NOT NULL, "AbandonsCountAsMisses" INTEGER NOT NULL);
                CREATE TABLE "Agents" ("Id" TEXT NOT NULL CONSTRAINT "PK_Agents" PRIMARY KEY, "Name" TEXT NOT NULL, "TeamId" TEXT NOT NULL,
                    "Skills" TEXT NOT NULL, "Locale" TEXT NOT NULL);
                CREATE TABLE "Settings" ("Key" TEXT NOT NULL CONSTRAINT "PK_Settings" PRIMARY KEY, "Value" TEXT NOT NULL);
                INSERT INTO Teams VALUES ('north', 'North');
                INSERT INTO Queues VALUES ('voice', 'Voice line', 'Voice', 80, 20, 1);
                INSERT INTO Agents VALUES ('a1', 'Ayşe Yılmaz', 'north', 'voice:4', 'tr');
                INSERT INTO Settings VALUES ('center.timeZone', 'Asia/Tehran'), ('center.intervalMinutes', '30');
                """;
            create.ExecuteNonQuery();
        });

        var before = await center.Service.GetAsync(TestContext.Current.CancellationToken);
        await center.Service.SaveContractAsync(TestCenter.FullTime, create: true, TestContext.Current.CancellationToken);
        await center.Service.SaveAgentAsync(before.Agents[0] with { ContractId = "ft", AcdId = "7" }, create: false, TestContext.Current.CancellationToken);
        var after = await center.Service.GetAsync(TestContext.Current.CancellationToken);

        var kept = Assert.Single(before.Agents);
        Assert.Equal(("Ayşe Yılmaz", "north", "tr", (string?)null, true), (kept.Name, kept.TeamId, kept.Locale, kept.ContractId, kept.IsActive));
        Assert.Equal([new AgentSkill("voice", 4)], kept.Skills);
        Assert.Equal(("Asia/Tehran", 30), (before.Settings.TimeZone, before.Settings.IntervalMinutes));
        Assert.Null(Assert.Single(before.Queues).Hours);
        Assert.Equal(("ft", "7"), (after.Agents[0].ContractId, after.Agents[0].AcdId));
        Assert.Equal("Asia/Tehran", center.Directory.Clock.Zone.Id);
    }
}
