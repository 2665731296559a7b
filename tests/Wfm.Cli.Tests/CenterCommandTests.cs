using Microsoft.Data.Sqlite;

namespace Wfm.Cli.Tests;

/// <summary><c>wfm center</c> sets up a center in a database file as a planner's script would (in the "console" collection: the CLI writes to the process's one standard error).</summary>
[Collection("console")]
public sealed class CenterCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wfm-center-cli-").FullName;

    private string Db => Path.Combine(_folder, "mine.db");

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void QueuesTeamsAndAgents_AreImported_ExportedBack_AndABadFileIsRefusedRowByRow()
    {
        var queues = Write("queues.csv", "id,name,channel,target_percent,target_seconds,hours\nq-voice,Hotline,voice,80,20,Mon-Fri 08:00-18:00\n");
        var teams = Write("teams.csv", "id,name\nt1,Kadıköy\n");
        var agents = Write("agents.csv", "id,name,team,skills,locale\na1,Ayşe Yılmaz,t1,q-voice:5,tr\na2,Reza Ahmadi,t1,q-voice,fa\n");
        var bad = Write("bad.csv", "id,name,team,skills\na3,X,t9,q-voice:4\na4,Y,t1,q-chat:4\n");
        var exported = Path.Combine(_folder, "out.csv");

        var q = Cli.Run("center", "import-queues", "--data", Db, "--input", queues);
        var t = Cli.Run("center", "import-teams", "--data", Db, "--input", teams);
        var a = Cli.Run("center", "import-agents", "--data", Db, "--input", agents);
        var refused = Cli.Run("center", "import-agents", "--data", Db, "--input", bad);
        var e = Cli.Run("center", "export-agents", "--data", Db, "--out", exported);

        Assert.Equal((0, 0, 0, 0), (q.Code, t.Code, a.Code, e.Code));
        Assert.Equal(2, refused.Code);
        Assert.Contains("bad.csv line 2, column 'team': 't9' is not an active team", refused.Stderr);
        Assert.Contains("bad.csv line 3, column 'skills': 'q-chat' is not an active queue", refused.Stderr);
        var rows = Cli.ReadCsv(exported);
        Assert.Equal(["a1", "a2"], rows.Select(r => r["id"]));
        Assert.Equal(["q-voice:5", "q-voice:3"], rows.Select(r => r["skills"]));
        Assert.Equal("Ayşe Yılmaz", rows[0]["name"]);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Show_IntoAFileOrPipe_WritesTabSeparatedLines_NotABox()
    {
        var queues = Write("queues.csv", "id,name,channel,target_percent,target_seconds,hours\nq-voice,Hotline,voice,80,20,Mon-Fri 08:00-18:00\n");
        Assert.Equal(0, Cli.Run("center", "import-queues", "--data", Db, "--input", queues).Code);

        var output = new StringWriter();
        var previous = Console.Out;
        Console.SetOut(output);
        try
        {
            Assert.Equal(0, Program.Main(["center", "show", "--data", Db]));
        }
        finally
        {
            Console.SetOut(previous);
        }

        // The test host's standard output is not a terminal: what a script reading `wfm center show > out.tsv` gets.
        Assert.True(Console.IsOutputRedirected);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("kind\tid\tname\tdetails\tstatus", lines);
        Assert.Contains("queue\tq-voice\tHotline\tVoice, 80% in 20 s, Mon-Fri 08:00-18:00\tactive", lines);
        Assert.DoesNotContain(lines, l => l.Contains('│', StringComparison.Ordinal));
    }
}
