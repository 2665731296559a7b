using System.Text;
using System.Text.RegularExpressions;

namespace Wfm.Core.Conversations;

/// <summary>What kind of personal data was removed from a transcript.</summary>
public enum PiiKind
{
    CardNumber,
    Email,
    Phone,
    NationalId,
    Iban,

    /// <summary>A card's security code (CVV, CVC, CVV2) or expiry date, next to the words that name it.</summary>
    CardSecret,
}

/// <summary>One piece of personal data found: where it was in the original text and what replaced it.</summary>
public sealed record PiiFinding(PiiKind Kind, int Start, int Length, string Replacement);

/// <summary>The text with personal data replaced by markers such as [phone], and what was replaced.</summary>
public sealed record RedactedText(string Text, IReadOnlyList<PiiFinding> Findings);

/// <summary>
/// Removes personal data from transcripts before they are stored: payment card numbers (Luhn-checked), their security
/// codes and expiry dates (next to the words that name them, in English, Turkish and Persian),
/// IBANs, e-mail addresses, phone numbers (Turkish, Iranian and international), and national ids — the
/// Turkish TC Kimlik No and the Iranian national code, each recognised by its check digits so order
/// numbers and amounts are left alone. Persian and Arabic digits count as digits.
/// </summary>
public static class PiiRedactor
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    private static readonly Regex EmailPattern = new(@"[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}.\-]+\.[\p{L}]{2,}", RegexOptions.CultureInvariant, Timeout);

    private static readonly Regex IbanPattern = new(@"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){3,7}(?:[ ]?[A-Z0-9]{1,4})?\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, Timeout);

    /// <summary>A card's security code after the word for it, in English, Turkish or Persian: "cvv 123", "CVC2: 1234", "güvenlik kodu 123", "کد امنیتی ۱۲۳".</summary>
    private static readonly Regex CardCodePattern = new(
        @"(?:\b(?:cvv2?|cvc2?|csc|cid|security\s+code|g[üu]venlik\s+kodu)|کد\s*امنیتی|رمز\s*دوم|کد\s*cvv2?)\s*[:=\-]?\s*(?<value>\d{3,4})\b",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, Timeout);

    /// <summary>A card's expiry after the word for it: "exp 12/28", "expiry 12-2028", "valid thru 01/27", "son kullanma tarihi 03/29", "تاریخ انقضا ۱۲/۲۸".</summary>
    private static readonly Regex CardExpiryPattern = new(
        @"(?:\b(?:exp(?:iry|ires|iration)?\.?(?:\s+date)?|valid\s+thru|son\s+kullanma(?:\s+tarihi)?|skt)|تاریخ\s*انقضا|انقضا)\s*[:=\-]?\s*(?<value>(?:0?[1-9]|1[0-2])\s*[/\-]\s*(?:\d{4}|\d{2}))\b",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, Timeout);

    /// <summary>Digit runs that may hold spaces, dashes, dots or brackets between digits, optionally after a '+'.</summary>
    private static readonly Regex DigitRun = new(@"\+?\d(?:[\d \-.()]{0,24}\d)?", RegexOptions.CultureInvariant, Timeout);

    /// <summary>The text with personal data replaced; a text too pathological to check in time is withheld whole, never stored unchecked.</summary>
    public static RedactedText Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return RedactChecked(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return new RedactedText(Withheld, []);
        }
    }

    public const string Withheld = "[message withheld: it could not be checked for personal data]";

    private static RedactedText RedactChecked(string text)
    {
        var ascii = AsciiDigits(text);
        var findings = new List<PiiFinding>();

        void Take(PiiKind kind, int start, int length, string replacement)
        {
            if (findings.Any(f => start < f.Start + f.Length && f.Start < start + length))
            {
                return;
            }

            findings.Add(new PiiFinding(kind, start, length, replacement));
        }

        foreach (var (pattern, marker) in new[] { (CardCodePattern, "[card code]"), (CardExpiryPattern, "[card expiry]") })
        {
            foreach (Match m in pattern.Matches(ascii))
            {
                var value = m.Groups["value"];
                Take(PiiKind.CardSecret, value.Index, value.Length, marker);
            }
        }

        foreach (Match m in EmailPattern.Matches(ascii))
        {
            Take(PiiKind.Email, m.Index, m.Length, "[email]");
        }

        foreach (Match m in IbanPattern.Matches(ascii))
        {
            if (IsIban(m.Value))
            {
                Take(PiiKind.Iban, m.Index, m.Length, "[iban]");
            }
        }

        foreach (Match m in DigitRun.Matches(ascii))
        {
            var digits = new string(m.Value.Where(char.IsAsciiDigit).ToArray());
            var kind = Classify(m.Value, digits);
            if (kind is { } k)
            {
                Take(k, m.Index, m.Length, k switch
                {
                    PiiKind.CardNumber => $"[card ending {digits[^4..]}]",
                    PiiKind.Phone => "[phone]",
                    _ => "[national id]",
                });
            }
        }

        if (findings.Count == 0)
        {
            return new RedactedText(text, []);
        }

        var builder = new StringBuilder(text.Length);
        var at = 0;
        foreach (var f in findings.OrderBy(f => f.Start))
        {
            builder.Append(text, at, f.Start - at).Append(f.Replacement);
            at = f.Start + f.Length;
        }

        builder.Append(text, at, text.Length - at);
        return new RedactedText(builder.ToString(), findings.OrderBy(f => f.Start).ToList());
    }

    private static PiiKind? Classify(string raw, string digits)
    {
        if (digits.Length is >= 13 and <= 19 && Luhn(digits))
        {
            return PiiKind.CardNumber;
        }

        if (digits.Length == 11 && TurkishId(digits))
        {
            return PiiKind.NationalId;
        }

        if (digits.Length == 10 && IranianId(digits) && !raw.Contains(' ', StringComparison.Ordinal) && !raw.Contains('-', StringComparison.Ordinal))
        {
            return PiiKind.NationalId;
        }

        if (IsPhone(raw, digits))
        {
            return PiiKind.Phone;
        }

        return null;
    }

    /// <summary>Turkish mobiles and landlines (05xx…, 0212…, +90), Iranian (09xx…, 021…, +98), or any '+' international number of 8–15 digits.</summary>
    private static bool IsPhone(string raw, string digits)
    {
        if (raw.StartsWith('+'))
        {
            return digits.Length is >= 8 and <= 15;
        }

        return (digits.Length == 11 && digits[0] == '0' && digits[1] is >= '2' and <= '9')
            || (digits.Length == 10 && digits[0] == '5')
            || (digits.Length == 12 && (digits.StartsWith("90", StringComparison.Ordinal) || digits.StartsWith("98", StringComparison.Ordinal)))
            || (digits.Length == 13 && (digits.StartsWith("0090", StringComparison.Ordinal) || digits.StartsWith("0098", StringComparison.Ordinal)));
    }

    public static bool Luhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
        }

        return sum % 10 == 0;
    }

    /// <summary>TC Kimlik No: 11 digits, not starting with 0; the 10th and 11th are check digits.</summary>
    public static bool TurkishId(string d)
    {
        if (d.Length != 11 || d[0] == '0' || !d.All(char.IsAsciiDigit))
        {
            return false;
        }

        int N(int i) => d[i] - '0';
        var odd = N(0) + N(2) + N(4) + N(6) + N(8);
        var even = N(1) + N(3) + N(5) + N(7);
        var tenth = (((odd * 7) - even) % 10 + 10) % 10;
        var eleventh = (Enumerable.Range(0, 10).Sum(N)) % 10;
        return N(9) == tenth && N(10) == eleventh;
    }

    /// <summary>Iranian national code (کد ملی): 10 digits, the last a check digit; all-equal codes are not issued.</summary>
    public static bool IranianId(string d)
    {
        if (d.Length != 10 || !d.All(char.IsAsciiDigit) || d.Distinct().Count() == 1)
        {
            return false;
        }

        var sum = Enumerable.Range(0, 9).Sum(i => (d[i] - '0') * (10 - i)) % 11;
        var check = d[9] - '0';
        return sum < 2 ? check == sum : check == 11 - sum;
    }

    private static bool IsIban(string value)
    {
        var compact = value.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        if (compact.Length is < 15 or > 34)
        {
            return false;
        }

        var rearranged = compact[4..] + compact[..4];
        var remainder = 0;
        foreach (var c in rearranged)
        {
            var number = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetterUpper(c) ? c - 'A' + 10 : -1;
            if (number < 0)
            {
                return false;
            }

            remainder = number >= 10 ? ((remainder * 100) + number) % 97 : ((remainder * 10) + number) % 97;
        }

        return remainder == 1;
    }

    /// <summary>Persian (۰–۹) and Arabic-Indic (٠–٩) digits as ASCII, same length so positions stay.</summary>
    private static string AsciiDigits(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = chars[i] switch
            {
                >= '\u06F0' and <= '\u06F9' => (char)('0' + (chars[i] - '\u06F0')),
                >= '\u0660' and <= '\u0669' => (char)('0' + (chars[i] - '\u0660')),
                _ => chars[i],
            };
        }

        return new string(chars);
    }
}
