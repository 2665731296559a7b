using Wfm.Core.Conversations;
using Wfm.Planning.Csv;

namespace Wfm.Planning.Conversations;

/// <summary>How the empathy model did on one language's labelled sentences.</summary>
/// <param name="KindAgreement">Among sentences both the labeller and the model call empathetic, the share where they name the same kind.</param>
public sealed record EmpathyEvaluation(string Language, int Sentences, int Empathetic, double Precision, double Recall, double F1, int TruePositives, int FalsePositives, int FalseNegatives, int TrueNegatives, double? KindAgreement);

/// <summary>What training did per language: rows used, the threshold chosen on them, and the held-out figures when a fifth was kept apart.</summary>
public sealed record EmpathyTrainingReport(EmpathyLanguageInfo Head, int HeldOutRows, EmpathyEvaluation? HeldOut);

/// <summary>
/// The empathy use cases the CLI, the benchmarks and the tests share: read labelled sentences (CSV: text, empathetic,
/// kind, language), train a model with or without the team's held-out fifth, and score a model against labels.
/// </summary>
public static class EmpathySentences
{
    /// <summary>Labelled sentences; a missing text, an unknown label, kind or language is refused naming the line and column.</summary>
    /// <param name="kindRequired">Whether an empathetic sentence must name its kind (training needs it; scoring against labels does not).</param>
    public static List<LabelledSentence> ReadLabelled(
        TextReader reader, string fileName, string textColumn = "text", string labelColumn = "empathetic", string kindColumn = "kind", string? languageColumn = null, string? language = null, bool kindRequired = true)
    {
        using var csv = new CsvFieldReader(reader, fileName);
        csv.Require(textColumn, labelColumn);
        languageColumn ??= language is null && csv.Has("language") ? "language" : null;
        if (languageColumn is not null)
        {
            csv.Require(languageColumn);
        }

        var hasKind = csv.Has(kindColumn);
        var rows = new List<LabelledSentence>();
        while (csv.Read())
        {
            var text = csv.Text(textColumn);
            if (text.Length == 0)
            {
                throw csv.Error(textColumn, "the sentence is empty");
            }

            var empathetic = Label(csv.Text(labelColumn)) ?? throw csv.Error(labelColumn, LabelExpected(csv.Text(labelColumn)));
            var kind = hasKind ? csv.Text(kindColumn).ToLowerInvariant() : string.Empty;
            if (empathetic && !EmpathyKinds.All.Contains(kind) && (kindRequired || kind.Length > 0))
            {
                throw csv.Error(hasKind ? kindColumn : labelColumn, $"an empathetic sentence needs its kind in a '{kindColumn}' column: one of {string.Join(", ", EmpathyKinds.All)}{(kind.Length == 0 ? string.Empty : $", got '{kind}'")}");
            }

            if (!empathetic && kind.Length > 0 && kind != EmpathyKinds.None)
            {
                throw csv.Error(kindColumn, $"a sentence labelled not empathetic has no kind (empty or none), got '{kind}'");
            }

            string lang;
            if (languageColumn is not null && csv.Text(languageColumn) is { Length: > 0 } given)
            {
                lang = given.ToLowerInvariant();
                if (!LanguageDetector.Languages.Contains(lang))
                {
                    throw csv.Error(languageColumn, $"expected en, tr or fa, got '{given}'");
                }
            }
            else
            {
                lang = language ?? LanguageDetector.Detect(text);
            }

            rows.Add(new LabelledSentence(text, lang, empathetic, empathetic && kind.Length > 0 ? kind : null));
        }

        return rows.Count == 0 ? throw new InputFileException(fileName, 2, null, "no rows: expected a labelled sentence per row") : rows;
    }

    /// <summary>A person's label: 1/0, yes/no, true/false (or empathetic/not); null when it is none of them.</summary>
    public static bool? Label(string value) => value.Trim().ToLowerInvariant() switch
    {
        "1" or "true" or "yes" or "y" or "empathetic" => true,
        "0" or "false" or "no" or "n" or "not" => false,
        _ => null,
    };

