using System.CommandLine;
using System.Globalization;
using System.Text.Json.Serialization;
using System.Text.Json;
using Spectre.Console;
using Wfm.Core.Forecasting;
using Wfm.Core.Staffing.Calibration;
using Wfm.Core.Staffing.Simulation;
using Wfm.Planning.Csv;
using Wfm.Simulation;

namespace Wfm.Simulator;

/// <summary>The simulator's commands and their shared options.</summary>
internal static class Commands
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    // System.CommandLine has no parser of its own for Uri: absolute http(s) addresses are read here.
    private static readonly Option<Uri[]> Url = new("--url")
    {
        Description = "The server (loopback only), e.g. http://127.0.0.1:5337/; give it once per silo to drive a cluster (batches go round the silos, a silo that does not answer passes its batch on)",
        DefaultValueFactory = _ => [new Uri("http://localhost:5000")],
        AllowMultipleArgumentsPerToken = false,
        CustomParser = r =>
        {
            var urls = new List<Uri>();
            foreach (var token in r.Tokens)
            {
                if (Uri.TryCreate(token.Value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                {
                    urls.Add(uri);
                }
                else
                {
                    r.AddError($"--url '{token.Value}' is not a server address; expected http://host:port/ (e.g. http://127.0.0.1:5337/)");
                    return null;
                }
            }

            return [.. urls];
        },
    };

    private static readonly Option<int> Agents = new("--agents") { Description = "Agents of the generated center (the server must be seeded with the same: --demo-agents)", DefaultValueFactory = _ => 64 };
    private static readonly Option<int> Queues = new("--queues") { Description = "Queues of the generated center (the server: --demo-queues)", DefaultValueFactory = _ => 4 };
    private static readonly Option<int> Seed = new("--seed") { Description = "Generator seed (the server's demo seed for the same center)", DefaultValueFactory = _ => 20261125 };
    private static readonly Option<string> Zone = new("--time-zone") { Description = "The center's time zone", DefaultValueFactory = _ => "Europe/Istanbul" };
    private static readonly Option<double> Volume = new("--volume") { Description = "Multiplies the arrival rates", DefaultValueFactory = _ => 1.0 };
    private static readonly Option<int> Batch = new("--batch") { Description = "Events per POST (at most 5000)", DefaultValueFactory = _ => 500 };
    private static readonly Option<TimeSpan?> Duration = new("--duration") { Description = "Stop after this long, e.g. 00:05:00" };
    private static readonly Option<long?> MaxEvents = new("--max-events") { Description = "Stop after posting this many events" };
    private static readonly Option<double> Window = new("--window-hours") { Description = "Hours of simulated traffic before now to draw from (inside today)", DefaultValueFactory = _ => 24 };
    private static readonly Option<double> Abusive = new("--abusive-rate") { Description = "Share of customers' messages that are abusive", DefaultValueFactory = _ => 0.04 };
    private static readonly Option<bool> NoConversation = new("--no-conversation") { Description = "Send only contact and agent events (no messages, replies, resolutions)" };
    private static readonly Option<bool> NoBoard = new("--no-board") { Description = "Do not measure event→board latency (no SignalR client)" };
    private static readonly Option<FileInfo?> Profile = new("--profile") { Description = "Arrival shape from a history CSV (interval or per-contact) or a forecast CSV; each queue keeps its size" };
    private static readonly Option<FileInfo?> SpecialDays = new("--special-days") { Description = "Special days CSV (date, name, factor or closed, days before, days after): spikes and quiet days" };
    private static readonly Option<string?> ApiKey = new("--api-key")
    {
        Description = "API key with the events:write, surveys:write, board:read and system:read scopes (a demo server prints one at its first start; an admin creates one at /admin). Default: the WFM_API_KEY environment variable",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("WFM_API_KEY"),
    };

    private static readonly Option<bool> AsJson = new("--json") { Description = "Print the summary as JSON (for machines) instead of a table" };

    public static Command Load()
    {
        var command = new Command("load", "Post the generated center's traffic as fast as the server accepts, within bounds; report events/s, event→board latency (p50/p95/p99) and the server's memory.")
        {
            Url, ApiKey, Agents, Queues, Seed, Zone, Volume, Batch, Duration, MaxEvents, Window, Abusive, NoConversation, NoBoard, Profile, SpecialDays, AsJson,
        };
        command.SetAction(async (r, ct) => await Guard(async () =>
        {
            var settings = Settings(r);
            var urls = r.GetValue(Url)!.Select(Loopback).ToList();
            using var server = new ServerClient(urls, r.GetValue(ApiKey));
            await CheckDirectoryAsync(server, settings, ct);

            // One board client, on the last silo given (a wallboard watches one).
            await using var probe = r.GetValue(NoBoard) ? null : new BoardProbe(urls[^1], r.GetValue(ApiKey));
            if (probe is not null)
            {
                await probe.StartAsync(ct);
            }

            var json = r.GetValue(AsJson);
            var report = await WithProgress(json, "posting", p => LoadRunner.RunAsync(settings, server, probe, server, p, cancellationToken: ct));
            Print(report, json);
            return report.BatchesRefused == 0 && report.Unanswered == 0 ? 0 : 1;
        }));
        return command;
    }

    public static Command Fault()
    {
        var serverDll = new Option<FileInfo>("--server-dll") { Description = "The built server to start, kill and restart (dotnet build -c Release src/Wfm.Server)", Required = true };
        var data = new Option<FileInfo?>("--data") { Description = "A fresh database path for the run (one server on SQLite)" };
        var port = new Option<int>("--port") { Description = "Loopback port for the server", DefaultValueFactory = _ => 5077 };
        var killAfter = new Option<TimeSpan>("--kill-after") { Description = "Load time before each kill, e.g. 00:00:10", DefaultValueFactory = _ => TimeSpan.FromSeconds(10) };
        var kills = new Option<int>("--kills") { Description = "How many times to kill and restart the server", DefaultValueFactory = _ => 1 };
        var siloPort = new Option<int?>("--silo-port") { Description = "The server's Orleans silo port (default: a free one)" };
        var gatewayPort = new Option<int?>("--gateway-port") { Description = "The server's Orleans gateway port (default: a free one)" };
        var silos = new Option<int>("--silos") { Description = "Servers of a cluster on PostgreSQL (ports --port, --port+1, …); the first is the one killed", DefaultValueFactory = _ => 1 };
        var postgres = new Option<string?>("--postgres") { Description = "With --silos: a PostgreSQL connection string whose user may create databases (a fresh one is made for the run and dropped after)" };
        var down = new Option<TimeSpan>("--down") { Description = "With --silos: how long the killed silo stays down before it is started again", DefaultValueFactory = _ => TimeSpan.FromSeconds(5) };
        var boardBound = new Option<TimeSpan>("--board-bound") { Description = "With --silos: the board must show new arrivals within this long of each kill", DefaultValueFactory = _ => TimeSpan.FromSeconds(10) };
        var command = new Command("fault", "Run a load while killing the server (SIGKILL) and restarting it — or one silo of a cluster (--silos) — then check that every acknowledged event is reflected once.")
        {
            serverDll, data, port, siloPort, gatewayPort, killAfter, kills, silos, postgres, down, boardBound, Agents, Queues, Seed, Zone, Volume, Batch, Duration, MaxEvents, Window, Abusive, NoConversation, Profile, SpecialDays, AsJson,
        };
        command.SetAction(async (r, ct) => await Guard(async () =>
        {
            var settings = Settings(r);
            var json = r.GetValue(AsJson);
            var url = new Uri($"http://127.0.0.1:{r.GetValue(port)}/");
            void Log(string line)
            {
                if (!json)
                {
                    AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[grey]{line}[/]");
                }
            }

            FaultReport report;
            if (r.GetValue(silos) > 1)
            {
                var admin = r.GetValue(postgres) ?? throw new ArgumentException("--silos needs --postgres: a connection string of a PostgreSQL user that may create databases (deploy/postgres-throwaway.sh prints one)");
                report = await WithProgress(json, "posting to the cluster under faults", p => FaultRunner.RunClusterAsync(
                    settings, r.GetValue(serverDll)!.FullName, admin, r.GetValue(port), r.GetValue(silos), r.GetValue(killAfter), r.GetValue(kills), r.GetValue(down),
                    r.GetValue(boardBound), p, Log, ct));
            }
            else
            {
                var path = r.GetValue(data) ?? throw new ArgumentException("--data is required: a fresh database path for the run");
                report = await WithProgress(json, "posting under faults", p => FaultRunner.RunAsync(
                    settings, r.GetValue(serverDll)!.FullName, path.FullName, url, r.GetValue(killAfter), r.GetValue(kills), p,
                    (r.GetValue(siloPort), r.GetValue(gatewayPort)), Log, ct));
            }

            Print(report, json);
            return report.Holds ? 0 : 1;
        }));
        return command;
    }

    internal static void Print(FaultReport report, bool json)
    {
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(report, Json));
            return;
        }

        Print(report.Load, json: false);
        var v = report.Verdict;
        var table = new Table().AddColumns("fault check", "value");
        table.AddRow("kills (SIGKILL) and restarts", $"{report.Kills}");
        table.AddRow("events acknowledged (distinct ids)", $"{v.Acknowledged:N0}");
        table.AddRow("of them reflected in the journal", $"{v.Reflected:N0}");
        table.AddRow("queues whose offered count is off", $"{v.OfferedMismatches.Count}");
        table.AddRow("acknowledged events re-posted on purpose / recorded again", $"{report.DuplicatesReposted:N0} / {report.DuplicatesRecorded:N0}");
        if (report.Cluster is { } c)
        {
            table.AddRow("silos / killed silo back in the cluster", $"{c.Silos} / {c.Rejoined} of {report.Kills}");
            table.AddRow("batches a silo did not answer, sent to another", $"{c.FailedOver:N0}");
            table.AddRow($"board live again after each kill (bound {c.BoardBoundSeconds:F0} s)",
                string.Join(", ", c.BoardLiveAgainSeconds.Select(s => s is { } v2 ? v2.ToString("F1", CultureInfo.InvariantCulture) + " s" : "never")));
        }

        table.AddRow("verdict", report.Holds ? "[green]acknowledged = reflected, each counted once[/]" : v.Holds && report.DuplicatesRecorded == 0 ? "[red]CLUSTER DID NOT RECOVER IN TIME[/]" : "[red]LOST OR DOUBLED EVENTS[/]");
        AnsiConsole.Write(table);
        foreach (var id in v.Missing.Take(10))
        {
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]missing[/] {id}");
        }

        foreach (var m in v.OfferedMismatches.Take(10))
        {
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]{m.QueueId}[/]: offered {m.Shown}, expected {m.Expected}");
        }
    }

    internal static LoadSettings Settings(ParseResult r) => new()
    {
        Agents = r.GetValue(Agents),
        Queues = r.GetValue(Queues),
        Seed = r.GetValue(Seed),
        TimeZone = r.GetValue(Zone)!,
        Volume = r.GetValue(Volume),
        Batch = r.GetValue(Batch),
        Duration = r.GetValue(Duration),
        MaxEvents = r.GetValue(MaxEvents),
        WindowHours = r.GetValue(Window),
        AbusiveRate = r.GetValue(Abusive),
        Conversation = !r.GetValue(NoConversation),
        Profile = ReadProfile(r),
    };

    private static ArrivalProfile? ReadProfile(ParseResult r)
    {
        var profile = r.GetValue(Profile);
        var special = r.GetValue(SpecialDays);
        if (profile is null && special is null)
        {
            return null;
        }

        if (profile is null)
        {
            return ArrivalProfile.Default.WithSpecialDays(ProfileInput.SpecialDays(special!.FullName));
        }

        return ProfileInput.Read(profile.FullName, special?.FullName);
    }

    public static Command Live()
    {
        var speed = new Option<double>("--speed") { Description = "Simulated seconds per wall-clock second (1–100)", DefaultValueFactory = _ => 1.0 };
        var runFor = new Option<TimeSpan>("--for") { Description = "How long to run (wall clock), e.g. 00:10:00", DefaultValueFactory = _ => TimeSpan.FromMinutes(10) };
        var command = new Command("live", "Drive a server in real time × --speed with the demo mode's generator (start the server on a fresh database with --demo false).")
        {
            Url, ApiKey, speed, runFor, Agents, Queues, Seed, Zone, Volume, Batch, Abusive, NoConversation, Profile, SpecialDays, AsJson,
        };
        command.SetAction(async (r, ct) => await Guard(async () =>
        {
            var settings = Settings(r);
            using var server = new ServerClient(r.GetValue(Url)!.Select(Loopback).ToList(), r.GetValue(ApiKey));
            await CheckDirectoryAsync(server, settings, ct);
            var json = r.GetValue(AsJson);
            var report = await LiveRunner.RunAsync(settings, r.GetValue(speed), r.GetValue(runFor), server,
                json ? null : line => AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[grey]{line}[/]"), cancellationToken: ct);
            if (json)
            {
                Console.WriteLine(JsonSerializer.Serialize(report, Json));
            }
            else
            {
                var table = new Table().AddColumns("measure", "value");
                table.AddRow("speed", $"{report.Speed}×");
                table.AddRow("simulated", $"{report.SimulatedFrom:yyyy-MM-dd HH:mm} → {report.SimulatedTo:yyyy-MM-dd HH:mm} UTC");
                table.AddRow("events accepted", $"{report.EventsAccepted:N0}");
                table.AddRow("batches refused / unanswered", $"{report.BatchesRefused} / {report.Unanswered}");
                table.AddRow("elapsed", $"{report.ElapsedSeconds:F0} s");
                AnsiConsole.Write(table);
                if (report.FirstRefusal is { } refusal)
                {
                    AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]first refusal[/]: {refusal}");
                }
            }

            return report.BatchesRefused == 0 ? 0 : 1;
        }));
        return command;
    }

    public static Command Offline()
    {
        var from = new Option<DateOnly>("--from") { Description = "First day (center time), e.g. 2026-09-01", Required = true };
        var to = new Option<DateOnly>("--to") { Description = "Last day", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for intervals.csv, contacts.csv, conversations.csv, surveys.csv", Required = true };
        var minutes = new Option<int>("--interval-minutes") { Description = "Interval length of intervals.csv", DefaultValueFactory = _ => 15 };
        var command = new Command("offline", "Write history CSVs from the generated center, no server needed: interval volumes, per-contact records, conversations, surveys.")
        {
            from, to, output, minutes, Agents, Queues, Seed, Zone, Volume, Abusive, Profile, SpecialDays, AsJson,
        };
        command.SetAction(async (r, ct) => await Guard(async () =>
        {
            var settings = Settings(r);
            var json = r.GetValue(AsJson);
            var report = await WithProgress(json, "generating", p => Task.Run(() => OfflineWriter.Write(
                settings, r.GetValue(from), r.GetValue(to), r.GetValue(minutes), r.GetValue(output)!.FullName, settings.Profile, p), ct));
            if (json)
            {
                Console.WriteLine(JsonSerializer.Serialize(report, Json));
            }
            else
            {
                var table = new Table().AddColumns("wrote", "rows");
                table.AddRow(report.Files[0], $"{report.Intervals:N0} intervals");
                table.AddRow(report.Files[1], $"{report.Contacts:N0} contacts");
                table.AddRow(report.Files[2], $"{report.ConversationLines:N0} messages");
                table.AddRow(report.Files[3], $"{report.Surveys:N0} answers");
                AnsiConsole.Write(table);
                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"next: dotnet run --project src/Wfm.Cli -- forecast --input {report.Files[0]} --out forecast.csv");
            }

            return 0;
        }));
        return command;
    }

    /// <summary>A center's per-interval outcomes where the truth is known, for trying and checking `wfm staff calibrate`.</summary>
    public static Command Outcomes()
    {
        var from = new Option<DateOnly>("--from") { Description = "First day, e.g. 2026-09-07", Required = true };
        var days = new Option<int>("--days") { Description = "Days to simulate", DefaultValueFactory = _ => 28 };
        var output = new Option<FileInfo>("--out") { Description = "Write the outcomes CSV here (the format `wfm staff calibrate --intervals` reads)", Required = true };
        var queue = new Option<string>("--queue") { Description = "Queue name in the file", DefaultValueFactory = _ => "support" };
        var peak = new Option<double>("--peak-per-hour") { Description = "Contacts per hour at the busiest time of a Tuesday", DefaultValueFactory = _ => 240 };
        var aht = new Option<double>("--aht") { Description = "Mean handle time, seconds", DefaultValueFactory = _ => 300 };
        var availability = new Option<double>("--availability") { Description = "The truth: share of each logged-in agent's time spent available to the queue", DefaultValueFactory = _ => 0.8 };
        var away = new Option<int>("--agents-away") { Description = "The truth: agents logged in who never take a contact", DefaultValueFactory = _ => 0 };
        var patience = new Option<double>("--patience") { Description = "Callers' mean patience, seconds", DefaultValueFactory = _ => 200 };
        var patienceCv = new Option<double?>("--patience-cv") { Description = "Lognormal patience with this coefficient of variation (default: exponential)" };
        var handleCv = new Option<double?>("--handle-cv") { Description = "Lognormal handle times with this coefficient of variation (default: exponential)" };
        var quick = new Option<double>("--quick-hang-ups") { Description = "Share of waiting callers who hang up within two seconds", DefaultValueFactory = _ => 0 };
        var minutes = new Option<int>("--interval-minutes") { Description = "Interval length", DefaultValueFactory = _ => 30 };
        var command = new Command("outcomes", "Write a simulated center's outcomes per interval (offered, answered, abandoned, answered within 20 s, AHT, agents logged in) where the truth is known: agents available only part of their logged-in time, the patience and handle times given.")
        {
            from, days, output, queue, peak, aht, availability, away, patience, patienceCv, handleCv, quick, minutes, Seed,
        };
        command.SetAction(async (r, ct) => await Guard(() =>
        {
            var center = new SimulatedCenter(
                r.GetValue(from), r.GetValue(days), r.GetValue(queue)!, r.GetValue(peak), r.GetValue(aht), r.GetValue(availability), r.GetValue(away),
                r.GetValue(handleCv) is { } h ? new HandleTimeDistribution(HandleTimeShape.LogNormal, h) : null,
                r.GetValue(patienceCv) is { } p ? PatienceDistribution.LogNormal(r.GetValue(patience), p) : PatienceDistribution.Exponential(r.GetValue(patience)),
                r.GetValue(quick), IntervalMinutes: r.GetValue(minutes), Seed: (ulong)r.GetValue(Seed));
            var outcomes = center.Run(ct);
            var path = r.GetValue(output)!.FullName;
            using (var writer = new StreamWriter(path))
            {
                OutcomesCsv.Write(writer, outcomes);
            }

            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"wrote {outcomes.Count:N0} intervals of {r.GetValue(days)} days to [green]{path}[/]");
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"next: dotnet run --project src/Wfm.Cli -- staff calibrate --intervals {path} --out calibration.json");
            return Task.FromResult(0);
        }));
        return command;
    }

    internal static Uri Loopback(Uri url) =>
        url.IsLoopback ? url : throw new ArgumentException($"--url {url} is not a loopback address; the simulator only drives a server on this machine");

    /// <summary>Refuses early, with the fix, when the server was seeded with another center.</summary>
    internal static async Task CheckDirectoryAsync(ServerClient server, LoadSettings settings, CancellationToken ct)
    {
        var center = DemoCenterGenerator.Generate(settings.Seed, settings.Agents, settings.TimeZone, settings.Queues);
        var (agents, queues) = await server.DirectoryAsync(ct);
        var missingQueues = center.Queues.Count(q => !queues.Contains(q.Profile.Id));
        var missingAgents = center.Agents.Count(a => !agents.Contains(a.Id));
        if (missingQueues > 0 || missingAgents > 0)
        {
            throw new ArgumentException(
                $"the server at {server.Url} lacks {missingAgents} of the {center.Agents.Count} generated agents and {missingQueues} of the {center.Queues.Count} queues; " +
                $"start it on an empty database with --demo false --demo-agents {settings.Agents} --demo-queues {settings.Queues} (seed {settings.Seed})");
        }
    }

    internal static async Task<T> WithProgress<T>(bool quiet, string label, Func<IProgress<double>?, Task<T>> run)
    {
        if (quiet || Console.IsOutputRedirected)
        {
            return await run(null);
        }

        T result = default!;
        await AnsiConsole.Progress().StartAsync(async ctx =>
        {
            var task = ctx.AddTask(label, maxValue: 1);
            result = await run(new Progress<double>(f => task.Value = f));
            task.Value = 1;
        });
        return result;
    }

    internal static void Print(LoadReport report, bool json)
    {
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(report, Json));
            return;
        }

        static string Ms(double? v) => v is null ? "–" : $"{v:F0} ms";
        var table = new Table().AddColumns("measure", "value");
        table.AddRow("center", $"{report.Agents:N0} agents, {report.Queues:N0} queues");
        table.AddRow("events posted / accepted", $"{report.EventsPosted:N0} / {report.EventsAccepted:N0}");
        table.AddRow("batches refused / unanswered", $"{report.BatchesRefused} / {report.Unanswered}");
        table.AddRow("elapsed", $"{report.ElapsedSeconds:F1} s (stopped: {report.Stopped})");
        table.AddRow("accepted events/s", $"{report.AcceptedPerSecond:N0}");
        table.AddRow("event→board latency p50 / p95 / p99", $"{Ms(report.LatencyP50Ms)} / {Ms(report.LatencyP95Ms)} / {Ms(report.LatencyP99Ms)} ({report.LatencySamples:N0} samples)");
        table.AddRow("server peak resident memory", report.ServerPeakWorkingSetBytes is { } m ? $"{m / 1048576.0:N0} MiB" : "–");
        table.AddRow("active agent grains", report.ActiveAgentGrains?.ToString("N0", CultureInfo.InvariantCulture) ?? "–");
        table.AddRow("customer messages (abusive)", $"{report.Messages:N0} ({report.AbusiveMessages:N0}, {(report.Messages > 0 ? (double)report.AbusiveMessages / report.Messages : 0):P1})");
        table.AddRow("agents' replies: empathetic / negative / wow", report.Replies == 0 ? "–" :
            $"{report.Replies:N0}: {(double)report.EmpatheticReplies / report.Replies:P0} / {(double)report.NegativeReplies / report.Replies:P0} / {(double)report.WowReplies / report.Replies:P1}");
        AnsiConsole.Write(table);
        if (report.FirstRefusal is { } refusal)
        {
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]first refusal[/]: {refusal}");
        }
    }

    /// <summary>Bad options and an unfit server end with one clear line and exit code 2.</summary>
    internal static async Task<int> Guard(Func<Task<int>> run)
    {
        try
        {
            return await run();
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is InputFileException or ForecastInputException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
        catch (HttpRequestException e)
        {
            Console.Error.WriteLine($"error: the server did not answer ({e.Message}); is it running?");
            return 2;
        }
    }
}
