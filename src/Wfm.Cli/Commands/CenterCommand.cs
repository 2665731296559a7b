using System.CommandLine;
using Spectre.Console;
using Wfm.Core.Directory;
using Wfm.Data;
using Wfm.Data.Center;
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

            CliConsole.Out().WriteTable(table);
            Console.WriteLine($"{c.Agents.Count(a => a.IsActive)} active agents, {c.Agents.Count(a => !a.IsActive)} deactivated");
            return 0;
        }));

        Command Import(string name, string what, string columns, Func<CenterService, TextReader, string, Task<string>> run)
        {
            var file = new Option<FileInfo>("--input") { Description = $"{what} CSV: {columns}", Required = true };
            var command = new Command(name, $"Add or update {what.ToLowerInvariant()} from a CSV ({columns}): all rows or none; every bad row is named with its line and column.")
            {
                data, zone, interval, file,
            };
            command.SetAction(r => CliErrors.Run(() =>
            {
                var input = r.GetValue(file)!;
                using var reader = new StreamReader(input.FullName);
                Console.WriteLine($"{input.Name}: {run(Open(r.GetValue(data)!, r.GetValue(zone)!, r.GetValue(interval)), reader, input.Name).GetAwaiter().GetResult()}");
                return 0;
            }));
            return command;
        }

        var importQueues = Import("import-queues", "Queues", "id, name, channel, target_percent, target_seconds[, hours, acd_id]",
            async (service, reader, name) => $"{await service.ImportQueuesAsync(reader, name)} queues saved");
        var importTeams = Import("import-teams", "Teams", "id, name",
            async (service, reader, name) => $"{await service.ImportTeamsAsync(reader, name)} teams saved");
        var import = Import("import-agents", "Agents", "id, name, team, skills[, contract, locale, time_zone, acd_id, hire_date, active]", async (service, reader, name) =>
        {
            var done = await service.ImportAgentsAsync(reader, name);
            return $"{done.Created} agents added, {done.Updated} changed, {done.Unchanged} unchanged";
        });

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
        var store = EfCenterStore.Open(path.FullName);
        var directory = InMemoryDirectory.Of(store.LoadAsync(WfmDataExtensions.DefaultSettings(timeZone, intervalMinutes)).GetAwaiter().GetResult());
        return new CenterService(store, directory, TimeProvider.System);
    }
}
