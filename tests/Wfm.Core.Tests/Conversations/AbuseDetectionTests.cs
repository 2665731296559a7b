using Wfm.Core.Conversations;

namespace Wfm.Core.Tests.Conversations;

/// <summary>Normalisation, the lexicon and the shipped detector per language, with harmless look-alikes.</summary>
public sealed class AbuseDetectionTests
{
    private static readonly AbuseDetector LexiconOnly = new(AbuseLexicon.Default, null);

    [Theory]
    [InlineData("@user 😀", null)]
    [InlineData(":) :)", null)]
    [InlineData("http://t.co/abc 🙂 @USER URL", null)]
    [InlineData("@user thanks a lot", "en")]
    [InlineData("سلام ممنون", "fa")]
    [InlineData("her şey bozuk", "tr")]
    public void ShortMessagesWithoutWords_HaveNoLanguageOfTheirOwn(string text, string? expected)
    {
        Assert.Equal(expected, LanguageDetector.TryDetect(text));
    }

    [Fact]
    public void Normaliser_TurkishCasing_PersianLetters_Masks_Leetspeak_AndRepeats()
    {
        Assert.Equal("ırmak istanbul", TextNormalizer.Form("IRMAK İSTANBUL", "tr"));
        Assert.Equal("irmak", TextNormalizer.Form("IRMAK", "en"));
        Assert.Equal("amk", TextNormalizer.Form("a.m.k", "tr"));
        Assert.Equal("idiot", TextNormalizer.Form("1d10t", "en"));
        Assert.Equal("fuuck", TextNormalizer.Form("fuuuuuck", "en"));
        Assert.Equal("fuck", TextNormalizer.Tokens("fuuuuuck", "en")[0].Single);

        // Arabic yeh and kaf, a zero-width non-joiner and a diacritic (fatha) all give the Persian word.
        Assert.Equal(TextNormalizer.Form("میکشمت", "fa"), TextNormalizer.Form("مي‌كشمَت", "fa"));
        var masked = TextNormalizer.Tokens("f**k", "en")[0];
        Assert.True(masked.Masked);
        Assert.Equal("f**k", masked.Form);
        var turkish = TextNormalizer.Tokens("Şikayet", "tr")[0];
        Assert.Equal("şikayet", turkish.Form);
        Assert.Equal("sikayet", turkish.Ascii);
        Assert.False(turkish.AsciiTyped);
    }

    [Theory]
    [InlineData("Hello, where is my order?", "en")]
    [InlineData("Siparişim nerede, üç gündür bekliyorum", "tr")]
    [InlineData("a.m.k yine mi bozuldu", "tr")]
    [InlineData("سلام، سفارش من کجاست؟", "fa")]
    public void Language_IsTold(string text, string expected) => Assert.Equal(expected, LanguageDetector.Detect(text));

    [Theory]
    [InlineData("en", "f**k this company", AbuseCategory.Profanity)]
    [InlineData("en", "you are an 1d10t", AbuseCategory.Insult)]
    [InlineData("en", "I know where you live", AbuseCategory.Threat)]
    [InlineData("en", "I'll find you after work", AbuseCategory.Threat)]
    [InlineData("en", "stupiiiiid service", AbuseCategory.Insult)]
    [InlineData("tr", "a.m.k yine mi bozuldu", AbuseCategory.Profanity)]
    [InlineData("tr", "SİKTİR GİT", AbuseCategory.Profanity)]
    [InlineData("tr", "siktir git", AbuseCategory.Profanity)]
    [InlineData("tr", "s*ktir lan", AbuseCategory.Profanity)]
    [InlineData("tr", "seni bulacağım", AbuseCategory.Threat)]
    [InlineData("tr", "seni bulacagim", AbuseCategory.Threat)]
    [InlineData("tr", "gerizekalı mısın sen", AbuseCategory.Insult)]
    [InlineData("fa", "خفه شو احمق", AbuseCategory.Insult)]
    [InlineData("fa", "پیدات می‌کنم", AbuseCategory.Threat)]
    [InlineData("fa", "پيدات ميكنم", AbuseCategory.Threat)]
    [InlineData("fa", "مي‌كشمت", AbuseCategory.Threat)]
    [InlineData("fa", "كثافت", AbuseCategory.Profanity)]
    public void Lexicon_FindsAbuse_InEverySpelling(string language, string text, AbuseCategory category)
    {
        var verdict = LexiconOnly.Classify(text, language);

        Assert.True(verdict.Abusive, $"'{text}' should be abusive");
        Assert.Equal(category, verdict.Category);
        Assert.NotEmpty(verdict.Evidence);
        Assert.All(verdict.Evidence, e => Assert.Equal(e.Text, text.Substring(e.Start, e.Length)));
    }

