using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Wfm.Core.Conversations;

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
        Assert.Equal(["en", "en", "tr", "tr", "fa", "fa"], rows.Select(r => r["detected_language"]));
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
        for (var i = 0; i < 900; i++)
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
        for (var i = 0; i < 900; i++)
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

    /// <summary>A labelled file of <paramref name="rude"/> abusive and <paramref name="fine"/> other messages from templates, plus extra rows.</summary>
    private string Labelled(string name, int rude, int fine, string[] rudeTemplates, string[] fineTemplates, params string[] extra)
    {
        var csv = new StringBuilder("text,label\n");
        for (var i = 0; i < rude + fine; i++)
        {
            var templates = i < rude ? rudeTemplates : fineTemplates;
            csv.Append(CultureInfo.InvariantCulture, $"\"{string.Format(CultureInfo.InvariantCulture, templates[i % templates.Length], i)}\",{(i < rude ? 1 : 0)}\n");
        }

        foreach (var row in extra)
        {
            csv.Append(row).Append('\n');
        }

        return Write(name, csv.ToString());
    }

    private static readonly string[] EnglishRude = ["you bozo, where is my order {0}", "useless clown, refund {0} now", "bozo agents lost parcel {0}"];
    private static readonly string[] EnglishFine = ["please check my order {0}", "where is my parcel {0}, thanks", "my invoice {0} looks wrong"];

    /// <summary>Every entry of a model zip: the weights files' bytes and each language's line of the manifest.</summary>
    private static Dictionary<string, string> Parts(Stream zip)
    {
        using var archive = new ZipArchive(zip, ZipArchiveMode.Read);
        var parts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in archive.Entries)
        {
            using var stream = entry.Open();
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            if (entry.FullName == "model.json")
            {
                foreach (var language in JsonDocument.Parse(memory.ToArray()).RootElement.GetProperty("languages").EnumerateArray())
                {
                    parts[$"manifest-{language.GetProperty("language").GetString()}"] = language.GetRawText();
                }
            }
            else
            {
                parts[entry.FullName] = Convert.ToBase64String(memory.ToArray());
            }
        }

        return parts;
    }

    private static Dictionary<string, string> Shipped()
    {
        var memory = new MemoryStream();
        AbuseModel.Default!.Save(memory);
        memory.Position = 0;
        return Parts(memory);
    }

    /// <summary>The model's parts for every language but <paramref name="trained"/> are the shipped model's, byte for byte.</summary>
    private static void OthersUntouched(string model, params string[] trained)
    {
        var shipped = Shipped();
        using var file = File.OpenRead(model);
        var written = Parts(file);
        var others = shipped.Keys.Where(k => !trained.Any(t => k.EndsWith($"-{t}", StringComparison.Ordinal) || k.EndsWith($"-{t}.bin", StringComparison.Ordinal))).ToArray();
        Assert.NotEmpty(others);
        Assert.All(others, k => Assert.True(written.TryGetValue(k, out var bytes) && bytes == shipped[k], $"{k} differs from the shipped model's"));
    }

    [Fact]
    public void Train_OnAnEnglishFile_WhoseRowsWithHerLookTurkish_TrainsEnglishOnly_AndLeavesTheShippedModelsByteIdentical()
    {
        // Eleven English rows full of "her" (Turkish for "every"), detected as Turkish: they must not train a Turkish model.
        var her = Enumerable.Range(0, 11).Select(i => $"\"her her her order {i} is late\",0").ToArray();
        var input = Labelled("olid-like.csv", 300, 420, EnglishRude, EnglishFine, her);
        var model = Path.Combine(_dir, "en.zip");

        var (code, stderr) = Cli.Run("abuse", "train", "--input", input, "--out", model);

        Assert.True(code == 0, stderr);
        Assert.Contains("the file's dominant language, en", stderr, StringComparison.Ordinal);
        Assert.Contains("left out: 11 rows detected as tr", stderr, StringComparison.Ordinal);
        Assert.True(stderr.IndexOf("held-out macro-F1", StringComparison.Ordinal) < stderr.IndexOf("wrote en.zip", StringComparison.Ordinal), "reported before writing");
        OthersUntouched(model, "en");
    }

    [Fact]
    public void Train_OnAPersianFile_WithEmoticonOnlyRows_TakesThemAsPersian_AndLeavesTheOthersByteIdentical()
    {
        string[] rude = ["احمق بی‌شعور سفارش {0}", "خفه شو بی‌عرضه {0}", "کثافت آشغال {0}"];
        string[] fine = ["سلام سفارشم {0} هنوز نرسیده", "لطفاً فاکتور {0} را بررسی کنید", "ممنون از پیگیری {0}"];
        var input = Labelled("parsoff-like.csv", 260, 300, rude, fine, ":),0", "@user 😀,0", "http://t.co/x 🙂,0", "@USER URL,0");
        var model = Path.Combine(_dir, "fa.zip");

        var (code, stderr) = Cli.Run("abuse", "train", "--input", input, "--out", model);

        Assert.True(code == 0, stderr);
        Assert.Contains("4 rows too short to tell taken as the file's language", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("left out", stderr, StringComparison.Ordinal);
        OthersUntouched(model, "fa");
    }

    [Fact]
    public void Train_OnAMixedFile_IsRefusedUnlessTheLanguagesAreNamed_AndASmallFileNeverReplacesAShippedModel()
    {
        string[] turkishRude = ["salak herif siparişim {0} nerede", "aptal mısın iade {0}", "gerizekalı kargo {0}"];
        string[] turkishFine = ["merhaba siparişim {0} gelmedi", "lütfen faturamı {0} kontrol edin", "teşekkür ederim {0}"];
        var english = File.ReadAllLines(Labelled("en-part.csv", 250, 250, EnglishRude, EnglishFine)).Skip(1);
        var turkish = File.ReadAllLines(Labelled("tr-part.csv", 250, 250, turkishRude, turkishFine)).Skip(1);
        var mixed = Write("mixed.csv", string.Join('\n', ["text,label", .. english, .. turkish]) + "\n");
        var model = Path.Combine(_dir, "mixed.zip");

        var (code, stderr) = Cli.Run("abuse", "train", "--input", mixed, "--out", model);
        Assert.NotEqual(0, code);
        Assert.Contains("mixed (", stderr, StringComparison.Ordinal);
        Assert.Contains("--language", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(model));

        // Named: English only; the Turkish rows are left out and every other shipped model stays as it was.
        (code, stderr) = Cli.Run("abuse", "train", "--input", mixed, "--language", "en", "--language", "fa", "--out", model);
        Assert.True(code == 0, stderr);
        Assert.Contains("left out: 500 rows detected as tr", stderr, StringComparison.Ordinal);
        OthersUntouched(model, "en");

        // Forty Turkish rows are too few to replace the shipped Turkish model: it is kept, byte for byte.
        var small = Labelled("tr-small.csv", 20, 20, turkishRude, turkishFine);
        (code, stderr) = Cli.Run("abuse", "train", "--input", small, "--language", "tr", "--out", model);
        Assert.True(code == 0, stderr);
        Assert.Contains("tr: kept the shipped model", stderr, StringComparison.Ordinal);
        OthersUntouched(model);
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
