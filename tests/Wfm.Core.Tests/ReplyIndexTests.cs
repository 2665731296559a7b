using Wfm.Core.Conversations;

namespace Wfm.Core.Tests;

public sealed class ReplyIndexTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static ReplyIndex Index(params (string Lang, string Question, string Reply)[] pairs)
    {
        var index = new ReplyIndex(TimeSpan.FromDays(90), 2000);
        var id = 0;
        foreach (var (lang, question, reply) in pairs)
        {
            index.Add(new ReplyPair(++id, Now.AddMinutes(-id), lang, "q", "agent-1", question, reply));
        }

        return index;
    }

    private static readonly (string, string, string)[] Distractors =
    [
        ("en", "How do I reset my password?", "You can reset your password under Settings, then Security."),
        ("en", "I want to cancel my subscription", "I have cancelled your subscription; you keep access until the month ends."),
        ("en", "Do you deliver on weekends?", "Yes, we deliver on Saturdays; not on Sundays."),
        ("en", "The app crashes when I open the camera", "Please update the app; version 5.2 fixes the camera crash."),
        ("en", "Can I change the delivery address?", "Yes: until it ships, change the address under My orders."),
        ("tr", "Şifremi unuttum nasıl sıfırlarım", "Ayarlar > Güvenlik bölümünden şifrenizi sıfırlayabilirsiniz."),
        ("tr", "Aboneliğimi iptal etmek istiyorum", "Aboneliğinizi iptal ettim, ay sonuna kadar kullanabilirsiniz."),
        ("tr", "Hafta sonu teslimat var mı", "Cumartesi teslimat yapıyoruz, pazar yapmıyoruz."),
        ("fa", "رمز عبورم را فراموش کردم", "از بخش تنظیمات و امنیت می‌توانید رمز را بازنشانی کنید."),
        ("fa", "می‌خواهم اشتراکم را لغو کنم", "اشتراک شما لغو شد و تا پایان ماه فعال است."),
    ];

    [Fact]
    public void AParaphrasedEnglishQuestion_FindsThePastAnswer_FilledFromTheConversation()
    {
        var template = ReplyIndex.Template("Hi Sarah Connor, I checked order #483920: it ships tomorrow. Ayşe", "Sarah Connor", "Ayşe");
        Assert.Equal("Hi {name}, I checked order {order}: it ships tomorrow. {agent}", template);
        var index = Index([.. Distractors, ("en", "Where is my order 483920? It has not arrived yet", template)]);

        var suggestions = index.Suggest("my order still hasn't arrived, it's 771234", "en",
            new ReplyContext("Mehmet Yılmaz", ReplyIndex.FindOrderNumber(["my order still hasn't arrived, it's 771234"]), "Zeynep"));

        Assert.NotEmpty(suggestions);
        Assert.Equal("Hi Mehmet, I checked order 771234: it ships tomorrow. Zeynep", suggestions[0].Text);
        Assert.DoesNotContain(suggestions, s => s.Template.Contains("password", StringComparison.Ordinal));
    }

    [Fact]
    public void ATurkishQuestionTypedWithoutTurkishLetters_FindsTheAnswer()
    {
        var index = Index([.. Distractors,
            ("tr", "Siparişim hâlâ gelmedi, kargom nerede?", "Siparişinizi kontrol ettim, yarın kargoya veriliyor."),
            ("tr", "Siparişimi iade etmek istiyorum", "İade talebinizi oluşturdum, kurye iki gün içinde gelecek.")]);

        var delivery = index.Suggest("siparisim gelmedi kargo ne zaman gelir", "tr");
        Assert.Equal("Siparişinizi kontrol ettim, yarın kargoya veriliyor.", delivery[0].Text);
        var refund = index.Suggest("siparişleri iade edebilir miyim", "tr");
        Assert.Equal("İade talebinizi oluşturdum, kurye iki gün içinde gelecek.", refund[0].Text);
    }

    [Fact]
    public void APersianQuestionWithOtherLetterFormsAndSuffixes_FindsTheAnswer()
    {
        var index = Index([.. Distractors, ("fa", "سفارش من هنوز نرسیده است", "سفارش شما فردا ارسال می‌شود.")]);

        // Arabic yeh and kaf, a possessive suffix, no zero-width joiner.
        var found = index.Suggest("سفارشم كي ميرسه؟ هنوز نرسيده", "fa");
        Assert.Equal("سفارش شما فردا ارسال می‌شود.", found[0].Text);
        Assert.Empty(index.Suggest("سفارشم كي ميرسه", "en"));
    }

    [Fact]
    public void TheSameAnswerGivenOften_IsOneSuggestion_AndAVetoedReplyIsNeverSuggested()
    {
        var index = Index([.. Distractors,
            ("en", "My parcel is late", "Sorry for the wait: your parcel ships tomorrow."),
            ("en", "The parcel is late again", "Sorry for the wait: your parcel ships tomorrow."),
            ("en", "Why is my parcel late", "That's our policy, you can't do anything about it."),
            ("en", "parcel late?", "It ships soon.")]);

        var all = index.Suggest("my parcel is late", "en");
        Assert.Equal(all.Select(s => s.Template).Distinct().Count(), all.Count);
        Assert.Equal(2, all.Single(s => s.Template.StartsWith("Sorry", StringComparison.Ordinal)).Uses);

        var vetted = index.Suggest("my parcel is late", "en", allowed: reply => !reply.Contains("policy", StringComparison.Ordinal));
        Assert.DoesNotContain(vetted, s => s.Template.Contains("policy", StringComparison.Ordinal));
        Assert.True(vetted.Count >= 2);
        Assert.Empty(index.Suggest("quantum chromodynamics lecture", "en"));
    }

    [Fact]
    public void OldAnswers_LeaveTheIndex_UnlessAmongTheNewestKept()
    {
        var index = new ReplyIndex(TimeSpan.FromDays(90), keepAtLeast: 3);
        for (var i = 0; i < 10; i++)
        {
            index.Add(new ReplyPair(i + 1, Now.AddDays(-200 + i), "en", "q", "a", $"refund question number{i}", $"refund answer {i}"));
        }

        index.Add(new ReplyPair(100, Now.AddDays(-5), "en", "q", "a", "refund please", "recent refund answer"));
        Assert.Equal(11, index.Count);

        Assert.Equal(8, index.Expire(Now));
        Assert.Equal(3, index.Count);
        var left = index.Suggest("refund", "en", count: 10).Select(s => s.Template).Order().ToList();
        Assert.Equal(["recent refund answer", "refund answer 8", "refund answer 9"], left);
    }
}
