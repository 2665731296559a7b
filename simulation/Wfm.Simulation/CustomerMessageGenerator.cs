using Bogus;

namespace Wfm.Simulation;

/// <summary>A generated customer message and whether it was written to be abusive.</summary>
public sealed record CustomerMessage(string Text, string Language, bool Abusive);

/// <summary>
/// Customers' chat and e-mail messages in English, Turkish and Persian, from the team's own templates
/// filled with Bogus (names, order numbers): ordinary requests, and at <c>abusiveRate</c> an insult, a
/// curse or a threat aimed at the agent. The same seed gives the same messages.
/// </summary>
public sealed class CustomerMessageGenerator(int seed, double abusiveRate = 0.04)
{
    private static readonly Dictionary<string, string[]> Ordinary = new()
    {
        ["en"] =
        [
            "Hi, my order {order} still hasn't arrived. Can you check where it is?",
            "I was charged twice on my card this month, please refund one of them.",
            "How do I change the delivery address on my account?",
            "Thanks {name}, that solved it!",
            "The app logs me out every time I open it.",
            "Can I get a refund for order {order}? It came broken.",
            "I'd like to cancel my subscription from next month.",
        ],
        ["tr"] =
        [
            "Merhaba, {order} numaralı siparişim hâlâ gelmedi, kontrol eder misiniz?",
            "Kartımdan bu ay iki kez ödeme alınmış, birinin iadesini istiyorum.",
            "Hesabımdaki teslimat adresini nasıl değiştirebilirim?",
            "Teşekkürler {name} Hanım, sorun çözüldü.",
            "Uygulama her açtığımda oturumu kapatıyor.",
            "{order} numaralı sipariş kırık geldi, iade alabilir miyim?",
            "Aboneliğimi gelecek aydan itibaren iptal etmek istiyorum.",
        ],
        ["fa"] =
        [
            "سلام، سفارش {order} من هنوز نرسیده. می‌شود پیگیری کنید؟",
            "این ماه دو بار از کارتم پول کم شده، لطفا یکی را برگردانید.",
            "چطور آدرس تحویل را در حسابم عوض کنم؟",
            "ممنون {name} جان، مشکلم حل شد.",
            "برنامه هر بار که بازش می‌کنم از حسابم خارج می‌شود.",
            "سفارش {order} شکسته رسید، می‌توانم پولم را پس بگیرم؟",
            "می‌خواهم اشتراکم را از ماه بعد لغو کنم.",
        ],
    };

    private static readonly Dictionary<string, string[]> Abusive = new()
    {
        ["en"] =
        [
            "This is the third time I'm writing, you useless idiot.",
            "Are you stupid? Fix order {order} now!",
            "I know where your office is. I will find you.",
            "What the f**k is wrong with this company?",
            "Shut up and give me my refund, moron.",
        ],
        ["tr"] =
        [
            "Siz ne biçim şirketsiniz, gerizekalılar!",
            "a.m.k yine mi aynı sorun, {order} nerede?",
            "Seni bulacağım, bunun hesabını vereceksin.",
            "Salak mısın sen, siparişimi getir!",
            "Siktir git, yöneticini bağla.",
        ],
        ["fa"] =
        [
            "خفه شو احمق، سفارشم کجاست؟",
            "پیدات می‌کنم، حسابتو می‌رسم.",
            "بی‌شعورها، پولم را پس بدهید.",
            "کثافت‌ها دوباره سفارش {order} را خراب کردید.",
        ],
    };

    private readonly Random _random = new(seed);
    private readonly Faker _faker = new() { Random = new Randomizer(seed) };

    public CustomerMessage Next(string language)
    {
        if (!Ordinary.ContainsKey(language))
        {
            throw new ArgumentException($"language must be en, tr or fa, got '{language}'", nameof(language));
        }

        var abusive = _random.NextDouble() < abusiveRate;
        var templates = abusive ? Abusive[language] : Ordinary[language];
        var text = templates[_random.Next(templates.Length)];
        if (text.Contains("{order}", StringComparison.Ordinal))
        {
            text = text.Replace("{order}", _faker.Random.Replace("##-#####"), StringComparison.Ordinal);
        }

        if (text.Contains("{name}", StringComparison.Ordinal))
        {
            text = text.Replace("{name}", _faker.Name.FirstName(), StringComparison.Ordinal);
        }
        return new CustomerMessage(text, language, abusive);
    }
}
