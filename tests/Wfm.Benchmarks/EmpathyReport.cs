using System.Globalization;
using Wfm.Core.Conversations;
using Wfm.Empathy;
using Wfm.Planning.Conversations;

namespace Wfm.Benchmarks;

/// <summary>
/// How well agents' empathetic sentences are found (docs/accuracy.md): precision, recall and F1 per language of the
/// phrase rule used before, the shipped model on words and phrases only, and the shipped model with MiniLM sentence
/// vectors — on the held-out fifth of the team's labelled sentences (the shipped model never saw it), or on every row
/// of another labelled file given with <c>--input</c> (text, empathetic, kind, language).
/// </summary>
public static class EmpathyReport
{
    public static void Run(string[] args)
    {
        var i = Array.IndexOf(args, "--input");
        var given = i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        var path = given ?? Path.Combine(AppContext.BaseDirectory, "Training", "empathy-sentences.csv");
        List<LabelledSentence> rows;
        using (var reader = new StreamReader(path))
        {
            rows = EmpathySentences.ReadLabelled(reader, Path.GetFileName(path));
        }

        var scored = given is null ? EmpathyModel.HoldOut(rows).HeldOut : rows;
        Console.WriteLine($"{Path.GetFileName(path)}: {(given is null ? "the held-out fifth" : "every row")}, {scored.Count} sentences ({scored.Count(r => r.Empathetic)} empathetic)");
        Console.WriteLine(EmpathyModel.Default.TrainedOn is { Length: > 0 } on ? $"shipped model trained on {on}" : "shipped model");
        Report("phrase rule (before)", scored, scored.Select(r => ConversationAnalyzer.IsEmpatheticByPhrases(r.Text, r.Language)).ToList(), null);
        var plain = EmpathyModel.Default;
        var plainJudged = plain.JudgeTexts(scored.Select(r => (r.Text, r.Language)).ToList(), CancellationToken.None);
        Report("model, words and phrases", scored, plainJudged.Select(j => j.Empathetic).ToList(), plainJudged.Select(j => j.Kind).ToList());
        var full = EmpathyModels.Shipped;
        var judged = full.JudgeTexts(scored.Select(r => (r.Text, r.Language)).ToList(), CancellationToken.None);
        Report($"model with {full.Embedding} (shipped)", scored, judged.Select(j => j.Empathetic).ToList(), judged.Select(j => j.Kind).ToList());
        if (args.Contains("--errors"))
        {
            foreach (var (row, j) in scored.Zip(judged).Where(p => p.First.Empathetic != p.Second.Empathetic))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {(row.Empathetic ? "missed" : "false alarm")} {row.Language} {j.Score:0.00} {row.Kind ?? "-"}: {row.Text}"));
            }
        }
    }

    private static void Report(string what, List<LabelledSentence> rows, List<bool> predicted, List<string?>? kinds)
    {
        Console.WriteLine(what);
        foreach (var group in rows.Select((r, i) => (Row: r, Index: i)).GroupBy(x => x.Row.Language).OrderBy(g => g.Key, StringComparer.Ordinal).Append(rows.Select((r, i) => (Row: r, Index: i)).GroupBy(_ => "all").Single()))
        {
            var s = EmpathyModel.Score(group.Select(x => (predicted[x.Index], x.Row.Empathetic)));
            var both = group.Where(x => predicted[x.Index] && x.Row.Empathetic).ToList();
            var kind = kinds is null || both.Count == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $", same kind {(double)both.Count(x => kinds[x.Index] == x.Row.Kind) / both.Count:P0}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {group.Key}: {group.Count()} sentences, precision {s.Precision:0.000}, recall {s.Recall:0.000}, F1 {s.F1:0.000} (found {s.TruePositives}, missed {s.FalseNegatives}, false alarms {s.FalsePositives}, left {s.TrueNegatives}){kind}"));
        }
    }
}
