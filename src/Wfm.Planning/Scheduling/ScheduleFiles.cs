using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Wfm.Core.Staffing;
using Wfm.Planning.Charts;
using Wfm.Planning.Csv;
using Wfm.Scheduling;

namespace Wfm.Planning.Scheduling;

/// <summary>Shift templates, break rules, the cap on work without a break and the objective's weights, as read from rules.json.</summary>
public sealed record ScheduleRulesFile(IReadOnlyList<ShiftTemplate> Templates, IReadOnlyList<BreakRule> Breaks, int MaxMinutesWithoutBreak, ScheduleWeights Weights);

/// <summary>
/// The scheduler's files: the requirement CSV (what <c>wfm staff</c> writes, or timestamp, queue,
/// agents), the agents CSV, rules.json, and the schedule, coverage CSV, chart and iCalendar it produces.
/// Every error names the file, the line (or JSON path) and what was expected.
/// </summary>
public static partial class ScheduleFiles
{
    private static readonly JsonSerializerOptions RulesJson = new(JsonSerializerDefaults.Web) { AllowTrailingCommas = true, ReadCommentHandling = JsonCommentHandling.Skip };

    private static readonly string[] DayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    /// <summary>
    /// The requirement per queue (skill) on a grid of <paramref name="days"/> days from the first
    /// timestamp's date; intervals the file does not list need nobody.
    /// </summary>
    public static (DateOnly Start, int IntervalMinutes, IReadOnlyList<SkillRequirement> Requirements) ReadRequirements(string path, int days, string column = "required_agents")
    {
        using var reader = ForecastCsv.OpenText(path);
        return ReadRequirements(reader, Path.GetFileName(path), days, column);
    }

    public static (DateOnly Start, int IntervalMinutes, IReadOnlyList<SkillRequirement> Requirements) ReadRequirements(TextReader reader, string fileName, int days, string column = "required_agents")
    {
        using var csv = new CsvFieldReader(reader, fileName);
        var value = csv.Has(column) ? column : csv.Has("agents") ? "agents" : column;
        csv.Require("timestamp", value);
        var rows = new List<(DateTime At, string Queue, double Agents, int Line)>();
        while (csv.Read())
        {
            var at = csv.Timestamp("timestamp");
            var queue = csv.Has("queue") ? csv.Text("queue") : "default";
            if (queue.Length == 0)
            {
                throw csv.Error("queue", "expected a queue (skill) name, got an empty cell");
            }

            rows.Add((at, queue, csv.Number(value, 0), csv.Line));
        }

        if (rows.Count == 0)
        {
            throw new InputFileException(fileName, 2, null, "no data rows after the header");
        }

        var step = rows.GroupBy(r => r.Queue).SelectMany(g => g.OrderBy(r => r.At).Zip(g.OrderBy(r => r.At).Skip(1), (a, b) => (b.At - a.At).TotalMinutes)).Where(m => m > 0).DefaultIfEmpty(30).Min();
        var interval = (int)step;
        if (interval is not (15 or 30))
        {
            throw new InputFileException(fileName, rows[0].Line, "timestamp", $"intervals are {step} minutes apart; the scheduler works in 15- or 30-minute intervals");
        }

        var start = DateOnly.FromDateTime(rows.Min(r => r.At));
        var slots = days * (1440 / interval);
        var result = new List<SkillRequirement>();
        foreach (var g in rows.GroupBy(r => r.Queue))
        {
            var agents = new double[slots];
            foreach (var r in g)
            {
                var minutes = (r.At - start.ToDateTime(TimeOnly.MinValue)).TotalMinutes;
                if (minutes % interval != 0)
                {
                    throw new InputFileException(fileName, r.Line, "timestamp", $"{TimestampParser.Format(r.At)} is off the {interval}-minute grid");
                }

                var slot = (int)(minutes / interval);
                if (slot < slots)
                {
                    agents[slot] = r.Agents;
                }
            }

            result.Add(new SkillRequirement(g.Key, agents));
        }

        return (start, interval, result);
    }

    /// <summary>
    /// Agents: id[, name], skills ("voice:1;chat:0.8" or "voice;chat"), min_hours, max_hours, max_days,
    /// max_consecutive_days, min_rest_hours, availability ("mon-fri 07:00-19:00; sat 09:00-15:00"),
    /// time_off ("2026-12-02..2026-12-03; 2026-12-05"), preferred_start ("09:00"), preferred_days_off ("sat;sun").
    /// </summary>
    public static IReadOnlyList<ScheduleAgent> ReadAgents(string path)
    {
        using var reader = ForecastCsv.OpenText(path);
        return ReadAgents(reader, Path.GetFileName(path));
    }

