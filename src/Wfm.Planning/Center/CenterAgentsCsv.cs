using System.Globalization;
using Wfm.Core.Directory;
using Wfm.Planning.Csv;

namespace Wfm.Planning.Center;

/// <summary>
/// Agents as CSV for onboarding and export: <c>id, name, team, skills[, contract, locale, time_zone, acd_id,
/// hire_date, active]</c>. Skills are <c>queue:proficiency</c> pairs separated by ';' (proficiency 1–5, 3 when left
/// out); locale en, tr or fa (en when blank); hire_date yyyy-MM-dd; active yes/no (yes when blank).
/// </summary>
public static class CenterAgentsCsv
{
    public static readonly string[] Header = ["id", "name", "team", "skills", "contract", "locale", "time_zone", "acd_id", "hire_date", "active"];

    private static readonly Dictionary<string, string> ColumnOfField = new(StringComparer.Ordinal)
    {
        ["id"] = "id", ["name"] = "name", ["team"] = "team", ["skills"] = "skills", ["contract"] = "contract",
        ["locale"] = "locale", ["timeZone"] = "time_zone", ["acdId"] = "acd_id",
    };

    /// <summary>The rows that could be read (with their line and the "active" column) and the errors of those that could not, naming line and column.</summary>
    public static (List<(int Line, AgentProfile Agent, bool Active)> Rows, List<PlanningError> Errors) Read(TextReader reader, string fileName)
    {
        var rows = new List<(int, AgentProfile, bool)>();
        var errors = new List<PlanningError>();
        try
        {
            using var csv = new CsvFieldReader(reader, fileName);
            csv.Require("id", "name", "team", "skills");
            while (csv.Read())
            {
                var line = csv.Line;
                var rowErrors = new List<PlanningError>();
                var skills = Skills(csv.Text("skills"), out var skillError);
                if (skillError is not null)
                {
                    rowErrors.Add(new(Locate(fileName, line, "skills"), skillError));
                }

                DateOnly? hired = null;
                if (csv.Text("hire_date") is { Length: > 0 } hireText)
                {
                    if (DateOnly.TryParseExact(hireText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                    {
                        hired = d;
                    }
                    else
                    {
                        rowErrors.Add(new(Locate(fileName, line, "hire_date"), $"expected a date such as 2025-09-01, got '{hireText}'"));
                    }
                }

                var active = csv.Text("active").ToLowerInvariant() switch
                {
                    "" or "yes" or "true" or "1" or "y" => true,
                    "no" or "false" or "0" or "n" => false,
                    _ => (bool?)null,
                };
                if (active is null)
                {
                    rowErrors.Add(new(Locate(fileName, line, "active"), $"expected yes or no, got '{csv.Text("active")}'"));
                }

                errors.AddRange(rowErrors);
                var locale = csv.Text("locale");
                rows.Add((line, new AgentProfile(csv.Text("id"), csv.Text("name"), csv.Text("team"), skills, locale.Length == 0 ? "en" : locale.ToLowerInvariant(),
                    csv.Text("contract"), csv.Text("time_zone"), csv.Text("acd_id"), hired), active != false));
            }
        }
        catch (InputFileException ex)
        {
            errors.Add(new(ex.Column is null ? $"{ex.File} line {ex.Line}" : Locate(ex.File, ex.Line, ex.Column), ex.Problem));
        }

        return (rows, errors);
    }

    public static void Write(TextWriter writer, IEnumerable<AgentProfile> agents)
    {
        using var table = new CsvTable(writer, Header);
        foreach (var a in agents)
        {
            table.Row(
                a.Id, a.Name, a.TeamId,
                string.Join(';', a.Skills.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.QueueId}:{s.Proficiency}"))),
                a.ContractId ?? "", a.Locale, a.TimeZone ?? "", a.AcdId ?? "",
                a.HireDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", a.IsActive ? "yes" : "no");
        }
    }

    /// <summary>"agents.csv line 3, column 'team'" for an error about a field of the row on that line.</summary>
    public static string Locate(string fileName, int line, string field) =>
        $"{fileName} line {line}, column '{ColumnOfField.GetValueOrDefault(field, field)}'";

    private static List<AgentSkill> Skills(string text, out string? error)
    {
        error = null;
        var skills = new List<AgentSkill>();
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split(':', StringSplitOptions.TrimEntries);
            if (pair.Length == 1 && pair[0].Length > 0)
            {
                skills.Add(new AgentSkill(pair[0], 3));
            }
            else if (pair.Length == 2 && int.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out var level))
            {
                skills.Add(new AgentSkill(pair[0], level));
            }
            else
            {
                error = $"'{part}' is not queue:proficiency (e.g. voice-support:4; several separated by ';')";
                return skills;
            }
        }

        return skills;
    }
}
