using System.Text;
using System.Text.RegularExpressions;

namespace Wfm.Core.Conversations;

/// <summary>What kind of abuse a message holds.</summary>
[GenerateSerializer]
public enum AbuseCategory
{
    None,
    Profanity,
    Insult,
    Threat,
    Harassment,
    Discrimination,
}

/// <summary>How serious: low words need more (the classifier, or being aimed at the agent); threats and slurs are high.</summary>
[GenerateSerializer]
public enum AbuseSeverity
{
    None = 0,
    Low = 1,
    Medium = 2,
    High = 3,
}

/// <summary>Where in the message the abuse is: a span of the original text, what it is, and what found it.</summary>
public sealed record AbuseEvidence(int Start, int Length, string Text, AbuseCategory Category, AbuseSeverity Severity, string Source);

/// <summary>
/// Curated words, phrases and threat patterns per language (abuse-lexicon.txt, the format is described
/// there), matched on normalised words so masked, leetspeak, repeated-letter and keyboard-less spellings
/// are found and harmless look-alikes (Turkish "amca", "şikayet", "sıkıntı"; "Sikkim") are not.
/// </summary>
public sealed class AbuseLexicon
{
    private readonly Dictionary<string, List<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Pattern>> _patterns = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Word>> _keep = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, HashSet<string>> _words = new(StringComparer.Ordinal);

    private AbuseLexicon()
    {
    }

    /// <summary>The lexicon that ships with Wfm.</summary>
    public static AbuseLexicon Default { get; } = Load();

    /// <summary>Reads a lexicon in the abuse-lexicon.txt format; a bad line is refused naming its number.</summary>
    public static AbuseLexicon Parse(TextReader reader, string name = "lexicon")
    {
        var lexicon = new AbuseLexicon();
        foreach (var (number, line) in ListFile.Lines(reader))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                throw new FormatException($"{name} line {number}: expected '<language> <category> <severity>: entries', got '{line}'");
            }

            var head = line[..colon].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var body = line[(colon + 1)..].Trim();
            if (head.Length == 0 || !LanguageDetector.Languages.Contains(head[0]))
            {
                throw new FormatException($"{name} line {number}: the language must be en, tr or fa");
            }

            var language = head[0];
            if (head is [_, "keep"])
            {
                Add(lexicon._keep, language, Split(body).Select(w => Word.Of(w, language)));
                continue;
            }

            if (head.Length < 3 || !Enum.TryParse<AbuseCategory>(head[1], ignoreCase: true, out var category) || category == AbuseCategory.None
                || !Enum.TryParse<AbuseSeverity>(head[2], ignoreCase: true, out var severity) || severity == AbuseSeverity.None)
            {
                throw new FormatException($"{name} line {number}: expected a category (profanity, insult, threat, harassment, discrimination) and a severity (low, medium, high)");
            }

            if (head.Length == 4 && head[3] == "pattern")
            {
                var text = FoldPattern(body);
                if (language == "fa")
                {
                    text = $"(?<!\\S)(?:{text})(?!\\S)"; // Persian patterns match whole words
                }

                Regex regex;
                try
                {
                    regex = new Regex(text, RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromSeconds(1));
                }
                catch (ArgumentException ex)
                {
                    throw new FormatException($"{name} line {number}: the pattern is not a valid regular expression: {ex.Message}");
                }

                Add(lexicon._patterns, language, [new Pattern(regex, category, severity)]);
                continue;
            }

