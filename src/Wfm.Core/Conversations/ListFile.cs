namespace Wfm.Core.Conversations;

/// <summary>The curated list files (abuse lexicon, phrase lists): their lines with content, trimmed, with their line numbers; blank lines and '#' comments left out.</summary>
internal static class ListFile
{
    public static IEnumerable<(int Number, string Line)> Lines(TextReader reader)
    {
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            line = line.Trim();
            if (line.Length > 0 && line[0] != '#')
            {
                yield return (number, line);
            }
        }
    }
}
