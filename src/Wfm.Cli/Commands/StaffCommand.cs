using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Wfm.Core.Staffing.Simulation;
using Wfm.Core.Staffing;
using Wfm.Planning.Csv;
using Wfm.Planning.Staffing;

namespace Wfm.Cli.Commands;

/// <summary><c>wfm staff</c>: required agents per interval from a forecast, or outcomes of a given staffing.</summary>
internal static class StaffCommand
{
    public static Command Create()
    {
        var forecast = new Option<FileInfo>("--forecast") { Description = "Forecast CSV (timestamp, queue, forecast[, aht_seconds]) as `wfm forecast` writes it", Required = true };
        var sl = new Option<string>("--sl") { Description = "Service level target PERCENT/SECONDS", DefaultValueFactory = _ => "80/20" };
        var model = new Option<string>("--model") { Description = "erlang-c, erlang-a or chat (default: erlang-a when --patience is given, else erlang-c)" };
        var patience = new Option<double?>("--patience") { Description = "Mean patience in seconds before a caller hangs up (Erlang A, chat)" };
        var aht = new Option<double?>("--aht") { Description = "Handle time in seconds where the forecast has none" };
        var ahtOverride = new Option<bool>("--aht-override") { Description = "Use --aht even where the forecast has handle times" };
        var ahtFactor = new Option<double>("--aht-factor") { Description = "What-if: scale all handle times (1.1 = +10 %)", DefaultValueFactory = _ => 1 };
        var shrinkage = new Option<string>("--shrinkage") { Description = "Shrinkage: 0.3, 30% or breaks=0.1,coaching=0.05,absence=0.08", DefaultValueFactory = _ => "0" };
        var maxAsa = new Option<double?>("--max-asa") { Description = "Also keep ASA at or below SECONDS" };
        var maxAbandon = new Option<double?>("--max-abandon") { Description = "Also keep abandonment at or below a fraction (0.05)" };
        var maxOccupancy = new Option<double?>("--max-occupancy") { Description = "Also keep occupancy at or below a fraction (0.85)" };
        var answeredOnly = new Option<bool>("--sl-answered") { Description = "Service level over answered contacts only (default counts abandons as misses)" };
        var concurrency = new Option<string?>("--concurrency") { Description = "Chat: handle-time stretch per concurrent chat, e.g. 1,1.25,1.5 (3 chats)" };
        var interval = new Option<int?>("--interval-minutes") { Description = "Interval length when it cannot be read from the timestamps" };
        var queue = new Option<string?>("--queue") { Description = "Only this queue" };
        var patienceFrom = new Option<FileInfo?>("--patience-from") { Description = "Per-contact history (arrival, wait_seconds, abandoned): estimates the patience for the model and, with --simulate, the callers' patience curve" };
        var simulate = new Option<int>("--simulate") { Description = "Also simulate each day with N replications (0 = off)", DefaultValueFactory = _ => 0 };
        var handle = new Option<string>("--handle-time") { Description = "Simulated handle times: exponential or lognormal:CV (e.g. lognormal:1.2)", DefaultValueFactory = _ => "exponential" };
        var reverse = new Option<bool>("--reverse") { Description = "Expected outcomes for the staffing in --agents instead of requirements" };
        var agents = new Option<FileInfo?>("--agents") { Description = "Reverse: CSV of timestamp[, queue], agents (may be fractional; logged in when --calibration is given)" };
        var calibration = new Option<FileInfo?>("--calibration") { Description = "What `wfm staff calibrate` wrote: agents count as logged in and outcomes are the calibrated model's, the formula's beside them" };
        var output = new Option<FileInfo?>("--out") { Description = "Write the per-interval CSV here (default: standard output)" };
        var chart = new Option<FileInfo?>("--chart") { Description = "Write an SVG chart of requirement and volume here" };

        var command = new Command("staff", "Required agents per interval (fractional and whole, scheduled after shrinkage) with expected SL, ASA, abandonment and occupancy.")
        {
            forecast, sl, model, patience, aht, ahtOverride, ahtFactor, shrinkage, maxAsa, maxAbandon, maxOccupancy, answeredOnly,
            concurrency, interval, queue, simulate, handle, reverse, agents, output, chart, patienceFrom, calibration,
            StaffCalibrateCommand.Create(),
        };
        command.SetAction(r => CliErrors.Run(() =>
        {
            var targets = ServiceTargets.ParseServiceLevel(r.GetValue(sl)!) with
            {
                MaxAsaSeconds = r.GetValue(maxAsa),
                MaxAbandonRate = r.GetValue(maxAbandon),
                MaxOccupancy = r.GetValue(maxOccupancy),
                AbandonsAreMisses = !r.GetValue(answeredOnly),
            };
            var (estimatedPatience, simulatedPatience) = r.GetValue(patienceFrom) is { } history ? FromHistory(history, r.GetValue(queue)) : (null, null);
            var givenPatience = r.GetValue(patience) ?? estimatedPatience;
            var request = new StaffingRequest(
                ParseModel(r.GetValue(model), givenPatience),
                targets,
                givenPatience,
                Shrinkage.Parse(r.GetValue(shrinkage)!),
                r.GetValue(aht),
                r.GetValue(ahtOverride),
                r.GetValue(ahtFactor),
                r.GetValue(concurrency) is { } c ? ConcurrencyCurve.Parse(c) : null,
                r.GetValue(simulate),
                ParseHandleTime(r.GetValue(handle)!),
                SimulatedPatience: simulatedPatience,
                Calibration: r.GetValue(calibration) is { } calibrationFile ? CalibrationService.Read(calibrationFile.FullName).ToCalibration() : null);
            var series = ForecastCsv.Read(r.GetValue(forecast)!.FullName, intervalMinutes: r.GetValue(interval));
            if (r.GetValue(queue) is { } only)
            {
                series = series.Where(s => s.Queue == only).ToArray();
                if (series.Count == 0)
                {
                    throw new StaffingInputException("queue", $"'{only}' is not in the forecast");
                }
            }

            var isReverse = r.GetValue(reverse);
            IReadOnlyList<StaffingRow> rows;
            if (isReverse)
            {
                var file = r.GetValue(agents) ?? throw new StaffingInputException("agents", "--reverse needs --agents FILE (timestamp[, queue], agents)");
                rows = StaffingRunner.Reverse(series, AgentsCsv.Read(file.FullName), request);
            }
            else
            {
                rows = Solve(series, request);
            }

            Write(rows, r.GetValue(output), r.GetValue(chart), isReverse, request);
            return 0;
        }));
        return command;
    }

