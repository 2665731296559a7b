using System.Globalization;
using System.Text;

namespace Wfm.Cli.Tests;

/// <summary>`wfm abuse classify` and `wfm abuse train` on message files made here.</summary>
[Collection("console")]
public sealed class AbuseCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wfm-abuse-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text, Encoding.UTF8);
        return path;
    }

    [Fact]
    public void Classify_LabelsEveryRow_WithCategorySeverityScoreAndEvidence_InThreeLanguages()
    {
        var input = Write("messages.csv", """
            id,channel,text
            1,chat,"Hello, my parcel has not arrived, can you check?"
            2,email,"You useless idiot, I know where you live"
            3,chat,"Kargom hâlâ gelmedi, şikayetçiyim"
            4,social,"a.m.k yine mi bozuldu"
            5,chat,"سلام، سفارشم هنوز نرسیده"
            6,chat,"خفه شو احمق"
            """);
        var output = Path.Combine(_dir, "labels.csv");

        var (code, stderr) = Cli.Run("abuse", "classify", "--input", input, "--text-column", "text", "--out", output);

        Assert.True(code == 0, stderr);
        var rows = Cli.ReadCsv(output);
        Assert.Equal(6, rows.Count);
        Assert.Equal(["not", "abusive", "not", "abusive", "not", "abusive"], rows.Select(r => r["label"]));
        Assert.Equal(["en", "en", "tr", "tr", "fa", "fa"], rows.Select(r => r["language"]));
        Assert.Equal("email", rows[1]["channel"]);
        Assert.Equal("threat", rows[1]["category"]);
        Assert.Equal("high", rows[1]["severity"]);
        Assert.Contains("I know where you live", rows[1]["evidence"]);
        Assert.Contains("a.m.k", rows[3]["evidence"]);
        Assert.Contains("احمق", rows[5]["evidence"]);
        Assert.All(rows, r => Assert.InRange(double.Parse(r["score"], CultureInfo.InvariantCulture), 0, 1));
        Assert.Equal(string.Empty, rows[0]["evidence"]);
        Assert.Contains("6 messages, 3 abusive", stderr);
        Assert.Contains("classifying 6 messages: done in", stderr);
    }

    [Fact]
    public void Train_OnACentersOwnLabels_ThenClassifyWithTheModel_FindsWhatTheDefaultMisses()
    {
        var random = new Random(7);
        var csv = new StringBuilder("text,verdict\n");
        string[] subjects = ["order", "parcel", "refund", "invoice", "account"];
        for (var i = 0; i < 400; i++)
        {
            var rude = random.NextDouble() < 0.3;
            var subject = subjects[random.Next(subjects.Length)];
            csv.Append(rude ? $"\"you bozo, where is my {subject}\",rude\n" : $"\"please check my {subject}\",fine\n");
        }

        var labelled = Write("labelled.csv", csv.ToString());
        var model = Path.Combine(_dir, "model.zip");
        var (code, stderr) = Cli.Run("abuse", "train", "--input", labelled, "--label-column", "verdict", "--positive", "rude", "--negative", "fine", "--language", "en", "--out", model);
        Assert.True(code == 0, stderr);
        Assert.True(File.Exists(model));
        Assert.Contains("held-out macro-F1", stderr);
        Assert.Matches(@"training on \d+ rows: done in \d+\.\d s", stderr); // without a terminal, how long it took (a bar on one)
        Assert.Contains("tr", stderr); // the shipped Turkish model is kept beside the retrained English one

        var messages = Write("new.csv", "text\n\"you bozo, where is my account\"\n\"please check my refund\"\n");
        var output = Path.Combine(_dir, "out.csv");
        Assert.Equal(0, Cli.Run("abuse", "classify", "--input", messages, "--model", model, "--out", output).Code);
        Assert.Equal(["abusive", "not"], Cli.ReadCsv(output).Select(r => r["label"]));
        Assert.Equal(0, Cli.Run("abuse", "classify", "--input", messages, "--out", output).Code);
        Assert.Equal(["not", "not"], Cli.ReadCsv(output).Select(r => r["label"]));

        // The SVM on its own, with messages in which only "bozo" tells rude from fine.
        string[] rudeTemplates = ["you bozo, where is my {0}", "bozo agents lost my {0}", "my {0} again, bozo", "where is my {0}, you total bozo"];
        string[] fineTemplates = ["please check my {0}", "where is my {0}", "my {0} again, sorry", "you lost my {0}, please check"];
        var varied = new StringBuilder("text,verdict\n");
        for (var i = 0; i < 600; i++)
        {
            var rude = random.NextDouble() < 0.3;
            var template = rude ? rudeTemplates[random.Next(rudeTemplates.Length)] : fineTemplates[random.Next(fineTemplates.Length)];
            varied.Append(CultureInfo.InvariantCulture, $"\"{string.Format(CultureInfo.InvariantCulture, template, subjects[random.Next(subjects.Length)])}\",{(rude ? "rude" : "fine")}\n");
        }

        labelled = Write("varied.csv", varied.ToString());
        (code, stderr) = Cli.Run("abuse", "train", "--input", labelled, "--label-column", "verdict", "--positive", "rude", "--negative", "fine", "--language", "en", "--solver", "svm", "--out", model);
        Assert.True(code == 0, stderr);
        Assert.Contains("en: linear SVM, threshold", stderr);
        Assert.Equal(0, Cli.Run("abuse", "classify", "--input", messages, "--model", model, "--out", output).Code);
        Assert.Equal(["abusive", "not"], Cli.ReadCsv(output).Select(r => r["label"]));
        Assert.NotEqual(0, Cli.Run("abuse", "train", "--input", labelled, "--solver", "forest", "--out", model).Code);
    }

    [Fact]
    public void BadInput_IsRefused_NamingTheLineAndColumn()
    {
        var labelled = Write("labelled.csv", "text,label\nhello there,NOT\nyou idiot,maybe\n");
        var (code, stderr) = Cli.Run("abuse", "train", "--input", labelled, "--out", Path.Combine(_dir, "m.zip"));
        Assert.Equal(2, code);
        Assert.Contains("labelled.csv line 3, column 'label'", stderr);
        Assert.Contains("got 'maybe'", stderr);

        var noText = Write("messages.csv", "id,body\n1,hello\n");
        (code, stderr) = Cli.Run("abuse", "classify", "--input", noText, "--out", Path.Combine(_dir, "o.csv"));
        Assert.Equal(2, code);
        Assert.Contains("missing column(s) text", stderr);

        (code, stderr) = Cli.Run("abuse", "classify", "--input", noText, "--text-column", "body", "--model", noText, "--out", Path.Combine(_dir, "o.csv"));
        Assert.Equal(2, code);
        Assert.Contains("messages.csv", stderr);
        Assert.Contains("not a readable Wfm abuse model", stderr);

        var oneClass = Write("one.csv", "text,label\nhello,NOT\nthanks,NOT\n");
        (code, stderr) = Cli.Run("abuse", "train", "--input", oneClass, "--out", Path.Combine(_dir, "m.zip"));
        Assert.Equal(2, code);
        Assert.Contains("both abusive and non-abusive", stderr);
    }
}
