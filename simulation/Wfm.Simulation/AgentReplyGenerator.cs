namespace Wfm.Simulation;

/// <summary>A generated agent reply: its text, and whether it was written empathetic, with negative language, or as a wow moment.</summary>
public sealed record AgentReply(string Text, string Language, bool Empathetic, bool Negative, bool Wow);

/// <summary>
/// Agents' replies in English, Turkish and Persian from the team's own templates. Each agent has a
/// steady empathy (how often they acknowledge the customer's feeling) and a habit of negative language,
/// both drawn once from the agent's id and the seed, so the same agents stay the kind and the curt ones.
/// Now and then, at <c>wowRate</c>, a reply goes beyond the request (a personal touch, a follow-up, an
/// unstated need). The same seed gives the same replies.
/// </summary>
public sealed class AgentReplyGenerator(int seed, double wowRate = 0.03)
{
    private static readonly Dictionary<string, (string[] Greeting, string[] Empathy, string[] Body, string[] Negative, string[] Wow, string[] Close)> Templates = new()
    {
        ["en"] = (
            ["Hello {customer},", "Hi {customer}, thanks for contacting us."],
            ["I understand how frustrating this must be, and I'm sorry.", "I can imagine how stressful that is.", "That sounds frustrating, I'm sorry about it."],
            ["I've checked order {order}: it left our warehouse yesterday and should reach you tomorrow.", "I've refunded the second charge; you'll see it within three working days.", "I've updated the address on your account.", "Please log out and back in; I've reset your session."],
            ["You should have read the terms before ordering.", "Our policy says we can't do that.", "I can't help with that, it's not our problem."],
            ["I'll follow up with you on Friday to make sure it arrived.", "I also noticed your card expires next month, so I've sent you a reminder link.", "Congratulations on the new home, by the way!"],
            ["Is there anything else I can help with?", "Have a good day."]),
        ["tr"] = (
            ["Merhaba {customer} Hanım/Bey,", "Merhaba, bize ulaştığınız için teşekkürler."],
            ["Sizi çok iyi anlıyorum, yaşadığınız sıkıntı için özür dilerim.", "Ne kadar can sıkıcı olduğunu tahmin edebiliyorum."],
            ["{order} numaralı siparişinizi kontrol ettim, yarın elinizde olacak.", "İkinci ödemeyi iade ettim, üç iş günü içinde hesabınıza geçer.", "Hesabınızdaki adresi güncelledim."],
            ["Siparişten önce koşulları okumanız gerekirdi.", "Kurallar gereği bunu yapamam.", "Bu konuda yapabileceğim bir şey yok."],
            ["Cuma günü sizi arayıp teslimatı takip edeceğim.", "Ayrıca kartınızın süresi gelecek ay doluyor, hatırlatma bağlantısı gönderdim.", "Bu arada yeni eviniz hayırlı olsun, tebrikler!"],
            ["Başka yardımcı olabileceğim bir konu var mı?", "İyi günler dilerim."]),
        ["fa"] = (
            ["سلام {customer} عزیز،", "سلام، ممنون که با ما تماس گرفتید."],
            ["درک میکنم چقدر ناراحت کننده است، متاسفم.", "کاملا درک میکنم که این وضعیت آزاردهنده است."],
            ["سفارش {order} را بررسی کردم، فردا به دستتان میرسد.", "مبلغ اضافه را برگرداندم، تا سه روز کاری به حسابتان میآید.", "آدرس حسابتان را به‌روز کردم."],
            ["تقصیر خودتونه که شرایط را نخواندید.", "طبق قوانین نمیتونم این کار را انجام بدهم."],
            ["روز جمعه پیگیری میکنم که سفارش رسیده باشد.", "تولدتان را تبریک میگویم!"],
            ["کار دیگری هست که بتوانم کمک کنم؟", "روز خوبی داشته باشید."]),
    };

    private readonly Random _random = new(seed);

    /// <summary>The agent's steady empathy (share of replies that acknowledge the customer), 0.2–0.95.</summary>
    public double EmpathyOf(string agentId) => 0.2 + (0.75 * Unit(agentId, 1));

    /// <summary>The agent's share of replies with negative language, 0–0.25 (the less empathetic, the more).</summary>
    public double NegativityOf(string agentId) => 0.25 * Unit(agentId, 2) * (1.15 - EmpathyOf(agentId));

    public AgentReply Next(string agentId, string language, string customerName, string order)
    {
        if (!Templates.TryGetValue(language, out var t))
        {
            throw new ArgumentException($"language must be en, tr or fa, got '{language}'", nameof(language));
        }

        var empathetic = _random.NextDouble() < EmpathyOf(agentId);
        var negative = _random.NextDouble() < NegativityOf(agentId);
        var wow = _random.NextDouble() < wowRate;
        var parts = new List<string> { Pick(t.Greeting) };
        if (empathetic)
        {
            parts.Add(Pick(t.Empathy));
        }

        parts.Add(negative ? Pick(t.Negative) : Pick(t.Body));
        if (wow)
        {
            parts.Add(Pick(t.Wow));
        }

        parts.Add(Pick(t.Close));
        var text = string.Join(' ', parts).Replace("{customer}", customerName, StringComparison.Ordinal).Replace("{order}", order, StringComparison.Ordinal);
        return new AgentReply(text, language, empathetic, negative, wow);
    }

    private string Pick(string[] options) => options[_random.Next(options.Length)];

    /// <summary>A stable number in [0, 1) from the agent's id, the seed and a salt.</summary>
    private double Unit(string agentId, int salt)
    {
        var h = (uint)(seed * 31 + salt);
        foreach (var c in agentId)
        {
            h = (h ^ c) * 16777619u;
        }

        return (h % 10_000) / 10_000.0;
    }
}
