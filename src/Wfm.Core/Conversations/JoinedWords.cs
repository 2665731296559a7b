using System.Text;
using System.Text.RegularExpressions;

namespace Wfm.Core.Conversations;

/// <summary>
/// A message's normalised words joined by single spaces (keyboard-less Turkish spelling), each character
/// remembering its word, so a pattern match can be turned back into a span of the original text.
/// </summary>
public sealed class JoinedWords
{
    private readonly IReadOnlyList<TextToken> _tokens;
    private readonly List<int> _owner = [];

    public JoinedWords(IReadOnlyList<TextToken> tokens)
    {
        _tokens = tokens;
        var joined = new StringBuilder();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (i > 0)
            {
                joined.Append(' ');
                _owner.Add(i);
            }

            joined.Append(tokens[i].Ascii);
            _owner.AddRange(Enumerable.Repeat(i, tokens[i].Ascii.Length));
        }

        Text = joined.ToString();
    }

    public string Text { get; }

    /// <summary>The span of the original text (start, length) that a match over <see cref="Text"/> covers.</summary>
    public (int Start, int Length) Span(Match match)
    {
        var first = _tokens[_owner[match.Index]];
        var last = _tokens[_owner[match.Index + match.Length - 1]];
        return (first.Start, last.End - first.Start);
    }
}
