using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wfm.Core.Conversations;

/// <summary>The kinds of empathy an agent's sentence can show (docs/empathy-guidelines.md), in the guidelines' order.</summary>
public static class EmpathyKinds
{
    public const string None = "none";

    public static readonly IReadOnlyList<string> All = ["acknowledge", "apology", "reassurance", "well-wishing", "warmth", "patience", "situation", "invitation"];
}

/// <summary>An agent's sentence labelled by a person: empathetic or not and, when it is, the kind.</summary>
public sealed record LabelledSentence(string Text, string Language, bool Empathetic, string? Kind);

/// <summary>
/// The model's judgement of one sentence: <see cref="Score"/> is the calibrated probability that people would call it
/// empathetic, <see cref="Empathetic"/> whether it reaches the language's documented threshold, <see cref="Kind"/> the
/// likeliest kind when it does, and <see cref="Evidence"/> the phrases the model saw (which it weighs, not obeys).
/// </summary>
public sealed record EmpathyJudgement(double Score, bool Empathetic, string? Kind, IReadOnlyList<PhraseEvidence> Evidence);

/// <summary>One sentence of an agent's message with the empathy model's judgement.</summary>
public sealed record SentenceEmpathy(int MessageIndex, int Start, int Length, string Text, double Score, bool Empathetic, string? Kind);

/// <summary>Turns sentences into vectors of meaning (a sentence-embedding model); the empathy model's English head reads them.</summary>
public interface ISentenceEmbedder
{
    /// <summary>The model's name, kept with a head trained on its vectors so that no other model's vectors are fed to it.</summary>
    string Name { get; }

    /// <summary>The languages it understands.</summary>
    IReadOnlyList<string> Languages { get; }

    int Dimensions { get; }

    /// <summary>One unit-length vector per sentence.</summary>
    float[][] Embed(IReadOnlyList<string> sentences, CancellationToken cancellationToken);
}

/// <param name="Bits">Hashed word features: 2^Bits slots.</param>
/// <param name="L2">Weight decay of the softmax regression.</param>
/// <param name="EmbeddingScale">The embedding's weight beside the word and phrase features (its vectors have unit length).</param>
public sealed record EmpathyTrainingOptions(int Bits = 14, double L2 = 0.003, int Iterations = 300, double LearningRate = 0.05, double EmbeddingScale = 2, int Folds = 5, int Seed = 25);

/// <summary>What one language's head learned from and how it decides.</summary>
/// <param name="Embedding">The sentence-embedding model the head reads besides words and phrases, or null.</param>
/// <param name="CrossValidatedF1">F1 of the empathetic class over the training rows, each scored by a head that did not see it.</param>
public sealed record EmpathyLanguageInfo(string Language, string? Embedding, int Rows, int Empathetic, double Threshold, double CrossValidatedF1);

/// <summary>
/// Judges whether an agent's sentence expresses empathy, separately from politeness: a softmax regression over
/// "none" and the eight kinds, per language, reading the sentence's normalised words and word pairs (hashed), the
/// empathy phrase tags (empathy-phrases.txt) and their combinations that change meaning (an apology followed by
/// "but" and a refusal), and — for English, when an <see cref="ISentenceEmbedder"/> is given — the sentence's
/// embedding. The score is 1 − P(none), calibrated by Platt scaling on cross-validated scores; the threshold is the
/// one that gave the best cross-validated F1. A language whose head needs an embedder that is not there uses its
/// head trained without one. Persisted as JSON.
/// </summary>
public sealed class EmpathyModel
{
    private const string ResourceName = "Wfm.Core.Conversations.empathy-model.json";
    private static readonly Lazy<PhraseBook> Phrases = new(() => PhraseBook.Load("empathy-phrases.txt"));
    private static readonly Lazy<EmpathyModel?> DefaultModel = new(() =>
    {
        using var stream = typeof(EmpathyModel).Assembly.GetManifestResourceStream(ResourceName);
        return stream is null ? null : Load(stream);
    });

    private static readonly string[] EmpathyTags = ["ack", "sorry", "assure", "wish", "glad", "patience", "invite"];
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private readonly List<Head> _heads;
    private readonly ISentenceEmbedder? _embedder;

