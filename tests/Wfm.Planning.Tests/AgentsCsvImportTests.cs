using Wfm.Core.Directory;
using Wfm.Planning.Center;

namespace Wfm.Planning.Tests;

public sealed class AgentsCsvImportTests
{
    [Fact]
    public async Task Import_AllOrNothing_NamesTheLineAndColumnOfEveryBadRow_AndStoresNothing()
    {
        using var center = await new TestCenter().WithBasicsAsync();
        const string csv = """
            id,name,team,skills,contract,locale,hire_date
            a1,Ayşe Yılmaz,north,voice:4,ft,tr,2024-03-01
            a2,Reza Ahmadi,south,voice:4,ft,fa,2024-03-01
            a3,John Smith,north,voice:four,ft,en,1 March
            a1,Again,north,voice:3,ft,en,
            """;

        var error = await Assert.ThrowsAsync<PlanningException>(() => center.Service.ImportAgentsAsync(new StringReader(csv), "agents.csv", TestContext.Current.CancellationToken));

        var fields = error.Errors.Select(e => e.Field).ToList();
        Assert.Contains("agents.csv line 3, column 'team'", fields);
        Assert.Contains("agents.csv line 4, column 'skills'", fields);
        Assert.Contains("agents.csv line 4, column 'hire_date'", fields);
        Assert.Contains(error.Errors, e => e.Field == "agents.csv line 5, column 'id'" && e.Detail.Contains("line 2"));
        Assert.Empty((await center.Service.GetAsync(TestContext.Current.CancellationToken)).Agents);
        Assert.Null(center.Directory.FindAgent("a1"));
    }

    [Fact]
    public async Task Import_MissingColumns_AreNamed()
    {
        using var center = await new TestCenter().WithBasicsAsync();

        var error = await Assert.ThrowsAsync<PlanningException>(() => center.Service.ImportAgentsAsync(new StringReader("id,name\na1,A\n"), "mine.csv", TestContext.Current.CancellationToken));

        Assert.StartsWith("mine.csv line 1, column 'team'", error.Errors.Single().Field);
        Assert.Contains("team, skills", error.Errors.Single().Detail);
    }

    [Fact]
    public async Task Export_ImportedAgain_ChangesNothing_AndAnEditedRowUpdatesOnlyThatAgent()
    {
        using var center = await new TestCenter().WithBasicsAsync();
        var rows = string.Join('\n', Enumerable.Range(1, 30).Select(i => $"a{i:00},Agent {i},north,voice:{1 + (i % 5)},ft,en,,,2023-01-{1 + (i % 28):00},yes"));
        var first = await center.Service.ImportAgentsAsync(new StringReader("id,name,team,skills,contract,locale,time_zone,acd_id,hire_date,active\n" + rows), "agents.csv", TestContext.Current.CancellationToken);

        var exported = new StringWriter();
        await center.Service.ExportAgentsAsync(exported, TestContext.Current.CancellationToken);
        var same = await center.Service.ImportAgentsAsync(new StringReader(exported.ToString()), "agents.csv", TestContext.Current.CancellationToken);
        var edited = exported.ToString().Replace("a07,Agent 7,north,voice:3", "a07,Agent Seven,north,voice:5", StringComparison.Ordinal)
            .Replace("a09,Agent 9,north,voice:5,ft,en,,,2023-01-10,yes", "a09,Agent 9,north,voice:5,ft,en,,,2023-01-10,no", StringComparison.Ordinal);
        var changed = await center.Service.ImportAgentsAsync(new StringReader(edited), "agents.csv", TestContext.Current.CancellationToken);

        Assert.Equal(new AgentImportResult(30, 0, 0), first);
        Assert.Equal(new AgentImportResult(0, 0, 30), same);
        Assert.Equal(new AgentImportResult(0, 2, 28), changed);
        Assert.Equal("Agent Seven", center.Directory.FindAgent("a07")?.Name);
        Assert.Null(center.Directory.FindAgent("a09"));
        Assert.Equal(29, center.Directory.Agents.Count);
    }

    [Fact]
    public async Task Export_NeutralisesFormulaCells_AndImportReadsThemBack()
    {
        using var center = await new TestCenter().WithBasicsAsync();
        await center.Service.SaveAgentAsync(TestCenter.Agent("a1") with { Name = "=HYPERLINK(\"http://evil.example\",\"x\")" }, create: true, TestContext.Current.CancellationToken);

        var exported = new StringWriter();
        await center.Service.ExportAgentsAsync(exported, TestContext.Current.CancellationToken);
        var again = await center.Service.ImportAgentsAsync(new StringReader(exported.ToString()), "agents.csv", TestContext.Current.CancellationToken);

        Assert.Contains("\"'=HYPERLINK(", exported.ToString());
        Assert.Equal(1, again.Unchanged);
    }
}