    private static IReadOnlyList<StaffingRow> Solve(IReadOnlyList<ForecastSeries> series, StaffingRequest request)
    {
        var total = series.Sum(s => s.Points.Count);
        if (total < 5000 || Console.IsErrorRedirected)
        {
            return StaffingRunner.Requirements(series, request);
        }

        IReadOnlyList<StaffingRow> rows = [];
        var console = CliConsole.Error();
        console.Progress().Start(ctx =>
        {
            var task = ctx.AddTask("staffing intervals", maxValue: total);
            rows = StaffingRunner.Requirements(series, request, new Progress<int>(done => task.Value = done));
            task.Value = total;
        });
        return rows;
    }

    private static void Write(IReadOnlyList<StaffingRow> rows, FileInfo? output, FileInfo? chart, bool reverse, StaffingRequest request)
    {
        if (output is null)
        {
            StaffingReport.WriteCsv(Console.Out, rows, reverse);
        }
        else
        {
            using (var writer = new StreamWriter(output.FullName))
            {
                StaffingReport.WriteCsv(writer, rows, reverse);
            }

            Summary(rows, reverse, request, output.FullName);
        }

        if (chart is not null)
        {
            var queues = rows.Select(r => r.Queue).Distinct().ToArray();
            for (var i = 0; i < queues.Length; i++)
            {
                var path = queues.Length == 1 ? chart.FullName : Path.Combine(chart.DirectoryName ?? ".", $"{Path.GetFileNameWithoutExtension(chart.Name)}-{queues[i]}{chart.Extension}");
                File.WriteAllText(path, StaffingReport.Chart(rows, queues[i], $"{queues[i]}: {request.Model} {request.Targets}", reverse));
                Console.Error.WriteLine($"chart: {path}");
            }
        }
    }

