using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Wfm.Core.Conversations;
using Wfm.Core.Staffing;
using Wfm.Planning.Conversations;
using Wfm.Planning.Csv;

namespace Wfm.Cli.Commands;

/// <summary>
/// <c>wfm abuse classify</c> labels every message of a CSV (abusive or not, category, severity, score,
/// evidence); <c>wfm abuse train</c> retrains the classifier on a labelled CSV of the center's own.
/// </summary>
internal static class AbuseCommand
{
    public static Command Create()
    {
        var command = new Command("abuse", "Find abusive customer messages (English, Turkish, Persian), or retrain the classifier.");
        command.Subcommands.Add(Classify());
        command.Subcommands.Add(Train());
        return command;
    }

    private static Command Classify()
    {
        var input = new Option<FileInfo>("--input") { Description = "CSV with one message per row", Required = true };
        var textColumn = new Option<string>("--text-column") { Description = "The column holding the message", DefaultValueFactory = _ => "text" };
        var languageColumn = new Option<string?>("--language-column") { Description = "A column with en, tr or fa per row (else --language, else detected)" };
        var language = new Option<string?>("--language") { Description = "en, tr or fa for every row (else detected per row)" };
        var model = new Option<FileInfo?>("--model") { Description = "A model made by `wfm abuse train` (default: the one that ships)" };
        var output = new Option<FileInfo>("--out") { Description = "Write the input's columns (its own language column kept) plus label, category, severity, score, detected_language, evidence", Required = true };
        var command = new Command("classify", "Label every message: abusive or not, category, severity, score and the evidence spans.")
        {
            input, textColumn, languageColumn, language, model, output,
        };
        command.SetAction(r => CliErrors.Run(() =>
        {
            var detector = new AbuseDetector(AbuseLexicon.Default, LoadModel(r.GetValue(model)));
            var file = r.GetValue(input)!;
            var forced = Language(r.GetValue(language));
            using var reader = OpenText(file);
            var (columns, read) = LabelledTextCsv.ReadRows(reader, file.Name, r.GetValue(textColumn)!, r.GetValue(languageColumn), forced);
            // A message too short to tell (mentions, links, emoticons) is read in the file's language, not guessed.
            var detected = read.Select(x => x.Language ?? LanguageDetector.TryDetect(x.Text)).ToArray();
            var fileLanguage = detected.Where(l => l is not null).GroupBy(l => l!).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault() ?? "en";
            var rows = read.Select((x, i) => x with { Language = detected[i] ?? fileLanguage }).ToList();
            var abusive = 0;
            var byCategory = new Dictionary<AbuseCategory, int>();
            var byLanguage = new Dictionary<string, (int Rows, int Abusive)>(StringComparer.Ordinal);
            using (var writer = new StreamWriter(r.GetValue(output)!.FullName))
            using (var csv = new CsvTable(writer, [.. columns, "label", "category", "severity", "score", "detected_language", "evidence"]))
            {
                CliConsole.Measured($"classifying {rows.Count} messages", (done, _) =>
                {
                    for (var i = 0; i < rows.Count; i++)
                    {
                        Classify(rows[i]);
                        if (i % 256 == 255)
                        {
                            done.Report((i + 1.0) / rows.Count);
                        }
                    }

                    return rows.Count;
                });

                void Classify(LabelledTextCsv.MessageRow row)
                {
                    var verdict = detector.Classify(row.Text, row.Language);
                    var (count, flagged) = byLanguage.GetValueOrDefault(verdict.Language);
                    byLanguage[verdict.Language] = (count + 1, flagged + (verdict.Abusive ? 1 : 0));
                    if (verdict.Abusive)
                    {
                        abusive++;
                        byCategory[verdict.Category] = byCategory.GetValueOrDefault(verdict.Category) + 1;
                    }

                    var evidence = verdict.Abusive ? string.Join(" | ", verdict.Evidence.Select(e => $"{e.Text} ({e.Category.ToString().ToLowerInvariant()}, {e.Source}, at {e.Start})")) : string.Empty;
                    csv.Row([.. row.Fields, verdict.Abusive ? "abusive" : "not", verdict.Category.ToString().ToLowerInvariant(), verdict.Severity.ToString().ToLowerInvariant(),
                        verdict.Score.ToString("0.####", CultureInfo.InvariantCulture), verdict.Language, evidence]);
                }
            }

            var console = Error();
            var table = new Table().AddColumns("language", "messages", "abusive", "share");
            foreach (var (lang, (count, flagged)) in byLanguage.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                table.AddRow(lang, $"{count}", $"{flagged}", $"{(double)flagged / count:P1}");
            }

            console.WriteTable(table);
            console.MarkupLine(Markup.Escape($"{rows.Count} messages, {abusive} abusive" + (byCategory.Count == 0 ? string.Empty
                : $": {string.Join(", ", byCategory.OrderByDescending(p => p.Value).Select(p => $"{p.Key.ToString().ToLowerInvariant()} {p.Value}"))}")));
            return 0;
        }));
        return command;
    }

