using Wfm.Core.Conversations;

namespace Wfm.Core.Tests.Conversations;

/// <summary>
/// The empathy model's mechanics on sets made here (training, calibration, the held-out rule, persistence, heads for an
/// embedder and their fallback) and the shipped model's Turkish and Persian heads on the examples.
/// </summary>
public sealed class EmpathyModelTests
{
    [Fact]
    public void Sentences_AreCutAtTheirEnds_NotInsideNumbersOrInitials()
    {
        const string text = "Hello Ayşe. I'm so sorry!! Is the plan 2.5 GB? J. Smith will call you\nThanks… سلام؟ خوبید.";

        var sentences = SentenceSplitter.Split(text).Select(s => text.Substring(s.Start, s.Length)).ToList();

        Assert.Equal(["Hello Ayşe.", "I'm so sorry!!", "Is the plan 2.5 GB?", "J. Smith will call you", "Thanks…", "سلام؟", "خوبید."], sentences);
        Assert.Empty(SentenceSplitter.Split(" ... \n !? "));
    }

    [Fact]
    public void TheHeldOutFifth_IsFixedPerLanguage_AndDisjointFromTraining()
    {
        var rows = Synthetic(seed: 1, perKind: 6).Concat(Synthetic(seed: 2, perKind: 6, language: "tr")).ToList();

        var (train, held) = EmpathyModel.HoldOut(rows);
        var (again, heldAgain) = EmpathyModel.HoldOut(rows);

        Assert.Equal(held, heldAgain);
        Assert.Equal(train, again);
        Assert.Equal(rows.Count, train.Count + held.Count);
        Assert.Empty(train.Intersect(held));
        foreach (var language in new[] { "en", "tr" })
        {
            Assert.Equal((int)Math.Round(rows.Count(r => r.Language == language) / 5.0), held.Count(r => r.Language == language));
        }
    }

    [Fact]
    public void ATrainedModel_FindsEmpathyAndItsKind_InSentencesItDidNotSee_AndSurvivesSaving()
    {
        var rows = Synthetic(seed: 3, perKind: 14);
        var (train, held) = EmpathyModel.HoldOut(rows);

        var model = EmpathyModel.Train(train, null, new EmpathyTrainingOptions(), "synthetic", TestContext.Current.CancellationToken);

        var head = Assert.Single(model.Languages);
        Assert.Equal(train.Count, head.Rows);
        Assert.InRange(head.Threshold, 0.3, 0.7);
        Assert.True(head.CrossValidatedF1 > 0.8, $"cross-validated F1 {head.CrossValidatedF1}");
        var judged = model.Judge(held.Select(r => (r.Text, r.Language)).ToList(), TestContext.Current.CancellationToken);
        var score = EmpathyModel.Score(held.Select((r, i) => (judged[i].Empathetic, r.Empathetic)));
        Assert.True(score.F1 > 0.8, $"held-out F1 {score.F1}");
        var found = held.Select((r, i) => (Row: r, Judged: judged[i])).Where(p => p.Row.Empathetic && p.Judged.Empathetic).ToList();
        Assert.True(found.Count(p => p.Judged.Kind == p.Row.Kind) >= found.Count * 0.7, string.Join("; ", found.Select(p => $"{p.Row.Kind}→{p.Judged.Kind}")));
        Assert.All(judged, j => Assert.InRange(j.Score, 0, 1));
        Assert.All(judged.Where(j => !j.Empathetic), j => Assert.Null(j.Kind));

        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        var loaded = EmpathyModel.Load(stream);
        Assert.Equal(judged.Select(j => (j.Score, j.Empathetic, j.Kind)), loaded.Judge(held.Select(r => (r.Text, r.Language)).ToList(), TestContext.Current.CancellationToken).Select(j => (j.Score, j.Empathetic, j.Kind)));
        Assert.Equal(model.Languages, loaded.Languages);
    }

    [Fact]
    public void AHeadForAnEmbedder_IsUsedOnlyWithThatEmbedder_ElseTheWordsHeadStandsIn()
    {
        var rows = Synthetic(seed: 4, perKind: 8);
        var embedder = new CountingEmbedder("test-vectors");

        var model = EmpathyModel.Train(rows, embedder, new EmpathyTrainingOptions(Iterations: 100), "synthetic", TestContext.Current.CancellationToken);

        Assert.Equal([("en", (string?)null), ("en", "test-vectors")], model.Heads.Select(h => (h.Language, h.Embedding)));
        Assert.Equal("test-vectors", Assert.Single(model.Languages).Embedding);
        var before = embedder.Sentences;
        model.Judge([("I'm so sorry about the delay.", "en"), ("Your code is 4411.", "en")], TestContext.Current.CancellationToken);
        Assert.Equal(before + 2, embedder.Sentences);

        var withoutEmbedder = model.WithEmbedder(null);
        Assert.Null(Assert.Single(withoutEmbedder.Languages).Embedding);
        withoutEmbedder.Judge("I'm so sorry about the delay.", "en");
        Assert.Equal(before + 2, embedder.Sentences);
        Assert.Null(Assert.Single(model.WithEmbedder(new CountingEmbedder("other-vectors")).Languages).Embedding);
    }

