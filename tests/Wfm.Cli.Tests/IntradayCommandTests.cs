using System.Globalization;

namespace Wfm.Cli.Tests;

/// <summary>Runs `wfm intraday reforecast` on a history whose day runs 30 % over its day-ahead forecast.</summary>
[Collection("console")]
public sealed class IntradayCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wfm-intraday-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly DateOnly Today = new(2026, 12, 7);

    /// <summary>Twelve weeks of weekdays 08:00–19:30 in half hours, days running high or low all day; today 30 % high until <paramref name="until"/>.</summary>
    private string History(TimeOnly until, bool includeToday)
    {
        var random = new Random(21);
        var lines = new List<string> { "timestamp,queue,offered,aht_seconds" };
        for (var date = Today.AddDays(-84); date <= Today; date = date.AddDays(1))
        {
            if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || (date == Today && !includeToday))
            {
                continue;
            }

            var level = date == Today ? 1.3 : 1 + (0.15 * ((random.NextDouble() * 2) - 1));
            for (var slot = 16; slot < 40; slot++)
            {
                var at = date.ToDateTime(new TimeOnly(0, 0)).AddMinutes(slot * 30);
                if (date == Today && TimeOnly.FromDateTime(at) >= until)
                {
                    break;
                }

                var mean = 40 * (0.3 + (0.7 * Math.Sin((slot - 16) / 24.0 * Math.PI))) * level;
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"{at:yyyy-MM-dd HH:mm},hotline,{Math.Round(mean + (Math.Sqrt(mean) * ((random.NextDouble() * 2) - 1)))},{(date == Today ? 300 : 240)}"));
            }
        }

        var path = Path.Combine(_dir, includeToday ? "actuals.csv" : "history.csv");
        File.WriteAllLines(path, lines);
        return path;
    }

    private static double Parse(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [Fact]
    public void TheRestOfADayRunningOver_IsRaised_InTheForecastFilesColumns_FromTheAsOfTimeToTheEndOfTheDay()
    {
        var dayAhead = Path.Combine(_dir, "day-ahead.csv");
        var (code, stderr) = Cli.Run("forecast", "--input", History(new TimeOnly(0, 0), includeToday: false), "--horizon-days", "3", "--model", "avg4w", "--out", dayAhead);
        Assert.True(code == 0, stderr);

        var rest = Path.Combine(_dir, "rest.csv");
        (code, stderr) = Cli.Run("intraday", "reforecast", "--history", History(new TimeOnly(12, 0), includeToday: true), "--forecast", dayAhead,
            "--as-of", "2026-12-07T12:00", "--out", rest);
        Assert.True(code == 0, stderr);

        var lines = File.ReadAllLines(rest);
        Assert.Equal("timestamp,queue,forecast,lower,upper,aht_seconds", lines[0]);
        var rows = lines[1..].Select(l => l.Split(',')).ToList();
        Assert.Equal(Enumerable.Range(24, 16).Select(s => Today.ToDateTime(new TimeOnly(0, 0)).AddMinutes(s * 30).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)), rows.Select(r => r[0]));
        Assert.All(rows, r => Assert.Equal("hotline", r[1]));
        Assert.All(rows, r => Assert.True(Parse(r[3]) < Parse(r[2]) && Parse(r[2]) < Parse(r[4]), string.Join(',', r)));

        // Raised from the day-ahead's afternoon, but by less than the morning's 30 %; handle time above 240 s for the same reason.
        var dayAheadRest = File.ReadAllLines(dayAhead)[1..].Select(l => l.Split(',')).Where(r => r[0].StartsWith("2026-12-07", StringComparison.Ordinal) && string.CompareOrdinal(r[0], "2026-12-07 12:00") >= 0).Sum(r => Parse(r[2]));
        var reforecast = rows.Sum(r => Parse(r[2]));
        Assert.InRange(reforecast / dayAheadRest, 1.05, 1.3);
        Assert.All(rows, r => Assert.InRange(Parse(r[5]), 241, 300));
        Assert.Contains("morning actual ÷ forecast", stderr);
    }

    [Fact]
    public void AnAsOfTimeInsideAnInterval_OrADayTheForecastDoesNotCover_IsRefusedSayingWhy()
    {
        var dayAhead = Path.Combine(_dir, "day-ahead.csv");
        Assert.Equal(0, Cli.Run("forecast", "--input", History(new TimeOnly(0, 0), includeToday: false), "--horizon-days", "3", "--model", "avg4w", "--out", dayAhead).Code);
        var actuals = History(new TimeOnly(12, 0), includeToday: true);

        var (code, stderr) = Cli.Run("intraday", "reforecast", "--history", actuals, "--forecast", dayAhead, "--as-of", "2026-12-07T12:10");
        Assert.Equal(2, code);
        Assert.Contains("not the start of a 30-minute interval", stderr);

        (code, stderr) = Cli.Run("intraday", "reforecast", "--history", actuals, "--forecast", dayAhead, "--as-of", "2026-12-21T12:00");
        Assert.Equal(2, code);
        Assert.Contains("no intervals on 2026-12-21", stderr);
    }
}
