using Wfm.Core.Conversations;
using Wfm.Planning.Csv;

namespace Wfm.Planning.Conversations;

/// <summary>
/// Reads messages (and their labels) from CSV for abuse classification and training. Labels such as
/// OFF/NOT, 1/0, true/false, abusive/clean are understood; other schemes (Davidson's class 0, 1, 2) are
/// given as the values that mean abusive and the values that mean not.
/// </summary>
public static class LabelledTextCsv
{
    public static readonly IReadOnlyList<string> DefaultPositive = ["off", "offensive", "abusive", "abuse", "hate", "1", "true", "yes", "y"];

    public static readonly IReadOnlyList<string> DefaultNegative = ["not", "none", "neither", "clean", "normal", "ok", "0", "false", "no", "n"];

    /// <summary>A row to classify: its fields as read (to write back), the message and its language when known.</summary>
    public sealed record MessageRow(int Line, IReadOnlyList<string> Fields, string Text, string? Language);

    /// <summary>
    /// Every row of a messages file with all its columns; the language comes from <paramref name="languageColumn"/> (or a
    /// column named language), else <paramref name="language"/>, else it is left to detection.
    /// </summary>
    public static (IReadOnlyList<string> Columns, List<MessageRow> Rows) ReadRows(TextReader reader, string fileName, string textColumn, string? languageColumn = null, string? language = null)
    {
        using var csv = new CsvFieldReader(reader, fileName);
        csv.Require(textColumn);
        languageColumn = LanguageColumn(csv, languageColumn, language);
        if (languageColumn is not null)
        {
            csv.Require(languageColumn);
        }

        var columns = csv.Columns.ToArray();
        var rows = new List<MessageRow>();
        while (csv.Read())
        {
            rows.Add(new MessageRow(csv.Line, columns.Select(csv.Text).ToArray(), csv.Text(textColumn), RowLanguage(csv, languageColumn, language)));
        }

        return (columns, rows);
    }

    /// <summary>Labelled rows for training or evaluation; an empty text or an unknown label is refused naming the line.</summary>
    public static List<LabelledText> ReadLabelled(
        TextReader reader, string fileName, string textColumn, string labelColumn, IReadOnlyCollection<string>? positive = null, IReadOnlyCollection<string>? negative = null,
        string? languageColumn = null, string? language = null)
    {
        var yes = new HashSet<string>(positive ?? DefaultPositive, StringComparer.OrdinalIgnoreCase);
        var no = new HashSet<string>(negative ?? (positive is null ? DefaultNegative : []), StringComparer.OrdinalIgnoreCase);
        using var csv = new CsvFieldReader(reader, fileName);
        csv.Require(textColumn, labelColumn);
        languageColumn = LanguageColumn(csv, languageColumn, language);
        if (languageColumn is not null)
        {
            csv.Require(languageColumn);
        }

        var rows = new List<LabelledText>();
        while (csv.Read())
        {
            var text = csv.Text(textColumn);
            if (text.Length == 0)
            {
                throw csv.Error(textColumn, "the message is empty");
            }

            var label = csv.Text(labelColumn);
            bool abusive;
            if (yes.Contains(label))
            {
                abusive = true;
            }
            else if (no.Contains(label) || (negative is null && positive is not null))
            {
                abusive = false;
            }
            else
            {
                throw csv.Error(labelColumn, $"expected a label meaning abusive ({string.Join(", ", yes)}) or not ({string.Join(", ", no)}), got '{label}'");
            }

            rows.Add(new LabelledText(text, abusive, RowLanguage(csv, languageColumn, language)));
        }

        if (rows.Count == 0)
        {
            throw new InputFileException(fileName, 2, null, "no rows: expected a labelled message per row");
        }

        return rows;
    }

    /// <summary>The column naming each row's language: the one given, else a column named <c>language</c> when the file has one and no language is given for every row.</summary>
    private static string? LanguageColumn(CsvFieldReader csv, string? languageColumn, string? language) =>
        languageColumn ?? (language is null && csv.Has("language") ? "language" : null);

    private static string? RowLanguage(CsvFieldReader csv, string? languageColumn, string? language)
    {
        if (languageColumn is null)
        {
            return language;
        }

        var value = csv.Text(languageColumn).ToLowerInvariant();
        if (value.Length == 0)
        {
            return language;
        }

        return LanguageDetector.Languages.Contains(value) ? value : throw csv.Error(languageColumn, $"expected en, tr or fa, got '{value}'");
    }
}
