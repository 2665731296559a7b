using System.Text.RegularExpressions;
using Wfm.Core.Conversations;
using Wfm.Core.Ports;

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

    [Fact]
    public void AtMost_TheNewestAreKept_AndSearchStaysRightAcrossSweeps()
    {
        var index = new ReplyIndex(TimeSpan.FromDays(90), keepAtLeast: 10, keepAtMost: 100);
        // 5,000 answers: topics rotate so that every topic has answers old (dropped) and new (kept); replies repeat.
        string[] topics = ["refund", "delivery", "password", "invoice", "warranty"];
        for (var i = 0; i < 5000; i++)
        {
            var topic = topics[i % topics.Length];
            var lang = i % 7 == 0 ? "tr" : "en";
            index.Add(new ReplyPair(i + 1, Now.AddMinutes(-5000 + i), lang, "q", "a", $"question about my {topic} case{i}", $"{topic} answer {i % 40}"));
            Assert.True(index.Count <= 100, $"{index.Count} pairs kept after {i + 1} added");
        }

        Assert.Equal(100, index.Count);
        // Only answers among the newest hundred (ids 4901..5000) are found.
        var found = index.Suggest("question about my refund", "en", count: 50);
        Assert.NotEmpty(found);
        Assert.All(found, s => Assert.InRange(s.PairId, 4901, 5000));
        Assert.All(found, s => Assert.StartsWith("refund answer", s.Template));
        Assert.Equal(100, index.Count);

        // Expiry after the ceiling still counts right: everything is older than a window of one minute except none.
        var expiring = new ReplyIndex(TimeSpan.FromMinutes(1), keepAtLeast: 3, keepAtMost: 5);
        for (var i = 0; i < 8; i++)
        {
            expiring.Add(new ReplyPair(i + 1, Now.AddDays(-1).AddMinutes(i), "en", "q", "a", $"refund number{i}", $"refund answer {i}"));
        }

        Assert.Equal(5, expiring.Count);
        Assert.Equal(2, expiring.Expire(Now));
        Assert.Equal(3, expiring.Count);
        Assert.Equal(["refund answer 5", "refund answer 6", "refund answer 7"], expiring.Suggest("refund", "en", count: 10).Select(s => s.Template).Order().ToList());
    }

    [Fact]
    public void AtMost_BelowAtLeast_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReplyIndex(TimeSpan.FromDays(90), keepAtLeast: 10, keepAtMost: 5));

    [Fact]
    public async Task Library_ReadRecent_HonoursAtMost()
    {
        var library = new InMemoryReplyLibrary();
        for (var i = 0; i < 10; i++)
        {
            await library.AddAsync(new ReplyPair(0, Now.AddDays(-10 + i), "en", "q", "a", $"question {i}", $"answer {i}"), TestContext.Current.CancellationToken);
        }

        // The window holds the last five days' (ids 6..10); at least 2; at most 3 → the newest three.
        Assert.Equal([8L, 9L, 10L], (await library.ReadRecentAsync(Now.AddDays(-5), 2, 3, TestContext.Current.CancellationToken)).Select(p => p.Id).ToList());
        Assert.Equal([6L, 7L, 8L, 9L, 10L], (await library.ReadRecentAsync(Now.AddDays(-5), 2, cancellationToken: TestContext.Current.CancellationToken)).Select(p => p.Id).ToList());
        Assert.Equal([4L, 5L, 6L, 7L, 8L, 9L, 10L], (await library.ReadRecentAsync(Now.AddDays(-5), 7, 8, TestContext.Current.CancellationToken)).Select(p => p.Id).ToList());
    }

    [Fact]
    public void IsWordChar_IsRegexWordClass_ForEveryCharacter()
    {
        var word = new Regex(@"^\w$");
        var differ = Enumerable.Range(0, 0x10000).Select(i => (char)i).Where(c => !char.IsSurrogate(c))
            .Where(c => ReplyIndex.IsWordChar(c) != word.IsMatch(c.ToString())).Select(c => $"U+{(int)c:X4}").ToList();
        Assert.Empty(differ);
    }

    [Theory]
    [InlineData("Hi Ali, Ali's order. Alice and Kali stay; _Ali too; Ali", "Ali", "Hi {name}, {name}'s order. Alice and Kali stay; _Ali too; {name}")]
    [InlineData("سلام مریم‌جان، مریم", "مریم", "سلام {name}‌جان، {name}")]
    [InlineData("Ayşe'ye, ayşe, AyşeNur, Ayşe", "Ayşe", "{name}'ye, ayşe, AyşeNur, {name}")]
    [InlineData("nothing here", "Bob", "nothing here")]
    public void ReplaceWord_IsTheRegexWholeWordReplace(string text, string word, string expected)
    {
        Assert.Equal(expected, ReplyIndex.ReplaceWord(text, word, "{name}"));
        var viaRegex = Regex.Replace(text, $@"(?<!\w){Regex.Escape(word)}(?!\w)", "{name}");
        Assert.Equal(viaRegex, ReplyIndex.ReplaceWord(text, word, "{name}"));
    }
}
