using System.Globalization;
using Wfm.Core.Conversations;

namespace Wfm.Core.Tests.Conversations;

/// <summary>Training, deciding and saving the classifier, on labelled messages made here.</summary>
public sealed class AbuseModelTests
{
    /// <summary>Made-up customer messages: rude ones use words the lexicon lacks ("bozo", "nincompoop"), so only training can learn them.</summary>
    private static List<LabelledText> Messages(int count, int seed)
    {
        var random = new Random(seed);
        string[] subjects = ["order", "parcel", "refund", "invoice", "account", "card", "delivery", "plan"];
        string[] polite = ["where is my {0}?", "please check my {0}", "my {0} is late again", "can you update my {0}", "thanks for fixing the {0}", "I want to cancel my {0}"];
        string[] rude = ["you bozo, where is my {0}", "what a nincompoop, fix my {0}", "bozo agents lost my {0}", "listen nincompoop, my {0} again", "total bozo, the {0} is wrong"];
        return Enumerable.Range(0, count).Select(i =>
        {
            var abusive = random.NextDouble() < 0.3;
            var templates = abusive ? rude : polite;
            return new LabelledText(string.Format(CultureInfo.InvariantCulture, templates[random.Next(templates.Length)], subjects[random.Next(subjects.Length)]), abusive, "en");
        }).ToList();
    }

    [Theory]
    [InlineData(AbuseSolver.LogisticRegression)]
    [InlineData(AbuseSolver.Svm)]
    public void Trained_OnLabelledMessages_LearnsWordsTheLexiconLacks(AbuseSolver solver)
    {
        var done = new List<double>();
        var model = AbuseModel.Train(Messages(600, 1), "test messages", options: new AbuseTrainingOptions(Bits: 16, MinCount: 2) { Solver = solver },
            done: new Inline<double>(done.Add));
        // Progress grows step by step to the whole: featurizing, the solver's fit on the training share, the final fit.
        Assert.Equal(3, done.Count);
        Assert.Equal(done.Order(), done);
        Assert.Equal(1.0, done[^1], 9);
        var detector = new AbuseDetector(AbuseLexicon.Default, model);
        var test = Messages(200, 2);

        var f1 = AbuseModel.MacroF1(test.Select(t => (detector.Classify(t.Text, "en").Abusive, t.Abusive)));

        Assert.True(f1 > 0.95, $"macro-F1 {f1:0.000}");
        var info = Assert.Single(model.Languages);
        Assert.Equal("en", info.Language);
        Assert.Equal(600, info.Rows);
        Assert.Equal(solver, info.Solver);
        Assert.False(new AbuseDetector(AbuseLexicon.Default, null).Classify("you bozo, where is my order", "en").Abusive);
        var verdict = detector.Classify("you bozo, where is my order", "en");
        Assert.True(verdict.Abusive);
        Assert.Contains(verdict.Evidence, e => e.Text == "bozo" && e.Source == "classifier");
    }

    [Fact]
    public void SavedAndLoaded_GivesTheSameScores_AndKeepsOtherLanguagesWhenMerged()
    {
        var model = AbuseModel.Train(Messages(400, 3), "test messages", options: new AbuseTrainingOptions(Bits: 20, MinCount: 2));
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        var loaded = AbuseModel.Load(stream, "test.zip");

        foreach (var text in new[] { "you bozo, where is my card", "please check my plan" })
        {
            var tokens = TextNormalizer.Tokens(text, "en");
            Assert.Equal(model.Score(text, "en", tokens, [])!.Value, loaded.Score(text, "en", tokens, [])!.Value, 3);
        }

        // The solver the held-out rows chose is kept with the rest of the language's settings.
        Assert.Equal(model.For("en"), loaded.For("en"));
        var merged = loaded.With(AbuseModel.Default!);
        Assert.Equal(["en", "tr"], merged.Languages.Select(l => l.Language));
        Assert.Equal(400, merged.For("en")!.Rows);
    }