    [Fact]
    public void ALanguageWithTooFewOfAClass_IsRefused_SayingHowMany()
    {
        var rows = Synthetic(seed: 5, perKind: 6).Append(new LabelledSentence("Acele etmeyin.", "tr", true, "patience")).ToList();

        var error = Assert.Throws<ArgumentException>(() => EmpathyModel.Train(rows, null, new EmpathyTrainingOptions(Iterations: 20), "x", TestContext.Current.CancellationToken));

        Assert.Contains("language 'tr': 1 empathetic and 0 other sentences", error.Message);
    }

    [Fact]
    public void ABrokenModelFile_IsRefused_WithItsName()
    {
        using var notJson = new MemoryStream("not a model"u8.ToArray());
        Assert.Contains("center.json: not an empathy model", Assert.Throws<FormatException>(() => EmpathyModel.Load(notJson, "center.json")).Message);

        using var noHeads = new MemoryStream("""{"Version":1,"Bits":14,"Heads":[]}"""u8.ToArray());
        Assert.Contains("expected version 1 with at least one head", Assert.Throws<FormatException>(() => EmpathyModel.Load(noHeads, "center.json")).Message);
    }

    [Theory]
    [InlineData("İyi tatiller, güzel dinlenin!", "tr", true, "well-wishing")]
    [InlineData("Hiç acele etmeyin, bekliyorum.", "tr", true, "patience")]
    [InlineData("Merhaba, buyurun.", "tr", false, null)]
    [InlineData("Maalesef iade süresi dolmuş.", "tr", false, null)]
    [InlineData("سفرتان بی‌خطر باشد.", "fa", true, "well-wishing")]
    [InlineData("اصلاً عجله نکنید، منتظرتان هستم.", "fa", true, "patience")]
    [InlineData("سلام، بفرمایید.", "fa", false, null)]
    [InlineData("متأسفم، ولی امکانش نیست.", "fa", false, null)]
    public void TheShippedModel_TellsWellWishingAndPatience_FromBareGreetingsAndRefusals(string sentence, string language, bool empathetic, string? kind)
    {
        var judged = EmpathyModel.Default.Judge(sentence, language);

        Assert.True(judged.Empathetic == empathetic, $"{sentence}: score {judged.Score}");
        Assert.Equal(kind, judged.Kind);
    }

    [Fact]
    public void AText_IsJudgedByItsMostEmpatheticSentence()
    {
        var judged = EmpathyModel.Default.JudgeTexts([("Talep numaranız 5512. İyi tatiller, güzel dinlenin!", "tr"), ("Talep numaranız 5512. Kargo yarın gelir.", "tr")], TestContext.Current.CancellationToken);
        var alone = EmpathyModel.Default.Judge("İyi tatiller, güzel dinlenin!", "tr");

        Assert.Equal((true, "well-wishing"), (judged[0].Empathetic, judged[0].Kind));
        Assert.Equal(alone.Score, judged[0].Score);
        Assert.False(judged[1].Empathetic);
    }

    [Fact]
    public void TheShippedModel_SaysWhatItLearnedFrom()
    {
        var model = EmpathyModel.Default;

        Assert.Equal(["en", "fa", "tr"], model.Languages.Select(l => l.Language));
        Assert.Contains(model.Heads, h => h is { Language: "en", Embedding: "all-MiniLM-L6-v2" });
        Assert.All(model.Languages, l => Assert.True(l.Rows >= 100 && l.Empathetic >= 40, $"{l.Language}: {l.Rows} rows"));
        Assert.Contains("empathy-sentences.csv", model.TrainedOn);
    }