    private static Command Train()
    {
        var input = new Option<FileInfo>("--input") { Description = "Labelled CSV: a message and its label per row", Required = true };
        var textColumn = new Option<string>("--text-column") { Description = "The column holding the message", DefaultValueFactory = _ => "text" };
        var labelColumn = new Option<string>("--label-column") { Description = "The column holding the label", DefaultValueFactory = _ => "label" };
        var positive = new Option<string[]?>("--positive") { Description = "Label values meaning abusive (default OFF, 1, true, abusive, …)", AllowMultipleArgumentsPerToken = true };
        var negative = new Option<string[]?>("--negative") { Description = "Label values meaning not abusive (default NOT, 0, false, …; with --positive alone, every other value)", AllowMultipleArgumentsPerToken = true };
        var languageColumn = new Option<string?>("--language-column") { Description = "A column with en, tr or fa per row (default: a column named language when there is one)" };
        var language = new Option<string[]?>("--language") { Description = "The language(s) to train: one means every row is in it; several keep the rows detected in them. Without it a file is trained only when one language holds 90 % of it", AllowMultipleArgumentsPerToken = true };
        var onlyTrained = new Option<bool>("--only-trained") { Description = "Leave out the shipped model's other languages (by default a Persian-only file keeps English and Turkish)" };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the data (logistic regression)", DefaultValueFactory = _ => 6 };
        var solver = new Option<string>("--solver") { Description = "auto (try both, keep the better on held-out rows), logistic or svm", DefaultValueFactory = _ => "auto" };
        solver.AcceptOnlyFromAmong("auto", "logistic", "svm");
        var output = new Option<FileInfo>("--out") { Description = "Where to write the model (a zip)", Required = true };
        var command = new Command("train", "Train the abuse classifier on labelled messages; use the result with `wfm abuse classify --model`.")
        {
            input, textColumn, labelColumn, positive, negative, languageColumn, language, onlyTrained, epochs, solver, output,
        };
        command.SetAction(r => CliErrors.Run(() =>
        {
            var file = r.GetValue(input)!;
            var named = (r.GetValue(language) ?? []).Select(l => Language(l)!).Distinct(StringComparer.Ordinal).ToArray();
            List<LabelledText> read;
            using (var reader = OpenText(file))
            {
                read = LabelledTextCsv.ReadLabelled(
                    reader, file.Name, r.GetValue(textColumn)!, r.GetValue(labelColumn)!, Values(r.GetValue(positive)), Values(r.GetValue(negative)),
                    r.GetValue(languageColumn), named.Length == 1 ? named[0] : null);
            }

            // Only the languages meant: a stray row detected as another language must not train (and replace) a model of its own.
            var chosen = AbuseTrainingSet.Choose(read, named, file.Name);
            var rows = chosen.Rows;
            var console = Error();
            console.MarkupLine(Markup.Escape($"training {string.Join(", ", rows.GroupBy(x => x.Language!).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} ({g.Count()} rows)"))} — {chosen.How}"
                + (chosen.Dropped.Count == 0 ? string.Empty : $"; left out: {string.Join(", ", chosen.Dropped.Select(p => $"{p.Value} rows detected as {p.Key}"))}")
                + (chosen.Undetected == 0 ? string.Empty : $"; {chosen.Undetected} rows too short to tell taken as the file's language")));
            AbuseModel model;
            try
            {
                model = CliConsole.Measured($"training on {rows.Count} rows", (done, steps) => AbuseModel.Train(rows, $"{file.Name} ({rows.Count} rows, {DateTime.UtcNow:yyyy-MM-dd})",
                    options: new AbuseTrainingOptions(Epochs: Math.Clamp(r.GetValue(epochs), 1, 100))
                    {
                        Solver = r.GetValue(solver) switch { "logistic" => AbuseSolver.LogisticRegression, "svm" => AbuseSolver.Svm, _ => AbuseSolver.Auto },
                    },
                    progress: steps, done: done));
            }
            catch (ArgumentException ex)
            {
                throw new InputFileException(file.Name, 1, r.GetValue(labelColumn), ex.Message);
            }

            // What was trained, before anything is written: rows used and held-out F1 per language.
            var table = new Table().AddColumns("language", "rows", "abusive", "threshold", "lexicon decides from", "held-out macro-F1");
            foreach (var l in model.Languages)
            {
                table.AddRow(l.Language, $"{l.Rows}", $"{l.Abusive}", $"{l.Threshold:0.00}", l.LexiconFloor == AbuseSeverity.None ? "never" : l.LexiconFloor.ToString().ToLowerInvariant(), $"{l.ValidationMacroF1:0.000}");
            }

            console.WriteTable(table);
            if (AbuseModel.Default is { } shipped)
            {
                // A shipped language model is replaced only by one trained on enough of both classes.
                var tooSmall = model.Languages.Where(l => shipped.For(l.Language) is not null && (l.Abusive < MinRowsToReplace || l.Rows - l.Abusive < MinRowsToReplace)).ToArray();
                foreach (var l in tooSmall)
                {
                    console.MarkupLine(Markup.Escape($"{l.Language}: kept the shipped model — {l.Rows} rows ({l.Abusive} abusive) are too few to replace it (at least {MinRowsToReplace} abusive and {MinRowsToReplace} not)"));
                }

                model = model.Without(tooSmall.Select(l => l.Language));
                if (!r.GetValue(onlyTrained))
                {
                    model = model.With(shipped);
                }
            }

            if (model.Languages.Count == 0)
            {
                throw new InputFileException(file.Name, 1, null, $"nothing to write: every language trained had too few rows (at least {MinRowsToReplace} abusive and {MinRowsToReplace} not) and --only-trained leaves out the shipped ones");
            }

            using (var stream = File.Create(r.GetValue(output)!.FullName))
            {
                model.Save(stream);
            }

            console.MarkupLine(Markup.Escape($"wrote {r.GetValue(output)!.Name} ({string.Join(", ", model.Languages.Select(l => l.Language))})"));
            return 0;
        }));
        return command;
    }

    /// <summary>Rows of each class a language model needs to replace the shipped one.</summary>
    internal const int MinRowsToReplace = 200;

    private static AbuseModel? LoadModel(FileInfo? file)
    {
        if (file is null)
        {
            return AbuseModel.Default;
        }

        using var stream = file.OpenRead();
        return AbuseModel.Load(stream, file.Name);
    }

    private static StreamReader OpenText(FileInfo file) =>
        file.Exists ? new StreamReader(file.FullName) : throw new FileNotFoundException($"{file.Name}: no such file ({file.FullName})");

    private static string? Language(string? value) =>
        value is null || LanguageDetector.Languages.Contains(value) ? value : throw new StaffingInputException("--language", $"expected en, tr or fa, got '{value}'");

    private static string[]? Values(string[]? values) =>
        values?.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray() is { Length: > 0 } list ? list : null;

    private static IAnsiConsole Error() => CliConsole.Error();
}
