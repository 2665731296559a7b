using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace Wfm.Core.Conversations;

/// <summary>A message with its label, for training and evaluation.</summary>
public sealed record LabelledText(string Text, bool Abusive, string? Language = null);

/// <summary>How a language's weights are fitted.</summary>
public enum AbuseSolver
{
    /// <summary>Both below; the one with the better macro-F1 on the held-out share is kept.</summary>
    Auto,

    /// <summary>Logistic regression by AdaGrad, features seen fewer than <see cref="AbuseTrainingOptions.MinCount"/> times left out.</summary>
    LogisticRegression,

    /// <summary>A linear SVM (squared hinge loss, L2) solved exactly by dual coordinate descent (Hsieh et al. 2008, LIBLINEAR's method).</summary>
    Svm,
}

/// <summary>Training settings; the defaults are the ones the shipped model was trained with.</summary>
public sealed record AbuseTrainingOptions(int Bits = 20, int Epochs = 6, double LearningRate = 0.25, double L2 = 1e-5, int Seed = 42, double ValidationShare = 0.1, bool NaiveBayesScaling = true, bool BalancedThreshold = false, int MinCount = 10)
{
    public AbuseSolver Solver { get; init; } = AbuseSolver.Auto;

    /// <summary>The SVM's cost of a margin error (C), before the class weights.</summary>
    public double SvmCost { get; init; } = 3;

    /// <summary>Features seen in fewer messages than this are left out of the SVM (it needs no more: its margin keeps rare features small).</summary>
    public int SvmMinCount { get; init; } = 1;

    /// <summary>The SVM stops when no dual variable's projected gradient exceeds this, or after <see cref="SvmMaxPasses"/> passes.</summary>
    public double SvmTolerance { get; init; } = 0.01;

    public int SvmMaxPasses { get; init; } = 30;
}

/// <summary>What one language's classifier learned from, and how it decides.</summary>
public sealed record AbuseLanguageModel(string Language, int Rows, int Abusive, double Threshold, AbuseSeverity LexiconFloor, double ValidationMacroF1, AbuseSolver Solver = AbuseSolver.LogisticRegression);

/// <summary>
/// A linear classifier on hashed character n-grams (2–5, at word edges), words, word pairs and the
/// lexicon's findings, scaled by naive-Bayes log-count ratios; one weight vector per language, fitted as
/// logistic regression or a linear SVM (whichever does better on a held-out share), with class weights
/// so the rare class counts as much as the common one. Persisted as a zip: model.json and one weights file per language.
/// </summary>
public sealed class AbuseModel
{
    private const string ResourceName = "Wfm.Core.Conversations.abuse-default.zip";
    private static readonly Lazy<AbuseModel?> DefaultModel = new(LoadDefault);
    private readonly Dictionary<string, (float[] Weights, float Bias, AbuseLanguageModel Info)> _languages;

    private AbuseModel(int bits, string trainedOn, Dictionary<string, (float[] Weights, float Bias, AbuseLanguageModel Info)> languages)
    {
        Bits = bits;
        TrainedOn = trainedOn;
        _languages = languages;
    }

    /// <summary>The model that ships with Wfm (English and Turkish, from openly licensed sets; see docs/accuracy.md), or null when none is embedded.</summary>
    public static AbuseModel? Default => DefaultModel.Value;

    /// <summary>
    /// The features' version, saved with every model: 2 added the words glued inside hashtags and whom the message is
    /// aimed at (someone addressed, an @mention, the writer, nobody) alone and with each lexicon finding. A model of
    /// another version is refused.
    /// </summary>
    public const int FeatureVersion = 2;

    public int Bits { get; }

    /// <summary>Where the training data came from (free text, shown to users).</summary>
    public string TrainedOn { get; }

    public IReadOnlyList<AbuseLanguageModel> Languages => _languages.Values.Select(l => l.Info).OrderBy(l => l.Language, StringComparer.Ordinal).ToList();

    public AbuseLanguageModel? For(string language) => _languages.TryGetValue(language, out var l) ? l.Info : null;

