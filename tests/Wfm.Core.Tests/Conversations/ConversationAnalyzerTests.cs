using Wfm.Core.Conversations;

namespace Wfm.Core.Tests.Conversations;

/// <summary>The empathy review, negative language and wow moments on written conversations in three languages.</summary>
public sealed class ConversationAnalyzerTests
{
    private static ConversationMessage C(string text, string language = "en") => new("conv-1", Sender.Customer, text, language);

    private static ConversationMessage A(string text, string language = "en") => new("conv-1", Sender.Agent, text, language);

    private static ItemOutcome Outcome(ConversationAnalysis analysis, string item) => analysis.Items.Single(i => i.Item == item).Outcome;

    [Fact]
    public void EmpatheticAgent_FindsEveryHabit_WithEvidence()
    {
        var analysis = ConversationAnalyzer.Analyze(
        [
            C("This is the third time I write, I'm really frustrated with my order."),
            A("Hello Ayşe, I'm so sorry, I can imagine how annoying that is."),
            A("You're right, it should have arrived. Let me check it now."),
            A("Please hold a moment — actually, I'll call you back within the hour instead."),
            C("Thank you so much, you're a star!"),
            A("I also added free shipping to your next order. I will check back tomorrow."),
        ], customerFirstName: "Ayşe");

        Assert.Equal(ItemOutcome.Found, Outcome(analysis, "greeting"));
        Assert.Equal(ItemOutcome.Found, Outcome(analysis, "first name"));
        Assert.Equal(ItemOutcome.Found, Outcome(analysis, "acknowledge feelings"));
        Assert.Equal(ItemOutcome.Found, Outcome(analysis, "positive language"));
        Assert.Equal(ItemOutcome.Found, Outcome(analysis, "no negative language"));
        Assert.Equal(ItemOutcome.Found, Outcome(analysis, "no transfer"));
        Assert.Equal(ItemOutcome.Found, Outcome(analysis, "callback instead of hold"));
        Assert.Equal(1.0, analysis.EmpathyScore);
        var acknowledge = analysis.Items.Single(i => i.Item == "acknowledge feelings").Evidence;
        Assert.Contains(acknowledge, e => e.Text == "I can imagine" && e.MessageIndex == 1);
        Assert.Contains(analysis.WowCandidates, w => w.Kind == "customer praise");
        Assert.Contains(analysis.WowCandidates, w => w.Kind == "unstated need addressed" && w.Evidence.Text == "I also");
        Assert.Contains(analysis.WowCandidates, w => w.Kind == "follow-up after resolution");
    }

    [Fact]
    public void NoFeelingVoiced_IsNoOpportunity_NotAMiss_AndNegativeLanguageIsFlagged()
    {
        var calm = ConversationAnalyzer.Analyze([C("What time do you open on Saturday?"), A("We open at nine.")]);
        Assert.Equal(ItemOutcome.NoOpportunity, Outcome(calm, "acknowledge feelings"));
        Assert.Equal(ItemOutcome.NoOpportunity, Outcome(calm, "first name"));
        Assert.Equal(ItemOutcome.NoOpportunity, Outcome(calm, "callback instead of hold"));
        Assert.Equal(ItemOutcome.Missed, Outcome(calm, "greeting"));

        var cold = ConversationAnalyzer.Analyze(
        [
            C("I'm really upset, the refund never came."),
            A("You should have read the terms. Our policy says refunds take 30 days, I can't do anything."),
            A("Please hold, I'll transfer you to another department."),
        ]);
        Assert.Equal(ItemOutcome.Missed, Outcome(cold, "acknowledge feelings"));
        Assert.Equal(ItemOutcome.Missed, Outcome(cold, "no negative language"));
        Assert.Equal(ItemOutcome.Missed, Outcome(cold, "no transfer"));
        Assert.Equal(ItemOutcome.Missed, Outcome(cold, "callback instead of hold"));
        Assert.Equal(["blame", "policy", "cant"], cold.NegativeLanguage.Select(n => n.Tag));
        Assert.Equal(0, cold.EmpathyScore);
    }

    [Fact]
    public void Turkish_AndPersian_Conversations_AreReadTheSameWay()
    {
        var turkish = ConversationAnalyzer.Analyze(
        [
            C("Üçüncü kez yazıyorum, gerçekten bıktım!", "tr"),
            A("Merhaba Mehmet Bey, sizi çok iyi anlıyorum, haklısınız.", "tr"),
            A("Hemen ilgileniyorum, sizi yarım saat içinde geri arayalım.", "tr"),
            C("Çok teşekkürler, elinize sağlık.", "tr"),
        ], customerFirstName: "Mehmet");
        Assert.Equal(ItemOutcome.Found, Outcome(turkish, "acknowledge feelings"));
        Assert.Equal(ItemOutcome.Found, Outcome(turkish, "first name"));
        Assert.Equal(ItemOutcome.Found, Outcome(turkish, "positive language"));
        Assert.Contains(turkish.WowCandidates, w => w.Kind == "customer praise");

        var persian = ConversationAnalyzer.Analyze(
        [
            C("خیلی عصبانی هستم، سفارشم نرسیده", "fa"),
            A("سلام، کاملا درک می‌کنم. نگران نباشید، پیگیری می‌کنم.", "fa"),
            A("طبق قوانین نمی‌توانم پول را برگردانم.", "fa"),
        ]);
        Assert.Equal(ItemOutcome.Found, Outcome(persian, "greeting"));
        Assert.Equal(ItemOutcome.Found, Outcome(persian, "acknowledge feelings"));
        Assert.Equal(ItemOutcome.Missed, Outcome(persian, "no negative language"));
        Assert.Equal(["policy", "cant"], persian.NegativeLanguage.Select(n => n.Tag));
    }

    [Theory]
    [InlineData("I completely understand, let me fix that for you.", "en", true)]
    [InlineData("I'm sorry, I can't help with that.", "en", false)]
    [InlineData("Your order number is 12345.", "en", false)]
    [InlineData("Haklısınız, hemen ilgileniyorum.", "tr", true)]
    [InlineData("Politikamız gereği iade yapamıyoruz.", "tr", false)]
    [InlineData("متاسفم، حق با شماست.", "fa", true)]
    [InlineData("شماره سفارش شما ۱۲۳ است.", "fa", false)]
    public void Sentence_IsEmpatheticByThePhraseRule(string sentence, string language, bool expected) =>
        Assert.Equal(expected, ConversationAnalyzer.IsEmpatheticByPhrases(sentence, language));
}