    public static IReadOnlyList<ScheduleAgent> ReadAgents(TextReader reader, string fileName)
    {
        using var csv = new CsvFieldReader(reader, fileName);
        csv.Require("id", "skills", "max_hours");
        var result = new List<ScheduleAgent>();
        while (csv.Read())
        {
            var id = csv.Text("id");
            if (id.Length == 0)
            {
                throw csv.Error("id", "expected an agent id, got an empty cell");
            }

            var contract = new Contract(
                csv.OptionalNumber("min_hours", 0) ?? 0,
                csv.Number("max_hours", 0),
                (int)(csv.OptionalNumber("max_days", 0) ?? 5),
                (int)(csv.OptionalNumber("max_consecutive_days", 1) ?? 6),
                csv.OptionalNumber("min_rest_hours", 0) ?? 11);
            result.Add(new ScheduleAgent(
                id,
                Skills(csv),
                contract,
                csv.Has("availability") ? Availability(csv, csv.Text("availability")) : null,
                csv.Has("time_off") ? TimeOff(csv, csv.Text("time_off")) : null,
                new Preferences(
                    csv.Has("preferred_start") && csv.Text("preferred_start").Length > 0 ? Time(csv, "preferred_start", csv.Text("preferred_start")) : null,
                    csv.Has("preferred_days_off") ? Days(csv, "preferred_days_off", csv.Text("preferred_days_off")) : null),
                csv.Has("name") ? csv.Text("name") : null,
                csv.Line));
        }

        return result;
    }

    private static Dictionary<string, double> Skills(CsvFieldReader csv)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var part in csv.Text("skills").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split(':', 2, StringSplitOptions.TrimEntries);
            var proficiency = 1.0;
            if (pieces.Length == 2 && !double.TryParse(pieces[1], NumberStyles.Float, CultureInfo.InvariantCulture, out proficiency))
            {
                throw csv.Error("skills", $"expected skill[:proficiency] such as voice:0.8, got '{part}'");
            }