    /// <summary>This model without <paramref name="languages"/> (each kept language's weights as they were).</summary>
    public AbuseModel Without(IEnumerable<string> languages)
    {
        var drop = languages.ToHashSet(StringComparer.Ordinal);
        return new AbuseModel(Bits, TrainedOn, _languages.Where(p => !drop.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));
    }

    /// <summary>This model, plus the languages of <paramref name="other"/> it lacks (a Persian-only retrain keeps the shipped English and Turkish).</summary>
    public AbuseModel With(AbuseModel other)
    {
        if (other.Bits != Bits)
        {
            return this;
        }

        var languages = new Dictionary<string, (float[] Weights, float Bias, AbuseLanguageModel Info)>(_languages, StringComparer.Ordinal);
        foreach (var (language, model) in other._languages)
        {
            languages.TryAdd(language, model);
        }

        return new AbuseModel(Bits, languages.Count == _languages.Count ? TrainedOn : $"{TrainedOn}; other languages: {other.TrainedOn}", languages);
    }

    /// <summary>The probability that the message is abusive, or null when the model has no weights for the language.</summary>
    public double? Score(string text, string language, IReadOnlyList<TextToken> tokens, IReadOnlyList<AbuseEvidence> lexicon)
    {
        if (!_languages.TryGetValue(language, out var model))
        {
            return null;
        }

        var features = Featurizer.Extract(text, tokens, lexicon, Bits, language);
        double z = model.Bias;
        foreach (var (index, value) in features)
        {
            z += model.Weights[index] * value;
        }

        return Sigmoid(z);
    }

    /// <summary>
    /// How much each word itself (not its letter sequences) pushes the message towards abusive, at the
    /// message's scale: the classifier may only flag a message with a word it has learned is abusive, so
    /// "assistant" or "Sikkim" are not flagged for looking like one.
    /// </summary>
    public IReadOnlyList<double> WordContributions(string text, string language, IReadOnlyList<TextToken> tokens, IReadOnlyList<AbuseEvidence> lexicon)
    {
        if (!_languages.TryGetValue(language, out var model))
        {
            return new double[tokens.Count];
        }

        var scale = Featurizer.Extract(text, tokens, lexicon, Bits, language) is { Length: > 0 } all ? all[0].Value : 0f;
        return tokens.Select(t => Featurizer.Extract(text, [t], [], Bits, language, wordOnly: true).Sum(f => (double)model.Weights[f.Index] * scale)).ToArray();
    }

