using System.Text;
using System.Text.RegularExpressions;

namespace Wfm.Core.Conversations;

/// <summary>
/// A curated list of tagged phrases per language (an embedded text file: <c>&lt;en|tr|fa&gt; &lt;tag&gt;: phrase | phrase</c>),
/// matched over a message's normalised words; every match is returned as a span of the original text.
/// </summary>
public sealed class PhraseBook
{
    private readonly Dictionary<string, List<(string Tag, Regex Regex)>> _phrases;

    private PhraseBook(Dictionary<string, List<(string Tag, Regex Regex)>> phrases) => _phrases = phrases;

    /// <summary>Every phrase found in a message (overlaps included), in the list's order.</summary>
    public List<PhraseEvidence> Find(string text, IReadOnlyList<TextToken> tokens, string language, int messageIndex = 0)
    {
        var words = new JoinedWords(tokens);
        var found = new List<PhraseEvidence>();
        foreach (var (tag, regex) in _phrases.GetValueOrDefault(language) ?? [])
        {
            foreach (Match m in regex.Matches(words.Text))
            {
                var (start, length) = words.Span(m);
                found.Add(new PhraseEvidence(messageIndex, start, length, text.Substring(start, length), tag));
            }
        }

        return found;
    }

    public static PhraseBook Load(string name)
    {
        using var stream = typeof(PhraseBook).Assembly.GetManifestResourceStream($"Wfm.Core.Conversations.{name}")
            ?? throw new InvalidOperationException($"{name} is not embedded in Wfm.Core");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var result = new Dictionary<string, List<(string, Regex)>>(StringComparer.Ordinal);
        foreach (var (number, line) in ListFile.Lines(reader))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var head = colon < 0 ? [] : line[..colon].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (head.Length != 2 || !LanguageDetector.Languages.Contains(head[0]))
            {
                throw new FormatException($"{name} line {number}: expected '<en|tr|fa> <tag>: phrases'");
            }

            if (!result.TryGetValue(head[0], out var list))
            {
                result[head[0]] = list = [];
            }

            foreach (var phrase in line[(colon + 1)..].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                list.Add((head[1], new Regex($"(?<!\\S){Pattern(phrase, head[0])}(?!\\S)", RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromSeconds(1))));
            }
        }

        return new PhraseBook(result);
    }

    /// <summary>A phrase as a pattern over normalised words: "word*" any ending, "~" up to three words; Persian "می" may stand apart.</summary>
    private static string Pattern(string phrase, string language)
    {
        var parts = new List<string>();
        foreach (var word in phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (word == "~")
            {
                parts.Add("(?:\\S+ ){0,3}");
                continue;
            }

            var stem = word.TrimEnd('*');
            var form = string.Join(' ', TextNormalizer.Tokens(stem, language).Select(t => t.Ascii));
            var escaped = Regex.Escape(form);
            if (language == "fa")
            {
                escaped = Regex.Replace(escaped, "^(ن?می)(?=\\S)", "$1 ?");
            }

            parts.Add((word.EndsWith('*') ? escaped + "\\S*" : escaped) + " ");
        }

        return string.Concat(parts).TrimEnd(' ').Replace("){0,3} ", "){0,3}", StringComparison.Ordinal);
    }
}