    [Fact]
    public void NotAModel_OrOneClassOnly_IsRefusedSayingWhy()
    {
        using var garbage = new MemoryStream([1, 2, 3, 4]);
        var error = Assert.Throws<InvalidDataException>(() => AbuseModel.Load(garbage, "labels.csv"));
        Assert.StartsWith("labels.csv", error.Message);

        var oneClass = Messages(50, 4).Select(m => m with { Abusive = false });
        var refused = Assert.Throws<ArgumentException>(() => AbuseModel.Train(oneClass, "x"));
        Assert.Contains("both abusive and non-abusive", refused.Message);
    }

    [Fact]
    public void AModelOfAnEarlierFeatureVersion_IsRefused_AskingToTrainAgain()
    {
        var model = AbuseModel.Train(Messages(200, 6), "test messages", options: new AbuseTrainingOptions(Bits: 16, MinCount: 2));
        using var stream = new MemoryStream();
        model.Save(stream);
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry("model.json")!;
            string json;
            using (var reader = new StreamReader(entry.Open()))
            {
                json = reader.ReadToEnd();
            }

            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("model.json").Open());
            writer.Write(System.Text.RegularExpressions.Regex.Replace(json, $"\"version\": *{AbuseModel.FeatureVersion}", "\"version\": 1"));
        }

        stream.Position = 0;
        var error = Assert.Throws<InvalidDataException>(() => AbuseModel.Load(stream, "old.zip"));
        Assert.Equal($"old.zip: trained by an earlier Wfm on features this one no longer makes (model version 1, now {AbuseModel.FeatureVersion}); train it again with `wfm abuse train`", error.Message);
    }

    [Fact]
    public void AWordGluedIntoAHashtag_CountsAsTheWord_AndIsNamedAsEvidence()
    {
        var model = AbuseModel.Train(Messages(600, 7), "test messages", options: new AbuseTrainingOptions(Bits: 16, MinCount: 2));
        var detector = new AbuseDetector(AbuseLexicon.Default, model);

        var glued = detector.Classify("#TotalBozoAgents, seriously", "en");
        var plain = detector.Classify("#TotallyLateAgents, seriously", "en");

        Assert.True(glued.Abusive, $"score {glued.Score}");
        Assert.Contains(glued.Evidence, e => e.Text == "#TotalBozoAgents" && e.Source == "classifier");
        Assert.False(plain.Abusive, $"score {plain.Score}");
    }

    [Fact]
    public void StratifiedSplit_KeepsTheShareOfEachClass_AndRepeatsForASeed()
    {
        var rows = Messages(1000, 5);
        var (train, test) = AbuseModel.StratifiedSplit(rows, r => r.Abusive, 0.2, 42);
        var again = AbuseModel.StratifiedSplit(rows, r => r.Abusive, 0.2, 42);

        Assert.Equal(1000, train.Count + test.Count);
        Assert.Equal(test, again.Test);
        var share = (double)rows.Count(r => r.Abusive) / rows.Count;
        Assert.Equal(share, (double)test.Count(r => r.Abusive) / test.Count, 2);
    }

    [Fact]
    public void MacroF1_IsTheMeanOfBothClasses()
    {
        // 8 abusive: 6 found, 2 missed; 12 not: 10 right, 2 flagged.
        var pairs = Enumerable.Repeat((true, true), 6).Concat(Enumerable.Repeat((false, true), 2))
            .Concat(Enumerable.Repeat((false, false), 10)).Concat(Enumerable.Repeat((true, false), 2)).ToList();
        var abusiveF1 = 2.0 * 6 / ((2 * 6) + 2 + 2);
        var notF1 = 2.0 * 10 / ((2 * 10) + 2 + 2);

        Assert.Equal((abusiveF1 + notF1) / 2, AbuseModel.MacroF1(pairs), 9);
    }

    private sealed class Inline<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
