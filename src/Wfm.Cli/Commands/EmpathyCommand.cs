using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Wfm.Core.Conversations;
using Wfm.Core.Staffing;
using Wfm.Empathy;
using Wfm.Planning.Conversations;
using Wfm.Planning.Csv;

namespace Wfm.Cli.Commands;

/// <summary>
/// <c>wfm empathy score</c> judges agents' sentences (empathy_score, empathetic, empathy_kind) and, given labels, says
/// how well; <c>wfm empathy train</c> trains the model on a center's own labelled sentences.
/// </summary>
internal static class EmpathyCommand
{
    public static Command Create()
    {
        var command = new Command("empathy", "Judge whether agents' sentences express empathy (English, Turkish, Persian), or train the model on your own labels.");
        command.Subcommands.Add(Score());
        command.Subcommands.Add(Train());
        return command;
    }

    private static Command Score()
    {
        var input = new Option<FileInfo>("--input") { Description = "CSV with one agent sentence (or message: judged by its most empathetic sentence) per row", Required = true };
        var textColumn = new Option<string>("--text-column") { Description = "The column holding the sentence", DefaultValueFactory = _ => "text" };
        var languageColumn = new Option<string?>("--language-column") { Description = "A column with en, tr or fa per row (default: a column named language when there is one)" };
        var language = new Option<string?>("--language") { Description = "en, tr or fa for every row (else the language column, else detected per row)" };
        var labelColumn = new Option<string?>("--label-column") { Description = "A column with people's labels (1/0, yes/no): also print precision, recall and F1" };
        var model = new Option<FileInfo?>("--model") { Description = "A model made by `wfm empathy train` (default: the one that ships)" };
        var output = new Option<FileInfo>("--out") { Description = "Write the input's columns plus detected_language, empathy_score, empathetic, empathy_kind, evidence", Required = true };
        var command = new Command("score", "Judge every sentence: empathy_score (0–1), empathetic (at the language's threshold), empathy_kind.")
        {
            input, textColumn, languageColumn, language, labelColumn, model, output,
        };
        command.SetAction(r => CliErrors.Run(() =>
        {
            var file = r.GetValue(input)!;
            var forced = Language(r.GetValue(language));
            var empathy = LoadModel(r.GetValue(model));
            IReadOnlyList<string> columns;
            List<LabelledTextCsv.MessageRow> rows;
            using (var reader = OpenText(file))
            {
                (columns, rows) = LabelledTextCsv.ReadRows(reader, file.Name, r.GetValue(textColumn)!, r.GetValue(languageColumn), forced);
            }

            var detected = rows.Select(x => x.Language ?? LanguageDetector.TryDetect(x.Text)).ToArray();
            var fileLanguage = detected.Where(l => l is not null).GroupBy(l => l!).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault() ?? "en";
            var sentences = rows.Select((x, i) => (x.Text, detected[i] ?? fileLanguage)).ToList();
            var judged = CliConsole.Measured($"judging {rows.Count} sentences", (_, _) => empathy.JudgeTexts(sentences, CancellationToken.None));
            using (var writer = new StreamWriter(r.GetValue(output)!.FullName))
            using (var csv = new CsvTable(writer, [.. columns, "detected_language", "empathy_score", "empathetic", "empathy_kind", "evidence"]))
            {
                for (var i = 0; i < rows.Count; i++)
                {
                    var j = judged[i];
                    csv.Row([.. rows[i].Fields, sentences[i].Item2, j.Score.ToString("0.####", CultureInfo.InvariantCulture), j.Empathetic ? "true" : "false", j.Kind ?? string.Empty,
                        string.Join(" | ", j.Evidence.Select(e => $"{e.Tag}: {e.Text}"))]);
                }
            }

            var console = CliConsole.Error();
            var table = new Table().AddColumns("language", "sentences", "empathetic", "share", "threshold", "reads");
            foreach (var group in sentences.Select((s, i) => (s.Item2, judged[i])).GroupBy(x => x.Item1).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var head = empathy.Languages.FirstOrDefault(l => l.Language == group.Key);
                var flagged = group.Count(x => x.Item2.Empathetic);
                table.AddRow(group.Key, $"{group.Count()}", $"{flagged}", $"{(double)flagged / group.Count():P1}", head is null ? "–" : $"{head.Threshold:0.00}",
                    head?.Embedding is { } e ? $"words, phrases, {e}" : "words, phrases");
            }

            console.WriteTable(table);
            if (r.GetValue(labelColumn) is { } labels)
            {
                // The labels are in the rows already read, and the sentences judged: nothing is read or judged twice.
                var at = columns.ToList().IndexOf(labels);
                if (at < 0)
                {
                    throw new InputFileException(file.Name, 1, labels, $"no such column (the file has {string.Join(", ", columns)})");
                }

                var kindAt = columns.ToList().IndexOf("kind");
                string? Kind(LabelledTextCsv.MessageRow row) =>
                    kindAt >= 0 && row.Fields[kindAt].Trim().ToLowerInvariant() is { Length: > 0 } kind && kind != EmpathyKinds.None ? kind : null;
                var labelled = rows.Select((row, i) => new LabelledSentence(row.Text, sentences[i].Item2,
                    EmpathySentences.Label(row.Fields[at]) ?? throw new InputFileException(file.Name, row.Line, labels, EmpathySentences.LabelExpected(row.Fields[at])),
                    Kind(row))).ToList();
                var evaluation = new Table().AddColumns("language", "sentences", "labelled empathetic", "precision", "recall", "F1", "same kind");
                foreach (var e in EmpathySentences.Evaluate(labelled, judged))
                {
                    evaluation.AddRow(e.Language, $"{e.Sentences}", $"{e.Empathetic}", $"{e.Precision:0.000}", $"{e.Recall:0.000}", $"{e.F1:0.000}", e.KindAgreement is { } a ? $"{a:P0}" : "–");
                }

                console.WriteTable(evaluation);
            }

            console.MarkupLine(Markup.Escape($"{rows.Count} sentences, {judged.Count(j => j.Empathetic)} empathetic; wrote {r.GetValue(output)!.Name}"));
            return 0;
        }));
        return command;
    }

