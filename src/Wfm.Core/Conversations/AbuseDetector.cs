namespace Wfm.Core.Conversations;

/// <summary>
/// The judgement on one customer message: abusive or not, the category and severity, a score from 0 to 1
/// and the evidence (spans of the message; for a classifier-only finding, the words that weighed most).
/// </summary>
public sealed record AbuseVerdict(bool Abusive, AbuseCategory Category, AbuseSeverity Severity, double Score, string Language, IReadOnlyList<AbuseEvidence> Evidence);

/// <summary>
/// Classifies customer messages (chat, email, social, voice transcript lines) in English, Turkish and
/// Persian with two layers: the curated lexicon and threat patterns, and the trained classifier where the
/// model has the language. Without a model for the language the lexicon decides alone: medium and high
/// findings count; low ones only when the message is aimed at the agent ("you", "sen", "تو").
/// </summary>
public sealed class AbuseDetector(AbuseLexicon lexicon, AbuseModel? model, double minimumWordEvidence = AbuseDetector.DefaultWordEvidence)
{
    /// <summary>
    /// A message the classifier alone calls abusive must hold a word pushing at least this much (in
    /// log-odds) towards abusive: without one, the score came from the message being short or unfamiliar.
    /// </summary>
    public const double DefaultWordEvidence = 0.1;

    private static readonly Dictionary<string, HashSet<string>> SecondPerson = new(StringComparer.Ordinal)
    {
        ["en"] = ["you", "your", "youre", "u", "ur", "yourself", "ya", "yours"],
        ["tr"] = ["sen", "seni", "sana", "senin", "sende", "senden", "siz", "sizi", "size", "sizin", "sizde", "lan", "ulan", "be"],
        ["fa"] = ["تو", "تورو", "بهت", "ازت", "باهات", "خودت", "شما", "شماها", "برات"],
    };

    private static readonly Lazy<AbuseDetector> DefaultDetector = new(() => new AbuseDetector(AbuseLexicon.Default, AbuseModel.Default));

    /// <summary>The shipped lexicon and model.</summary>
    public static AbuseDetector Default => DefaultDetector.Value;

    public AbuseLexicon Lexicon => lexicon;

    public AbuseModel? Model => model;

    /// <param name="language">"en", "tr" or "fa"; detected from the text when null.</param>
    public AbuseVerdict Classify(string text, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        language ??= LanguageDetector.Detect(text);
        if (!LanguageDetector.Languages.Contains(language))
        {
            throw new ArgumentException($"language must be en, tr or fa, got '{language}'", nameof(language));
        }

        var tokens = TextNormalizer.Tokens(text, language);
        var hits = lexicon.Find(text, tokens, language);
        var strongest = hits.Count == 0 ? AbuseSeverity.None : hits.Max(h => h.Severity);
        var addressed = tokens.Any(t => SecondPerson[language].Contains(t.Form));
        var probability = model?.Score(text, language, tokens, hits);
        bool abusive;
        double score;
        if (probability is { } p && model!.For(language) is { } info)
        {
            // High findings always count; medium ones when the model's language was trained to let them, or
            // when they are aimed at the agent ("you idiot", "sen salaksın") or come two at a time ("shut up, moron").
            abusive = p >= info.Threshold || strongest >= (info.LexiconFloor == AbuseSeverity.None ? AbuseSeverity.High : info.LexiconFloor)
                || (strongest >= AbuseSeverity.Medium && (addressed || hits.Count(h => h.Severity >= AbuseSeverity.Medium) >= 2));

            // The score is calibrated so that the model's threshold reads 0.5.
            var calibrated = 1 / (1 + Math.Exp(-(Logit(p) - Logit(info.Threshold))));
            score = abusive && p < info.Threshold ? Math.Max(calibrated, LexiconScore(strongest, addressed)) : calibrated;
        }
        else
        {
            abusive = strongest >= AbuseSeverity.Medium || (strongest == AbuseSeverity.Low && addressed);
            score = LexiconScore(strongest, addressed);
        }

        IReadOnlyList<double>? contributions = null;
        if (abusive && hits.Count == 0)
        {
            contributions = model!.WordContributions(text, language, tokens, hits);
            if (contributions.Count == 0 || contributions.Max() < minimumWordEvidence)
            {
                abusive = false;
                score = Math.Min(score, 0.49);
            }
        }

        if (!abusive)
        {
            return new AbuseVerdict(false, AbuseCategory.None, AbuseSeverity.None, Math.Round(score, 4), language, hits);
        }

        if (hits.Count > 0)
        {
            // A threat names the message whatever else it holds, and is never less than high.
            var top = hits.OrderByDescending(h => h.Category == AbuseCategory.Threat).ThenByDescending(h => h.Severity)
                .ThenBy(h => h.Category == AbuseCategory.Profanity ? 1 : 0).First();
            var topSeverity = top.Category == AbuseCategory.Threat && top.Severity < AbuseSeverity.High ? AbuseSeverity.High : top.Severity;
            return new AbuseVerdict(true, top.Category, topSeverity, Math.Round(score, 4), language, hits);
        }

        // The classifier alone: its strongest words are the evidence.
        contributions ??= model!.WordContributions(text, language, tokens, hits);
        var evidence = tokens.Select((t, i) => (Token: t, Weight: contributions[i])).Where(x => x.Weight > 0).OrderByDescending(x => x.Weight).Take(2)
            .OrderBy(x => x.Token.Start)
            .Select(x => new AbuseEvidence(x.Token.Start, x.Token.End - x.Token.Start, text[x.Token.Start..x.Token.End], addressed ? AbuseCategory.Insult : AbuseCategory.Profanity, AbuseSeverity.Low, "classifier"))
            .ToList();
        var severity = score >= 0.9 ? AbuseSeverity.Medium : AbuseSeverity.Low;
        return new AbuseVerdict(true, addressed ? AbuseCategory.Insult : AbuseCategory.Profanity, severity, Math.Round(score, 4), language, evidence);
    }

    private static double Logit(double p)
    {
        var q = Math.Clamp(p, 1e-9, 1 - 1e-9);
        return Math.Log(q / (1 - q));
    }

    private static double LexiconScore(AbuseSeverity severity, bool addressed) => severity switch
    {
        AbuseSeverity.High => 0.95,
        AbuseSeverity.Medium => 0.85,
        AbuseSeverity.Low => addressed ? 0.6 : 0.4,
        _ => 0.05,
    };
}
