namespace Wfm.Core.Conversations;

/// <summary>
/// Cuts a message into sentences: at '.', '!', '?', '؟', '…' or '۔' followed by a space or the end, and at line
/// breaks. A full stop between digits ("2.5", "12.03.") or after a single letter ("J. Smith") does not end a sentence.
/// </summary>
public static class SentenceSplitter
{
    private static readonly System.Buffers.SearchValues<char> Marks = System.Buffers.SearchValues.Create(". !?؟…-–—*");

    /// <summary>Each sentence as (start, length) in <paramref name="text"/>, trimmed; empty ones left out.</summary>
    public static IReadOnlyList<(int Start, int Length)> Split(string text)
    {
        var result = new List<(int, int)>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var end = c is '\n' or '\r';
            if (c is '.' or '!' or '?' or '؟' or '…' or '۔')
            {
                // The run of end marks ("?!", "...") stays with its sentence.
                while (i + 1 < text.Length && text[i + 1] is '.' or '!' or '?' or '؟' or '…' or '"' or '\'' or ')' or '»' or '”')
                {
                    i++;
                }

                var followedBySpace = i + 1 >= text.Length || char.IsWhiteSpace(text[i + 1]);
                var abbreviation = c == '.' && i >= 1 && i - start >= 1 && IsInitial(text, i);
                end = followedBySpace && !abbreviation;
            }

            if (end)
            {
                Add(result, text, start, i + 1);
                start = i + 1;
            }
        }

        Add(result, text, start, text.Length);
        return result;
    }

    /// <summary>A single letter before the stop, itself after a space or the start: "J." in "J. Smith".</summary>
    private static bool IsInitial(string text, int stop) =>
        char.IsLetter(text[stop - 1]) && (stop - 2 < 0 || char.IsWhiteSpace(text[stop - 2])) && stop + 2 < text.Length && char.IsUpper(text[stop + 2]);

    private static void Add(List<(int, int)> result, string text, int from, int to)
    {
        while (from < to && char.IsWhiteSpace(text[from]))
        {
            from++;
        }

        while (to > from && char.IsWhiteSpace(text[to - 1]))
        {
            to--;
        }

        if (to > from && text.AsSpan(from, to - from).ContainsAnyExcept(Marks))
        {
            result.Add((from, to - from));
        }
    }
}
