using System.Globalization;
using System.Text;

namespace Wfm.Cli.Tests;

/// <summary>`wfm empathy score` and `train` as a trainer runs them, with the shipped MiniLM sentence vectors for English.</summary>
[Collection("console")]
public sealed class EmpathyCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wfm-empathy-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Score_TellsEmpathyFromPoliteness_AndSaysHowWellAgainstLabels()
    {
        // The cases: well-wishing, warmth and patience are empathy; bare greetings, thanks formulas, a sorry that
        // prefaces a refusal and a kind word meaning something else are not. None of these sentences is in the training set.
        var input = Write("sentences.csv", """
            text,label
            I hope your flight home is a smooth one!,1
            "Don't rush, I'll be right here when you've found it.",1
            Enjoy your weekend away with the family!,1
            I'm so glad that worked for you!,1
            "Hello, what can I help you with?",0
            Thank you for contacting us today.,0
            "Sorry, but refunds aren't possible after 30 days.",0
            You should feel sorry for yourself.,0
            Your ticket is 55123.,0
            """);
        var output = Path.Combine(_dir, "scored.csv");

        var (code, stderr) = Cli.Run("empathy", "score", "--input", input, "--label-column", "label", "--out", output);

        Assert.True(code == 0, stderr);
        var rows = Cli.ReadCsv(output);
        Assert.Equal(["true", "true", "true", "true", "false", "false", "false", "false", "false"], rows.Select(r => r["empathetic"]));
        Assert.Equal(["well-wishing", "patience", "well-wishing", "warmth", "", "", "", "", ""], rows.Select(r => r["empathy_kind"]));
        Assert.All(rows, r => Assert.InRange(double.Parse(r["empathy_score"], CultureInfo.InvariantCulture), 0, 1));
        Assert.All(rows, r => Assert.Equal("en", r["detected_language"]));
        Assert.Equal(rows.Select(r => r["label"]), File.ReadAllLines(input).Skip(1).Select(l => l[^1..]));
        Assert.Contains("words, phrases, all-MiniLM-L6-v2", stderr);
        Assert.Contains("1.000", stderr);
        Assert.Contains("9 sentences, 4 empathetic", stderr);
    }

    [Fact]
    public void Train_WritesAModelThatScoreUses_AfterPrintingWhatItLearned()
    {
        var input = Write("labelled.csv", Labelled(["parcel", "router", "refund", "invoice", "booking", "card", "phone", "order", "meter", "bill",
            "tablet", "modem", "voucher", "ticket", "laptop battery", "charger", "sim card", "account", "delivery slot", "warranty"]));
        var model = Path.Combine(_dir, "empathy.json");

        var (code, stderr) = Cli.Run("empathy", "train", "--input", input, "--hold-out", "--no-embedding", "--only-trained", "--out", model);

        Assert.True(code == 0, stderr);
        Assert.Contains("training on 120 sentences: done in", stderr);
        Assert.Contains("en\twords, phrases\t96\t", stderr);
        Assert.Contains("wrote empathy.json (en: trained)", stderr);
        var sentences = Write("new.csv", "text\n\"I'm so sorry about your fridge.\"\n\"Your fridge number is 9.\"\n");
        var output = Path.Combine(_dir, "scored.csv");
        (code, stderr) = Cli.Run("empathy", "score", "--input", sentences, "--model", model, "--out", output);
        Assert.True(code == 0, stderr);
        Assert.Equal(["true", "false"], Cli.ReadCsv(output).Select(r => r["empathetic"]));
        Assert.Contains("words, phrases", stderr);
        Assert.DoesNotContain("MiniLM", stderr);
    }

    [Fact]
    public void TooFewLabels_KeepTheShippedHeads_AndSaySo()
    {
        var input = Write("few.csv", Labelled(["parcel", "router", "refund"]));
        var model = Path.Combine(_dir, "few.json");

        var (code, stderr) = Cli.Run("empathy", "train", "--input", input, "--no-embedding", "--out", model);

        Assert.True(code == 0, stderr);
        Assert.Contains("en: kept the shipped head — 18 sentences (9 empathetic) are too few to replace it (at least 40 empathetic and 40 other)", stderr);
        Assert.Contains("wrote few.json (en: shipped, fa: shipped, tr: shipped)", stderr);
        var sentences = Write("check.csv", "text,language\n\"I hope the move goes smoothly!\",en\n\"Acele etmeyin, buradayım.\",tr\n");
        Assert.Equal(0, Cli.Run("empathy", "score", "--input", sentences, "--out", Path.Combine(_dir, "shipped.csv")).Code);
        Assert.Equal(0, Cli.Run("empathy", "score", "--input", sentences, "--model", model, "--out", Path.Combine(_dir, "kept.csv")).Code);
        Assert.Equal(Cli.ReadCsv(Path.Combine(_dir, "shipped.csv")).Select(r => r["empathy_score"]), Cli.ReadCsv(Path.Combine(_dir, "kept.csv")).Select(r => r["empathy_score"]));

        var (refused, said) = Cli.Run("empathy", "train", "--input", input, "--no-embedding", "--only-trained", "--language", "tr", "--out", Path.Combine(_dir, "none.json"));
        Assert.Equal(0, refused);
        Assert.Contains("wrote none.json (tr: shipped)", said);
    }

    /// <summary>Per thing: three empathetic sentences (apology, patience, well-wishing) and three plain ones.</summary>
    private static string Labelled(IEnumerable<string> things)
    {
        var labelled = new StringBuilder("language,empathetic,kind,text\n");
        foreach (var thing in things)
        {
            labelled.Append(CultureInfo.InvariantCulture, $"en,1,apology,\"I'm so sorry about your {thing}.\"\n");
            labelled.Append(CultureInfo.InvariantCulture, $"en,1,patience,\"Take your time finding the {thing}.\"\n");
            labelled.Append(CultureInfo.InvariantCulture, $"en,1,well-wishing,\"I hope you enjoy the new {thing}!\"\n");
            labelled.Append(CultureInfo.InvariantCulture, $"en,0,,\"Your {thing} number is 4411.\"\n");
            labelled.Append(CultureInfo.InvariantCulture, $"en,0,,\"Please send a photo of the {thing}.\"\n");
            labelled.Append(CultureInfo.InvariantCulture, $"en,0,,\"The {thing} will arrive on Monday.\"\n");
        }

        return labelled.ToString();
    }

    [Fact]
    public void AnEmpatheticRowWithoutItsKind_IsRefused_NamingTheLine()
    {
        var input = Write("bad.csv", "language,empathetic,kind,text\nen,1,apology,I'm sorry.\nen,1,kindness,\"Glad to help!\"\n");

        var (code, stderr) = Cli.Run("empathy", "train", "--input", input, "--out", Path.Combine(_dir, "m.json"));

        Assert.Equal(2, code);
        Assert.Contains("bad.csv line 3, column 'kind'", stderr);
        Assert.Contains("one of acknowledge, apology, reassurance, well-wishing, warmth, patience, situation, invitation, got 'kindness'", stderr);
        Assert.False(File.Exists(Path.Combine(_dir, "m.json")));
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }
}
