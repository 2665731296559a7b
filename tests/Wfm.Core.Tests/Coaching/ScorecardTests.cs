using Wfm.Core.Coaching;

namespace Wfm.Core.Tests.Coaching;

/// <summary>Scorecard arithmetic: weights, partly met, not applicable, auto-fail, bonus; and calibration between reviewers.</summary>
public sealed class ScorecardTests
{
    private static readonly Scorecard Card = new("Chat QA",
    [
        new("Opening", [new("greet", "Greets the customer", 1), new("name", "Uses the customer's first name", 1)]),
        new("Solving", [new("fix", "Solves the issue", 3), new("verify", "Verifies identity", 1, QuestionKind.AutoFail)]),
        new("Extra", [new("wow", "Goes beyond the request", 5, QuestionKind.Bonus)]),
    ]);

    private static Dictionary<string, Rating> Answers(Rating greet, Rating name, Rating fix, Rating verify, Rating wow) =>
        new() { ["greet"] = greet, ["name"] = name, ["fix"] = fix, ["verify"] = verify, ["wow"] = wow };

    [Fact]
    public void WeightedScore_CountsPartlyAtHalf_AndLeavesOutWhatDidNotApply()
    {
        // greet 1 + name 0.5 + fix 3 = 4.5 of 5 weighted points.
        var review = ScorecardScoring.Score(Card, Answers(Rating.Met, Rating.Partly, Rating.Met, Rating.Met, Rating.NotMet));
        Assert.Equal(90, review.Score);
        Assert.Equal(75, review.Sections.Single(s => s.Section == "Opening").Percent);
        Assert.Equal(100, review.Sections.Single(s => s.Section == "Solving").Percent);

        // The name was not known: 1 + 3 of 4.
        var noName = ScorecardScoring.Score(Card, Answers(Rating.Met, Rating.NotApplicable, Rating.Met, Rating.Met, Rating.NotMet));
        Assert.Equal(100, noName.Score);
    }

    [Fact]
    public void Bonus_AddsPoints_UpToAHundred_AndAutoFail_MakesItZero()
    {
        var bonus = ScorecardScoring.Score(Card, Answers(Rating.Met, Rating.NotMet, Rating.Met, Rating.Met, Rating.Met));
        Assert.Equal(85, bonus.Score); // 4 of 5 = 80, plus 5
        Assert.Equal(5, bonus.Bonus);
        Assert.Equal(100, ScorecardScoring.Score(Card, Answers(Rating.Met, Rating.Met, Rating.Met, Rating.Met, Rating.Met)).Score);

        var failed = ScorecardScoring.Score(Card, Answers(Rating.Met, Rating.Met, Rating.Met, Rating.NotMet, Rating.Met));
        Assert.Equal(0, failed.Score);
        Assert.True(failed.AutoFailed);
        Assert.Equal(["verify"], failed.FailedBy);
        Assert.Equal(100, failed.BasePercent);
    }

    [Fact]
    public void Calibration_ShowsWhereReviewersDisagree()
    {
        var calibration = ScorecardScoring.Calibrate(Card, new Dictionary<string, IReadOnlyDictionary<string, Rating>>
        {
            ["trainer-1"] = Answers(Rating.Met, Rating.Met, Rating.Met, Rating.Met, Rating.NotMet),
            ["trainer-2"] = Answers(Rating.Met, Rating.NotMet, Rating.Met, Rating.Met, Rating.NotMet),
            ["trainer-3"] = Answers(Rating.Met, Rating.NotMet, Rating.Partly, Rating.Met, Rating.NotMet),
        });

        Assert.Equal(0.6, calibration.Agreement); // greet, verify, wow unanimous; name and fix not
        Assert.Equal(2 / 3.0, calibration.Questions.Single(q => q.QuestionId == "name").Share, 4);
        Assert.Equal(100, calibration.Scores["trainer-1"]);
        Assert.Equal(50, calibration.Scores["trainer-3"]); // 1 + 0 + 1.5 of 5 → 50
        Assert.Equal(50, calibration.ScoreSpread);
    }

    [Fact]
    public void BadFormsAndAnswers_AreRefused_NamingTheQuestion()
    {
        Assert.Contains("'name' (Uses the customer's first name) has no answer",
            Assert.Throws<ArgumentException>(() => ScorecardScoring.Score(Card, new Dictionary<string, Rating> { ["greet"] = Rating.Met })).Message);
        var twice = Card with { Sections = [new("A", [new("q", "one"), new("q", "two")])] };
        Assert.Contains("used twice", Assert.Throws<ArgumentException>(twice.Validate).Message);
        var weightless = Card with { Sections = [new("A", [new("q", "one", 0)])] };
        Assert.Contains("weight must be a positive number", Assert.Throws<ArgumentException>(weightless.Validate).Message);
    }
}
