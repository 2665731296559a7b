using System.Globalization;
using Wfm.Core.Forecasting;

namespace Wfm.Planning.Csv;

/// <summary>
/// A planner's own special days: date, name and optionally closed (true/false), factor (expected
/// volume multiplier when no earlier occurrence teaches it), days_before and days_after.
/// </summary>
public static class SpecialDaysCsv
{
    public static IReadOnlyList<SpecialDay> Read(string path)
    {
        using var reader = ForecastCsv.OpenText(path);
        return Read(reader, Path.GetFileName(path));
    }

    public static IReadOnlyList<SpecialDay> Read(TextReader reader, string fileName)
    {
        using var csv = new CsvFieldReader(reader, fileName);
        csv.Require("date", "name");
        var days = new List<SpecialDay>();
        while (csv.Read())
        {
            var text = csv.Text("date");
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw csv.Error("date", $"expected a date such as 2026-03-20, got '{text}'");
            }

            var closed = csv.Text("closed").ToLowerInvariant() switch
            {
                "" or "false" or "no" or "0" => false,
                "true" or "yes" or "1" => true,
                var other => throw csv.Error("closed", $"expected true or false, got '{other}'"),
            };
            var day = new SpecialDay(
                date,
                csv.Text("name"),
                closed,
                csv.OptionalNumber("factor", 0),
                (int)(csv.OptionalNumber("days_before", 0) ?? 0),
                (int)(csv.OptionalNumber("days_after", 0) ?? 0));
            try
            {
                day.Validate(csv.Line);
            }
            catch (ForecastInputException ex)
            {
                throw csv.Error(ex.Field, ex.Detail);
            }

            days.Add(day);
        }

        return days;
    }
}
