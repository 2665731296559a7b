using System.Globalization;
using System.Text;

namespace Wfm.Cli.Tests;

/// <summary>Runs `wfm schedule` in-process on a week's requirement and reads what it wrote.</summary>
[Collection("console")]
public sealed class ScheduleCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wfm-schedule-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A week from Monday 2026-11-30 in half hours: weekdays 3/5/2 agents across the day, weekends 2 from 09 to 17.</summary>
    private string Requirements()
    {
        var csv = new StringBuilder("timestamp,queue,required_agents\n");
        var monday = new DateTime(2026, 11, 30);
        for (var slot = 0; slot < 7 * 48; slot++)
        {
            var at = monday.AddMinutes(30 * slot);
            var hour = at.Hour;
            var weekend = at.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            var agents = weekend ? (hour is >= 9 and < 17 ? 2 : 0) : hour switch { >= 8 and < 12 => 3, >= 12 and < 16 => 5, >= 16 and < 20 => 2, _ => 0 };
            csv.Append(CultureInfo.InvariantCulture, $"{at:yyyy-MM-dd HH:mm},voice,{agents}\n");
        }

        return Write("req.csv", csv.ToString());
    }

    private string Agents(string? badRow = null)
    {
        var csv = new StringBuilder("id,name,skills,min_hours,max_hours,max_days,max_consecutive_days,min_rest_hours,availability,time_off,preferred_start,preferred_days_off\n");
        for (var i = 1; i <= 14; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"a{i:00},Agent {i},voice,0,40,5,5,11,,{(i == 3 ? "2026-12-02" : string.Empty)},{(i % 3 == 0 ? "09:00" : string.Empty)},{(i % 4 == 0 ? "sat;sun" : string.Empty)}\n");
        }

        if (badRow is not null)
        {
            csv.Append(badRow).Append('\n');
        }

        return Write("agents.csv", csv.ToString());
    }

    private string Rules() => Write("rules.json", """
        {
          "templates": [ { "name": "day", "lengthsMinutes": [480, 540], "earliestStart": "07:00", "latestStart": "12:00", "startIncrementMinutes": 30 } ],
          "breaks": [ { "name": "break", "minutes": 30, "windowFromMinutes": 60, "windowToMinutes": 150 },
                      { "name": "lunch", "minutes": 30, "windowFromMinutes": 210, "windowToMinutes": 300, "paid": false } ],
          "maxMinutesWithoutBreak": 240
        }
        """);

    private static (int Code, string Stderr) Run(params string[] args) => Cli.Run(args);

    [Fact]
    public void Schedule_WritesShiftsCoverageChartAndCalendars_WithNothingUnmet()
    {
        var output = Path.Combine(_dir, "schedule.csv");
        var coverage = Path.Combine(_dir, "coverage.csv");
        var chart = Path.Combine(_dir, "coverage.svg");
        var calendars = Path.Combine(_dir, "ics");

        var (code, stderr) = Run("schedule", "--requirements", Requirements(), "--agents", Agents(), "--rules", Rules(), "--weeks", "1", "--time-limit", "10",
            "--out", output, "--coverage", coverage, "--chart", chart, "--calendars", calendars);

        Assert.True(code == 0, stderr);
        var shifts = File.ReadAllLines(output).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.NotEmpty(shifts);
        Assert.DoesNotContain(shifts, s => s[0] == "a03" && s[1] == "2026-12-02"); // time off
        Assert.All(shifts, s => Assert.Contains("lunch", s[6]));
        var rows = File.ReadAllLines(coverage).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.All(rows, r => Assert.True(int.Parse(r[3], CultureInfo.InvariantCulture) >= double.Parse(r[2], CultureInfo.InvariantCulture), string.Join(',', r)));
        Assert.Contains("<svg", File.ReadAllText(chart));
        var ics = File.ReadAllText(Path.Combine(calendars, $"{shifts[0][0]}.ics"));
        Assert.StartsWith("BEGIN:VCALENDAR", ics);
        Assert.Contains("SUMMARY:lunch", ics);
        Assert.Contains("schedule quality", stderr);
    }

    [Theory]
    [InlineData("b1,Bad,chat,0,40,5,5,11,,,,", "unknown skill 'chat'")]
    [InlineData("b1,Bad,voice,0,40,5,5,11,,2026-12-01..2026-12-03; 2026-12-02,,", "overlaps")]
    [InlineData("b1,Bad,voice,0,40,5,5,11,someday 07:00-15:00,,,", "expected days such as mon")]
    [InlineData("b1,Bad,voice,0,40,5,5,11,mon-fri 7am-3pm,,,", "expected DAYS HH:mm-HH:mm")]
    public void Schedule_BadAgentRow_IsNamed(string row, string expected)
    {
        var (code, stderr) = Run("schedule", "--requirements", Requirements(), "--agents", Agents(row), "--rules", Rules(), "--time-limit", "5");

        Assert.NotEqual(0, code);
        Assert.Contains(expected, stderr);
        Assert.True(stderr.Contains("row 16", StringComparison.Ordinal) || stderr.Contains("line 16", StringComparison.Ordinal), stderr);
    }

    [Fact]
    public void Schedule_OnStaffOutput_ReportsTheExpectedServiceLevelOfItsCoverage()
    {
        // What `wfm staff` writes: contacts and handle time beside the required agents.
        var lines = File.ReadAllLines(Requirements()).Skip(1).Select(l => l.Split(',')).ToArray();
        var staffed = new StringBuilder("timestamp,queue,forecast,aht_seconds,required_agents\n");
        foreach (var f in lines)
        {
            var agents = int.Parse(f[2], CultureInfo.InvariantCulture);
            staffed.Append(CultureInfo.InvariantCulture, $"{f[0]},{f[1]},{agents * 6},180,{agents}\n");
        }

        var coverage = Path.Combine(_dir, "coverage.csv");
        var (code, stderr) = Run("schedule", "--requirements", Write("staffed.csv", staffed.ToString()), "--agents", Agents(), "--rules", Rules(),
            "--time-limit", "10", "--out", Path.Combine(_dir, "s.csv"), "--coverage", coverage, "--sl", "80/20", "--patience", "300");

        Assert.True(code == 0, stderr);
        Assert.Contains("expected service level with this schedule (ErlangA, 80/20, patience 300 s): voice", stderr);
        var rows = File.ReadAllLines(coverage);
        Assert.EndsWith(",expected_service_level", rows[0]);
        var levels = rows.Skip(1).Select(r => r.Split(',')[5]).Where(v => v.Length > 0).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.NotEmpty(levels);
        Assert.All(levels, v => Assert.InRange(v, 0, 1));

        // The same figure as `wfm staff --reverse` gives for that interval's scheduled agents.
        var monday10 = rows.Skip(1).Select(r => r.Split(',')).Single(r => r[0] == "2026-11-30 10:00");
        var forecast = Write("one.csv", "timestamp,queue,forecast,aht_seconds\n2026-11-30 10:00,voice,18,180\n2026-11-30 10:30,voice,18,180\n");
        var scheduledAgents = Write("agents-one.csv", $"timestamp,queue,agents\n2026-11-30 10:00,voice,{monday10[3]}\n2026-11-30 10:30,voice,{monday10[3]}\n");
        var reverse = Path.Combine(_dir, "reverse.csv");
        Assert.Equal(0, Run("staff", "--forecast", forecast, "--reverse", "--agents", scheduledAgents, "--sl", "80/20", "--model", "erlang-a", "--patience", "300", "--out", reverse).Code);
        var header = File.ReadAllLines(reverse)[0].Split(',');
        var first = File.ReadAllLines(reverse)[1].Split(',');
        Assert.Equal(double.Parse(first[Array.IndexOf(header, "service_level")], CultureInfo.InvariantCulture), double.Parse(monday10[5], CultureInfo.InvariantCulture), 3);

        // With a calibration of the skill (70 % of logged-in time available), the same coverage delivers less.
        var calibration = Path.Combine(_dir, "calibration.json");
        Wfm.Planning.Staffing.CalibrationService.Write(new Wfm.Planning.Staffing.CalibrationReport(1, "test", 20, true, [
            new Wfm.Planning.Staffing.QueueCalibrationReport(new Wfm.Core.Staffing.Calibration.QueueCalibration("voice", 0.7, 0, 300, 0), "fitted", "fitted", 100, 10, 2, null, [], [])]), calibration);
        var calibrated = Path.Combine(_dir, "coverage-calibrated.csv");
        (code, stderr) = Run("schedule", "--requirements", Write("staffed.csv", staffed.ToString()), "--agents", Agents(), "--rules", Rules(),
            "--time-limit", "10", "--out", Path.Combine(_dir, "s2.csv"), "--coverage", calibrated, "--sl", "80/20", "--patience", "300", "--calibration", calibration);
        Assert.True(code == 0, stderr);
        Assert.Contains("calibrated for voice", stderr, StringComparison.Ordinal);
        var lower = File.ReadAllLines(calibrated).Skip(1).Select(r => r.Split(',')).Where(r => r[5].Length > 0 && int.Parse(r[3], CultureInfo.InvariantCulture) > 0).ToArray();
        var plain = rows.Skip(1).Select(r => r.Split(',')).ToDictionary(r => r[0]);
        // Compared where both schedules put the same agents on the skill (a time-limited search may place shifts differently).
        var same = lower.Where(r => plain.TryGetValue(r[0], out var p) && p[3] == r[3] && p[5].Length > 0).ToArray();
        Assert.NotEmpty(same);
        Assert.All(same, r => Assert.True(
            double.Parse(r[5], CultureInfo.InvariantCulture) <= double.Parse(plain[r[0]][5], CultureInfo.InvariantCulture) + 1e-9,
            $"{r[0]}: calibrated {r[5]} above {plain[r[0]][5]} for the same agents"));
        Assert.Contains(same, r => double.Parse(r[5], CultureInfo.InvariantCulture) < double.Parse(plain[r[0]][5], CultureInfo.InvariantCulture) - 0.01);
    }
}
