using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Wfm.Core.Conversations;
using Wfm.Empathy;
using Wfm.Planning.Conversations;
using Wfm.Planning.Csv;

namespace Wfm.Cli.Commands;

/// <summary>
/// <c>wfm conversations analyze</c>: a trainer scores an exported month at once — per message the habits,
/// negative language and wow candidates found, per conversation the empathy review.
/// </summary>
internal static class ConversationsCommand
{
    public static Command Create()
    {
        var command = new Command("conversations", "Read conversations for coaching: empathy review, negative language, wow moments.");
        var input = new Option<FileInfo>("--input") { Description = "CSV: conversation_id, sender (agent/customer), text [, language, agent, timestamp, customer_name]", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "One row per input row, same order: the input's columns plus detected_language, empathy (habit phrases), negative_language, wow, and for agents' messages the empathy model's empathy_score, empathetic and empathy_kind of the message's best sentence and every empathetic sentence", Required = true };
        var summary = new Option<FileInfo?>("--summary") { Description = "Per-conversation review: rubric_score (share of the rubric items found), each item, agent and empathetic sentence counts (default: next to --out, ending in -conversations.csv)" };
        var analyze = new Command("analyze", "Score every message and conversation of a file.") { input, output, summary };
        analyze.SetAction(r => CliErrors.Run(() =>
        {
            var file = r.GetValue(input)!;
            if (!file.Exists)
            {
                throw new FileNotFoundException($"{file.Name}: no such file ({file.FullName})");
            }

            List<ConversationRow> rows;
            IReadOnlyList<string> columns;
            using (var reader = new StreamReader(file.FullName))
            {
                (columns, rows) = ConversationCsv.Read(reader, file.Name);
            }

            var conversations = rows.GroupBy(x => x.Message.ConversationId).ToList();
            var analyses = CliConsole.Measured($"analyzing {conversations.Count} conversations", (done, _) =>
            {
                var result = new Dictionary<string, ConversationAnalysis>(StringComparer.Ordinal);
                foreach (var g in conversations)
                {
                    result[g.Key] = ConversationAnalyzer.Analyze(g.Select(x => x.Message).ToList(), g.Select(x => x.CustomerName).FirstOrDefault(n => n is not null), EmpathyModels.Shipped);
                    done.Report((double)result.Count / conversations.Count);
                }

                return result;
            });
            var position = conversations.SelectMany(g => g.Select((row, i) => (row, i))).ToDictionary(p => p.row, p => p.i);

            var outFile = r.GetValue(output)!;
            using (var writer = new StreamWriter(outFile.FullName))
            using (var csv = new CsvTable(writer, [.. columns, "detected_language", "empathy", "negative_language", "wow", "empathy_score", "empathetic", "empathy_kind", "empathetic_sentences"]))
            {
                foreach (var row in rows)
                {
                    var analysis = analyses[row.Message.ConversationId];
                    var phrases = ConversationAnalyzer.Find(row.Message.Text, row.Message.Language ?? analysis.Language, position[row]);
                    string Join(IEnumerable<PhraseEvidence> list) => string.Join(" | ", list.Select(p => $"{p.Tag}: {p.Text}"));
                    var wow = analysis.WowCandidates.Where(w => w.Evidence.MessageIndex == position[row]).Select(w => $"{w.Kind}: {w.Evidence.Text}");
                    // The message's most empathetic sentence speaks for it; every empathetic sentence is listed with its kind.
                    var sentences = analysis.Sentences.Where(x => x.MessageIndex == position[row]).ToList();
                    var best = sentences.OrderByDescending(x => x.Score).FirstOrDefault();
                    csv.Row([.. row.Fields, row.Message.Language ?? analysis.Language,
                        row.Message.Sender == Sender.Agent ? Join(phrases.Where(p => p.Tag is "greeting" or "acknowledge" or "apology" or "positive" or "reassurance" or "callback")) : Join(phrases.Where(p => p.Tag == "feeling")),
                        row.Message.Sender == Sender.Agent ? Join(phrases.Where(p => ConversationAnalyzer.NegativeTags.Contains(p.Tag))) : string.Empty,
                        string.Join(" | ", wow),
                        best is null ? string.Empty : best.Score.ToString("0.####", CultureInfo.InvariantCulture),
                        best is null ? string.Empty : best.Empathetic ? "true" : "false",
                        best is { Empathetic: true } ? best.Kind! : string.Empty,
                        string.Join(" | ", sentences.Where(x => x.Empathetic).Select(x => $"{x.Kind}: {x.Text}"))]);
                }
            }

            var summaryFile = r.GetValue(summary) ?? new FileInfo(Path.Combine(outFile.DirectoryName ?? ".", Path.GetFileNameWithoutExtension(outFile.Name) + "-conversations.csv"));
            var items = analyses.Values.First().Items.Select(i => i.Item).ToList();
            using (var writer = new StreamWriter(summaryFile.FullName))
            using (var csv = new CsvTable(writer, ["conversation_id", "language", "agents", "messages", "rubric_score", .. items.Select(i => i.Replace(' ', '_')), "negative_language", "wow_candidates", "agent_sentences", "empathetic_sentences", "empathy_kinds"]))
            {
                foreach (var g in conversations)
                {
                    var a = analyses[g.Key];
                    csv.Row([g.Key, a.Language, string.Join(";", g.Select(x => x.Message.AgentId).Where(x => x is not null).Distinct()), $"{g.Count()}",
                        a.EmpathyScore is { } score ? score.ToString("0.###", CultureInfo.InvariantCulture) : string.Empty,
                        .. a.Items.Select(i => i.Outcome switch { ItemOutcome.Found => "found", ItemOutcome.Missed => "missed", _ => "no opportunity" }),
                        $"{a.NegativeLanguage.Count}", $"{a.WowCandidates.Count}", $"{a.Sentences.Count}", $"{a.Sentences.Count(x => x.Empathetic)}",
                        string.Join(";", a.Sentences.Where(x => x.Empathetic).Select(x => x.Kind).Distinct())]);
                }
            }

            var console = CliConsole.Error();
            var table = new Table().AddColumns("item", "found", "missed", "no opportunity");
            foreach (var item in items)
            {
                var outcomes = analyses.Values.Select(a => a.Items.Single(i => i.Item == item).Outcome).ToList();
                table.AddRow(item, $"{outcomes.Count(o => o == ItemOutcome.Found)}", $"{outcomes.Count(o => o == ItemOutcome.Missed)}", $"{outcomes.Count(o => o == ItemOutcome.NoOpportunity)}");
            }

            console.WriteTable(table);
            var scores = analyses.Values.Where(a => a.EmpathyScore is not null).Select(a => a.EmpathyScore!.Value).ToList();
            console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"{conversations.Count} conversations, {rows.Count} messages; mean rubric score {(scores.Count == 0 ? "–" : scores.Average().ToString("0.00", CultureInfo.InvariantCulture))}; {analyses.Values.Sum(a => a.Sentences.Count(x => x.Empathetic))} of {analyses.Values.Sum(a => a.Sentences.Count)} agent sentences empathetic; {analyses.Values.Sum(a => a.NegativeLanguage.Count)} negative-language flags; {analyses.Values.Sum(a => a.WowCandidates.Count)} wow candidates; wrote {outFile.Name} and {summaryFile.Name}")));
            return 0;
        }));
        command.Subcommands.Add(analyze);
        return command;
    }
}
