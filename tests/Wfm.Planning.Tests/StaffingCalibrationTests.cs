using System.Globalization;
using Wfm.Core.Staffing;
using Wfm.Core.Staffing.Calibration;
using Wfm.Core.Staffing.Simulation;
using Wfm.Planning.Csv;
using Wfm.Planning.Staffing;

namespace Wfm.Planning.Tests;

/// <summary>Calibrating staffing on a center's own outcomes, through the planning layer the CLI and the server call.</summary>
public sealed class StaffingCalibrationTests
{
    private static readonly Lazy<IReadOnlyList<IntervalOutcome>> Simulated = new(() =>
        new SimulatedCenter(new DateOnly(2026, 9, 7), Days: 42, PeakContactsPerHour: 600, Availability: 0.75, Patience: PatienceDistribution.Exponential(200)).Run());

    [Fact]
    public void Calibrate_ScoresEveryModelOnHeldOutDays_AndKeepsTheFactorsOfEveryDay()
    {
        var outcomes = new Dictionary<string, IReadOnlyList<IntervalOutcome>> { ["support"] = Simulated.Value };

        var report = CalibrationService.Calibrate(outcomes, null, new CalibrationRequest(SimulationReplications: 4), "outcomes.csv", cancellationToken: TestContext.Current.CancellationToken);

        var queue = Assert.Single(report.Queues);
        Assert.Equal(42, queue.Days);
        Assert.Equal(8, queue.HeldOutDays);
        Assert.Equal(new DateOnly(2026, 10, 11), queue.HeldOutFrom);
        Assert.Equal(["erlang-c", "erlang-a", "simulation", "calibrated", "calibrated-expected"], queue.Errors.Select(e => e.Model));
        Assert.All(queue.Errors, e => Assert.Equal(8 * 24, e.Intervals));
        var calibrated = queue.Errors.Single(e => e.Model == "calibrated-expected");
        var typical = queue.Errors.Single(e => e.Model == "calibrated");
        var erlangA = queue.Errors.Single(e => e.Model == "erlang-a");
        var simulation = queue.Errors.Single(e => e.Model == "simulation");
        Assert.True(Math.Abs(calibrated.ServiceLevelBias) < 0.02, $"{calibrated}");
        Assert.True(erlangA.ServiceLevelBias > 0.05 && simulation.ServiceLevelBias > 0.05, $"{erlangA} {simulation}");
        Assert.True(calibrated.ServiceLevelMae < erlangA.ServiceLevelMae - 0.02, $"{calibrated} vs {erlangA}");
        // One interval's best single guess is the typical (median) outcome: closer to each interval than the mean.
        Assert.True(typical.ServiceLevelMae < calibrated.ServiceLevelMae && typical.AbandonMae < calibrated.AbandonMae, $"{typical} vs {calibrated}");
        Assert.NotNull(queue.Calibration.TypicalServiceLevel);
        Assert.InRange(queue.Calibration.Availability, 0.7, 0.8);
        var availability = queue.Effects.Single(f => f.Factor == "availability");
        Assert.True(availability.ServiceLevelMaeWithout > calibrated.ServiceLevelMae + 0.02, "leaving availability out must cost accuracy");
        Assert.Contains("fitted", queue.PatienceFrom, StringComparison.Ordinal);
    }

