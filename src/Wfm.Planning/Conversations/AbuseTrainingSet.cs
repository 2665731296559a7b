using Wfm.Core.Conversations;
using Wfm.Planning.Csv;

namespace Wfm.Planning.Conversations;

/// <summary>Which rows of a labelled file train which language, and what was left out.</summary>
/// <param name="Rows">The rows to train, each with its language.</param>
/// <param name="Dropped">Rows left out per detected language (a language not asked for).</param>
/// <param name="Undetected">Rows too short to tell (mentions, links, emoticons), trained as the file's language.</param>
public sealed record AbuseTrainingSet(IReadOnlyList<LabelledText> Rows, IReadOnlyDictionary<string, int> Dropped, int Undetected, string How)
{
    /// <summary>The share of a file's rows its dominant language must hold to be trained without being named.</summary>
    public const double DominantShare = 0.9;

    /// <summary>
    /// Chooses the languages to train so that a stray row cannot start a language of its own: the languages named
    /// (<paramref name="named"/>; rows of other languages are left out), else, for rows without a language of their own,
    /// the file's dominant language when it holds at least <see cref="DominantShare"/> of the rows whose language can be
    /// told. A message too short to tell belongs to the file's language. Anything else is refused, saying how the file
    /// divides.
    /// </summary>
    public static AbuseTrainingSet Choose(IReadOnlyList<LabelledText> rows, IReadOnlyCollection<string> named, string fileName)
    {
        var detected = rows.Select(r => r.Language ?? LanguageDetector.TryDetect(r.Text)).ToArray();
        var told = detected.Where(l => l is not null).GroupBy(l => l!).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var toldCount = told.Values.Sum();
        string? fileLanguage;
        HashSet<string> keep;
        string how;
        if (named.Count > 0)
        {
            keep = named.ToHashSet(StringComparer.Ordinal);
            fileLanguage = named.Count == 1 ? named.First() : told.Where(p => keep.Contains(p.Key)).OrderByDescending(p => p.Value).Select(p => p.Key).FirstOrDefault();
            how = $"the language(s) named: {string.Join(", ", named)}";
        }
        else
        {
            var dominant = told.OrderByDescending(p => p.Value).FirstOrDefault();
            var share = toldCount == 0 ? 0 : (double)dominant.Value / toldCount;
            var hasOwn = rows.Any(r => r.Language is not null);
            if (hasOwn)
            {
                // A language column: every language it holds is meant, each row as marked.
                keep = told.Keys.ToHashSet(StringComparer.Ordinal);
                fileLanguage = dominant.Key;
                how = "the file's language column";
            }
            else if (dominant.Key is null || share < DominantShare)
            {
                var shares = string.Join(", ", told.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {(double)p.Value / Math.Max(1, toldCount):P0}"));
                throw new InputFileException(
                    fileName, 1, null,
                    $"the rows' languages are mixed ({shares}{(toldCount < rows.Count ? $"; {rows.Count - toldCount} too short to tell" : string.Empty)}): name the language(s) to train with --language (repeatable) or add a language column; a file is trained without naming only when one language holds at least {DominantShare:P0} of it");
            }
            else
            {
                keep = [dominant.Key];
                fileLanguage = dominant.Key;
                how = $"the file's dominant language, {dominant.Key} ({share:P1} of the rows whose language can be told)";
            }
        }

        var result = new List<LabelledText>();
        var dropped = new Dictionary<string, int>(StringComparer.Ordinal);
        var undetected = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var language = named.Count == 1 && rows[i].Language is null ? named.First() : detected[i];
            if (language is null)
            {
                if (fileLanguage is null)
                {
                    continue;
                }

                undetected++;
                language = fileLanguage;
            }

            if (!keep.Contains(language))
            {
                dropped[language] = dropped.GetValueOrDefault(language) + 1;
                continue;
            }

            result.Add(rows[i] with { Language = language });
        }

        if (result.Count == 0)
        {
            throw new InputFileException(fileName, 1, null, $"no rows of {string.Join(", ", keep)} to train on");
        }

        return new AbuseTrainingSet(result, dropped, undetected, how);
    }
}
