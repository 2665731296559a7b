namespace Wfm.Core.Conversations;

/// <summary>
/// Tells English, Turkish and Persian apart for a short message: Arabic script is Persian; otherwise
/// Turkish letters and common Turkish words against common English words.
/// </summary>
public static class LanguageDetector
{
    public static readonly IReadOnlyList<string> Languages = ["en", "tr", "fa"];

    private static readonly HashSet<string> TurkishWords = new(StringComparer.Ordinal)
    {
        "ve", "bir", "bu", "da", "de", "mi", "mı", "mu", "mü", "ne", "ben", "sen", "o", "biz", "siz", "için", "icin", "çok", "cok", "ama", "gibi",
        "var", "yok", "değil", "degil", "daha", "kadar", "sonra", "şimdi", "simdi", "neden", "nasıl", "nasil", "lan", "ya", "hiç", "hic", "bana",
        "sana", "seni", "beni", "benim", "senin", "olan", "olarak", "ile", "her", "şey", "sey", "diye", "iyi", "tamam", "evet", "hayır", "hayir",
        "yine", "hep", "sadece", "kim", "niye", "nerede", "hemen", "bugün", "bugun", "dün", "yarın", "sipariş", "siparis", "kargo", "hesap",
        "hesabım", "param", "iade", "fatura", "müşteri", "musteri", "hizmet", "gelmedi", "olmadı", "bozuldu", "mk", "lan", "ulan", "abi", "kardeşim",
        "merhaba", "teşekkür", "tesekkur", "lütfen", "lutfen", "oldu", "olur", "bile", "artık", "artik", "hala", "hâlâ", "amk", "aq", "bunu", "şu",
    };

    private static readonly HashSet<string> EnglishWords = new(StringComparer.Ordinal)
    {
        "the", "an", "and", "or", "is", "are", "was", "were", "be", "to", "of", "in", "on", "for", "with", "you", "your", "i", "me", "my",
        "it", "this", "that", "not", "no", "yes", "have", "has", "do", "does", "did", "can", "will", "would", "what", "why", "how", "please",
        "thanks", "thank", "hello", "hi", "we", "they", "he", "she", "just", "so", "but", "if", "at", "from", "get", "got", "all", "about",
    };

    /// <summary>Letters a message needs, once mentions, links and emoticons are left out, for its language to be told.</summary>
    public const int MinimumLetters = 4;

    /// <summary>
    /// The language when the message has words to tell it by, else null: a message of mentions, links, emoticons or
    /// digits only says nothing about its language, and the caller falls back to the conversation's, the file's or the
    /// center's language instead of a guess.
    /// </summary>
    public static string? TryDetect(string text)
    {
        var letters = 0;
        foreach (var word in text.Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.StartsWith('@') || word.StartsWith("http", StringComparison.OrdinalIgnoreCase) || word.StartsWith("www.", StringComparison.OrdinalIgnoreCase)
                || word.Equals("URL", StringComparison.Ordinal) || word.Equals("@USER", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var c in word)
            {
                letters += char.IsLetter(c) ? 1 : 0;
            }
        }

        return letters < MinimumLetters ? null : Detect(text);
    }

    /// <summary>"fa", "tr" or "en" (the default when nothing tells).</summary>
    public static string Detect(string text)
    {
        int arabic = 0, latin = 0, turkishLetters = 0;
        foreach (var c in text)
        {
            if (c is >= '\u0600' and <= '\u06FF' or >= '\uFB50' and <= '\uFDFF' or >= '\uFE70' and <= '\uFEFF')
            {
                arabic++;
            }
            else if (char.IsAsciiLetter(c) || c is >= '\u00C0' and <= '\u024F')
            {
                latin++;
                if (c is 'ı' or 'İ' or 'ş' or 'Ş' or 'ğ' or 'Ğ')
                {
                    turkishLetters += 3;
                }
                else if (c is 'ç' or 'Ç' or 'ö' or 'Ö' or 'ü' or 'Ü')
                {
                    turkishLetters++;
                }
            }
        }

        if (arabic > latin)
        {
            return "fa";
        }

        var turkish = turkishLetters;
        var english = 0;
        foreach (var word in text.Split([' ', '\t', '\n', '\r', ',', '.', '!', '?', ';', ':', '"', '(', ')'], StringSplitOptions.RemoveEmptyEntries))
        {
            var lower = word.ToLowerInvariant();
            if (TurkishWords.Contains(lower))
            {
                turkish += 2;
            }
            else if (TurkishEnding(lower))
            {
                turkish++;
            }

            if (EnglishWords.Contains(lower))
            {
                english += 2;
            }
        }

        return turkish > english ? "tr" : "en";
    }

    /// <summary>Turkish inflections that English words rarely end with.</summary>
    private static bool TurkishEnding(string word) =>
        word.Length > 4 && (word.EndsWith("ları", StringComparison.Ordinal) || word.EndsWith("leri", StringComparison.Ordinal) || word.EndsWith("lar", StringComparison.Ordinal)
            || word.EndsWith("ler", StringComparison.Ordinal) || word.EndsWith("mış", StringComparison.Ordinal) || word.EndsWith("miş", StringComparison.Ordinal)
            || word.EndsWith("yor", StringComparison.Ordinal) || word.EndsWith("dım", StringComparison.Ordinal) || word.EndsWith("dim", StringComparison.Ordinal)
            || word.EndsWith("sın", StringComparison.Ordinal) || word.EndsWith("sin", StringComparison.Ordinal) || word.EndsWith("ecek", StringComparison.Ordinal)
            || word.EndsWith("acak", StringComparison.Ordinal) || word.EndsWith("medi", StringComparison.Ordinal) || word.EndsWith("madı", StringComparison.Ordinal));
}