    [Fact]
    public void Analysis_JudgesTheAgentsSentences_AndAnAcknowledgementWithoutAStockPhraseCounts()
    {
        var messages = new List<ConversationMessage>
        {
            new("c1", Sender.Customer, "Üç gündür internetim yok, bıktım artık!", "tr"),
            new("c1", Sender.Agent, "Merhaba. Bir haftadır internetsiz çalışmak gerçekten çok zor olmalı. Modemi bulunca yazın, hiç acele etmeyin.", "tr"),
        };

        var plain = ConversationAnalyzer.Analyze(messages);
        var analysis = ConversationAnalyzer.Analyze(messages, empathy: EmpathyModel.Default);

        Assert.Empty(plain.Sentences);
        Assert.Equal(ItemOutcome.Missed, plain.Items.Single(i => i.Item == "acknowledge feelings").Outcome);
        Assert.Equal(3, analysis.Sentences.Count);
        Assert.All(analysis.Sentences, s => Assert.Equal(1, s.MessageIndex));
        Assert.Equal([false, true, true], analysis.Sentences.Select(s => s.Empathetic));
        Assert.Equal("patience", analysis.Sentences[2].Kind);
        Assert.Equal(messages[1].Text.Substring(analysis.Sentences[1].Start, analysis.Sentences[1].Length), analysis.Sentences[1].Text);
        var acknowledge = analysis.Items.Single(i => i.Item == "acknowledge feelings");
        Assert.Equal(ItemOutcome.Found, acknowledge.Outcome);
        Assert.Equal(analysis.Sentences[1].Text, Assert.Single(acknowledge.Evidence).Text);
    }

    /// <summary>Sentences built from templates: eight kinds of empathy and plain task talk, with varied objects.</summary>
    private static List<LabelledSentence> Synthetic(int seed, int perKind, string language = "en")
    {
        var random = new Random(seed);
        string[] things = ["parcel", "router", "refund", "invoice", "booking", "card", "phone", "order", "engineer visit", "contract"];
        var templates = new Dictionary<string, string[]>
        {
            ["acknowledge"] = ["I can see how frustrating the {0} has been.", "I understand how upsetting this {0} problem is.", "That sounds really stressful with the {0}."],
            ["apology"] = ["I'm so sorry about your {0}.", "I apologise for the trouble with the {0}.", "Sorry you had such a hard time with the {0}."],
            ["reassurance"] = ["I'll make sure the {0} is fixed today.", "Leave the {0} with me, I'll sort it personally.", "Don't worry, I'll stay on the {0} until it's done."],
            ["well-wishing"] = ["Good luck with the new {0}!", "I hope you enjoy the {0}.", "Have a safe trip, and enjoy the {0}!"],
            ["warmth"] = ["I'm so glad the {0} works now!", "I'm delighted we sorted the {0} together.", "Happy to help with the {0}!"],
            ["patience"] = ["Take your time finding the {0}.", "No rush at all with the {0}.", "Whenever you're ready with the {0}, I'm here."],
            ["situation"] = ["A broken {0} in this weather is hard.", "Losing the {0} on your holiday must be awful.", "Being without the {0} for days is exhausting."],
            ["invitation"] = ["If the {0} acts up again, write to me here.", "Come back to me any time about the {0}.", "Message me if the {0} gives you trouble."],
            [EmpathyKinds.None] = ["Your {0} number is 4411.", "Please send a photo of the {0}.", "The {0} will arrive in three days.", "Sorry, but the {0} cannot be changed.",
                "Thank you for contacting us about the {0}.", "Can you confirm the {0} date?", "I have updated the {0}.", "Our policy does not cover the {0}."],
        };
        var rows = new List<LabelledSentence>();
        foreach (var (kind, forms) in templates)
        {
            // Distinct sentences, so a held-out one was never seen in training.
            var count = kind == EmpathyKinds.None ? perKind * 5 : perKind;
            var texts = forms.SelectMany(f => things.Select(t => string.Format(System.Globalization.CultureInfo.InvariantCulture, f, t))).OrderBy(_ => random.Next()).Take(count);
            rows.AddRange(texts.Select(text => new LabelledSentence(text, language, kind != EmpathyKinds.None, kind == EmpathyKinds.None ? null : kind)));
        }

        return [.. rows.OrderBy(_ => random.Next())];
    }

    /// <summary>Deterministic vectors from a sentence's letters; counts how many sentences it was asked for.</summary>
    private sealed class CountingEmbedder(string name) : ISentenceEmbedder
    {
        public int Sentences { get; private set; }

        public string Name => name;

        public IReadOnlyList<string> Languages { get; } = ["en"];

        public int Dimensions => 8;

        public float[][] Embed(IReadOnlyList<string> sentences, CancellationToken cancellationToken)
        {
            Sentences += sentences.Count;
            return [.. sentences.Select(s =>
            {
                var v = new float[Dimensions];
                foreach (var c in s.ToLowerInvariant())
                {
                    v[c % Dimensions] += 1;
                }

                var norm = MathF.Sqrt(v.Sum(x => x * x));
                return v.Select(x => x / norm).ToArray();
            })];
        }
    }
}
