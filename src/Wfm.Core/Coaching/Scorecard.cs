namespace Wfm.Core.Coaching;

/// <summary>How a question counts: toward the weighted score, failing the whole review when not met, or as extra points.</summary>
public enum QuestionKind
{
    Weighted,
    AutoFail,
    Bonus,
}

/// <summary>A reviewer's answer to one question.</summary>
public enum Rating
{
    NotMet = 0,
    Partly = 1,
    Met = 2,
    NotApplicable = 3,
}

public sealed record ScorecardQuestion(string Id, string Text, double Weight = 1, QuestionKind Kind = QuestionKind.Weighted);

public sealed record ScorecardSection(string Name, IReadOnlyList<ScorecardQuestion> Questions);

/// <summary>A QA form: sections of questions with weights, auto-fail items and bonus items.</summary>
public sealed record Scorecard(string Name, IReadOnlyList<ScorecardSection> Sections)
{
    public IEnumerable<ScorecardQuestion> Questions => Sections.SelectMany(s => s.Questions);

    /// <summary>Refuses a form a reviewer could not fill in sensibly, naming the question.</summary>
    public void Validate()
    {
        if (Sections.Count == 0 || Sections.Any(s => s.Questions.Count == 0))
        {
            throw new ArgumentException("a scorecard needs sections, each with at least one question");
        }

        var duplicate = Questions.GroupBy(q => q.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"question id '{duplicate.Key}' is used twice");
        }

        if (Questions.FirstOrDefault(q => !(q.Weight > 0) || !double.IsFinite(q.Weight)) is { } bad)
        {
            throw new ArgumentException($"question '{bad.Id}': weight must be a positive number, got {bad.Weight}");
        }

        if (!Questions.Any(q => q.Kind == QuestionKind.Weighted))
        {
            throw new ArgumentException("a scorecard needs at least one weighted question");
        }
    }
}

/// <summary>A section's share of its weighted points (null when nothing in it applied).</summary>
public sealed record SectionScore(string Section, double? Percent);

/// <summary>
/// The result of a review: 0–100 (weighted questions met, partly met at half), plus bonus points (capped at
/// 100), or 0 when an auto-fail item was not met — with the item named.
/// </summary>
public sealed record ReviewScore(double Score, double BasePercent, double Bonus, bool AutoFailed, IReadOnlyList<string> FailedBy, IReadOnlyList<SectionScore> Sections);

public static class ScorecardScoring
{
    public static ReviewScore Score(Scorecard card, IReadOnlyDictionary<string, Rating> answers)
    {
        card.Validate();
        var unanswered = card.Questions.FirstOrDefault(q => !answers.ContainsKey(q.Id));
        if (unanswered is not null)
        {
            throw new ArgumentException($"question '{unanswered.Id}' ({unanswered.Text}) has no answer");
        }

        var unknown = answers.Keys.FirstOrDefault(id => card.Questions.All(q => q.Id != id));
        if (unknown is not null)
        {
            throw new ArgumentException($"'{unknown}' is not a question of the scorecard '{card.Name}'");
        }

        static double Value(Rating r) => r switch { Rating.Met => 1, Rating.Partly => 0.5, _ => 0 };
        double? Percent(IEnumerable<ScorecardQuestion> questions)
        {
            var applicable = questions.Where(q => q.Kind == QuestionKind.Weighted && answers[q.Id] != Rating.NotApplicable).ToList();
            return applicable.Count == 0 ? null : Math.Round(100 * applicable.Sum(q => q.Weight * Value(answers[q.Id])) / applicable.Sum(q => q.Weight), 2);
        }

        var basePercent = Percent(card.Questions) ?? 100;
        var bonus = card.Questions.Where(q => q.Kind == QuestionKind.Bonus && answers[q.Id] is Rating.Met or Rating.Partly).Sum(q => q.Weight * Value(answers[q.Id]));
        var failed = card.Questions.Where(q => q.Kind == QuestionKind.AutoFail && answers[q.Id] is Rating.NotMet or Rating.Partly).Select(q => q.Id).ToList();
        var score = failed.Count > 0 ? 0 : Math.Min(100, basePercent + bonus);
        return new ReviewScore(Math.Round(score, 2), basePercent, Math.Round(bonus, 2), failed.Count > 0, failed,
            card.Sections.Select(s => new SectionScore(s.Name, Percent(s.Questions))).ToList());
    }

    /// <summary>
    /// Calibration between reviewers of the same conversation: the share of questions on which they all gave the
    /// same answer, each question's agreement, and the spread of their scores.
    /// </summary>
    public static Calibration Calibrate(Scorecard card, IReadOnlyDictionary<string, IReadOnlyDictionary<string, Rating>> byReviewer)
    {
        if (byReviewer.Count < 2)
        {
            throw new ArgumentException("calibration needs at least two reviewers of the same conversation");
        }

        var scores = byReviewer.ToDictionary(r => r.Key, r => Score(card, r.Value).Score);
        var questions = card.Questions.Select(q =>
        {
            var ratings = byReviewer.Values.Select(a => a[q.Id]).ToList();
            var mode = ratings.GroupBy(r => r).Max(g => g.Count());
            return new QuestionAgreement(q.Id, Math.Round((double)mode / ratings.Count, 4), ratings.Distinct().Count() == 1);
        }).ToList();
        return new Calibration(
            Math.Round((double)questions.Count(q => q.Unanimous) / questions.Count, 4), questions, scores,
            Math.Round(scores.Values.Max() - scores.Values.Min(), 2));
    }
}

/// <summary>How far reviewers agreed on one question: the share giving the most common answer, and whether all agreed.</summary>
public sealed record QuestionAgreement(string QuestionId, double Share, bool Unanimous);

/// <summary>Agreement between reviewers: unanimous share of questions, per question, each reviewer's score and the score spread.</summary>
public sealed record Calibration(double Agreement, IReadOnlyList<QuestionAgreement> Questions, IReadOnlyDictionary<string, double> Scores, double ScoreSpread);