    /// <summary>
    /// Trains one classifier per language found in <paramref name="rows"/> (a row without a language is
    /// detected). A stratified share is held out to pick the decision threshold and whether the lexicon's
    /// medium or high findings decide on their own; the final weights are then trained on every row.
    /// </summary>
    /// <param name="done">The share of the work done (0–1), by rows featurized and fitted.</param>
    public static AbuseModel Train(
        IEnumerable<LabelledText> rows, string trainedOn, AbuseLexicon? lexicon = null, AbuseTrainingOptions? options = null, IProgress<string>? progress = null,
        IProgress<double>? done = null)
    {
        options ??= new AbuseTrainingOptions();
        if (options.Bits is < 12 or > 24)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Bits, "bits must be 12 to 24");
        }

        lexicon ??= AbuseLexicon.Default;
        var languages = new Dictionary<string, (float[] Weights, float Bias, AbuseLanguageModel Info)>(StringComparer.Ordinal);
        var groups = rows.GroupBy(r => r.Language ?? LanguageDetector.Detect(r.Text)).Select(g => (g.Key, Rows: g.ToList())).ToList();
        var solverCount = options.Solver == AbuseSolver.Auto ? 2 : 1;
        // Work in row passes: featurizing, each solver's fit on the training share, the final fit.
        var total = Math.Max(1.0, groups.Sum(g => g.Rows.Count) * (2.0 + solverCount));
        var passes = 0.0;
        void Did(int rowCount)
        {
            passes += rowCount;
            done?.Report(passes / total);
        }

        foreach (var (language, group) in groups)
        {
            var docs = group.Select(r =>
            {
                var tokens = TextNormalizer.Tokens(r.Text, language);
                var hits = lexicon.Find(r.Text, tokens, language);
                return new Doc(Featurizer.Extract(r.Text, tokens, hits, options.Bits, language), r.Abusive, hits.Count == 0 ? AbuseSeverity.None : hits.Max(h => h.Severity));
            }).ToArray();
            var positives = docs.Count(d => d.Abusive);
            if (positives == 0 || positives == docs.Length)
            {
                throw new ArgumentException($"language '{language}': the training rows must hold both abusive and non-abusive examples ({positives} of {docs.Length} abusive)");
            }

            Did(docs.Length);
            var (train, validation) = StratifiedSplit(docs, d => d.Abusive, options.ValidationShare, options.Seed);
            progress?.Report($"{language}: {docs.Length} rows ({positives} abusive); choosing the solver and threshold on {validation.Count} held out");
            var solvers = options.Solver == AbuseSolver.Auto ? [AbuseSolver.LogisticRegression, AbuseSolver.Svm] : new[] { options.Solver };
            var best = (Solver: solvers[0], Threshold: 0.5, Floor: AbuseSeverity.High, F1: -1.0, Scale: (A: 1.0, B: 0.0));
            foreach (var solver in solvers)
            {
                var (weights, bias) = Fit(train, options, solver);
                Did(docs.Length);
                var margins = validation.Select(d => Dot(weights, bias, d.Features)).ToList();
                // An SVM's margins are not probabilities: Platt scaling on the held-out rows maps them onto
                // the logistic scale, so its scores (and the words' evidence) read like the regression's.
                var scale = solver == AbuseSolver.Svm ? PlattScale(margins, validation.Select(d => d.Abusive).ToList()) : (A: 1.0, B: 0.0);
                var scored = validation.Select((d, i) => (Score: Sigmoid((scale.A * margins[i]) + scale.B), d.Abusive, d.Lexicon)).ToList();
                // Threats, harassment and slurs (high) always decide: they are too rare in training sets for a
                // classifier to learn, and never harmless. Whether medium findings decide too is chosen here.
                foreach (var floor in new[] { AbuseSeverity.High, AbuseSeverity.Medium })
                {
                    var sweep = Enumerable.Range(5, 91).Select(k => k / 100.0)
                        .Select(t => (T: t, F1: MacroF1(scored.Select(s => (Predicted: s.Score >= t || s.Lexicon >= floor, Actual: s.Abusive)), options.BalancedThreshold)))
                        .ToList();
                    var top = sweep.Max(x => x.F1);
                    if (top > best.F1 + 1e-9)
                    {
                        // The middle of the best run of thresholds, not its edge: separable held-out rows score
                        // the same from 0.05 to 0.95, and a threshold at the edge would flag everything.
                        var first = sweep.FindIndex(x => x.F1 >= top - 1e-9);
                        var last = first;
                        while (last + 1 < sweep.Count && sweep[last + 1].F1 >= top - 1e-9)
                        {
                            last++;
                        }

                        best = (solver, sweep[(first + last) / 2].T, floor, top, scale);
                    }
                }
            }

            progress?.Report($"{language}: {Describe(best.Solver)}, threshold {best.Threshold:0.00}, lexicon decides from {best.Floor}, held-out macro-F1 {best.F1:0.000}; training on all rows");
            var (finalWeights, finalBias) = Fit(docs, options, best.Solver);
            Did(docs.Length);
            if (best.Solver == AbuseSolver.Svm)
            {
                for (var j = 0; j < finalWeights.Length; j++)
                {
                    finalWeights[j] = (float)(finalWeights[j] * best.Scale.A);
                }

                finalBias = (float)((finalBias * best.Scale.A) + best.Scale.B);
            }
            languages[language] = (finalWeights, finalBias, new AbuseLanguageModel(language, docs.Length, positives, Math.Round(best.Threshold, 2), best.Floor, Math.Round(best.F1, 4), best.Solver));
        }

        if (languages.Count == 0)
        {
            throw new ArgumentException("no training rows");
        }

        return new AbuseModel(options.Bits, trainedOn, languages);
    }

    /// <summary>Macro-F1 (the mean of the abusive and the non-abusive class's F1) of predictions.</summary>
    /// <param name="balanced">Weigh the classes equally, as if half the messages were abusive, so the result does not depend on the set's share of abuse.</param>
    public static double MacroF1(IEnumerable<(bool Predicted, bool Actual)> pairs, bool balanced = false)
    {
        var list = pairs as IReadOnlyCollection<(bool Predicted, bool Actual)> ?? pairs.ToList();
        var positives = list.Count(p => p.Actual);
        var (wp, wn) = balanced && positives > 0 && positives < list.Count ? (1.0 / positives, 1.0 / (list.Count - positives)) : (1.0, 1.0);
        double tp = 0, fp = 0, fn = 0, tn = 0;
        foreach (var (p, a) in list)
        {
            switch (p, a)
            {
                case (true, true): tp += wp; break;
                case (true, false): fp += wn; break;
                case (false, true): fn += wp; break;
                default: tn += wn; break;
            }
        }

        static double F1(double truePositive, double falsePositive, double falseNegative) =>
            truePositive == 0 ? 0 : 2.0 * truePositive / ((2.0 * truePositive) + falsePositive + falseNegative);
        return (F1(tp, fp, fn) + F1(tn, fn, fp)) / 2;
    }

    /// <summary>Splits rows keeping the share of each class in both parts; the same seed gives the same split.</summary>
    public static (List<T> Train, List<T> Test) StratifiedSplit<T>(IReadOnlyList<T> rows, Func<T, bool> label, double testShare, int seed)
    {
        var random = new Random(seed);
        var train = new List<T>();
        var test = new List<T>();
        foreach (var group in rows.GroupBy(label))
        {
            var items = group.ToArray();
            random.Shuffle(items);
            var cut = (int)Math.Round(items.Length * testShare);
            test.AddRange(items[..cut]);
            train.AddRange(items[cut..]);
        }

        return (train, test);
    }

    public void Save(Stream stream)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        var manifest = new Manifest(FeatureVersion, Bits, TrainedOn, _languages.Values.Select(l => new ManifestLanguage(
            l.Info.Language, l.Bias, l.Info.Threshold, l.Info.LexiconFloor.ToString(), l.Info.Rows, l.Info.Abusive, l.Info.ValidationMacroF1, l.Info.Solver.ToString())).ToList());
        using (var entry = zip.CreateEntry("model.json", CompressionLevel.Optimal).Open())
        {
            JsonSerializer.Serialize(entry, manifest, ManifestJson);
        }

        foreach (var (language, (weights, _, _)) in _languages)
        {
            using var entry = new BinaryWriter(zip.CreateEntry($"weights-{language}.bin", CompressionLevel.Optimal).Open());
            foreach (var w in weights)
            {
                entry.Write((Half)w);
            }
        }
    }

    /// <summary>Reads a model saved by <see cref="Save"/>; a file that is not one is refused saying why.</summary>
    public static AbuseModel Load(Stream stream, string name = "model")
    {
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            var manifestEntry = zip.GetEntry("model.json") ?? throw new InvalidDataException($"{name}: not a Wfm abuse model (no model.json inside)");
            Manifest manifest;
            using (var s = manifestEntry.Open())
            {
                manifest = JsonSerializer.Deserialize<Manifest>(s, ManifestJson) ?? throw new InvalidDataException($"{name}: model.json is empty");
            }

            if (manifest.Version is > 0 and < FeatureVersion)
            {
                throw new InvalidDataException($"{name}: trained by an earlier Wfm on features this one no longer makes (model version {manifest.Version}, now {FeatureVersion}); train it again with `wfm abuse train`");
            }

            if (manifest.Version != FeatureVersion || manifest.Bits is < 12 or > 24)
            {
                throw new InvalidDataException($"{name}: model version {manifest.Version} with {manifest.Bits} bits is not one this Wfm reads");
            }

            var languages = new Dictionary<string, (float[] Weights, float Bias, AbuseLanguageModel Info)>(StringComparer.Ordinal);
            foreach (var l in manifest.Languages)
            {
                var entry = zip.GetEntry($"weights-{l.Language}.bin") ?? throw new InvalidDataException($"{name}: weights for '{l.Language}' are missing");
                var weights = new float[1 << manifest.Bits];
                using var reader = new BinaryReader(entry.Open());
                for (var i = 0; i < weights.Length; i++)
                {
                    weights[i] = (float)reader.ReadHalf();
                }

                var floor = Enum.TryParse<AbuseSeverity>(l.LexiconFloor, out var f) ? f : AbuseSeverity.None;
                var solver = Enum.TryParse<AbuseSolver>(l.Solver, out var fitted) ? fitted : AbuseSolver.LogisticRegression;
                languages[l.Language] = (weights, l.Bias, new AbuseLanguageModel(l.Language, l.Rows, l.Abusive, l.Threshold, floor, l.ValidationMacroF1, solver));
            }

            return new AbuseModel(manifest.Bits, manifest.TrainedOn, languages);
        }
        catch (Exception ex) when (ex is InvalidDataException or JsonException or EndOfStreamException)
        {
            throw new InvalidDataException(ex.Message.StartsWith(name, StringComparison.Ordinal) ? ex.Message : $"{name}: not a readable Wfm abuse model ({ex.Message})", ex);
        }
    }

    private static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private static AbuseModel? LoadDefault()
    {
        using var stream = typeof(AbuseModel).Assembly.GetManifestResourceStream(ResourceName);
        return stream is null ? null : Load(stream, "the default abuse model");
    }

    /// <summary>
    /// Platt (1999) scaling: the a and b for which sigmoid(a·margin + b) best fits the labels (by Newton's
    /// method on the log-loss), with Platt's smoothed targets so that separable rows still give finite values.
    /// </summary>
    private static (double A, double B) PlattScale(List<double> margins, List<bool> labels)
    {
        double positives = labels.Count(l => l), negatives = labels.Count - positives;
        double high = (positives + 1) / (positives + 2), low = 1 / (negatives + 2);
        double a = 1, b = 0;
        for (var iteration = 0; iteration < 100; iteration++)
        {
            double ga = 0, gb = 0, haa = 1e-9, hab = 0, hbb = 1e-9;
            for (var i = 0; i < margins.Count; i++)
            {
                var p = Sigmoid((a * margins[i]) + b);
                var error = p - (labels[i] ? high : low);
                var w = p * (1 - p);
                ga += error * margins[i];
                gb += error;
                haa += w * margins[i] * margins[i];
                hab += w * margins[i];
                hbb += w;
            }

            var determinant = (haa * hbb) - (hab * hab);
            if (determinant <= 0)
            {
                break;
            }

            var da = ((hbb * ga) - (hab * gb)) / determinant;
            var db = ((haa * gb) - (hab * ga)) / determinant;
            a -= da;
            b -= db;
            if (Math.Abs(da) + Math.Abs(db) < 1e-9)
            {
                break;
            }
        }

        // A margin that does not separate at all would give a ≤ 0; keep the SVM's own scale then.
        return a > 0 ? (a, b) : (1, 0);
    }

    private static string Describe(AbuseSolver solver) => solver == AbuseSolver.Svm ? "linear SVM" : "logistic regression";

    private static (float[] Weights, float Bias) Fit(IReadOnlyList<Doc> docs, AbuseTrainingOptions options, AbuseSolver solver)
    {
        var size = 1 << options.Bits;
        var positives = docs.Count(d => d.Abusive);
        var weightPositive = docs.Count / (2.0 * positives);
        var weightNegative = docs.Count / (2.0 * (docs.Count - positives));
        var ratio = Ratios(docs, size, options.NaiveBayesScaling, solver == AbuseSolver.Svm ? options.SvmMinCount : options.MinCount);
        var (weights, bias) = solver == AbuseSolver.Svm
            ? FitSvm(docs, ratio, options, weightPositive, weightNegative)
            : FitLogistic(docs, ratio, options, weightPositive, weightNegative);

        // The ratios are folded into the weights, so scoring is the plain dot product.
        for (var j = 0; j < size; j++)
        {
            weights[j] *= ratio[j];
        }

        return (weights, bias);
    }

    /// <summary>
    /// Naive-Bayes log-count ratios scale each feature by how much more often it appears in abusive
    /// messages (Wang &amp; Manning 2012). Features seen in fewer than <paramref name="minCount"/> messages
    /// get 0: they are names and typos a model would otherwise learn by heart ("Sikkim" from one abusive tweet).
    /// </summary>
    private static float[] Ratios(IReadOnlyList<Doc> docs, int size, bool naiveBayes, int minCount)
    {
        var ratio = new float[size];
        if (!naiveBayes)
        {
            Array.Fill(ratio, 1f);
            return ratio;
        }

        var inPositive = new double[size];
        var inNegative = new double[size];
        foreach (var doc in docs)
        {
            var counts = doc.Abusive ? inPositive : inNegative;
            foreach (var (index, _) in doc.Features)
            {
                counts[index] += 1;
            }
        }

        double positiveTotal = inPositive.Sum() + size, negativeTotal = inNegative.Sum() + size;
        for (var j = 0; j < size; j++)
        {
            ratio[j] = inPositive[j] + inNegative[j] < minCount ? 0f
                : (float)Math.Log(((inPositive[j] + 1) / positiveTotal) / ((inNegative[j] + 1) / negativeTotal));
        }

        return ratio;
    }

    private static (float[] Weights, float Bias) FitLogistic(IReadOnlyList<Doc> docs, float[] ratio, AbuseTrainingOptions options, double weightPositive, double weightNegative)
    {
        var weights = new float[ratio.Length];
        var squares = new float[ratio.Length];
        double bias = 0, biasSquares = 0;
        var order = Enumerable.Range(0, docs.Count).ToArray();
        var random = new Random(options.Seed);
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var i in order)
            {
                var doc = docs[i];
                var z = bias;
                foreach (var (index, value) in doc.Features)
                {
                    z += weights[index] * value * ratio[index];
                }

                var p = Sigmoid(z);
                var gradient = (p - (doc.Abusive ? 1 : 0)) * (doc.Abusive ? weightPositive : weightNegative);
                foreach (var (index, value) in doc.Features)
                {
                    var g = (gradient * value * ratio[index]) + (options.L2 * weights[index]);
                    squares[index] += (float)(g * g);
                    weights[index] -= (float)(options.LearningRate * g / (Math.Sqrt(squares[index]) + 1e-8));
                }

                biasSquares += gradient * gradient;
                bias -= options.LearningRate * gradient / (Math.Sqrt(biasSquares) + 1e-8);
            }
        }

        return (weights, (float)bias);
    }

    /// <summary>
    /// min ½‖w‖² + Σ Cᵢ·max(0, 1 − yᵢ·w·xᵢ)², by coordinate descent on the dual (one αᵢ per message, kept ≥ 0;
    /// w = Σ αᵢ·yᵢ·xᵢ updated as each αᵢ moves). The bias is a constant feature of value 1.
    /// </summary>
    private static (float[] Weights, float Bias) FitSvm(IReadOnlyList<Doc> docs, float[] ratio, AbuseTrainingOptions options, double weightPositive, double weightNegative)
    {
        var w = new double[ratio.Length];
        double b = 0;
        var alpha = new double[docs.Count];
        var diagonal = new double[docs.Count];
        for (var i = 0; i < docs.Count; i++)
        {
            double squared = 1;
            foreach (var (index, value) in docs[i].Features)
            {
                var x = value * ratio[index];
                squared += x * x;
            }

            diagonal[i] = squared;
        }

        var order = Enumerable.Range(0, docs.Count).ToArray();
        var random = new Random(options.Seed);
        for (var pass = 0; pass < options.SvmMaxPasses; pass++)
        {
            random.Shuffle(order);
            double largest = 0;
            foreach (var i in order)
            {
                var doc = docs[i];
                var y = doc.Abusive ? 1.0 : -1.0;
                var d = 1 / (2 * options.SvmCost * (doc.Abusive ? weightPositive : weightNegative));
                var z = b;
                foreach (var (index, value) in doc.Features)
                {
                    z += w[index] * value * ratio[index];
                }

                var gradient = (y * z) - 1 + (d * alpha[i]);
                var projected = alpha[i] == 0 ? Math.Min(gradient, 0) : gradient;
                largest = Math.Max(largest, Math.Abs(projected));
                if (projected == 0)
                {
                    continue;
                }

                var old = alpha[i];
                alpha[i] = Math.Max(old - (gradient / (diagonal[i] + d)), 0);
                var step = (alpha[i] - old) * y;
                foreach (var (index, value) in doc.Features)
                {
                    w[index] += step * value * ratio[index];
                }

                b += step;
            }

            if (largest < options.SvmTolerance)
            {
                break;
            }
        }

        return (w.Select(x => (float)x).ToArray(), (float)b);
    }

    private static double Dot(float[] weights, float bias, (int Index, float Value)[] features)
    {
        double z = bias;
        foreach (var (index, value) in features)
        {
            z += weights[index] * value;
        }

        return z;
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    private sealed record Doc((int Index, float Value)[] Features, bool Abusive, AbuseSeverity Lexicon);

    private sealed record Manifest(int Version, int Bits, string TrainedOn, List<ManifestLanguage> Languages);

    private sealed record ManifestLanguage(string Language, float Bias, double Threshold, string LexiconFloor, int Rows, int Abusive, double ValidationMacroF1, string? Solver = null);
}