    private EmpathyModel(int bits, string trainedOn, List<Head> heads, ISentenceEmbedder? embedder)
    {
        Bits = bits;
        TrainedOn = trainedOn;
        _heads = heads;
        _embedder = embedder;
    }

    /// <summary>The model shipped inside Wfm.Core (trained on the team's labelled sentences; docs/accuracy.md).</summary>
    public static EmpathyModel Default => DefaultModel.Value ?? throw new InvalidOperationException("the empathy model is not embedded in Wfm.Core");

    public int Bits { get; }

    public string TrainedOn { get; }

    /// <summary>The embedder in use, if any.</summary>
    public string? Embedding => _embedder?.Name;

    /// <summary>The head each language uses with the embedder at hand.</summary>
    public IReadOnlyList<EmpathyLanguageInfo> Languages =>
        _heads.Select(h => h.Info.Language).Distinct().Order(StringComparer.Ordinal).Select(l => (HeadFor(l) ?? _heads.First(h => h.Info.Language == l)).Info).ToList();

    /// <summary>Every head the model holds, those for an embedder included.</summary>
    public IReadOnlyList<EmpathyLanguageInfo> Heads => _heads.Select(h => h.Info).ToList();

    /// <summary>The same heads with an embedder: heads trained on its vectors are used from now on.</summary>
    public EmpathyModel WithEmbedder(ISentenceEmbedder? embedder) => new(Bits, TrainedOn, _heads, embedder);

    /// <summary>The same model without the heads of <paramref name="languages"/>.</summary>
    public EmpathyModel Without(IEnumerable<string> languages)
    {
        var drop = languages.ToHashSet(StringComparer.Ordinal);
        return new(Bits, TrainedOn, _heads.Where(h => !drop.Contains(h.Info.Language)).ToList(), _embedder);
    }

    /// <summary>This model's heads plus <paramref name="other"/>'s for the languages this one has no head for.</summary>
    public EmpathyModel With(EmpathyModel other)
    {
        if (other.Bits != Bits)
        {
            throw new ArgumentException($"the models hash words into {Bits} and {other.Bits} bits; they cannot be combined", nameof(other));
        }

        var mine = _heads.Select(h => h.Info.Language).ToHashSet(StringComparer.Ordinal);
        return new(Bits, other._heads.Any(h => !mine.Contains(h.Info.Language)) ? $"{TrainedOn}; other languages: {other.TrainedOn}" : TrainedOn,
            [.. _heads, .. other._heads.Where(h => !mine.Contains(h.Info.Language))], _embedder ?? other._embedder);
    }

    public EmpathyJudgement Judge(string sentence, string language) => Judge([(sentence, language)], CancellationToken.None)[0];

    /// <summary>Judges many sentences at once (an embedder reads them as one batch).</summary>
    public IReadOnlyList<EmpathyJudgement> Judge(IReadOnlyList<(string Text, string Language)> sentences, CancellationToken cancellationToken)
    {
        // A language without a head is read by the English one (or, in a model without English, by its first).
        var heads = sentences.Select(s => HeadFor(s.Language) ?? HeadFor("en") ?? HeadFor(_heads[0].Info.Language)!).ToList();
        var embedded = new float[sentences.Count][];
        var needing = Enumerable.Range(0, sentences.Count).Where(i => heads[i].Info.Embedding is not null).ToList();
        if (needing.Count > 0)
        {
            var vectors = _embedder!.Embed(needing.Select(i => sentences[i].Text).ToList(), cancellationToken);
            for (var k = 0; k < needing.Count; k++)
            {
                embedded[needing[k]] = vectors[k];
            }
        }

        var result = new EmpathyJudgement[sentences.Count];
        for (var i = 0; i < sentences.Count; i++)
        {
            var head = heads[i];
            var (features, evidence) = Features(sentences[i].Text, head.Info.Language, Bits, embedded[i], head.EmbeddingScale);
            var p = head.Probabilities(features);
            var score = head.Calibrate(1 - p[0]);

            // A kind word inside a phrase that means something else here (pity for someone, "certainly not", a
            // warning), with no empathy phrase outside it, does not make the sentence empathetic however close its
            // meaning vector is: the score is held below half the threshold.
            if (evidence.Any(e => e.Tag == "other") && !evidence.Any(e => EmpathyTags.Contains(e.Tag)))
            {
                score = Math.Min(score, head.Info.Threshold / 2);
            }

            var empathetic = score >= head.Info.Threshold;
            var kind = empathetic ? head.Classes[Enumerable.Range(1, p.Length - 1).MaxBy(k => p[k])] : null;
            result[i] = new EmpathyJudgement(Math.Round(score, 4), empathetic, kind, evidence.Where(e => e.Tag is not ("you" or "ask")).ToList());
        }

        return result;
    }