            result[pieces[0]] = proficiency;
        }

        if (result.Count == 0)
        {
            throw csv.Error("skills", "expected at least one skill, e.g. voice or voice:1;chat:0.8");
        }

        return result;
    }

    private static List<AvailabilityWindow> Availability(CsvFieldReader csv, string text)
    {
        var result = new List<AvailabilityWindow>();
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = AvailabilityPattern().Match(part);
            if (!match.Success)
            {
                throw csv.Error("availability", $"expected DAYS HH:mm-HH:mm such as mon-fri 07:00-19:00, got '{part}'");
            }

            var from = Time(csv, "availability", match.Groups["from"].Value);
            var to = Time(csv, "availability", match.Groups["to"].Value);
            if (to <= from)
            {
                to += TimeSpan.FromDays(1); // a window past midnight
            }

            foreach (var day in Days(csv, "availability", match.Groups["days"].Value))
            {
                result.Add(new AvailabilityWindow(day, from, to));
            }
        }

        return result;
    }

    private static List<TimeOff> TimeOff(CsvFieldReader csv, string text)
    {
        var result = new List<TimeOff>();
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var ends = part.Split("..", 2, StringSplitOptions.TrimEntries);
            if (!DateOnly.TryParseExact(ends[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
                || !DateOnly.TryParseExact(ends[^1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to))
            {
                throw csv.Error("time_off", $"expected YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD, got '{part}'");
            }

            result.Add(new TimeOff(from, to));
        }

        return result;
    }

    private static List<DayOfWeek> Days(CsvFieldReader csv, string column, string text)
    {
        var result = new List<DayOfWeek>();
        foreach (var part in text.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var range = part.ToLowerInvariant().Split('-', 2);
            var first = Array.IndexOf(DayNames, range[0].Length >= 3 ? range[0][..3] : range[0]);
            var last = Array.IndexOf(DayNames, range[^1].Length >= 3 ? range[^1][..3] : range[^1]);
            if (first < 0 || last < 0)
            {
                throw csv.Error(column, $"expected days such as mon, sat;sun or mon-fri, got '{part}'");
            }

            for (var d = first; ; d = (d + 1) % 7)
            {
                result.Add((DayOfWeek)d);
                if (d == last)
                {
                    break;
                }
            }
        }

        return result;
    }

    private static TimeSpan Time(CsvFieldReader csv, string column, string text) =>
        TimeOnly.TryParseExact(text, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            ? t.ToTimeSpan()
            : throw csv.Error(column, $"expected a time such as 07:30, got '{text}'");

    /// <summary>rules.json: templates, breaks, maxMinutesWithoutBreak and weights; errors name the JSON path.</summary>
    public static ScheduleRulesFile ReadRules(string path) => ReadRules(File.ReadAllText(path), Path.GetFileName(path));

    public static ScheduleRulesFile ReadRules(string json, string file)
    {
        RulesDto dto;
        try
        {
            dto = JsonSerializer.Deserialize<RulesDto>(json, RulesJson)
                ?? throw new StaffingInputException(file, "the file is empty");
        }
        catch (JsonException ex)
        {
            throw new StaffingInputException(file, $"{ex.Path}: {ex.Message}");
        }

        if (dto.Templates is not { Count: > 0 })
        {
            throw new StaffingInputException($"{file}: templates", "give at least one shift template");
        }

        var templates = dto.Templates.Select((t, i) => new ShiftTemplate(
            t.Name ?? $"shift {i + 1}",
            t.LengthsMinutes is { Count: > 0 } l ? l : throw new StaffingInputException($"{file}: templates[{i}].lengthsMinutes", "give at least one length in minutes"),
            JsonTime(file, $"templates[{i}].earliestStart", t.EarliestStart),
            JsonTime(file, $"templates[{i}].latestStart", t.LatestStart),
            t.StartIncrementMinutes ?? 30,
            t.Days is { Count: > 0 } days ? days.Select(d => JsonDay(file, $"templates[{i}].days", d)).ToArray() : null)).ToArray();
        var breaks = (dto.Breaks ?? []).Select((b, i) => new BreakRule(
            b.Name ?? $"break {i + 1}",
            b.Minutes ?? throw new StaffingInputException($"{file}: breaks[{i}].minutes", "give the break's length in minutes"),
            b.WindowFromMinutes ?? 0,
            b.WindowToMinutes ?? throw new StaffingInputException($"{file}: breaks[{i}].windowToMinutes", "give the latest start in minutes after the shift starts"),
            b.Paid ?? true,
            b.MinShiftMinutes ?? 0)).ToArray();
        var w = dto.Weights;
        var defaults = new ScheduleWeights();
        var weights = w is null ? defaults : new ScheduleWeights(
            w.UnderPerAgentInterval ?? defaults.UnderPerAgentInterval, w.OverPerAgentInterval ?? defaults.OverPerAgentInterval, w.PerPaidHour ?? defaults.PerPaidHour,
            w.Fairness ?? defaults.Fairness, w.Preference ?? defaults.Preference, w.StartStability ?? defaults.StartStability, w.PairedDaysOff ?? defaults.PairedDaysOff);
        return new ScheduleRulesFile(templates, breaks, dto.MaxMinutesWithoutBreak ?? 0, weights);
    }

    private static TimeSpan JsonTime(string file, string field, string? text) =>
        text is not null && TimeOnly.TryParseExact(text, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            ? t.ToTimeSpan()
            : throw new StaffingInputException($"{file}: {field}", $"expected a time such as 06:30, got '{text}'");

    private static DayOfWeek JsonDay(string file, string field, string text)
    {
        var i = Array.IndexOf(DayNames, text.Length >= 3 ? text[..3].ToLowerInvariant() : text.ToLowerInvariant());
        return i >= 0 ? (DayOfWeek)i : throw new StaffingInputException($"{file}: {field}", $"expected a day such as mon or saturday, got '{text}'");
    }

    /// <summary>One row per shift: agent, date, skill, start, end, paid hours and the breaks.</summary>
    public static void WriteSchedule(TextWriter writer, ScheduleResult result)
    {
        using var csv = new CsvTable(writer, "agent_id", "date", "skill", "start", "end", "paid_hours", "breaks");
        foreach (var s in result.Shifts.OrderBy(s => s.AgentId, StringComparer.Ordinal).ThenBy(s => s.StartSlot))
        {
            csv.Row(
                s.AgentId, result.Problem.Start.AddDays(s.Day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), s.Skill,
                TimestampParser.Format(result.SlotTime(s.StartSlot)), TimestampParser.Format(result.SlotTime(s.EndSlot)),
                s.PaidHours.ToString("0.##", CultureInfo.InvariantCulture),
                string.Join("; ", s.Breaks.Select(b => $"{b.Name} {result.SlotTime(b.StartSlot):HH:mm}-{result.SlotTime(b.EndSlot):HH:mm}")));
        }
    }

    /// <summary>Coverage per skill and interval: required, scheduled (at work, not on a break), the difference.</summary>
    public static void WriteCoverage(TextWriter writer, ScheduleResult result, IReadOnlyDictionary<(string Skill, DateTime Start), double>? serviceLevel = null)
    {
        using var csv = new CsvTable(writer, serviceLevel is null
            ? ["timestamp", "skill", "required", "scheduled", "difference"]
            : ["timestamp", "skill", "required", "scheduled", "difference", "expected_service_level"]);
        foreach (var (skill, slots) in result.Coverage)
        {
            foreach (var c in slots.Where(c => c.Required > 0 || c.Working > 0))
            {
                var at = result.SlotTime(c.Slot);
                var fields = new List<string> { TimestampParser.Format(at), skill, CsvTable.Number(c.Required, "0.##"), $"{c.Working}", CsvTable.Number(c.Working - c.Required, "0.##") };
                if (serviceLevel is not null)
                {
                    fields.Add(serviceLevel.TryGetValue((skill, at), out var sl) ? CsvTable.Number(sl, "0.####") : string.Empty);
                }

                csv.Row([.. fields]);
            }
        }
    }

    /// <summary>Coverage against requirement, one stepped pair of lines per skill.</summary>
    public static string Chart(ScheduleResult result, ChartText? text = null) => Chart(
        result.SlotTime(0), result.Problem.IntervalMinutes,
        result.Coverage.Select(c => (c.Key, (IReadOnlyList<double>)c.Value.Select(x => x.Required).ToArray(), (IReadOnlyList<int>)c.Value.Select(x => x.Working).ToArray())),
        text);

    /// <summary>Coverage against requirement from per-interval arrays starting at <paramref name="start"/>.</summary>
    public static string Chart(DateTime start, int intervalMinutes, IEnumerable<(string Skill, IReadOnlyList<double> Required, IReadOnlyList<int> Scheduled)> coverage, ChartText? text = null)
    {
        text ??= ChartText.English;
        var series = new List<ChartSeries>();
        foreach (var (skill, required, scheduled) in coverage)
        {
            series.Add(new ChartSeries($"{skill}: {text["chart.required"]}", required.Select((v, i) => (start.AddMinutes(i * intervalMinutes), v)).ToArray(), Dashed: true, Stepped: true));
            series.Add(new ChartSeries($"{skill}: {text["chart.scheduled"]}", scheduled.Select((v, i) => (start.AddMinutes(i * intervalMinutes), (double)v)).ToArray(), Stepped: true));
        }

        return SvgChart.Render(text["chart.coverageTitle"], text["chart.agents"], null, series, width: 1200, text: text);
    }

    /// <summary>An iCalendar file of one agent's shifts and breaks (floating local times, the center's wall clock).</summary>
    public static string Calendar(ScheduleResult result, string agentId) =>
        Calendar(agentId, result.Shifts.Where(s => s.AgentId == agentId).OrderBy(s => s.StartSlot).SelectMany(s =>
            s.Breaks.Select(b => (result.SlotTime(b.StartSlot), result.SlotTime(b.EndSlot), b.Name))
                .Prepend((result.SlotTime(s.StartSlot), result.SlotTime(s.EndSlot), $"Shift ({s.Skill})"))));

    /// <summary>An iCalendar file of events on the center's wall clock (floating local times).</summary>
    public static string Calendar(string agentId, IEnumerable<(DateTime Start, DateTime End, string Summary)> events)
    {
        var lines = new List<string> { "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Wfm//Schedule//EN", "CALSCALE:GREGORIAN" };
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        foreach (var (start, end, summary) in events)
        {
            var tag = new string(summary.Select(ch => char.IsLetterOrDigit(ch) ? char.ToLowerInvariant(ch) : '-').ToArray());
            lines.AddRange(Event(string.Create(CultureInfo.InvariantCulture, $"{agentId}-{start:yyyyMMddHHmm}-{tag}@wfm"), stamp, start, end, summary));
        }

        lines.Add("END:VCALENDAR");
        return string.Join("\r\n", lines) + "\r\n";
    }

    private static IEnumerable<string> Event(string uid, string stamp, DateTime start, DateTime end, string summary)
    {
        yield return "BEGIN:VEVENT";
        yield return $"UID:{uid}";
        yield return $"DTSTAMP:{stamp}";
        yield return $"DTSTART:{start.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture)}";
        yield return $"DTEND:{end.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture)}";
        yield return $"SUMMARY:{summary.Replace(",", "\\,", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal)}";
        yield return "END:VEVENT";
    }

    [GeneratedRegex(@"^(?<days>[A-Za-z;,\-]+)\s+(?<from>\d{1,2}:\d{2})\s*-\s*(?<to>\d{1,2}:\d{2})$")]
    private static partial Regex AvailabilityPattern();

    private sealed record RulesDto(List<TemplateDto>? Templates, List<BreakDto>? Breaks, int? MaxMinutesWithoutBreak, WeightsDto? Weights);

    private sealed record TemplateDto(string? Name, List<int>? LengthsMinutes, string? EarliestStart, string? LatestStart, int? StartIncrementMinutes, List<string>? Days);

    private sealed record BreakDto(string? Name, int? Minutes, int? WindowFromMinutes, int? WindowToMinutes, bool? Paid, int? MinShiftMinutes);

    private sealed record WeightsDto(double? UnderPerAgentInterval, double? OverPerAgentInterval, double? PerPaidHour, double? Fairness, double? Preference, double? StartStability, double? PairedDaysOff);
}
