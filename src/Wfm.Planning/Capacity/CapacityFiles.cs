using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Wfm.Core.Directory;
using Wfm.Core.Queues;
using Wfm.Planning.Csv;

namespace Wfm.Planning.Capacity;

/// <summary>
/// The capacity plan's files, read and written at the edge: the headcount CSV (skills, headcount, hours_per_week,
/// tenure_weeks), the plan's settings as JSON (the API's body; the CLI's <c>hiring.json</c>), and the plan as CSV (one
/// row per week, totals then each queue's required and short FTE). Errors name the line, column or JSON path.
/// </summary>
public static class CapacityFiles
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = false,
    };

    public static IReadOnlyList<HeadcountRow> ReadHeadcount(TextReader reader, string fileName)
    {
        using var csv = new CsvFieldReader(reader, fileName);
        csv.Require("skills", "headcount");
        var rows = new List<HeadcountRow>();
        while (csv.Read())
        {
            var skills = csv.Text("skills").Split([';', '+', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (skills.Length == 0)
            {
                throw csv.Error("skills", "name the queues these agents take, separated by ';' (e.g. sales-voice;sales-chat)");
            }

            var heads = csv.Number("headcount", 0);
            var hours = csv.OptionalNumber("hours_per_week", 0, exclusiveMin: true) ?? 40;
            if (hours > 80)
            {
                throw csv.Error("hours_per_week", $"expected at most 80 hours a week, got {hours.ToString(CultureInfo.InvariantCulture)}");
            }

            var tenure = csv.OptionalNumber("tenure_weeks", 0);
            rows.Add(new HeadcountRow(skills, heads, hours, tenure is { } t ? [.. Enumerable.Repeat(t, (int)Math.Round(heads))] : null));
        }

        if (rows.Count == 0)
        {
            throw new InputFileException(fileName, 1, null, "has no rows: one row per group of agents (skills, headcount, hours_per_week)");
        }

        return rows;
    }

    /// <summary>The plan's settings from JSON; unknown fields are refused so that a misspelt setting is not silently ignored.</summary>
    public static CapacityRequest ReadRequest(string json, string fileName)
    {
        try
        {
            return JsonSerializer.Deserialize<CapacityRequest>(json, Json) ?? throw new PlanningException("file", $"{fileName} is empty: expected a JSON object");
        }
        catch (JsonException ex)
        {
            throw new PlanningException(string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "file" : ex.Path.TrimStart('$', '.'), $"{fileName}: {ex.Message.Split(" Path:")[0]}");
        }
    }

    /// <summary>A queue profile for a history queue of a plan without a center, from the settings' <c>queues</c> (voice 80/20 when not given).</summary>
    public static QueueProfile Queue(string id, CapacityRequest request)
    {
        var setting = request.Queues is { } all && all.TryGetValue(id, out var s) ? s : new CapacityQueueSetting();
        if (!Enum.TryParse<Channel>(setting.Channel, ignoreCase: true, out var channel) || !Enum.IsDefined(channel))
        {
            throw new PlanningException($"queues.{id}.channel", $"expected one of {string.Join(", ", Enum.GetNames<Channel>())}, got '{setting.Channel}'");
        }

        if (!(setting.TargetPercent is > 0 and < 100) || setting.TargetSeconds <= 0)
        {
            throw new PlanningException($"queues.{id}", "targetPercent 0–100 and targetSeconds more than 0");
        }

        if (!OpeningHours.TryParse(setting.Hours, out _, out var unreadable))
        {
            throw new PlanningException($"queues.{id}.hours", unreadable);
        }

        return new QueueProfile(id, id, channel, new ServiceLevelTarget(setting.TargetPercent, setting.TargetSeconds), setting.Hours);
    }

    public static void WritePlanCsv(TextWriter writer, CapacityPlanResult plan)
    {
        var queues = plan.Queues.Select(q => q.QueueId).ToList();
        using var csv = new CsvTable(writer, [
            "week", "required_fte", "flat_fte", "available_fte", "overtime_fte", "short_fte", "heads", "hires_starting", "service_level",
            .. queues.SelectMany(q => new[] { $"{q}_contacts", $"{q}_aht_seconds", $"{q}_required_fte", $"{q}_short_fte" })]);
        for (var w = 0; w < plan.Totals.Count; w++)
        {
            var t = plan.Totals[w];
            csv.Row([
                t.Week.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), CsvTable.Number(t.RequiredFte, "0.##"), CsvTable.Number(t.FlatFte, "0.##"),
                CsvTable.Number(t.AvailableFte, "0.##"), CsvTable.Number(t.OvertimeFte, "0.##"), CsvTable.Number(t.ShortFte, "0.##"), CsvTable.Number(t.Heads, "0.#"),
                t.HiresStarting.ToString(CultureInfo.InvariantCulture), t.ServiceLevel is { } sl ? CsvTable.Number(sl, "0.###") : string.Empty,
                .. plan.Queues.SelectMany(q => new[]
                {
                    CsvTable.Number(q.Weeks[w].Volume, "0"), CsvTable.Number(q.Weeks[w].AhtSeconds, "0"), CsvTable.Number(q.Weeks[w].RequiredFte, "0.##"),
                    CsvTable.Number(plan.Plan.Queues.First(x => x.QueueId == q.QueueId && x.Week == w).Short, "0.##"),
                })]);
        }
    }

    /// <summary>The classes to start, one row each.</summary>
    public static void WriteClassesCsv(TextWriter writer, CapacityPlanResult plan)
    {
        using var csv = new CsvTable(writer, "group", "start", "size", "on_floor", "fully_productive", "cost");
        foreach (var c in plan.Plan.Classes)
        {
            csv.Row(c.GroupId, c.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), c.Size.ToString(CultureInfo.InvariantCulture),
                c.OnFloor.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), c.FullyProductive.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), CsvTable.Number(c.Cost, "0"));
        }
    }
}
