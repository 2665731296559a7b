using System.Globalization;

namespace Wfm.Cli.Tests;

/// <summary>Runs `wfm forecast` and `wfm backtest` in-process on generated history in the bank-calls layout.</summary>
[Collection("console")]
public sealed class ForecastCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wfm-fc-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Ten weeks of weekdays 07:00–20:30 in half hours, the layout of ../shared/data/calls (date, weekday, interval_start, interval_minutes, calls).</summary>
    private string CallsFile(Func<int, string>? mutate = null)
    {
        var random = new Random(3);
        var lines = new List<string> { "date,weekday,interval_start,interval_minutes,calls" };
        var start = new DateOnly(2026, 6, 1);
        for (var d = 0; d < 70; d++)
        {
            var date = start.AddDays(d);
            if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                continue;
            }

            for (var i = 0; i < 28; i++)
            {
                var mean = 200 + (150 * Math.Sin(Math.PI * i / 27)) + (date.DayOfWeek == DayOfWeek.Monday ? 60 : 0);
                var calls = (int)Math.Round(mean + (Math.Sqrt(mean) * ((random.NextDouble() * 2) - 1)));
                var line = $"{date:yyyy-MM-dd},{date.DayOfWeek},{new TimeOnly(7, 0).AddMinutes(30 * i):HH:mm},30,{calls}";
                lines.Add(mutate?.Invoke(lines.Count + 1) ?? line);
            }
        }

        var path = Path.Combine(_dir, "history.csv");
        File.WriteAllLines(path, lines);
        return path;
    }

    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var error = new StringWriter();
        var output = new StringWriter();
        var (previousError, previousOut) = (Console.Error, Console.Out);
        Console.SetError(error);
        Console.SetOut(output);
        try
        {
            return (Program.Main(args), output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetError(previousError);
            Console.SetOut(previousOut);
        }
    }

    [Fact]
    public void Forecast_reads_the_calls_layout_and_writes_what_staff_reads()
    {
        var forecast = Path.Combine(_dir, "forecast.csv");
        var chart = Path.Combine(_dir, "forecast.svg");
        var (code, _, stderr) = Run("forecast", "--input", CallsFile(), "--horizon-days", "14", "--out", forecast, "--chart", chart);

        Assert.True(code == 0, stderr);
        var lines = File.ReadAllLines(forecast);
        Assert.Equal("timestamp,queue,forecast,lower,upper", lines[0]);
        Assert.Equal(10 * 28, lines.Length - 1); // weekdays only, open hours only
        var first = lines[1].Split(',');
        Assert.Equal("2026-08-10 07:00", first[0]);
        var (f, lo, hi) = (Parse(first[2]), Parse(first[3]), Parse(first[4]));
        Assert.True(lo < f && f < hi);
        Assert.InRange(f, 150, 260);
        Assert.Contains("<svg", File.ReadAllText(chart));
        Assert.Contains("wrote 280 intervals", stderr);

        // The forecast is the staffing input as is.
        var staffing = Path.Combine(_dir, "staff.csv");
        (code, _, stderr) = Run("staff", "--forecast", forecast, "--aht", "240", "--sl", "80/20", "--out", staffing);
        Assert.True(code == 0, stderr);
        Assert.Equal(281, File.ReadAllLines(staffing).Length);
    }

    [Fact]
    public void Backtest_prints_the_table_and_writes_per_horizon_rows()
    {
        var report = Path.Combine(_dir, "report.csv");
        var (code, stdout, stderr) = Run("backtest", "--input", CallsFile(), "--origins", "4", "--horizon-days", "14", "--out", report);

        Assert.True(code == 0, stderr);
        Assert.Contains("(selected)", stdout);
        Assert.Contains("calendar-regression", stdout);
        var rows = File.ReadAllLines(report).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(6, rows.Count(r => r[2] == "all"));
        Assert.Single(rows, r => r[2] == "all" && r[8] == "yes");
        Assert.Contains(rows, r => r[1] == "taylor" && r[2] == "14");
        Assert.All(rows, r => Assert.InRange(Parse(r[3]), 0, 0.5));
    }

    [Fact]
    public void A_bad_cell_is_reported_with_line_and_column_and_nothing_is_written()
    {
        var forecast = Path.Combine(_dir, "forecast.csv");
        var input = CallsFile(line => line == 40 ? "2026-06-02,Tuesday,12:00,30,-4" : null!);
        var (code, _, stderr) = Run("forecast", "--input", input, "--out", forecast);

        Assert.Equal(2, code);
        Assert.Contains("line 40, column 'calls'", stderr);
        Assert.Contains("at least 0", stderr);
        Assert.False(File.Exists(forecast));
    }

    [Fact]
    public void Duplicated_rows_and_unknown_models_are_refused()
    {
        var input = CallsFile(line => line == 41 ? "2026-06-02,Tuesday,12:00,30,12" : null!);
        var (code, _, stderr) = Run("forecast", "--input", input, "--out", Path.Combine(_dir, "f.csv"));
        Assert.Equal(2, code);
        Assert.Contains("line 41", stderr);
        Assert.Contains("repeats the previous row", stderr);

        (code, _, stderr) = Run("forecast", "--input", CallsFile(), "--model", "prophet");
        Assert.Equal(2, code);
        Assert.Contains("unknown model 'prophet'", stderr);
    }

    private static double Parse(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [Fact]
    public void AnIntervalLengthItCannotTell_IsExplainedInTheCommandLinesWords()
    {
        var path = Path.Combine(_dir, "odd.csv");
        File.WriteAllLines(path, ["timestamp,queue,offered", .. Enumerable.Range(0, 400).Select(i => $"{new DateTime(2026, 6, 1).AddMinutes(7 * i):yyyy-MM-dd HH:mm},q,{i % 9}")]);
        var (code, stderr) = Cli.Run("forecast", "--input", path, "--out", Path.Combine(_dir, "odd-out.csv"));
        Assert.Equal(2, code);
        Assert.Contains("--interval-minutes", stderr);
        Assert.DoesNotContain("intervalMinutes", stderr);
    }
}
