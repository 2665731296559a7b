using System.Globalization;

namespace Wfm.Cli.Tests;

/// <summary>Runs `wfm capacity plan` and `wfm capacity backtest` in-process on files written here.</summary>
[Collection("console")]
public sealed class CapacityCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wfm-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>16 weeks of a voice line, hourly, open Mon–Sat 08–20, 150 calls an hour growing 1 % a week.</summary>
    private string History()
    {
        var lines = new List<string> { "timestamp,queue,offered,aht_seconds" };
        var monday = new DateOnly(2026, 8, 3);
        for (var d = 0; d < 16 * 7; d++)
        {
            var date = monday.AddDays(d);
            for (var h = 8; h < 20 && date.DayOfWeek != DayOfWeek.Sunday; h++)
            {
                var calls = Math.Round(150 * Math.Pow(1.01, d / 7), 1);
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"{date:yyyy-MM-dd} {h:00}:00,voice,{calls},280"));
            }
        }

        return Write("history.csv", lines);
    }

    private string Write(string name, IEnumerable<string> lines)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void Plan_WritesTheWeeksTheClassesAndTheChart()
    {
        var headcount = Write("headcount.csv", ["skills,headcount,hours_per_week", "voice,20,40", "voice,6,20"]);
        var hiring = Write("hiring.json", ["""{ "weeks": 26, "leadTimeWeeks": 2, "hiring": [ { "skills": ["voice"], "minClassSize": 3, "maxClassSize": 10, "classroomWeeks": 2 } ] }"""]);
        var output = Path.Combine(_dir, "plan.csv");
        var classes = Path.Combine(_dir, "classes.csv");
        var chart = Path.Combine(_dir, "plan.svg");

        var (code, stderr) = Cli.Run("capacity", "plan", "--history", History(), "--headcount", headcount, "--hiring", hiring, "--out", output, "--classes", classes, "--chart", chart);

        Assert.True(code == 0, stderr);
        var weeks = Cli.ReadCsv(output);
        Assert.Equal(26, weeks.Count);
        Assert.Equal("2026-11-23", weeks[0]["week"]);
        Assert.Equal(23, double.Parse(weeks[0]["available_fte"], CultureInfo.InvariantCulture), 1);
        Assert.True(double.Parse(weeks[0]["required_fte"], CultureInfo.InvariantCulture) > double.Parse(weeks[0]["flat_fte"], CultureInfo.InvariantCulture));
        Assert.NotEmpty(Cli.ReadCsv(classes));
        Assert.Contains("<svg", File.ReadAllText(chart));
    }

    [Fact]
    public void Plan_RefusesABadHeadcountRow_NamingTheLineAndColumn()
    {
        var headcount = Write("headcount.csv", ["skills,headcount,hours_per_week", "voice,20,40", "voice,many,40"]);

        var (code, stderr) = Cli.Run("capacity", "plan", "--history", History(), "--headcount", headcount);

        Assert.Equal(2, code);
        Assert.Contains("line 3", stderr);
        Assert.Contains("headcount", stderr);
    }

    [Fact]
    public void Backtest_PrintsEachMethodAgainstTheBaselines()
    {
        var output = new StringWriter();
        var previous = Console.Out;
        Console.SetOut(output);
        int code;
        try
        {
            (code, _) = Cli.Run("capacity", "backtest", "--history", History(), "--horizon-weeks", "4", "--origins", "3");
        }
        finally
        {
            Console.SetOut(previous);
        }

        Assert.Equal(0, code);
        Assert.Contains("baseline: mean of 8 weekly totals", output.ToString());
        Assert.Contains("auto", output.ToString());
    }
}
