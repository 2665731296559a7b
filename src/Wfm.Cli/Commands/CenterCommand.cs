using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Spectre.Console;
using Wfm.Core.Directory;
using Wfm.Data;
using Wfm.Data.Center;
using Wfm.Data.Storage;
using Wfm.Planning.Center;

namespace Wfm.Cli.Commands;

/// <summary>
/// <c>wfm center</c>: one's own center in a Wfm database (the server's <c>data/wfm.db</c>, best while the server is
/// stopped — a running server reads the change at its next start; use the page or the API while it runs): show it,
/// import agents from CSV (all or nothing), export them. The same center service as the page and the API.
/// </summary>
internal static class CenterCommand
{
    public static Command Create()
    {
        var data = new Option<FileInfo>("--data") { Description = "The Wfm database file (e.g. src/Wfm.Server/bin/Debug/net10.0/data/wfm.db); made if missing", Required = true };
        var zone = new Option<string>("--time-zone") { Description = "For a new database: the center's time zone", DefaultValueFactory = _ => "Europe/Istanbul" };
        var interval = new Option<int>("--interval-minutes") { Description = "For a new database: the interval length (15 or 30)", DefaultValueFactory = _ => 15 };
        var input = new Option<FileInfo>("--input") { Description = "Agents CSV: id, name, team, skills[, contract, locale, time_zone, acd_id, hire_date, active]", Required = true };
        var output = new Option<FileInfo?>("--out") { Description = "Write the CSV here (standard output when left out)" };

        var show = new Command("show", "The center's settings, queues, teams, contracts, shift templates, rule sets and agent counts.") { data, zone, interval };
        show.SetAction(r => CliErrors.Run(() =>
        {
            var c = Open(r.GetValue(data)!, r.GetValue(zone)!, r.GetValue(interval)).GetAsync().GetAwaiter().GetResult();
            var s = c.Settings;
            Console.WriteLine($"{s.Name}: time zone {s.TimeZone}, {s.IntervalMinutes}-minute intervals, holidays {s.Holidays}{(s.Demo ? " (demo)" : "")}");
            var table = new Table().AddColumns("kind", "id", "name", "details", "status");
            foreach (var q in c.Queues)
            {
                table.AddRow("queue", q.Id, Markup.Escape(q.Name), $"{q.Channel}, {q.Target.Percent:0.#}% in {q.Target.ThresholdSeconds} s, {q.Hours ?? "24/7"}", Status(q.IsActive));
            }

            foreach (var t in c.Teams)
            {
                table.AddRow("team", t.Id, Markup.Escape(t.Name), $"{c.Agents.Count(a => a.IsActive && a.TeamId == t.Id)} active agents", Status(t.IsActive));
            }

            foreach (var k in c.Contracts)
            {
                table.AddRow("contract", k.Id, Markup.Escape(k.Name), $"{k.MinHoursPerWeek:0.#}–{k.MaxHoursPerWeek:0.#} h/week, ≤ {k.MaxDaysPerWeek} days, {k.MinRestHours:0.#} h rest{(k.NightShifts ? "" : ", no nights")}", Status(k.IsActive));
            }

            foreach (var t in c.Templates)
            {
                table.AddRow("shift template", t.Id, Markup.Escape(t.Name), $"{string.Join("/", t.LengthsMinutes)} min, starts {t.EarliestStart:HH\\:mm}–{t.LatestStart:HH\\:mm}", Status(t.IsActive));
            }

            foreach (var rs in c.RuleSets)
            {
                table.AddRow("rule set", rs.Id, Markup.Escape(rs.Name), Markup.Escape($"{string.Join(", ", rs.TemplateIds)}; breaks {string.Join(", ", rs.Breaks.Select(b => $"{b.Name} {b.Minutes}"))}"), Status(rs.IsActive));
            }

            AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) }).Write(table);
            Console.WriteLine($"{c.Agents.Count(a => a.IsActive)} active agents, {c.Agents.Count(a => !a.IsActive)} deactivated");
            return 0;
        }));

        var import = new Command("import-agents", "Add or update agents from a CSV: all rows or none; every bad row is named with its line and column.") { data, zone, interval, input };
        import.SetAction(r => CliErrors.Run(() =>
        {
            var file = r.GetValue(input)!;
            using var reader = new StreamReader(file.FullName);
            var done = Open(r.GetValue(data)!, r.GetValue(zone)!, r.GetValue(interval)).ImportAgentsAsync(reader, file.Name).GetAwaiter().GetResult();
            Console.WriteLine($"{file.Name}: {done.Created} agents added, {done.Updated} changed, {done.Unchanged} unchanged");
            return 0;
        }));

        var teamsFile = new Option<FileInfo>("--input") { Description = "Teams CSV: id, name", Required = true };
        var importTeams = new Command("import-teams", "Add or update teams from a CSV (id, name), all or nothing.") { data, zone, interval, teamsFile };
        importTeams.SetAction(r => CliErrors.Run(() =>
        {
            var file = r.GetValue(teamsFile)!;
            using var reader = new StreamReader(file.FullName);
            var count = Open(r.GetValue(data)!, r.GetValue(zone)!, r.GetValue(interval)).ImportTeamsAsync(reader, file.Name).GetAwaiter().GetResult();
            Console.WriteLine($"{file.Name}: {count} teams saved");
            return 0;
        }));

        var queuesFile = new Option<FileInfo>("--input") { Description = "Queues CSV: id, name, channel, target_percent, target_seconds[, hours, acd_id]", Required = true };
        var importQueues = new Command("import-queues", "Add or update queues from a CSV, all or nothing.") { data, zone, interval, queuesFile };
        importQueues.SetAction(r => CliErrors.Run(() =>
        {
            var file = r.GetValue(queuesFile)!;
            using var reader = new StreamReader(file.FullName);
            var count = Open(r.GetValue(data)!, r.GetValue(zone)!, r.GetValue(interval)).ImportQueuesAsync(reader, file.Name).GetAwaiter().GetResult();
            Console.WriteLine($"{file.Name}: {count} queues saved");
            return 0;
        }));

        var export = new Command("export-agents", "Every agent as the import's CSV (edit it and import it again).") { data, zone, interval, output };
        export.SetAction(r => CliErrors.Run(() =>
        {
            var service = Open(r.GetValue(data)!, r.GetValue(zone)!, r.GetValue(interval));
            if (r.GetValue(output) is { } file)
            {
                using var writer = new StreamWriter(file.FullName);
                service.ExportAgentsAsync(writer).GetAwaiter().GetResult();
            }
            else
            {
                service.ExportAgentsAsync(Console.Out).GetAwaiter().GetResult();
            }

            return 0;
        }));

        return new Command("center", "Your own center in a Wfm database: show it; import queues, teams and agents; export agents.") { show, importQueues, importTeams, import, export };
    }

    private static string Status(bool active) => active ? "active" : "[grey]deactivated[/]";

    private static CenterService Open(FileInfo path, string timeZone, int intervalMinutes)
    {
        var database = new SqliteDatabase(path.FullName);
        WfmDataExtensions.EnsureSchema(database);
        var contexts = new PooledDbContextFactory<WfmDbContext>(new DbContextOptionsBuilder<WfmDbContext>().UseSqlite(database.ConnectionString).Options);
        var store = new EfCenterStore(contexts);
        var directory = InMemoryDirectory.Of(store.LoadAsync(WfmDataExtensions.DefaultSettings(timeZone, intervalMinutes)).GetAwaiter().GetResult());
        return new CenterService(store, directory, TimeProvider.System);
    }
}