/// <summary>
/// Hashed features of a message: character n-grams at word edges, words, stems, word pairs, the words glued inside
/// hashtags, lexicon findings and whom they are aimed at.
/// </summary>
internal static partial class Featurizer
{
    /// <summary>Words that address the reader (second person) and the writer (first person), per language.</summary>
    private static readonly Dictionary<string, (HashSet<string> You, HashSet<string> Me)> Persons = new(StringComparer.Ordinal)
    {
        ["en"] = (["you", "your", "yours", "yourself", "u", "ur", "youre", "ya", "yall"], ["i", "me", "my", "myself", "im", "mine"]),
        ["tr"] = (["sen", "seni", "sana", "senin", "sende", "senden", "siz", "sizi", "size", "sizin", "sizde", "sizden"], ["ben", "beni", "bana", "benim", "bende", "benden"]),
        ["fa"] = (["تو", "شما", "تورو", "تورا", "بهت", "ازت", "شمارو", "شمارا"], ["من", "منو", "مرا", "بهم"]),
    };

    /// <param name="wordOnly">Only the words and their stems (no letter n-grams, pairs, symbols or length), for a word's own evidence.</param>
    public static (int Index, float Value)[] Extract(string text, IReadOnlyList<TextToken> tokens, IReadOnlyList<AbuseEvidence> lexicon, int bits, string language, bool wordOnly = false)
    {
        var mask = (1 << bits) - 1;
        var counts = new Dictionary<int, float>();
        void Add(uint hash) => counts[(int)(hash & (uint)mask)] = 1f;

        Span<char> padded = stackalloc char[66];
        string? previous = null;
        var persons = Persons.GetValueOrDefault(language);
        bool you = false, me = false;
        foreach (var token in tokens)
        {
            var form = token.Ascii.Length > 64 ? token.Ascii[..64] : token.Ascii;
            Add(Hash('w', form));
            if (token.Form != token.Ascii)
            {
                Add(Hash('f', token.Form));
            }

            // Stems: agglutinative Turkish and Persian put the meaning at the front of the word.
            if (form.Length > 5)
            {
                Add(Hash('p', form.AsSpan(0, 4)));
                Add(Hash('q', form.AsSpan(0, 5)));
            }

            // The words of a hashtag or a glued word ("#TrumpIsAnIdiot", "#dumbtrump") count as the word's own.
            foreach (var part in Glued(text, token, language))
            {
                Add(Hash('w', part));
                Add(Hash('g', part));
            }

            you |= persons.You?.Contains(token.Form) == true;
            me |= persons.Me?.Contains(token.Form) == true;
            if (previous is not null && !wordOnly)
            {
                Add(Hash('b', previous, form));
            }

            previous = form;
            if (wordOnly)
            {
                continue;
            }

            padded[0] = '<';
            form.AsSpan().CopyTo(padded[1..]);
            padded[form.Length + 1] = '>';
            var length = form.Length + 2;
            // Only n-grams at the start or end of the word: "Scunthorpe" and "Sikkim" hold no abusive
            // word at their edges, while endings and beginnings still carry stems and inflections.
            for (var n = 2; n <= 5; n++)
            {
                for (var i = 0; i + n <= length; i++)
                {
                    if (i == 0 || i + n == length)
                    {
                        Add(Hash((char)('0' + n), padded.Slice(i, n)));
                    }
                }
            }
        }
        if (wordOnly)
        {
            return counts.Select(p => (p.Key, p.Value)).ToArray();
        }

        // Emoji and symbols, and shouting.
        int upper = 0, letters = 0;
        Span<char> chars = stackalloc char[2];
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetter(rune))
            {
                letters++;
                upper += Rune.IsUpper(rune) ? 1 : 0;
            }
            else if (!Rune.IsWhiteSpace(rune) && !Rune.IsDigit(rune) && rune.Value > 0x7F)
            {
                var written = rune.EncodeToUtf16(chars);
                Add(Hash('e', chars[..written]));
            }
        }

        if (letters >= 8 && upper * 2 > letters)
        {
            Add(Hash('u', "shouting"));
        }

        // Whom the message is aimed at: someone addressed (second person, an @mention) or nobody — profanity about a
        // film scene or about oneself weighs differently from profanity at the reader.
        var mention = text.Contains('@', StringComparison.Ordinal) && MentionPattern().IsMatch(text);
        var target = you ? "you" : mention ? "mention" : me ? "self" : "nobody";
        Add(Hash('T', target));
        foreach (var e in lexicon)
        {
            Add(Hash('l', $"{e.Category}"));
            Add(Hash('s', $"{e.Severity}"));
            Add(Hash('L', $"{e.Category}|{target}"));
        }

        Add(Hash('n', tokens.Count switch { < 4 => "short", < 15 => "medium", _ => "long" }));
        var norm = (float)(1 / Math.Sqrt(counts.Count));
        return counts.Select(p => (p.Key, p.Value * norm)).ToArray();
    }

    /// <summary>
    /// The words inside a hashtag or a word glued from several: split where the letters change case ("TrumpIsAnIdiot"),
    /// or, written in one case, around a lexicon word at least four letters long at its start or end ("dumbtrump").
    /// </summary>
    private static IEnumerable<string> Glued(string text, TextToken token, string language)
    {
        if (token.End - token.Start < 7 || token.Masked)
        {
            yield break;
        }

        var start = text[token.Start] == '#' ? token.Start + 1 : token.Start;
        var hashtag = start > 0 && text[start - 1] == '#';
        var original = text.AsSpan(start, token.End - start);
        var parts = new List<string>();
        var from = 0;
        for (var i = 1; i < original.Length; i++)
        {
            if (char.IsUpper(original[i]) && char.IsLower(original[i - 1]))
            {
                parts.Add(original[from..i].ToString());
                from = i;
            }
        }

        if (parts.Count > 0)
        {
            parts.Add(original[from..].ToString());
            foreach (var part in parts)
            {
                if (TextNormalizer.Tokens(part, language) is [var word])
                {
                    yield return word.Ascii;
                }
            }

            yield break;
        }

        if (!hashtag)
        {
            yield break;
        }

        var words = AbuseLexicon.Default.Words(language);
        var whole = token.Ascii;
        for (var cut = 3; cut <= whole.Length - 3; cut++)
        {
            var (left, right) = (whole[..cut], whole[cut..]);
            if ((left.Length >= 4 && words.Contains(left)) || (right.Length >= 4 && words.Contains(right)))
            {
                yield return left;
                yield return right;
            }
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![\w.])@\w{2,}")]
    private static partial System.Text.RegularExpressions.Regex MentionPattern();

    private static uint Hash(char kind, ReadOnlySpan<char> text) => FeatureHash.Of(text, kind);

    private static uint Hash(char kind, string a, string b)
    {
        Span<char> both = stackalloc char[a.Length + b.Length + 1];
        a.AsSpan().CopyTo(both);
        both[a.Length] = ' ';
        b.AsSpan().CopyTo(both[(a.Length + 1)..]);
        return Hash(kind, both);
    }
}
