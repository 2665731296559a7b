using System.Globalization;
using System.Text;

namespace Wfm.Cli.Tests;

/// <summary>`wfm patience` and `wfm staff --patience-from` on per-contact history with a known patience.</summary>
[Collection("console")]
public sealed class PatienceCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wfm-patience-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>
    /// 6,000 calls over three days, 08:00–18:00. Patience is exponential with mean 240 s and the time a
    /// caller would wait exponential with mean 90 s: whichever is shorter is the observed wait.
    /// </summary>
    private string Contacts(double meanPatience = 240)
    {
        var random = new Random(20261125);
        double Exponential(double mean) => -mean * Math.Log(1 - random.NextDouble());
        var rows = new List<(DateTime At, string Line)>();
        for (var day = 0; day < 3; day++)
        {
            for (var k = 0; k < 2000; k++)
            {
                var at = new DateTime(2026, 11, 20 + day, 8, 0, 0).AddSeconds(Math.Floor(random.NextDouble() * 36000));
                var patience = Exponential(meanPatience);
                var wait = Exponential(90);
                var abandoned = patience < wait;
                rows.Add((at, string.Create(CultureInfo.InvariantCulture, $"{at:yyyy-MM-dd HH:mm:ss},voice,{Math.Min(patience, wait):0.0},{(abandoned ? "yes" : "no")}")));
            }
        }

        var csv = new StringBuilder("arrival,queue,wait_seconds,abandoned\n");
        foreach (var (_, line) in rows.OrderBy(r => r.At))
        {
            csv.Append(line).Append('\n');
        }

        var path = Path.Combine(_dir, "contacts.csv");
        File.WriteAllText(path, csv.ToString());
        return path;
    }

    private static (int Code, string Stderr) Run(params string[] args) => Cli.Run(args);

    [Fact]
    public void Patience_RecoversTheMeanPatience_PerHourAndOverall()
    {
        var output = Path.Combine(_dir, "patience.csv");

        var (code, stderr) = Run("patience", "--input", Contacts(), "--out", output);

        Assert.True(code == 0, stderr);
        var rows = File.ReadAllLines(output).Skip(1).Select(l => l.Split(',')).ToList();
        var all = rows.Single(r => r[1] == "all");
        Assert.Equal(6000, int.Parse(all[2], CultureInfo.InvariantCulture));
        Assert.InRange(double.Parse(all[5], CultureInfo.InvariantCulture), 240 * 0.9, 240 * 1.1);
        Assert.Equal(10, rows.Count(r => r[1] != "all")); // hours 8 to 17
        Assert.Contains("use --patience", stderr);
    }

    [Fact]
    public void Staff_PatienceFrom_UsesTheEstimatedPatience()
    {
        var forecast = Path.Combine(_dir, "forecast.csv");
        File.WriteAllLines(forecast, ["timestamp,queue,forecast,aht_seconds", "2026-11-26 10:00,voice,100,180", "2026-11-26 10:30,voice,100,180"]);
        var given = Path.Combine(_dir, "given.csv");
        var estimated = Path.Combine(_dir, "estimated.csv");

        Assert.Equal(0, Run("staff", "--forecast", forecast, "--model", "erlang-a", "--patience", "240", "--out", given).Code);
        var (code, stderr) = Run("staff", "--forecast", forecast, "--patience-from", Contacts(), "--simulate", "20", "--out", estimated);

        Assert.True(code == 0, stderr);
        Assert.Contains("patience from contacts.csv", stderr);
        Assert.Contains("ErlangA", stderr); // the estimated patience makes Erlang A the model
        var a = File.ReadAllLines(given)[1].Split(',');
        var b = File.ReadAllLines(estimated)[1].Split(',');
        Assert.Equal(a[6], b[6]); // the same whole agents as with the true patience
        Assert.NotEqual(string.Empty, b[^2]); // simulated with the observed patience curve
    }

    [Fact]
    public void Patience_FileWithoutWaits_SaysWhatItNeeds()
    {
        var path = Path.Combine(_dir, "intervals.csv");
        File.WriteAllLines(path, ["arrival,queue,handle_seconds", "2026-11-26 10:00:00,voice,180"]);

        var (code, stderr) = Run("patience", "--input", path);

        Assert.NotEqual(0, code);
        Assert.Contains("'wait_seconds'", stderr);
        Assert.Contains("'abandoned'", stderr);
    }
}
