using System.Globalization;
using System.Text;

namespace Wfm.Core.Conversations;

/// <summary>
/// One word of a message after normalisation. <see cref="Start"/> and <see cref="End"/> locate it in the
/// original text (evidence spans point there). <see cref="Form"/> is the word as the language writes it,
/// lower-cased (Turkish dotted/dotless i kept apart), Persian/Arabic letter variants unified, zero-width
/// joiners, diacritics, separators inside the word ("a.m.k") and runs of three or more equal letters removed,
/// leetspeak read as letters. <see cref="Ascii"/> folds the Turkish letters (ı→i, ş→s, ğ→g, ç→c, ö→o, ü→u)
/// for words typed on a keyboard without them. <see cref="Masked"/> marks words with '*' or '#' standing
/// for letters ("f**k").
/// </summary>
public sealed record TextToken(int Start, int End, string Form, string Ascii, bool AsciiTyped, bool Masked, bool HadRepeats)
{
    /// <summary><see cref="Form"/> with every run of equal letters cut to one ("fuuuck" → "fuck"), for words that had long runs.</summary>
    public string Single => TextNormalizer.CollapseRuns(Form, 1);

    public string AsciiSingle => TextNormalizer.CollapseRuns(Ascii, 1);
}

/// <summary>Splits a customer message into normalised words for the abuse lexicon and the classifier.</summary>
public static class TextNormalizer
{
    private static readonly CultureInfo Turkish = CultureInfo.GetCultureInfo("tr-TR");

    /// <summary>Normalises <paramref name="text"/> as <paramref name="language"/> ("en", "tr" or "fa") writes it.</summary>
    public static IReadOnlyList<TextToken> Tokens(string text, string language)
    {
        var tokens = new List<TextToken>();
        var i = 0;
        while (i < text.Length)
        {
            if (!IsWordChar(text, i))
            {
                i++;
                continue;
            }

            var start = i;
            var end = i;
            while (end < text.Length && (IsWordChar(text, end) || (IsJoiner(text[end]) && end + 1 < text.Length && IsWordChar(text, end + 1) && end > start)))
            {
                end++;
            }

            var token = Build(text, start, end, language);
            if (token is not null)
            {
                tokens.Add(token);
            }

            i = end;
        }

        return tokens;
    }

    /// <summary>A lexicon word or phrase normalised the same way as messages (words joined by single spaces).</summary>
    public static string Form(string text, string language) => string.Join(' ', Tokens(text, language).Select(t => t.Form));

    /// <summary>Turkish letters folded to their keyboard-less spelling.</summary>
    public static string FoldTurkish(string form)
    {
        var builder = new StringBuilder(form.Length);
        foreach (var c in form)
        {
            builder.Append(c switch
            {
                'ı' => 'i',
                'ş' => 's',
                'ğ' => 'g',
                'ç' => 'c',
                'ö' => 'o',
                'ü' => 'u',
                'â' => 'a',
                'î' => 'i',
                'û' => 'u',
                _ => c,
            });
        }

        return builder.ToString();
    }

    /// <summary>Cuts runs of more than <paramref name="keep"/> equal letters to <paramref name="keep"/>.</summary>
    public static string CollapseRuns(string form, int keep)
    {
        var builder = new StringBuilder(form.Length);
        var run = 0;
        for (var i = 0; i < form.Length; i++)
        {
            run = i > 0 && form[i] == form[i - 1] ? run + 1 : 1;
            if (run <= keep || !char.IsLetter(form[i]))
            {
                builder.Append(form[i]);
            }
        }

        return builder.ToString();
    }

    private static TextToken? Build(string text, int start, int end, string language)
    {
        var raw = text[start..end];
        var hasLetter = raw.Any(char.IsLetter);
        var builder = new StringBuilder(raw.Length);
        bool masked;
        var asciiTyped = true;
        foreach (var original in raw.Normalize(NormalizationForm.FormKC))
        {
            if (original is 'ı' or 'İ' or 'ş' or 'Ş' or 'ğ' or 'Ğ' or 'ç' or 'Ç' or 'ö' or 'Ö' or 'ü' or 'Ü')
            {
                asciiTyped = false;
            }

            var c = Lower(original, language);
            if (IsJoiner(c) || char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.Format || c == '\u0640')
            {
                continue; // separators inside a word, diacritics, ZWNJ and tatweel
            }

            if (hasLetter)
            {
                c = c switch
                {
                    '0' => 'o',
                    '1' => 'i',
                    '3' => 'e',
                    '4' => 'a',
                    '5' => 's',
                    '7' => 't',
                    '@' => 'a',
                    '$' => 's',
                    _ => c,
                };
            }

            builder.Append(Persian(c));
        }

        // "f***" keeps its stars (they stand for letters); leading ones carry nothing.
        var form = builder.ToString().TrimStart('*', '#');
        if (form.Trim('*', '#').Length == 0)
        {
            return null;
        }

        masked = form.AsSpan().IndexOfAny('*', '#') >= 0;
        var collapsed = CollapseRuns(form, 2);
        var hadRepeats = collapsed.Length != form.Length;
        var ascii = FoldTurkish(collapsed);
        return new TextToken(start, end, collapsed, ascii, asciiTyped, masked, hadRepeats);
    }

    private static char Lower(char c, string language) => language == "tr" ? char.ToLower(c, Turkish) : char.ToLowerInvariant(c);

    /// <summary>Arabic letter variants written for Persian ones, Arabic and Persian digits.</summary>
    private static char Persian(char c) => c switch
    {
        'ي' or 'ى' or 'ئ' => 'ی',
        'ك' => 'ک',
        'ة' or 'ۀ' => 'ه',
        'أ' or 'إ' or 'ٱ' => 'ا',
        'ؤ' => 'و',
        >= '\u06F0' and <= '\u06F9' => (char)('0' + (c - '\u06F0')),
        >= '\u0660' and <= '\u0669' => (char)('0' + (c - '\u0660')),
        _ => c,
    };

    private static bool IsWordChar(string text, int i)
    {
        var c = text[i];
        // '@' and '$' count inside a word ("sh@t", "a$$") but not in front of one ("@USER" is a mention).
        return char.IsLetterOrDigit(c) || c is '*' or '#' or '\u200C' or '\u200D'
            || (c is '@' or '$' && i > 0 && (char.IsLetterOrDigit(text[i - 1]) || text[i - 1] is '@' or '$' or '*'))
            || char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
    }

    /// <summary>Characters dropped when they stand between letters: "a.m.k", "f-u-c-k", "don't", "Ahmet'in", ZWNJ.</summary>
    private static bool IsJoiner(char c) => c is '.' or '-' or '_' or '\'' or '’' or '\u200C' or '\u200D' or '\u200B';
}
