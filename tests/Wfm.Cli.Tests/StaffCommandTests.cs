using System.Globalization;
using System.Text;
using Wfm.Core.Staffing.Calibration;
using Wfm.Core.Staffing.Simulation;
using Wfm.Planning.Csv;

namespace Wfm.Cli.Tests;

/// <summary>Runs `wfm staff` in-process the way a planner would and reads what it wrote.</summary>
[Collection("console")]
public sealed class StaffCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wfm-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Forecast(bool withAht = true)
    {
        // One day of half-hours, 07:00–20:30; the 10:00 interval is the reference case (100 contacts, AHT 180 s).
        var lines = new List<string> { withAht ? "timestamp,queue,forecast,lower,upper,aht_seconds" : "timestamp,queue,forecast" };
        for (var i = 0; i < 28; i++)
        {
            var at = new DateTime(2026, 11, 26, 7, 0, 0).AddMinutes(30 * i);
            var volume = i == 6 ? 100 : 40 + (i * 3);
            var stamp = at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            lines.Add(withAht ? $"{stamp},voice,{volume},{volume - 10},{volume + 10},180" : $"{stamp},voice,{volume}");
        }

        var path = Path.Combine(_dir, "forecast.csv");
        File.WriteAllLines(path, lines);
        return path;
    }

    private static (int Code, string Stderr) Run(params string[] args) => Cli.Run(args);

    private static List<Dictionary<string, string>> ReadCsv(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    [Fact]
    public void Staff_ErlangA_WritesRequirementsScheduledAgentsAndChart()
    {
        var output = Path.Combine(_dir, "requirements.csv");
        var chart = Path.Combine(_dir, "staffing.svg");

        var (code, stderr) = Run("staff", "--forecast", Forecast(), "--sl", "80/20", "--model", "erlang-a", "--patience", "300", "--shrinkage", "0.3", "--out", output, "--chart", chart);

        Assert.True(code == 0, stderr);
        var rows = ReadCsv(output);
        Assert.Equal(28, rows.Count);
        var reference = rows.Single(r => r["timestamp"] == "2026-11-26 10:00");
        Assert.Equal("13", reference["required_agents"]);
        Assert.Equal("19", reference["scheduled_agents"]);
        Assert.Equal(0.858, double.Parse(reference["service_level"], CultureInfo.InvariantCulture), 0.002);
        Assert.All(rows, r => Assert.True(double.Parse(r["service_level"], CultureInfo.InvariantCulture) >= 0.8));
        var svg = File.ReadAllText(chart);
        Assert.StartsWith("<?xml", svg);
        Assert.Contains("required agents", svg);
        Assert.Contains("wrote 28 intervals", stderr);
    }

    [Fact]
    public void Staff_ErlangC_WithoutAhtColumn_UsesAhtOption()
    {
        var output = Path.Combine(_dir, "c.csv");
        var (code, stderr) = Run("staff", "--forecast", Forecast(withAht: false), "--aht", "180", "--model", "erlang-c", "--shrinkage", "30%", "--out", output);

        Assert.True(code == 0, stderr);
        var reference = ReadCsv(output).Single(r => r["timestamp"] == "2026-11-26 10:00");
        Assert.Equal("14", reference["required_agents"]);
        Assert.Equal("20", reference["scheduled_agents"]);
    }

    [Fact]
    public void Staff_Reverse_GivesOutcomesOfGivenAgents()
    {
        var agents = Path.Combine(_dir, "agents.csv");
        var lines = new List<string> { "timestamp,queue,agents" };
        for (var i = 0; i < 28; i++)
        {
            lines.Add($"{new DateTime(2026, 11, 26, 7, 0, 0).AddMinutes(30 * i):yyyy-MM-dd HH:mm},voice,14");
        }

        File.WriteAllLines(agents, lines);
        var output = Path.Combine(_dir, "reverse.csv");

        var (code, stderr) = Run("staff", "--forecast", Forecast(), "--reverse", "--agents", agents, "--model", "erlang-c", "--out", output, "--simulate", "10");

        Assert.True(code == 0, stderr);
        var reference = ReadCsv(output).Single(r => r["timestamp"] == "2026-11-26 10:00");
        Assert.Equal("14", reference["agents"]);
        Assert.Equal(0.888, double.Parse(reference["service_level"], CultureInfo.InvariantCulture), 0.002);
        var simulated = double.Parse(reference["sim_service_level"], CultureInfo.InvariantCulture);
        Assert.InRange(simulated, 0.5, 1);
    }

    [Fact]
    public void Staff_BadForecastCell_NamesLineAndColumn()
    {
        var path = Forecast();
        var lines = File.ReadAllLines(path);
        lines[5] = lines[5].Replace(",180", ",-5", StringComparison.Ordinal);
        File.WriteAllLines(path, lines);

        var (code, stderr) = Run("staff", "--forecast", path, "--out", Path.Combine(_dir, "x.csv"));

        Assert.Equal(2, code);
        Assert.Contains("line 6", stderr);
        Assert.Contains("aht_seconds", stderr);
        Assert.False(File.Exists(Path.Combine(_dir, "x.csv")), "nothing is written on bad input");
    }

    [Theory]
    [InlineData("--sl", "120/20", "serviceLevel")]
    [InlineData("--sl", "80", "sl")]
    [InlineData("--patience", "-3", "patience")]
    [InlineData("--model", "erlang-x", "model")]
    public void Staff_BadOption_NamesTheField(string option, string value, string field)
    {
        var (code, stderr) = Run("staff", "--forecast", Forecast(), option, value);

        Assert.Equal(2, code);
        Assert.Contains(field, stderr);
    }

    [Fact]
    public void Staff_MissingColumn_IsReported()
    {
        var path = Path.Combine(_dir, "bad.csv");
        File.WriteAllText(path, "when,volume\n2026-11-26 07:00,10\n");

        var (code, stderr) = Run("staff", "--forecast", path, "--aht", "200");

        Assert.Equal(2, code);
        Assert.Contains("timestamp", stderr);
        Assert.Contains("line 1", stderr);
    }

    [Fact]
    public void Staff_RefusesToGuessTheIntervalFromAFewRows_AndTakesItFromTheFileOrTheOption()
    {
        // Only the 19:30 and 21:00 rows of a half-hourly forecast: not 90-minute intervals.
        var sparse = Path.Combine(_dir, "sparse.csv");
        File.WriteAllLines(sparse, ["timestamp,queue,forecast,aht_seconds", "2026-11-26 19:30,voice,60,180", "2026-11-26 21:00,voice,60,180"]);
        var withColumn = Path.Combine(_dir, "with-column.csv");
        File.WriteAllLines(withColumn, ["timestamp,queue,forecast,aht_seconds,interval_minutes", "2026-11-26 19:30,voice,60,180,30", "2026-11-26 21:00,voice,60,180,30"]);
        var output = Path.Combine(_dir, "sparse-out.csv");

        var (refused, stderr) = Run("staff", "--forecast", sparse, "--sl", "80/20", "--model", "erlang-c");
        var (given, _) = Run("staff", "--forecast", sparse, "--sl", "80/20", "--model", "erlang-c", "--interval-minutes", "30", "--out", output);
        var byOption = ReadCsv(output);
        var (fromFile, _) = Run("staff", "--forecast", withColumn, "--sl", "80/20", "--model", "erlang-c", "--out", output);
        var byColumn = ReadCsv(output);

        Assert.Equal(2, refused);
        Assert.Contains("90 min ×1", stderr);
        Assert.Contains("--interval-minutes", stderr);
        Assert.Equal((0, 0), (given, fromFile));
        // 60 calls of 180 s in half an hour: 6 Erlangs, not the 2 of a 90-minute interval.
        Assert.Equal(6, double.Parse(byOption[0]["erlangs"], CultureInfo.InvariantCulture), 3);
        Assert.Equal(byOption[0]["erlangs"], byColumn[0]["erlangs"]);
    }

    [Fact]
    public void StaffCalibrate_WritesTheCalibration_AndReverseUsesItBesideTheFormula()
    {
        var outcomes = Path.Combine(_dir, "outcomes.csv");
        using (var writer = new StreamWriter(outcomes))
        {
            OutcomesCsv.Write(writer, new SimulatedCenter(new DateOnly(2026, 9, 7), Days: 21, Queue: "voice", Availability: 0.75, Patience: PatienceDistribution.Exponential(200)).Run(TestContext.Current.CancellationToken));
        }

        var calibration = Path.Combine(_dir, "calibration.json");
        var (code, stderr) = Run("staff", "calibrate", "--intervals", outcomes, "--out", calibration);

        Assert.True(code == 0, stderr);
        Assert.Contains("4 held-out days from 2026-09-24", stderr, StringComparison.Ordinal);
        foreach (var model in new[] { "erlang-c", "erlang-a", "simulation", "calibrated", "availability" })
        {
            Assert.Contains(model, stderr, StringComparison.Ordinal);
        }

        var saved = Wfm.Planning.Staffing.CalibrationService.Read(calibration).Queues[0].Calibration;
        Assert.Equal("voice", saved.Queue);
        Assert.InRange(saved.Availability, 0.6, 0.9);

        var agents = Path.Combine(_dir, "agents.csv");
        File.WriteAllLines(agents, ["timestamp,queue,agents", .. Enumerable.Range(0, 28).Select(i => $"{new DateTime(2026, 11, 26, 7, 0, 0).AddMinutes(30 * i):yyyy-MM-dd HH:mm},voice,{(i == 6 ? "14.5" : "20")}")]);
        var predicted = Path.Combine(_dir, "predicted.csv");
        (code, stderr) = Run("staff", "--reverse", "--forecast", Forecast(), "--agents", agents, "--calibration", calibration, "--sl", "80/20", "--out", predicted);

        Assert.True(code == 0, stderr);
        var rows = ReadCsv(predicted);
        Assert.Equal("14.5", rows[6]["agents"]);
        double Cell(string column) => double.Parse(rows[6][column], CultureInfo.InvariantCulture);
        Assert.True(Cell("expected_service_level") < Cell("uncalibrated_service_level") - 0.1, "fewer agents are really there than logged in");
        Assert.True(Cell("expected_abandon_rate") > 0);
        Assert.InRange(Cell("service_level"), 0, 1);
        Assert.InRange(Cell("abandon_rate"), 0, 1);
        Assert.Contains("uncalibrated", stderr, StringComparison.Ordinal);

        // Days of what happened staff as they are: date + interval_start, offered for the volume, agents beside it.
        var dated = new StringBuilder("date,interval_start,queue,offered,aht_seconds,agents\n");
        foreach (var line in File.ReadAllLines(outcomes).Skip(1).Take(48))
        {
            var f = line.Split(',');
            dated.Append(CultureInfo.InvariantCulture, $"{f[0][..10]},{f[0][11..]},{f[1]},{f[3]},{f[7]},{f[8]}\n");
        }

        var past = Path.Combine(_dir, "past.csv");
        File.WriteAllText(past, dated.ToString());
        var pastPredicted = Path.Combine(_dir, "past-predicted.csv");
        (code, stderr) = Run("staff", "--reverse", "--forecast", past, "--agents", past, "--calibration", calibration, "--sl", "80/20", "--out", pastPredicted);
        Assert.True(code == 0, stderr);
        var past0 = ReadCsv(pastPredicted);
        Assert.Equal(48, past0.Count);
        Assert.Equal(File.ReadAllLines(outcomes)[1].Split(',')[8], past0[0]["agents"]);
    }

    [Fact]
    public void StaffCalibrate_BadOutcomesRow_NamesLineAndColumn()
    {
        var outcomes = Path.Combine(_dir, "outcomes.csv");
        File.WriteAllLines(outcomes, [
            "timestamp,offered,answered,abandoned,answered_within_threshold,aht_seconds,agents",
            "2026-12-07 09:00,50,45,5,40,300,10",
            "2026-12-07 09:30,50,45,5,40,300,ten",
        ]);

        var (code, stderr) = Run("staff", "calibrate", "--intervals", outcomes, "--out", Path.Combine(_dir, "c.json"));

        Assert.NotEqual(0, code);
        Assert.Contains("line 3", stderr, StringComparison.Ordinal);
        Assert.Contains("agents", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "c.json")));
    }
}