    [Fact]
    public void CalibrationFile_ReadsBackAsWritten_AndAForeignFileIsRefused()
    {
        var dir = Directory.CreateTempSubdirectory("wfm-calibration-").FullName;
        try
        {
            var report = new CalibrationReport(1, "x.csv", 20, true, [
                new QueueCalibrationReport(new QueueCalibration("support", 0.8, 0.5, 150, 0.02, 0.7), "fitted", "fitted", 100, 10, 2, new DateOnly(2026, 1, 9), [], [])]);
            var path = Path.Combine(dir, "calibration.json");
            CalibrationService.Write(report, path);

            var back = CalibrationService.Read(path);

            Assert.Equal(report.Queues[0].Calibration, back.Queues[0].Calibration);
            Assert.Equal(new DateOnly(2026, 1, 9), back.Queues[0].HeldOutFrom);

            File.WriteAllText(path, "{\"rules\": []}");
            var foreign = Assert.Throws<InputFileException>(() => CalibrationService.Read(path));
            Assert.Contains("wfm staff calibrate", foreign.Message, StringComparison.Ordinal);

            File.WriteAllText(path, CalibrationService.ToJson(report).Replace("\"availability\": 0.8", "\"availability\": -1", StringComparison.Ordinal));
            var bad = Assert.Throws<StaffingInputException>(() => CalibrationService.Read(path));
            Assert.Equal("support.availability", bad.Field);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void PerContactRecords_FixPatienceQuickHangUpsAndHandleTimeSpread()
    {
        // 2,000 contacts: 1,000 answered after waits of 0–60 s, 100 hung up within 3 s, 200 after 40 s on average.
        var waits = new List<WaitObservation>();
        var handles = new List<double>();
        for (var i = 0; i < 1000; i++)
        {
            waits.Add(new WaitObservation(i % 61, false, 10));
            handles.Add(i % 2 == 0 ? 200 : 400);
        }

        for (var i = 0; i < 100; i++)
        {
            waits.Add(new WaitObservation(1 + (i % 3), true, 10));
        }

        for (var i = 0; i < 200; i++)
        {
            waits.Add(new WaitObservation(20 + (i % 41), true, 10));
        }

        var contacts = new Dictionary<string, ContactRecords> { ["support"] = new(waits, handles) };
        var outcomes = new Dictionary<string, IReadOnlyList<IntervalOutcome>> { ["support"] = Simulated.Value.Take(24 * 12).ToArray() };

        var report = CalibrationService.Calibrate(outcomes, contacts, new CalibrationRequest(SimulationReplications: 0), "o.csv", cancellationToken: TestContext.Current.CancellationToken);

        var c = report.Queues[0].Calibration;
        var waited = waits.Count(w => w.WaitSeconds > 0);
        Assert.Equal(100.0 / waited, c.QuickHangUpShare, 1e-9);
        var rest = waits.Where(w => !(w.Abandoned && w.WaitSeconds <= 5)).ToArray();
        Assert.Equal(rest.Sum(w => w.WaitSeconds) / 200, c.PatienceSeconds, 1e-6);
        Assert.Equal(Math.Sqrt(handles.Sum(h => (h - 300) * (h - 300)) / 999) / 300, c.HandleTimeCv!.Value, 1e-9);
        Assert.Contains("per-contact", report.Queues[0].PatienceFrom, StringComparison.Ordinal);
        Assert.Equal(["erlang-c", "erlang-a", "calibrated", "calibrated-expected"], report.Queues[0].Errors.Select(e => e.Model));
    }

    [Fact]
    public void Reverse_WithCalibration_CountsAgentsLoggedIn_FractionalToo_AndShowsTheFormulaBeside()
    {
        var series = new[]
        {
            new ForecastSeries("support", 30, [
                new ForecastPoint(new DateTime(2026, 12, 7, 9, 0, 0), 120, 300, 2),
                new ForecastPoint(new DateTime(2026, 12, 7, 9, 30, 0), 120, 300, 3)]),
        };
        var agents = new Dictionary<(string, DateTime), double>
        {
            [("support", new DateTime(2026, 12, 7, 9, 0, 0))] = 25,
            [("support", new DateTime(2026, 12, 7, 9, 30, 0))] = 25.5,
        };
        var calibration = new StaffingCalibration([new QueueCalibration("support", 0.8, 0, 180, 0)]);
        var request = new StaffingRequest(StaffingModelKind.ErlangA, new ServiceTargets(0.8, 20), 180, Calibration: calibration);

        var rows = StaffingRunner.Reverse(series, agents, request);

        var erlangAt20 = new ErlangQueue(new StaffingInterval(120, 300, 1800), 180, 20).Evaluate(20);
        Assert.Equal(erlangAt20.ServiceLevel, rows[0].Outcome.ServiceLevel, 1e-9);
        Assert.Equal(new ErlangQueue(new StaffingInterval(120, 300, 1800), 180, 20).Evaluate(25).ServiceLevel, rows[0].Uncalibrated!.Outcome.ServiceLevel, 1e-9);
        Assert.True(rows[1].Outcome.ServiceLevel > rows[0].Outcome.ServiceLevel, "half an agent more helps a little");
        Assert.Equal(25.5, rows[1].RequiredFractional);

        var csv = new StringWriter(CultureInfo.InvariantCulture);
        StaffingReport.WriteCsv(csv, rows, reverse: true);
        var lines = csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("uncalibrated_service_level", lines[0], StringComparison.Ordinal);
        Assert.Contains(",25.5,", lines[2], StringComparison.Ordinal);

        var other = new[] { series[0] with { Queue = "billing" } };
        var ex = Assert.Throws<StaffingInputException>(() => StaffingRunner.Reverse(other, new Dictionary<(string, DateTime), double> { [("billing", series[0].Points[0].Timestamp)] = 5, [("billing", series[0].Points[1].Timestamp)] = 5 }, request));
        Assert.Contains("'billing'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'support'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Requirements_WithCalibration_AreLoggedInAgents_BesideTheFormulas()
    {
        var series = new[] { new ForecastSeries("support", 30, [new ForecastPoint(new DateTime(2026, 12, 7, 9, 0, 0), 200, 300, 2)]) };
        var calibration = new StaffingCalibration([new QueueCalibration("support", 0.8, 1, 180, 0)]);
        var request = new StaffingRequest(StaffingModelKind.ErlangA, new ServiceTargets(0.8, 20), 180, Calibration: calibration);

        var row = Assert.Single(StaffingRunner.Requirements(series, request));

        Assert.True(row.Required > row.Uncalibrated!.Required, $"{row.Required} vs {row.Uncalibrated.Required}");
        Assert.True(row.Outcome.ServiceLevel >= 0.8);
        // (required − 1 away) × 0.8 effective agents are about what Erlang A alone asks for.
        Assert.InRange((row.Required * 0.8) - 1, row.Uncalibrated.Required - 1, row.Uncalibrated.Required + 1);
    }

    [Fact]
    public void OutcomesFile_BadRowsAreNamed()
    {
        const string Header = "timestamp,queue,offered,answered,abandoned,answered_within_threshold,aht_seconds,agents";
        var good = "2026-12-07 09:00,support,50,45,5,40,300,10.5\n2026-12-07 09:30,support,50,45,5,40,300,10\n";

        var read = OutcomesCsv.Read(new StringReader($"{Header}\n{good}"), "o.csv", 30);
        Assert.Equal(10.5, read["support"][0].Agents);
        Assert.Equal(1800, read["support"][0].IntervalSeconds);

        var within = Assert.Throws<InputFileException>(() => OutcomesCsv.Read(new StringReader($"{Header}\n{good}2026-12-07 10:00,support,50,45,5,46,300,10\n"), "o.csv", 30));
        Assert.Equal(4, within.Line);
        Assert.Equal("answered_within_threshold", within.Column);

        var aht = Assert.Throws<InputFileException>(() => OutcomesCsv.Read(new StringReader($"{Header}\n2026-12-07 09:00,support,50,45,5,40,,10\n"), "o.csv", 30));
        Assert.Equal("aht_seconds", aht.Column);

        var missing = Assert.Throws<InputFileException>(() => OutcomesCsv.Read(new StringReader("timestamp,offered,answered\n2026-12-07 09:00,5,5\n"), "o.csv", 30));
        Assert.Contains("abandoned", missing.Message, StringComparison.Ordinal);

        // Nothing answered: the handle time may be empty there and the queue's mean stands in.
        var quiet = OutcomesCsv.Read(new StringReader($"{Header}\n{good}2026-12-07 10:00,support,3,0,3,0,,0\n"), "o.csv", 30);
        Assert.Equal(300, quiet["support"][2].AhtSeconds);
    }
}
