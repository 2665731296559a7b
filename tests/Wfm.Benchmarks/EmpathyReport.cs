using System.Globalization;
using Wfm.Core.Conversations;
using Wfm.Planning.Conversations;

namespace Wfm.Benchmarks;

/// <summary>
/// How well the phrase list finds empathetic agent sentences (docs/accuracy.md): precision, recall and F1
/// per language on labelled sentences the team wrote (tests/Wfm.Benchmarks/Data/empathy-sentences.csv).
/// </summary>
public static class EmpathyReport
{
    public static void Run(string[] args)
    {
        var i = Array.IndexOf(args, "--input");
        var path = i >= 0 && i + 1 < args.Length ? args[i + 1] : Path.Combine(AppContext.BaseDirectory, "Data", "empathy-sentences.csv");
        using var reader = new StreamReader(path);
        var rows = LabelledTextCsv.ReadLabelled(reader, Path.GetFileName(path), "text", "empathetic", languageColumn: "language");
        foreach (var group in rows.GroupBy(r => r.Language!).Append(rows.GroupBy(_ => "all").Single()))
        {
            int tp = 0, fp = 0, fn = 0, tn = 0;
            foreach (var row in group)
            {
                var predicted = ConversationAnalyzer.IsEmpathetic(row.Text, row.Language);
                _ = (predicted, row.Abusive) switch
                {
                    (true, true) => tp++,
                    (true, false) => fp++,
                    (false, true) => fn++,
                    _ => tn++,
                };
            }

            var precision = tp + fp == 0 ? 0 : (double)tp / (tp + fp);
            var recall = tp + fn == 0 ? 0 : (double)tp / (tp + fn);
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{group.Key}: {group.Count()} sentences, precision {precision:0.000}, recall {recall:0.000}, F1 {f1:0.000} (empathetic found {tp}, missed {fn}; plain flagged {fp}, left {tn})"));
        }
    }
}