    /// <summary>
    /// Judges texts that may hold several sentences (a message, or a labelled unit): each is cut into sentences, all are
    /// judged in one batch, and a text takes the judgement of its most empathetic sentence — it is empathetic when any of
    /// its sentences is.
    /// </summary>
    public IReadOnlyList<EmpathyJudgement> JudgeTexts(IReadOnlyList<(string Text, string Language)> texts, CancellationToken cancellationToken)
    {
        var owners = new List<int>();
        var sentences = new List<(string, string)>();
        for (var t = 0; t < texts.Count; t++)
        {
            var spans = SentenceSplitter.Split(texts[t].Text);
            foreach (var (start, length) in spans.Count == 0 ? [(0, texts[t].Text.Length)] : spans)
            {
                owners.Add(t);
                sentences.Add((texts[t].Text.Substring(start, length), texts[t].Language));
            }
        }

        var judged = Judge(sentences, cancellationToken);
        var best = new EmpathyJudgement?[texts.Count];
        for (var i = 0; i < judged.Count; i++)
        {
            if (best[owners[i]] is not { } current || judged[i].Score > current.Score)
            {
                best[owners[i]] = judged[i];
            }
        }

        return best.Select(b => b!).ToList();
    }

    /// <summary>Every sentence of the agent's messages, judged (customers' messages are not judged).</summary>
    public IReadOnlyList<SentenceEmpathy> JudgeAgentSentences(IReadOnlyList<ConversationMessage> messages, string language, CancellationToken cancellationToken = default)
    {
        var spans = new List<(int Message, int Start, int Length, string Text, string Language)>();
        for (var m = 0; m < messages.Count; m++)
        {
            if (messages[m].Sender != Sender.Agent)
            {
                continue;
            }

            foreach (var (start, length) in SentenceSplitter.Split(messages[m].Text))
            {
                spans.Add((m, start, length, messages[m].Text.Substring(start, length), messages[m].Language ?? language));
            }
        }

        var judged = Judge(spans.Select(s => (s.Text, s.Language)).ToList(), cancellationToken);
        return spans.Select((s, i) => new SentenceEmpathy(s.Message, s.Start, s.Length, s.Text, judged[i].Score, judged[i].Empathetic, judged[i].Kind)).ToList();
    }

    /// <summary>
    /// Trains a head per language in <paramref name="rows"/>; for each language the embedder understands, a second
    /// head on its vectors too (the first stays as the fallback when no embedder is at hand).
    /// </summary>
    public static EmpathyModel Train(IReadOnlyList<LabelledSentence> rows, ISentenceEmbedder? embedder, EmpathyTrainingOptions options, string trainedOn, CancellationToken cancellationToken = default)
    {
        var heads = new List<Head>();
        foreach (var group in rows.GroupBy(r => r.Language).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var list = group.ToList();
            if (list.Count(r => r.Empathetic) < 5 || list.Count(r => !r.Empathetic) < 5)
            {
                throw new ArgumentException($"language '{group.Key}': {list.Count(r => r.Empathetic)} empathetic and {list.Count(r => !r.Empathetic)} other sentences; the model needs at least 5 of each");
            }

            heads.Add(TrainHead(list, group.Key, null, null, options, cancellationToken));
            if (embedder is not null && embedder.Languages.Contains(group.Key))
            {
                var vectors = embedder.Embed(list.Select(r => r.Text).ToList(), cancellationToken);
                heads.Add(TrainHead(list, group.Key, embedder.Name, vectors, options, cancellationToken));
            }
        }

        return new EmpathyModel(options.Bits, trainedOn, heads, embedder);
    }