    [Theory]
    [InlineData("en", "Sikkim tea order for Scunthorpe please")]
    [InlineData("en", "The class assistant helped me with the cocktail menu")]
    [InlineData("en", "I will get you a refund today")]
    [InlineData("tr", "Amcam da aynı şikayeti yaptı")]
    [InlineData("tr", "Bu ne sıkıntı ya, sık sık oluyor")]
    [InlineData("tr", "sikayetim var, sikinti cikti")]
    [InlineData("tr", "Allahını seversen kargomu gönder")]
    [InlineData("tr", "ananas siparişim eksik geldi")]
    [InlineData("fa", "هیچ کس جواب نمی‌دهد")]
    [InlineData("fa", "کسی پاسخ نداد و خرید من ثبت نشد")]
    [InlineData("fa", "درد می‌کشم تا جواب بدهید")]
    public void LookAlikes_AreNotAbuse(string language, string text)
    {
        Assert.False(LexiconOnly.Classify(text, language).Abusive, $"lexicon: '{text}'");
        Assert.False(AbuseDetector.Default.Classify(text, language).Abusive, $"shipped detector: '{text}'");
    }

    [Theory]
    [InlineData("Please cancel my subscription")]
    [InlineData("My card was charged twice this month")]
    [InlineData("Can I speak to a manager?")]
    [InlineData("Kargom nerede")]
    [InlineData("Faturamda hata var, düzeltir misiniz?")]
    [InlineData("Teşekkürler, iyi günler")]
    [InlineData("لطفا سفارش من را بررسی کنید")]
    public void OrdinaryCustomerMessages_AreNotFlagged_ByTheShippedDetector(string text) =>
        Assert.False(AbuseDetector.Default.Classify(text).Abusive);

    [Fact]
    public void ShippedModel_HasEnglishAndTurkish_PersianIsLeftToTheLexicon()
    {
        var model = Assert.IsType<AbuseModel>(AbuseModel.Default);
        Assert.Equal(["en", "tr"], model.Languages.Select(l => l.Language));
        Assert.Null(model.For("fa"));
        Assert.All(model.Languages, l => Assert.InRange(l.Threshold, 0.05, 0.95));

        var verdict = AbuseDetector.Default.Classify("you are a worthless piece of shit, I will hurt you");
        Assert.True(verdict.Abusive);
        Assert.Equal(AbuseCategory.Threat, verdict.Category);
        Assert.Equal(AbuseSeverity.High, verdict.Severity);
        Assert.True(verdict.Score >= 0.5);
    }

    [Fact]
    public void LowWords_CountForTheLexiconAlone_OnlyWhenAimedAtTheAgent()
    {
        Assert.False(LexiconOnly.Classify("this app is useless", "en").Abusive);
        Assert.True(LexiconOnly.Classify("you are useless", "en").Abusive);
    }

    [Fact]
    public void Lexicon_BadLine_IsRefused_NamingIt()
    {
        var error = Assert.Throws<FormatException>(() => AbuseLexicon.Parse(new StringReader("en profanity medium: heck\nde insult low: dummkopf\n"), "mine.txt"));
        Assert.Contains("mine.txt line 2", error.Message);

        var custom = AbuseLexicon.Parse(new StringReader("en insult medium: numpty*\n"), "mine.txt");
        Assert.True(new AbuseDetector(custom, null).Classify("what numptys", "en").Abusive);
    }

    [Theory]
    [InlineData("en", "you idiot, I will find where you live")]
    [InlineData("en", "I'll find out where you live")]
    [InlineData("en", "I know where you work")]
    [InlineData("en", "you'll regret this")]
    [InlineData("en", "watch your back")]
    [InlineData("tr", "nerede oturduğunu biliyorum")]
    [InlineData("tr", "pişman olacaksın")]
    [InlineData("tr", "arkanı kollasan iyi olur")]
    [InlineData("fa", "می‌دونم کجا زندگی می‌کنی")]
    [InlineData("fa", "پشیمونت می‌کنم")]
    [InlineData("fa", "مواظب پشتت باش")]
    public void Threats_AreThreats_AndAlwaysHigh(string language, string text)
    {
        var verdict = AbuseDetector.Default.Classify(text, language);
        Assert.True(verdict.Abusive, text);
        Assert.Equal((AbuseCategory.Threat, AbuseSeverity.High), (verdict.Category, verdict.Severity));
    }
}