    private static Command Train()
    {
        var input = new Option<FileInfo>("--input") { Description = "Labelled CSV: text, empathetic (1/0), kind (when empathetic), language", Required = true };
        var textColumn = new Option<string>("--text-column") { Description = "The column holding the sentence", DefaultValueFactory = _ => "text" };
        var labelColumn = new Option<string>("--label-column") { Description = "The column holding the label (1/0, yes/no, true/false)", DefaultValueFactory = _ => "empathetic" };
        var kindColumn = new Option<string>("--kind-column") { Description = "The column naming the kind of an empathetic sentence", DefaultValueFactory = _ => "kind" };
        var languageColumn = new Option<string?>("--language-column") { Description = "A column with en, tr or fa per row (default: a column named language when there is one)" };
        var language = new Option<string?>("--language") { Description = "en, tr or fa for every row (else the language column, else detected per row)" };
        var holdOut = new Option<bool>("--hold-out") { Description = "Keep one fifth per language apart (fixed seed), train on the rest and print the held-out precision, recall and F1" };
        var noEmbedding = new Option<bool>("--no-embedding") { Description = "Train English on words and phrases only, without the MiniLM sentence vectors" };
        var onlyTrained = new Option<bool>("--only-trained") { Description = "Leave out the shipped heads of languages the file does not train" };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the model (JSON)", Required = true };
        var command = new Command("train", "Train the empathy model on labelled sentences; use it with `wfm empathy score --model`.")
        {
            input, textColumn, labelColumn, kindColumn, languageColumn, language, holdOut, noEmbedding, onlyTrained, output,
        };
        command.SetAction(r => CliErrors.Run(() =>
        {
            var file = r.GetValue(input)!;
            List<LabelledSentence> rows;
            using (var reader = OpenText(file))
            {
                rows = EmpathySentences.ReadLabelled(reader, file.Name, r.GetValue(textColumn)!, r.GetValue(labelColumn)!, r.GetValue(kindColumn)!, r.GetValue(languageColumn), Language(r.GetValue(language)));
            }

            (EmpathyModel Model, IReadOnlyList<EmpathyTrainingReport> Report) trained;
            try
            {
                trained = CliConsole.Measured($"training on {rows.Count} sentences", (_, _) =>
                    EmpathySentences.Train(rows, r.GetValue(noEmbedding) ? null : MiniLmEmbedder.Shared, r.GetValue(holdOut), $"{file.Name} ({rows.Count} rows, {DateTime.UtcNow:yyyy-MM-dd})"));
            }
            catch (ArgumentException ex)
            {
                throw new InputFileException(file.Name, 1, r.GetValue(labelColumn), ex.Message);
            }

            // What was trained, before anything is written.
            var console = CliConsole.Error();
            var table = new Table().AddColumns("language", "reads", "rows", "empathetic", "threshold", "cross-validated F1", "held out", "held-out P", "held-out R", "held-out F1");
            foreach (var (head, held, evaluation) in trained.Report)
            {
                table.AddRow(head.Language, head.Embedding is { } e ? $"words, phrases, {e}" : "words, phrases", $"{head.Rows}", $"{head.Empathetic}", $"{head.Threshold:0.00}", $"{head.CrossValidatedF1:0.000}",
                    $"{held}", evaluation is null ? "–" : $"{evaluation.Precision:0.000}", evaluation is null ? "–" : $"{evaluation.Recall:0.000}", evaluation is null ? "–" : $"{evaluation.F1:0.000}");
            }

            console.WriteTable(table);

            // A shipped language head is replaced only by one trained on enough of both classes; the others stay.
            var (model, kept) = EmpathySentences.KeepShipped(trained.Model, EmpathyModel.Default, r.GetValue(onlyTrained));
            foreach (var l in kept)
            {
                console.MarkupLine(Markup.Escape($"{l.Language}: kept the shipped head — {l.Rows} sentences ({l.Empathetic} empathetic) are too few to replace it (at least {EmpathySentences.MinPerClassToReplace} empathetic and {EmpathySentences.MinPerClassToReplace} other)"));
            }

            if (model.Languages.Count == 0)
            {
                throw new InputFileException(file.Name, 1, null, "nothing to write: every language trained had too few sentences and --only-trained leaves out the shipped ones");
            }

            using (var stream = File.Create(r.GetValue(output)!.FullName))
            {
                model.Save(stream);
            }

            console.MarkupLine(Markup.Escape($"wrote {r.GetValue(output)!.Name} ({string.Join(", ", model.Languages.Select(h => $"{h.Language}: {(trained.Model.Languages.Contains(h) ? "trained" : "shipped")}"))})"));
            return 0;
        }));
        return command;
    }

    private static EmpathyModel LoadModel(FileInfo? file) =>
        file is null ? EmpathyModels.Shipped
        : file.Exists ? EmpathyModels.Load(file.FullName)
        : throw new FileNotFoundException($"{file.Name}: no such file ({file.FullName})");

    private static StreamReader OpenText(FileInfo file) =>
        file.Exists ? new StreamReader(file.FullName) : throw new FileNotFoundException($"{file.Name}: no such file ({file.FullName})");

    private static string? Language(string? value) =>
        value is null || LanguageDetector.Languages.Contains(value) ? value : throw new StaffingInputException("--language", $"expected en, tr or fa, got '{value}'");
}