    /// <summary>The team's rule for holding sentences out: per language, one fifth chosen by a seeded shuffle (seed 25) before any training.</summary>
    public static (List<LabelledSentence> Train, List<LabelledSentence> HeldOut) HoldOut(IReadOnlyList<LabelledSentence> rows, int seed = 25)
    {
        var train = new List<LabelledSentence>();
        var held = new List<LabelledSentence>();
        foreach (var group in rows.GroupBy(r => r.Language).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var list = group.ToList();
            var random = new Random(seed);
            var order = Enumerable.Range(0, list.Count).ToArray();
            random.Shuffle(order);
            var heldCount = (int)Math.Round(list.Count / 5.0);
            var heldSet = order.Take(heldCount).ToHashSet();
            for (var i = 0; i < list.Count; i++)
            {
                (heldSet.Contains(i) ? held : train).Add(list[i]);
            }
        }

        return (train, held);
    }

    /// <summary>Precision, recall and F1 of the empathetic class.</summary>
    public static (double Precision, double Recall, double F1, int TruePositives, int FalsePositives, int FalseNegatives, int TrueNegatives) Score(IEnumerable<(bool Predicted, bool Actual)> pairs)
    {
        int tp = 0, fp = 0, fn = 0, tn = 0;
        foreach (var (predicted, actual) in pairs)
        {
            _ = (predicted, actual) switch
            {
                (true, true) => tp++,
                (true, false) => fp++,
                (false, true) => fn++,
                _ => tn++,
            };
        }

        var precision = tp + fp == 0 ? 0 : (double)tp / (tp + fp);
        var recall = tp + fn == 0 ? 0 : (double)tp / (tp + fn);
        return (precision, recall, precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall), tp, fp, fn, tn);
    }

    public void Save(Stream stream)
    {
        var manifest = new Manifest(1, Bits, TrainedOn, _heads.Select(h => h.ToStored()).ToList());
        JsonSerializer.Serialize(stream, manifest, Json);
    }

    public static EmpathyModel Load(Stream stream, string name = "empathy model")
    {
        Manifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<Manifest>(stream, Json) ?? throw new FormatException($"{name}: empty");
        }
        catch (JsonException e)
        {
            throw new FormatException($"{name}: not an empathy model ({e.Message})", e);
        }

        if (manifest.Version != 1 || manifest.Heads is null || manifest.Heads.Count == 0)
        {
            throw new FormatException($"{name}: expected version 1 with at least one head");
        }

        return new EmpathyModel(manifest.Bits, manifest.TrainedOn ?? string.Empty, manifest.Heads.Select(h => Head.FromStored(h, manifest.Bits, name)).ToList(), null);
    }

    private Head? HeadFor(string language)
    {
        var withEmbedding = _embedder is null ? null : _heads.FirstOrDefault(h => h.Info.Language == language && h.Info.Embedding == _embedder.Name);
        return withEmbedding ?? _heads.FirstOrDefault(h => h.Info.Language == language && h.Info.Embedding is null);
    }

    private static Head TrainHead(List<LabelledSentence> rows, string language, string? embedding, float[][]? vectors, EmpathyTrainingOptions options, CancellationToken cancellationToken)
    {
        string[] classes = [EmpathyKinds.None, .. EmpathyKinds.All];
        var docs = rows.Select((r, i) => Features(r.Text, language, options.Bits, vectors?[i], options.EmbeddingScale).Features).ToList();
        var labels = rows.Select(r => r.Empathetic ? Math.Max(1, Array.IndexOf(classes, r.Kind ?? string.Empty)) : 0).ToArray();
        var dimensions = (1 << options.Bits) + (vectors?[0].Length ?? 0);

        // Cross-validated scores: each row scored by a head that did not see it.
        var folds = Enumerable.Range(0, rows.Count).Select(i => i % options.Folds).ToArray();
        new Random(options.Seed).Shuffle(folds);
        var oof = new double[rows.Count];
        for (var f = 0; f < options.Folds; f++)
        {
            var trainIdx = Enumerable.Range(0, rows.Count).Where(i => folds[i] != f).ToList();
            var (w, b) = Softmax.Fit(trainIdx.Select(i => docs[i]).ToList(), trainIdx.Select(i => labels[i]).ToArray(), classes.Length, dimensions, options, cancellationToken);
            foreach (var i in Enumerable.Range(0, rows.Count).Where(i => folds[i] == f))
            {
                oof[i] = 1 - Softmax.Probabilities(w, b, docs[i])[0];
            }
        }

        var actual = rows.Select(r => r.Empathetic).ToArray();
        var (a, c) = Platt(oof, actual);
        var calibrated = oof.Select(s => Calibrated(a, c, s)).ToArray();
        // The threshold with the best cross-validated F1 around it (±0.05, so one lucky row does not move it), kept
        // within 0.3–0.7 of a calibrated probability.
        double F1At(double t) => Score(calibrated.Select((s, i) => (s >= t, actual[i]))).F1;
        var threshold = Enumerable.Range(30, 41).Select(t => t / 100.0)
            .OrderByDescending(t => Enumerable.Range(-5, 11).Average(d => F1At(t + d / 100.0))).ThenBy(t => Math.Abs(t - 0.5)).First();
        var f1 = F1At(threshold);
        var (weights, bias) = Softmax.Fit(docs, labels, classes.Length, dimensions, options, cancellationToken);
        var info = new EmpathyLanguageInfo(language, embedding, rows.Count, rows.Count(r => r.Empathetic), threshold, Math.Round(f1, 4));
        return new Head(info, classes, weights, bias, a, c, embedding is null ? 0 : options.EmbeddingScale);
    }

    /// <summary>Fits p = σ(a·logit(s) + c) to the labels by Newton's method (Platt scaling with Platt's target smoothing).</summary>
    private static (double A, double C) Platt(double[] scores, bool[] actual)
    {
        int positives = actual.Count(x => x), negatives = actual.Length - positives;
        var hi = (positives + 1.0) / (positives + 2.0);
        var lo = 1.0 / (negatives + 2.0);
        var x = scores.Select(Logit).ToArray();
        var t = actual.Select(y => y ? hi : lo).ToArray();
        double a = 1, c = 0;
        for (var iteration = 0; iteration < 50; iteration++)
        {
            double ga = 0, gc = 0, haa = 1e-9, hac = 0, hcc = 1e-9;
            for (var i = 0; i < x.Length; i++)
            {
                var p = 1 / (1 + Math.Exp(-(a * x[i] + c)));
                var d = p - t[i];
                var w = p * (1 - p);
                ga += d * x[i];
                gc += d;
                haa += w * x[i] * x[i];
                hac += w * x[i];
                hcc += w;
            }

            var det = haa * hcc - hac * hac;
            if (Math.Abs(det) < 1e-12)
            {
                break;
            }

            var da = (hcc * ga - hac * gc) / det;
            var dc = (haa * gc - hac * ga) / det;
            a -= da;
            c -= dc;
            if (Math.Abs(da) + Math.Abs(dc) < 1e-9)
            {
                break;
            }
        }

        return a > 0 ? (a, c) : (1, 0);
    }

    private static double Logit(double p)
    {
        p = Math.Clamp(p, 1e-6, 1 - 1e-6);
        return Math.Log(p / (1 - p));
    }

    private static double Calibrated(double a, double c, double score) => 1 / (1 + Math.Exp(-(a * Logit(score) + c)));

    /// <summary>
    /// A sentence's features: its words, stems and word pairs (hashed), its empathy phrase tags and the pairs of tags
    /// that change what a phrase means, whether it asks, how long it is, and — when given — its embedding.
    /// </summary>
    internal static ((int Index, float Value)[] Features, IReadOnlyList<PhraseEvidence> Evidence) Features(string text, string language, int bits, float[]? embedding, double embeddingScale)
    {
        var mask = (1 << bits) - 1;
        var set = new Dictionary<int, float>();
        void Add(string kind, string value) => set[(int)(FeatureHash.Of(kind + "\u0001" + value) & (uint)mask)] = 1f;

        var tokens = TextNormalizer.Tokens(text, language);
        string? previous = null;
        foreach (var token in tokens)
        {
            var form = token.Ascii;
            Add("w", form);
            if (form.Length > 5)
            {
                Add("p", form[..5]);
            }

            Add("b", (previous ?? "^") + " " + form);
            previous = form;
        }

        if (previous is not null)
        {
            Add("b", previous + " $");
        }

        var found = Phrases.Value.Find(text, tokens, language);
        var other = found.Where(e => e.Tag == "other").ToList();
        var evidence = found.Where(e => e.Tag == "other" || !other.Any(o => e.Start >= o.Start && e.Start + e.Length <= o.Start + o.Length)).ToList();
        var tags = evidence.Select(e => e.Tag).ToHashSet(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            Add("t", tag);
        }

        // A softener before "but" or a refusal, a formula alone, a kind phrase in a question: pairs of tags.
        foreach (var first in tags)
        {
            foreach (var second in tags.Where(t => string.CompareOrdinal(first, t) < 0))
            {
                Add("tt", first + "+" + second);
            }
        }

        var sorryAt = evidence.Where(e => e.Tag is "sorry" or "ack").Select(e => e.Start).DefaultIfEmpty(int.MaxValue).Min();
        if (evidence.Any(e => e.Tag is "contrast" or "refuse" && e.Start > sorryAt))
        {
            Add("t", "softener-then-no");
        }

        if (text.TrimEnd().EndsWith('?') || text.TrimEnd().EndsWith('؟'))
        {
            Add("t", "question");
        }

        Add("n", tokens.Count switch { <= 2 => "1-2", <= 5 => "3-5", <= 10 => "6-10", _ => "11+" });
        if (tags.Count == 0)
        {
            Add("t", "no-phrase");
        }

        var norm = set.Count == 0 ? 1f : (float)(1 / Math.Sqrt(set.Count));
        var features = set.Select(p => (p.Key, p.Value * norm));
        if (embedding is not null)
        {
            var offset = 1 << bits;
            features = features.Concat(embedding.Select((v, i) => (offset + i, (float)(v * embeddingScale))));
        }

        return (features.ToArray(), evidence);
    }

    private sealed class Head(EmpathyLanguageInfo info, string[] classes, float[][] weights, float[] bias, double plattA, double plattC, double embeddingScale)
    {
        public EmpathyLanguageInfo Info { get; } = info;

        public string[] Classes { get; } = classes;

        public double EmbeddingScale { get; } = embeddingScale;

        public double[] Probabilities((int Index, float Value)[] features) => Softmax.Probabilities(weights, bias, features);

        public double Calibrate(double score) => Calibrated(plattA, plattC, score);

        public StoredHead ToStored()
        {
            // Only the weights that are not zero (most hashed slots never saw a word): per class, indices and values.
            var indices = weights.Select(w => Enumerable.Range(0, w.Length).Where(i => MathF.Round(w[i], 5) != 0).ToArray()).ToList();
            var values = weights.Select((w, k) => indices[k].Select(i => MathF.Round(w[i], 5)).ToArray()).ToList();
            return new StoredHead(Info.Language, Info.Embedding, Info.Rows, Info.Empathetic, Info.Threshold, Info.CrossValidatedF1, Classes, weights[0].Length, indices, values, bias, plattA, plattC, EmbeddingScale);
        }

        public static Head FromStored(StoredHead stored, int bits, string name)
        {
            var classes = stored.Classes?.Length ?? 0;
            if (stored.Classes is null || stored.Indices is null || stored.Values is null || stored.Bias is null || stored.Indices.Count != classes || stored.Values.Count != classes
                || stored.Bias.Length != classes || stored.Classes[0] != EmpathyKinds.None || stored.Dimensions < 1 << bits)
            {
                throw new FormatException($"{name}: the head for '{stored.Language}' is not complete");
            }

            var weights = new float[classes][];
            for (var k = 0; k < classes; k++)
            {
                weights[k] = new float[stored.Dimensions];
                if (stored.Indices[k].Length != stored.Values[k].Length)
                {
                    throw new FormatException($"{name}: class '{stored.Classes[k]}' of '{stored.Language}' has {stored.Indices[k].Length} indices and {stored.Values[k].Length} weights");
                }

                for (var j = 0; j < stored.Indices[k].Length; j++)
                {
                    var i = stored.Indices[k][j];
                    if (i < 0 || i >= stored.Dimensions)
                    {
                        throw new FormatException($"{name}: weight {i} of '{stored.Language}' is outside its {stored.Dimensions} features");
                    }

                    weights[k][i] = stored.Values[k][j];
                }
            }

            return new Head(new EmpathyLanguageInfo(stored.Language, stored.Embedding, stored.Rows, stored.Empathetic, stored.Threshold, stored.CrossValidatedF1),
                stored.Classes, weights, stored.Bias, stored.PlattA, stored.PlattC, stored.EmbeddingScale);
        }
    }

    private sealed record Manifest(int Version, int Bits, string? TrainedOn, List<StoredHead> Heads);

    private sealed record StoredHead(
        string Language, string? Embedding, int Rows, int Empathetic, double Threshold, double CrossValidatedF1,
        string[] Classes, int Dimensions, List<int[]> Indices, List<float[]> Values, float[] Bias, double PlattA, double PlattC, double EmbeddingScale);

    /// <summary>Multinomial logistic regression with weight decay, fitted by full-batch Adam (the sets are small).</summary>
    private static class Softmax
    {
        public static (float[][] Weights, float[] Bias) Fit(List<(int Index, float Value)[]> docs, int[] labels, int classes, int dimensions, EmpathyTrainingOptions options, CancellationToken cancellationToken)
        {
            var w = Enumerable.Range(0, classes).Select(_ => new float[dimensions]).ToArray();
            var b = new float[classes];
            var m = Enumerable.Range(0, classes).Select(_ => new float[dimensions]).ToArray();
            var v = Enumerable.Range(0, classes).Select(_ => new float[dimensions]).ToArray();
            var mb = new float[classes];
            var vb = new float[classes];
            var used = docs.SelectMany(d => d.Select(f => f.Index)).Distinct().Order().ToArray();
            var g = Enumerable.Range(0, classes).Select(_ => new float[dimensions]).ToArray();
            var gb = new float[classes];
            const double beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8;
            for (var t = 1; t <= options.Iterations; t++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var row in g)
                {
                    foreach (var i in used)
                    {
                        row[i] = 0;
                    }
                }

                Array.Clear(gb);
                for (var d = 0; d < docs.Count; d++)
                {
                    var p = Probabilities(w, b, docs[d]);
                    for (var k = 0; k < classes; k++)
                    {
                        var err = (float)((p[k] - (labels[d] == k ? 1 : 0)) / docs.Count);
                        gb[k] += err;
                        foreach (var (i, x) in docs[d])
                        {
                            g[k][i] += err * x;
                        }
                    }
                }

                var step = options.LearningRate * Math.Sqrt(1 - Math.Pow(beta2, t)) / (1 - Math.Pow(beta1, t));
                for (var k = 0; k < classes; k++)
                {
                    foreach (var i in used)
                    {
                        var grad = g[k][i] + (float)options.L2 * w[k][i];
                        m[k][i] = (float)(beta1 * m[k][i] + (1 - beta1) * grad);
                        v[k][i] = (float)(beta2 * v[k][i] + (1 - beta2) * grad * grad);
                        w[k][i] -= (float)(step * m[k][i] / (Math.Sqrt(v[k][i]) + epsilon));
                    }

                    mb[k] = (float)(beta1 * mb[k] + (1 - beta1) * gb[k]);
                    vb[k] = (float)(beta2 * vb[k] + (1 - beta2) * gb[k] * gb[k]);
                    b[k] -= (float)(step * mb[k] / (Math.Sqrt(vb[k]) + epsilon));
                }
            }

            return (w, b);
        }

        public static double[] Probabilities(float[][] w, float[] b, (int Index, float Value)[] features)
        {
            var z = new double[w.Length];
            for (var k = 0; k < w.Length; k++)
            {
                double sum = b[k];
                foreach (var (i, x) in features)
                {
                    sum += w[k][i] * x;
                }

                z[k] = sum;
            }

            var max = z.Max();
            var total = 0.0;
            for (var k = 0; k < z.Length; k++)
            {
                z[k] = Math.Exp(z[k] - max);
                total += z[k];
            }

            for (var k = 0; k < z.Length; k++)
            {
                z[k] /= total;
            }

            return z;
        }
    }
}
