using System.Globalization;
using Wfm.Core.Conversations;
using Wfm.Planning.Conversations;

namespace Wfm.Benchmarks;

/// <summary>
/// The abuse classifier's accuracy (docs/accuracy.md): macro-F1 and confusion matrices per language on
/// stratified held-out splits (seed 42) of the labelled sets in ../shared/data/offensive, the shipped
/// model on the evaluation-only sets, and Persian with the lexicon alone and retrained on Pars-OFF.
/// <c>--write-default FILE</c> also trains the model that ships (Davidson, MIT; OffensEval-TR, CC-BY) on every row of those two sets.
/// </summary>
public static class AbuseReport
{
    public static void Run(string[] args)
    {
        _evidence = double.Parse(Option(args, "--evidence") ?? $"{AbuseDetector.DefaultWordEvidence}", CultureInfo.InvariantCulture);
        _errors = int.Parse(Option(args, "--errors") ?? "0", CultureInfo.InvariantCulture);
        var data = Option(args, "--data") ?? throw new ArgumentException("--data DIR: the folder with the labelled sets (../shared/data/offensive)");
        var options = new AbuseTrainingOptions(Bits: int.Parse(Option(args, "--bits") ?? "20", CultureInfo.InvariantCulture), Epochs: int.Parse(Option(args, "--epochs") ?? "6", CultureInfo.InvariantCulture))
        {
            LearningRate = double.Parse(Option(args, "--lr") ?? "0.25", CultureInfo.InvariantCulture),
            L2 = double.Parse(Option(args, "--l2") ?? "1e-5", CultureInfo.InvariantCulture),
            BalancedThreshold = Option(args, "--threshold") == "balanced",
            MinCount = int.Parse(Option(args, "--min-count") ?? "10", CultureInfo.InvariantCulture),
        };
        var davidson = Read(data, "en_davidson_labeled.csv", "tweet", "class", ["0", "1"], ["2"], "en");
        var turkish = Read(data, "tr_offenseval2020_train.csv", "text", "label", null, null, "tr");
        var persian = Read(data, "fa_parsoff_train.csv", "text", "label", null, null, "fa");
        var olid = Read(data, "en_olid_train.csv", "text", "label", null, null, "en");
        var lexiconOnly = new AbuseDetector(AbuseLexicon.Default, null);
        // --only en|tr|fa|olid reports one set (and skips the shipped model), for quick experiments.
        var only = Option(args, "--only");

        foreach (var (key, name, rows) in new[] { ("en", "English, Davidson et al. 2017 (MIT)", davidson), ("tr", "Turkish, OffensEval 2020 (CC-BY)", turkish), ("fa", "Persian, Pars-OFF (evaluation only)", persian), ("olid", "English, OLID (evaluation only)", olid) })
        {
            if (only is not null && only != key)
            {
                continue;
            }

            var (train, test) = AbuseModel.StratifiedSplit(rows, r => r.Abusive, 0.2, 42);
            var model = AbuseModel.Train(train, $"{name}, 80 % split", options: options);
            var fitted = model.Languages.Single();
            Report($"{name}: trained on 80 % ({train.Count}, {fitted.Solver} chosen on the held-out share, threshold {fitted.Threshold:0.00}), tested on 20 % ({test.Count})",
                new AbuseDetector(AbuseLexicon.Default, model, _evidence), test);
            Report($"{name}: lexicon alone on the same 20 %", lexiconOnly, test);
            if (args.Contains("--ceiling"))
            {
                // A bound, not a result: the classifier alone with the threshold picked on the test rows themselves.
                var scored = test.Select(r =>
                {
                    var tokens = TextNormalizer.Tokens(r.Text, r.Language!);
                    return (Score: model.Score(r.Text, r.Language!, tokens, AbuseLexicon.Default.Find(r.Text, tokens, r.Language!))!.Value, r.Abusive);
                }).ToList();
                var best = Enumerable.Range(1, 98).Select(t => t / 100.0)
                    .Select(t => (Threshold: t, F1: AbuseModel.MacroF1(scored.Select(x => (x.Score >= t, x.Abusive)))))
                    .MaxBy(x => x.F1);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  ceiling: the classifier alone at the test rows' best threshold ({best.Threshold:0.00}) reaches macro-F1 {best.F1:0.000}"));
            }
        }

        if (only is not null)
        {
            return;
        }

        var shipped = AbuseModel.Train(davidson.Concat(turkish), "Davidson et al. 2017 (MIT) and OffensEval 2020 Turkish (CC-BY 2.0), every row", options: options);
        var detector = new AbuseDetector(AbuseLexicon.Default, shipped, _evidence);
        Report("Shipped model (Davidson + OffensEval-TR) on all of OLID (evaluation only)", detector, olid);
        Report("Shipped model: Persian has no model, the lexicon decides, all of Pars-OFF", detector, persian);
        if (Option(args, "--write-default") is { } file)
        {
            using var stream = File.Create(file);
            shipped.Save(stream);
            Console.WriteLine($"wrote {file} ({new FileInfo(file).Length / 1024} KiB)");
        }
    }

    /// <summary>With --errors N, the first N missed and N wrongly flagged messages of each report are printed (to improve the lexicon).</summary>
    private static int _errors;

    private static double _evidence = AbuseDetector.DefaultWordEvidence;

    private static void Report(string title, AbuseDetector detector, IReadOnlyList<LabelledText> test)
    {
        int tp = 0, fp = 0, fn = 0, tn = 0;
        var errors = new List<string>();
        foreach (var row in test)
        {
            var predicted = detector.Classify(row.Text, row.Language).Abusive;
            if (predicted != row.Abusive && (predicted ? fp : fn) < _errors)
            {
                errors.Add($"    {(predicted ? "flagged" : "missed")}: {row.Text.ReplaceLineEndings(" ")}");
            }

            _ = (predicted, row.Abusive) switch
            {
                (true, true) => tp++,
                (true, false) => fp++,
                (false, true) => fn++,
                _ => tn++,
            };
        }

        static double F1(int t, int f, int n) => t == 0 ? 0 : 2.0 * t / ((2.0 * t) + f + n);
        var macro = (F1(tp, fp, fn) + F1(tn, fn, fp)) / 2;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{title}\n  macro-F1 {macro:0.000} (abusive F1 {F1(tp, fp, fn):0.000}, not abusive F1 {F1(tn, fn, fp):0.000}); accuracy {(double)(tp + tn) / test.Count:0.000}\n" +
            $"  confusion (rows actual, columns predicted): abusive→abusive {tp}, abusive→not {fn}, not→abusive {fp}, not→not {tn}"));
        errors.ForEach(Console.WriteLine);
    }

    private static List<LabelledText> Read(string folder, string file, string text, string label, string[]? positive, string[]? negative, string language)
    {
        using var reader = new StreamReader(Path.Combine(folder, file));
        return LabelledTextCsv.ReadLabelled(reader, file, text, label, positive, negative, language: language);
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