    /// <summary>What a label column must hold, for an error naming the value found.</summary>
    public static string LabelExpected(string value) => $"expected 1/0, yes/no or true/false, got '{value}'";

    /// <summary>
    /// Trains a model. With <paramref name="holdOut"/>, one fifth per language (the team's fixed seed) is kept apart and
    /// scored after training; without it every row trains.
    /// </summary>
    public static (EmpathyModel Model, IReadOnlyList<EmpathyTrainingReport> Report) Train(
        IReadOnlyList<LabelledSentence> rows, ISentenceEmbedder? embedder, bool holdOut, string trainedOn, EmpathyTrainingOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (train, held) = holdOut ? EmpathyModel.HoldOut(rows) : (rows.ToList(), []);
        var model = EmpathyModel.Train(train, embedder, options ?? new EmpathyTrainingOptions(), trainedOn, cancellationToken);
        var evaluations = held.Count == 0 ? [] : Evaluate(model, held, cancellationToken).ToDictionary(e => e.Language, StringComparer.Ordinal);
        return (model, model.Languages.Select(h => new EmpathyTrainingReport(h, held.Count(r => r.Language == h.Language), evaluations.GetValueOrDefault(h.Language))).ToList());
    }

    /// <summary>Empathetic and other sentences a language needs, each, to replace the shipped head (the shipped ones learned from 55–75 of each).</summary>
    public const int MinPerClassToReplace = 40;

    /// <summary>
    /// What a center's training may change: a language trained on fewer than <see cref="MinPerClassToReplace"/> empathetic
    /// or other sentences keeps the shipped head, and (unless <paramref name="onlyTrained"/>) languages not trained keep theirs.
    /// </summary>
    public static (EmpathyModel Model, IReadOnlyList<EmpathyLanguageInfo> Kept) KeepShipped(EmpathyModel trained, EmpathyModel shipped, bool onlyTrained = false)
    {
        var kept = trained.Languages.Where(l => shipped.Languages.Any(s => s.Language == l.Language)
            && (l.Empathetic < MinPerClassToReplace || l.Rows - l.Empathetic < MinPerClassToReplace)).ToList();
        var model = trained.Without(kept.Select(l => l.Language));
        var fromShipped = onlyTrained ? shipped.Without(shipped.Languages.Select(l => l.Language).Except(kept.Select(k => k.Language))) : shipped;
        return (model.With(fromShipped), kept);
    }

    /// <summary>Precision, recall and F1 of the empathetic class per language, and over all.</summary>
    public static IReadOnlyList<EmpathyEvaluation> Evaluate(EmpathyModel model, IReadOnlyList<LabelledSentence> rows, CancellationToken cancellationToken = default) =>
        Evaluate(rows, model.JudgeTexts(rows.Select(r => (r.Text, r.Language)).ToList(), cancellationToken));

    /// <summary>The same, for judgements already made (row by row).</summary>
    public static IReadOnlyList<EmpathyEvaluation> Evaluate(IReadOnlyList<LabelledSentence> rows, IReadOnlyList<EmpathyJudgement> judged)
    {
        var pairs = rows.Select((r, i) => (Row: r, Judged: judged[i])).ToList();
        var groups = pairs.GroupBy(p => p.Row.Language).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.ToList())).ToList();
        if (groups.Count > 1)
        {
            groups.Add(("all", pairs));
        }

        return groups.Select(g =>
        {
            var s = EmpathyModel.Score(g.Item2.Select(p => (p.Judged.Empathetic, p.Row.Empathetic)));
            var both = g.Item2.Where(p => p.Judged.Empathetic && p.Row is { Empathetic: true, Kind: not null }).ToList();
            return new EmpathyEvaluation(g.Item1, g.Item2.Count, g.Item2.Count(p => p.Row.Empathetic), s.Precision, s.Recall, s.F1, s.TruePositives, s.FalsePositives, s.FalseNegatives, s.TrueNegatives,
                both.Count == 0 ? null : (double)both.Count(p => p.Judged.Kind == p.Row.Kind) / both.Count);
        }).ToList();
    }
}
