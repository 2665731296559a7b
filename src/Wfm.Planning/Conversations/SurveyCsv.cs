using Wfm.Core.Kpis;
using Wfm.Planning.Csv;

namespace Wfm.Planning.Conversations;

/// <summary>Survey answers from CSV: contact_id and any of csat (1–5), nps (0–10), ces (1–7); a bad value is refused naming the line and column.</summary>
public static class SurveyCsv
{
    public static List<(string ContactId, SurveyAnswer Answer)> Read(TextReader reader, string fileName)
    {
        using var csv = new CsvFieldReader(reader, fileName);
        csv.Require("contact_id");
        if (!csv.Has("csat") && !csv.Has("nps") && !csv.Has("ces"))
        {
            throw new InputFileException(fileName, 1, null, "expected at least one of the columns csat, nps, ces");
        }

        var rows = new List<(string, SurveyAnswer)>();
        while (csv.Read())
        {
            var contact = csv.Text("contact_id");
            if (contact.Length == 0)
            {
                throw csv.Error("contact_id", "is empty");
            }

            int? Score(string column, int min, int max)
            {
                if (!csv.Has(column) || csv.Text(column).Length == 0)
                {
                    return null;
                }

                return int.TryParse(csv.Text(column), out var value) && value >= min && value <= max
                    ? value
                    : throw csv.Error(column, $"expected a whole number from {min} to {max}, got '{csv.Text(column)}'");
            }

            var answer = new SurveyAnswer(Score("csat", 1, 5), Score("nps", 0, 10), Score("ces", 1, 7));
            if (answer is { Csat: null, Nps: null, Ces: null })
            {
                throw csv.Error(null, $"contact '{contact}' has no answer");
            }

            rows.Add((contact, answer));
        }

        return rows;
    }
}
