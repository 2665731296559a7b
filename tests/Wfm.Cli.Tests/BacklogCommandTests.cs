using System.Globalization;

namespace Wfm.Cli.Tests;

/// <summary>Runs `wfm backlog` in-process on a two-day email forecast and checks the plan it writes.</summary>
[Collection("console")]
public sealed class BacklogCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wfm-backlog-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Two days open 08:00–20:00 in half hours, 20 emails per half hour, 6 minutes each; closed at night (no rows).</summary>
    private string Forecast(bool withAht = true)
    {
        var lines = new List<string> { withAht ? "timestamp,queue,forecast,aht_seconds" : "timestamp,queue,forecast" };
        foreach (var day in new[] { 25, 26 })
        {
            for (var i = 0; i < 24; i++)
            {
                var stamp = new DateTime(2026, 11, day, 8, 0, 0).AddMinutes(30 * i).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
                lines.Add(withAht ? $"{stamp},email,20,360" : $"{stamp},email,20");
            }
        }

        var path = Path.Combine(_dir, "forecast.csv");
        File.WriteAllLines(path, lines);
        return path;
    }

    private static (int Code, string Stderr) Run(params string[] args) => Cli.Run(args);

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [Fact]
    public void Backlog_PlansOpenHours_ConservesItems_AndNeverHandlesMoreThanTheAgentsCan()
    {
        var output = Path.Combine(_dir, "backlog.csv");
        var chart = Path.Combine(_dir, "backlog.svg");

        var (code, stderr) = Run("backlog", "--forecast", Forecast(), "--target", "90/4h", "--shrinkage", "0.25", "--out", output, "--chart", chart);

        Assert.True(code == 0, stderr);
        var lines = File.ReadAllLines(output);
        Assert.Equal("timestamp,queue,arrivals,agents_fractional,agents,scheduled_agents,handled,backlog_end,open", lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(72, rows.Count); // 24 open + 24 closed (the night) + 24 open half hours
        var closed = rows.Where(r => r[8] == "no").ToList();
        Assert.Equal(24, closed.Count);
        Assert.All(closed, r => Assert.Equal("0", r[4]));
        Assert.Equal("2026-11-25 20:00", closed[0][0]);
        var arrived = rows.Sum(r => Number(r[2]));
        var handled = rows.Sum(r => Number(r[6]));
        Assert.Equal(960, arrived, 6);
        Assert.Equal(arrived, handled + Number(rows[^1][7]), 6);
        foreach (var r in rows.Where(r => r[8] == "yes"))
        {
            // 30 minutes × 90 % utilisation per agent, 360 s per item.
            Assert.True(Number(r[6]) <= (Number(r[4]) * 1800 * 0.9 / 360) + 1e-6, string.Join(',', r));
            Assert.Equal((int)Math.Ceiling((Number(r[4]) / 0.75) - 1e-9), int.Parse(r[5], CultureInfo.InvariantCulture));
        }

        // The first day must be worked off before the night: 480 items at 4.5 items per agent-interval.
        Assert.True(rows.Take(24).Sum(r => Number(r[4])) >= 0.9 * 480 / 4.5, stderr);
        Assert.Contains("90 % within", stderr);
        Assert.Contains("<svg", File.ReadAllText(chart));
    }

    [Fact]
    public void Backlog_CarriedItems_NeedMoreAgentsEarly()
    {
        var plain = Path.Combine(_dir, "plain.csv");
        var carried = Path.Combine(_dir, "carried.csv");

        Assert.Equal(0, Run("backlog", "--forecast", Forecast(), "--target", "100/2h", "--out", plain).Code);
        Assert.Equal(0, Run("backlog", "--forecast", Forecast(), "--target", "100/2h", "--carried", "120", "--carried-age", "1h", "--out", carried).Code);

        static double Morning(string path) => File.ReadAllLines(path).Skip(1).Take(4).Sum(l => Number(l.Split(',')[4]));
        Assert.True(Morning(carried) > Morning(plain), $"{Morning(carried)} vs {Morning(plain)}");
    }

    [Theory]
    [InlineData("--target", "90/4x", "target: expected a duration")]
    [InlineData("--target", "150/4h", "fraction")]
    [InlineData("--carried-age", "soon", "carried-age")]
    public void Backlog_BadOption_NamesIt(string option, string value, string expected)
    {
        var (code, stderr) = Run("backlog", "--forecast", Forecast(), option, value);

        Assert.NotEqual(0, code);
        Assert.Contains(expected, stderr);
    }

    [Fact]
    public void Backlog_WithoutHandleTimes_NamesTheLine_UnlessAhtIsGiven()
    {
        var (code, stderr) = Run("backlog", "--forecast", Forecast(withAht: false));
        Assert.NotEqual(0, code);
        Assert.Contains("line 2", stderr);
        Assert.Contains("no handle time", stderr);

        var output = Path.Combine(_dir, "aht.csv");
        Assert.Equal(0, Run("backlog", "--forecast", Forecast(withAht: false), "--aht", "360", "--out", output).Code);
        Assert.Equal(73, File.ReadAllLines(output).Length);
    }
}