    private static void Summary(IReadOnlyList<StaffingRow> rows, bool reverse, StaffingRequest request, string path)
    {
        var simulated = rows.Count > 0 && rows.All(r => r.SimulatedServiceLevel is not null);
        var calibrated = rows.Any(r => r.Uncalibrated is not null);
        var table = new Table().Title($"{(calibrated ? "calibrated" : request.Model.ToString())}, {Markup.Escape(request.Targets.ToString())}")
            .AddColumns("queue", "intervals", "contacts", reverse ? "agent hours" : "required agent hours", "peak");
        if (!reverse)
        {
            table.AddColumn("scheduled hours");
        }

        table.AddColumns("SL (model)", "abandon (model)");
        if (simulated)
        {
            table.AddColumns("SL (simulated)", "abandon (simulated)");
        }

        if (calibrated)
        {
            table.AddColumn(reverse ? $"SL ({request.Model}, uncalibrated)" : $"required agent hours ({request.Model}, uncalibrated)");
        }

        foreach (var g in rows.GroupBy(r => r.Queue))
        {
            var group = g.ToArray();
            var t = StaffingSummary.Of(group);
            var cells = new List<string> { Markup.Escape(g.Key), $"{group.Length}", $"{t.Contacts:0}", $"{t.AgentHours:0.0}", $"{t.PeakAgents}" };
            if (!reverse)
            {
                cells.Add($"{t.ScheduledHours:0.0}");
            }

            cells.AddRange([$"{t.ServiceLevel:P1}", $"{t.AbandonRate:P1}"]);
            if (simulated)
            {
                var contacts = group.Sum(r => r.Contacts);
                var abandon = contacts > 0 ? group.Sum(r => (r.SimulatedAbandonRate?.Mean is double a && !double.IsNaN(a) ? a : 0) * r.Contacts) / contacts : 0;
                cells.AddRange([$"{t.SimulatedServiceLevel:P1}", $"{abandon:P1}"]);
            }

            if (calibrated)
            {
                cells.Add(reverse ? $"{t.UncalibratedServiceLevel:P1}" : $"{t.UncalibratedAgentHours:0.0}");
            }

            table.AddRow(cells.ToArray());
        }

        var console = CliConsole.Error();

        console.WriteTable(table);
        console.MarkupLine($"wrote {rows.Count} intervals to [green]{Markup.Escape(path)}[/]");
    }

    /// <summary>Mean patience (exponential fit) and the Kaplan–Meier patience curve from per-contact history.</summary>
    private static (double? Mean, PatienceDistribution? Curve) FromHistory(FileInfo history, string? queue)
    {
        var waits = PatienceCommand.Read(history, null, null, queue);
        if (waits.Count > 1)
        {
            throw new StaffingInputException("patience-from", $"{history.Name} has several queues ({string.Join(", ", waits.Keys.Order())}); choose one with --queue");
        }

        var list = waits.Values.Single();
        var overall = PatienceEstimate.ByHour(list)[0];
        if (overall.Abandoned == 0)
        {
            throw new StaffingInputException("patience-from", $"nobody abandoned in {history.Name}: patience cannot be estimated (use erlang-c, or give --patience)");
        }

        var curve = EmpiricalPatience.Estimate(list);
        Console.Error.WriteLine($"patience from {history.Name}: {overall.MeanPatienceSeconds:0} s mean ({overall.Abandoned} of {overall.Contacts} contacts abandoned); the simulation uses the observed curve");
        return (overall.MeanPatienceSeconds, curve);
    }

    internal static StaffingModelKind ParseModel(string? text, double? patience) => text?.ToLowerInvariant() switch
    {
        null or "" => patience is null ? StaffingModelKind.ErlangC : StaffingModelKind.ErlangA,
        "erlang-c" or "c" => StaffingModelKind.ErlangC,
        "erlang-a" or "a" => StaffingModelKind.ErlangA,
        "chat" => StaffingModelKind.Chat,
        _ => throw new StaffingInputException("model", $"expected erlang-c, erlang-a or chat, got '{text}'"),
    };

    internal static HandleTimeDistribution ParseHandleTime(string text)
    {
        if (text.Equals("exponential", StringComparison.OrdinalIgnoreCase))
        {
            return HandleTimeDistribution.Exponential;
        }

        var parts = text.Split(':');
        if (parts[0].Equals("lognormal", StringComparison.OrdinalIgnoreCase)
            && (parts.Length == 1 || double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
        {
            var cv = parts.Length == 1 ? 1.0 : double.Parse(parts[1], CultureInfo.InvariantCulture);
            var d = new HandleTimeDistribution(HandleTimeShape.LogNormal, cv);
            d.Validate();
            return d;
        }

        throw new StaffingInputException("handle-time", $"expected exponential or lognormal:CV, got '{text}'");
    }
}