            Add(lexicon._entries, language, Split(body).Select(e => new Entry(
                e.TrimStart('=').TrimEnd('*').Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => Word.Of(w, language)).ToArray(),
                e.EndsWith('*'), e.StartsWith('='), category, severity)).Where(e => e.Words.Length > 0));
        }

        return lexicon;
    }

    /// <summary>The lexicon's single words of a language (keyboard-less spelling, at least four letters), to find them glued inside hashtags.</summary>
    public IReadOnlySet<string> Words(string language) => _words.GetOrAdd(language, l =>
        (_entries.GetValueOrDefault(l) ?? []).Where(e => e.Words.Length == 1 && e.Words[0].Ascii.Length >= 4).Select(e => e.Words[0].Ascii).ToHashSet(StringComparer.Ordinal));

    /// <summary>Every entry and pattern found in the message's words, as spans of <paramref name="text"/>.</summary>
    public IReadOnlyList<AbuseEvidence> Find(string text, IReadOnlyList<TextToken> tokens, string language)
    {
        var found = new List<AbuseEvidence>();
        var keep = _keep.GetValueOrDefault(language) ?? [];
        foreach (var entry in _entries.GetValueOrDefault(language) ?? [])
        {
            for (var i = 0; i + entry.Words.Length <= tokens.Count; i++)
            {
                if (entry.Matches(tokens, i, keep))
                {
                    var first = tokens[i];
                    var last = tokens[i + entry.Words.Length - 1];
                    found.Add(new AbuseEvidence(first.Start, last.End - first.Start, text[first.Start..last.End], entry.Category, entry.Severity, "lexicon"));
                }
            }
        }

        if (_patterns.GetValueOrDefault(language) is { Count: > 0 } patterns)
        {
            var words = new JoinedWords(tokens);
            foreach (var pattern in patterns)
            {
                try
                {
                    foreach (Match m in pattern.Regex.Matches(words.Text))
                    {
                        if (m.Length == 0)
                        {
                            continue;
                        }

                        var (start, length) = words.Span(m);
                        found.Add(new AbuseEvidence(start, length, text.Substring(start, length), pattern.Category, pattern.Severity, "pattern"));
                    }
                }
                catch (RegexMatchTimeoutException)
                {
                    // A pathological message: the lexicon and the classifier still judge it.
                }
            }
        }

        // One piece of evidence per span: the most severe.
        return found.GroupBy(e => (e.Start, e.Length)).Select(g => g.OrderByDescending(e => e.Severity).First()).OrderBy(e => e.Start).ToList();
    }

    private static AbuseLexicon Load()
    {
        using var stream = typeof(AbuseLexicon).Assembly.GetManifestResourceStream("Wfm.Core.Conversations.abuse-lexicon.txt")
            ?? throw new InvalidOperationException("the abuse lexicon is not embedded in Wfm.Core");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(reader, "abuse-lexicon.txt");
    }

    private static string[] Split(string body) => body.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static void Add<T>(Dictionary<string, List<T>> map, string language, IEnumerable<T> items)
    {
        if (!map.TryGetValue(language, out var list))
        {
            map[language] = list = [];
        }

        list.AddRange(items);
    }

    /// <summary>Pattern text folded like words: lower case, Turkish letters folded, Persian variants unified.</summary>
    private static string FoldPattern(string pattern)
    {
        var builder = new StringBuilder(pattern.Length);
        foreach (var c in pattern)
        {
            builder.Append(c switch
            {
                'ي' or 'ى' => 'ی',
                'ك' => 'ک',
                '\u200C' => ' ',
                _ => c,
            });
        }

        return TextNormalizer.FoldTurkish(builder.ToString());
    }

    /// <summary>One word of an entry in its normalised forms.</summary>
    private sealed record Word(string Form, string Ascii, string Single, string AsciiSingle)
    {
        public static Word Of(string text, string language)
        {
            var token = TextNormalizer.Tokens(text, language) is [var first, ..] ? first : throw new FormatException($"'{text}' holds no word");
            return new Word(token.Form, token.Ascii, TextNormalizer.CollapseRuns(token.Form, 1), TextNormalizer.CollapseRuns(token.Ascii, 1));
        }

        /// <summary>The token is this word (or, for a stem, starts with it).</summary>
        public bool Matches(TextToken token, bool prefix, bool nativeOnly)
        {
            if (token.Masked)
            {
                return Masked(token.Form, Form, prefix) || (!nativeOnly && Masked(token.Ascii, Ascii, prefix));
            }

            bool Same(string a, string b) => prefix ? a.StartsWith(b, StringComparison.Ordinal) : a == b;
            return Same(token.Form, Form)
                || (!nativeOnly && token.AsciiTyped && Same(token.Ascii, Ascii))
                || (token.HadRepeats && (Same(token.Single, Single) || (!nativeOnly && token.AsciiTyped && Same(token.AsciiSingle, AsciiSingle))));
        }

        /// <summary>"f**k" against "fuck": stars stand for letters; "s*ik" against "sik": stars inserted.</summary>
        private static bool Masked(string masked, string word, bool prefix)
        {
            var letters = masked.Count(c => c is not ('*' or '#'));
            if (letters < 2 && word.Length > 2)
            {
                return false;
            }

            var stripped = masked.Replace("*", string.Empty, StringComparison.Ordinal).Replace("#", string.Empty, StringComparison.Ordinal);
            if (prefix ? stripped.StartsWith(word, StringComparison.Ordinal) : stripped == word)
            {
                return true;
            }

            if (prefix ? masked.Length < word.Length : masked.Length != word.Length)
            {
                return false;
            }

            for (var i = 0; i < word.Length; i++)
            {
                if (masked[i] is not ('*' or '#') && masked[i] != word[i])
                {
                    return false;
                }
            }

            return true;
        }
    }

    private sealed record Entry(Word[] Words, bool Prefix, bool NativeOnly, AbuseCategory Category, AbuseSeverity Severity)
    {
        public bool Matches(IReadOnlyList<TextToken> tokens, int at, IReadOnlyList<Word> keep)
        {
            for (var j = 0; j < Words.Length; j++)
            {
                var last = j == Words.Length - 1;
                var token = tokens[at + j];
                if (!Words[j].Matches(token, Prefix && last, NativeOnly))
                {
                    return false;
                }

                if (Prefix && last && Kept(keep, token))
                {
                    return false; // a harmless word that starts like the stem
                }
            }

            return true;
        }

        // A loop rather than keep.Any(lambda): the lambda's closure over the token was allocated for every token
        // of every entry tried (a sixth of the server's allocations under load).
        private static bool Kept(IReadOnlyList<Word> keep, TextToken token)
        {
            for (var k = 0; k < keep.Count; k++)
            {
                if (keep[k].Matches(token, prefix: true, nativeOnly: false))
                {
                    return true;
                }
            }

            return false;
        }
    }

    private sealed record Pattern(Regex Regex, AbuseCategory Category, AbuseSeverity Severity);
}
