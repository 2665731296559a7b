using System.Globalization;
using System.Text.RegularExpressions;
using System.Text;

namespace Wfm.Core.Conversations;

/// <summary>
/// One past answer: what the customer wrote and what the agent replied, the reply kept as a template
/// ({name}, {order}, {agent} where the customer's name, an order number or the agent's own name stood).
/// </summary>
public sealed record ReplyPair(long Id, DateTimeOffset At, string Language, string QueueId, string AgentId, string Question, string Reply);

/// <summary>A suggested reply: the template, the text filled in for this conversation, its score and the past answer it came from.</summary>
public sealed record ReplySuggestion(long PairId, string Template, string Text, double Score, int Uses)
{
    /// <summary>Slots nothing could fill ("name", "order", "agent"): the agent fills them before the reply can be sent.</summary>
    public IReadOnlyList<string> OpenSlots => ReplyIndex.OpenSlots(Text);
}

/// <summary>What a suggestion may fill its slots ({name}, {order}, {agent}) with.</summary>
public sealed record ReplyContext(string? CustomerName = null, string? OrderNumber = null, string? AgentFirstName = null);

/// <summary>
/// Suggested replies from the team's own past answers: an inverted index over the customers' questions
/// (words normalised as the abuse detector does, Turkish folded to ASCII, plus a 5-letter stem so that
/// "siparişim"/"siparişimi"/"siparişler" and "order"/"orders" meet) ranked by BM25. Pairs are added as they come and dropped once
/// they are older than the window and not among the newest <see cref="KeepAtLeast"/>, and never more than the newest
/// <see cref="KeepAtMost"/> are kept (memory stays bounded however busy the center: a reply repeated by many agents is
/// kept once as text); dropped postings are swept when a quarter of the index is dead. One index per language.
/// Not thread-safe: one writer, readers under the caller's lock.
/// </summary>
public sealed partial class ReplyIndex
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    private readonly Dictionary<string, LanguageIndex> _languages = new(StringComparer.Ordinal);

    // Every document in the order it was added (dropped ones are skipped when they reach the front).
    private readonly Queue<Doc> _added = new();

    public ReplyIndex(TimeSpan window, int keepAtLeast, int keepAtMost = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keepAtLeast);
        if (keepAtMost < Math.Max(1, keepAtLeast))
        {
            throw new ArgumentOutOfRangeException(nameof(keepAtMost), keepAtMost, $"expected at least 1 and at least keepAtLeast ({keepAtLeast})");
        }

        Window = window;
        KeepAtLeast = keepAtLeast;
        KeepAtMost = keepAtMost;
    }

    public TimeSpan Window { get; }

    public int KeepAtLeast { get; }

    /// <summary>The most pairs kept: past it, each new pair drops the oldest.</summary>
    public int KeepAtMost { get; }

    /// <summary>Pairs searchable now.</summary>
    public int Count { get; private set; }

    public void Add(ReplyPair pair)
    {
        if (!_languages.TryGetValue(pair.Language, out var index))
        {
            _languages[pair.Language] = index = new LanguageIndex(pair.Language);
        }

        if (index.Add(pair) is not { } doc)
        {
            return;
        }

        _added.Enqueue(doc);
        Count++;
        while (Count > KeepAtMost && _added.TryDequeue(out var oldest))
        {
            if (oldest.Owner.Remove(oldest))
            {
                Count--;
                oldest.Owner.SweepIfNeeded();
            }
        }

        DequeueDropped();
    }

    /// <summary>Documents already dropped (by <see cref="Expire"/>) need not stay queued.</summary>
    private void DequeueDropped()
    {
        while (_added.TryPeek(out var front) && front.Removed)
        {
            _added.Dequeue();
        }
    }

    /// <summary>Drops what is older than the window, keeping the newest <see cref="KeepAtLeast"/> in all.</summary>
    public int Expire(DateTimeOffset now)
    {
        var live = _languages.Values.SelectMany(l => l.LiveDocs()).OrderByDescending(d => d.At).ToList();
        var cutoff = now - Window;
        var dropped = 0;
        for (var i = KeepAtLeast; i < live.Count; i++)
        {
            if (live[i].At < cutoff && live[i].Owner.Remove(live[i]))
            {
                dropped++;
            }
        }

        foreach (var l in _languages.Values)
        {
            l.SweepIfNeeded();
        }

        Count -= dropped;
        DequeueDropped();
        return dropped;
    }

    /// <summary>
    /// Up to <paramref name="count"/> different replies to past questions most like <paramref name="message"/>,
    /// best first, each filled in from <paramref name="context"/>; <paramref name="allowed"/> can veto a template
    /// (the abuse and negative-language checks).
    /// </summary>
    public IReadOnlyList<ReplySuggestion> Suggest(string message, string language, ReplyContext? context = null, int count = 3, Func<string, bool>? allowed = null)
    {
        if (!_languages.TryGetValue(language, out var index) || index.Live == 0)
        {
            return [];
        }

        var scored = index.Search(Terms(message, language), 60);
        if (scored.Count == 0)
        {
            return [];
        }

        var best = scored[0].Score;
        var result = new List<ReplySuggestion>();
        var byTemplate = scored.GroupBy(s => Key(s.Doc.Reply)).Select(g => (Top: g.First(), Uses: g.Count())).ToList();
        foreach (var (top, uses) in byTemplate)
        {
            if (result.Count == count || top.Score < best * 0.35)
            {
                break;
            }

            if (allowed is not null && !allowed(top.Doc.Reply))
            {
                continue;
            }

            result.Add(new ReplySuggestion(top.Doc.Id, top.Doc.Reply, Fill(top.Doc.Reply, context), Math.Round(top.Score, 3), uses));
        }

        return result;
    }

    /// <summary>Turns an agent's reply into a template: the customer's and the agent's names and order numbers become slots.</summary>
    public static string Template(string reply, string? customerName, string? agentFirstName)
    {
        var text = OrderNumber().Replace(reply, "{order}");
        if (!string.IsNullOrWhiteSpace(customerName))
        {
            foreach (var part in customerName.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => p.Length > 1))
            {
                text = ReplaceWord(text, part, "{name}");
            }

            text = MultipleNames().Replace(text, "{name}");
        }

        if (!string.IsNullOrWhiteSpace(agentFirstName))
        {
            text = ReplaceWord(text, agentFirstName, "{agent}");
        }

        return text;
    }

    /// <summary>
    /// Every occurrence of <paramref name="word"/> (exact, case-sensitive) not inside a longer word, replaced — what
    /// <c>(?&lt;!\w)word(?!\w)</c> does, without building a regular expression for each customer's name.
    /// </summary>
    public static string ReplaceWord(string text, string word, string replacement)
    {
        if (word.Length == 0)
        {
            return text;
        }

        StringBuilder? builder = null;
        var copied = 0;
        var at = text.IndexOf(word, StringComparison.Ordinal);
        while (at >= 0)
        {
            var end = at + word.Length;
            if ((at == 0 || !IsWordChar(text[at - 1])) && (end == text.Length || !IsWordChar(text[end])))
            {
                builder ??= new StringBuilder(text.Length);
                builder.Append(text, copied, at - copied).Append(replacement);
                copied = end;
                at = text.IndexOf(word, end, StringComparison.Ordinal);
            }
            else
            {
                at = text.IndexOf(word, at + 1, StringComparison.Ordinal);
            }
        }

        return builder is null ? text : builder.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>
    /// A character of <c>\w</c> in .NET regular expressions: letters, non-spacing marks, decimal digits, connectors. Not the
    /// zero-width non-joiner, so in Persian "مریم‌جان" the name before it is a word of its own ("{name}‌جان").
    /// </summary>
    public static bool IsWordChar(char c) => char.GetUnicodeCategory(c) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
            or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter
            or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation => true,
        _ => false,
    };

    /// <summary>The last order-like number the customer wrote (5 to 12 digits, maybe after '#').</summary>
    public static string? FindOrderNumber(IEnumerable<string> customerMessages) =>
        customerMessages.SelectMany(m => OrderNumber().Matches(m)).Select(m => m.Value.TrimStart('#', ' ')).LastOrDefault();

    /// <summary>The slots still in a text, in order of first appearance (a reply holding one is not ready to send).</summary>
    public static IReadOnlyList<string> OpenSlots(string text) =>
        [.. SlotPattern().Matches(text).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{(name|order|agent)\}")]
    private static partial Regex SlotPattern();

    /// <summary>Fills the slots; a slot with nothing to fill stays for the agent to complete.</summary>
    public static string Fill(string template, ReplyContext? context)
    {
        var first = context?.CustomerName?.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        var text = template;
        if (first is not null)
        {
            text = text.Replace("{name}", first, StringComparison.Ordinal);
        }
        else
        {
            // Without a name, "Hello {name}," reads "Hello,".
            text = NameWithSpace().Replace(text, string.Empty);
        }

        if (context?.OrderNumber is { } order)
        {
            text = text.Replace("{order}", order, StringComparison.Ordinal);
        }

        if (context?.AgentFirstName is { } agent)
        {
            text = text.Replace("{agent}", agent, StringComparison.Ordinal);
        }

        return text;
    }

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        // English
        "a", "an", "the", "is", "are", "am", "be", "was", "were", "i", "you", "me", "my", "your", "it", "its", "to", "of", "and", "or", "in",
        "on", "for", "at", "this", "that", "please", "hi", "hello", "hey", "thanks", "thank", "can", "could", "would", "will", "do", "does",
        "we", "our", "us", "so", "just", "with", "there", "here", "have", "has", "had", "what", "how",
        // Turkish (ASCII-folded)
        "bir", "ve", "bu", "su", "icin", "ile", "mi", "mu", "ben", "sen", "siz", "de", "da", "ne", "cok", "merhaba", "selam", "lutfen",
        "ama", "ya", "gibi", "daha", "var", "yok", "olarak", "mudur", "midir", "nasil", "tesekkur", "tesekkurler", "iyi", "gunler",
        // Persian
        "و", "در", "به", "از", "که", "این", "را", "با", "است", "من", "شما", "یک", "تا", "برای", "هم", "آن", "سلام", "لطفا", "ممنون",
        "چه", "چرا", "کجا", "هست", "بود", "می", "شد", "شده", "ها",
    };

    private static string Key(string reply) => string.Join(' ', reply.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The index terms of a text: each content word and, for longer words, its 5-letter stem.</summary>
    public static List<string> Terms(string text, string language)
    {
        var terms = new List<string>();
        foreach (var token in TextNormalizer.Tokens(text, language))
        {
            var word = language == "tr" ? token.AsciiSingle : token.Single;
            if (word.Length < 2 || StopWords.Contains(word) || word.All(char.IsDigit))
            {
                continue;
            }

            terms.Add(word);
            if (word.Length >= 5)
            {
                terms.Add("~" + word[..5]);
            }
        }

        return terms;
    }

    [GeneratedRegex(@"(?<![\d\w])#?\s?\d{5,12}(?!\d)", RegexOptions.None, 1000)]
    private static partial Regex OrderNumber();

    [GeneratedRegex(@"\{name\}(\s+\{name\})+", RegexOptions.None, 1000)]
    private static partial Regex MultipleNames();

    [GeneratedRegex(@"\s?\{name\}", RegexOptions.None, 1000)]
    private static partial Regex NameWithSpace();

    /// <summary>One indexed pair; its slot in its language's list changes when dead ones are swept out.</summary>
    internal sealed class Doc(long id, DateTimeOffset at, string reply, int length, LanguageIndex owner, int slot)
    {
        public long Id { get; } = id;

        public DateTimeOffset At { get; } = at;

        public string Reply { get; } = reply;

        public int Length { get; } = length;

        public LanguageIndex Owner { get; } = owner;

        public int Slot { get; set; } = slot;

        public bool Removed { get; set; }
    }

    internal sealed class LanguageIndex(string language)
    {
        private readonly List<Doc?> _docs = [];
        private readonly Dictionary<string, List<(int Slot, int Tf)>> _postings = new(StringComparer.Ordinal);

        // One string per distinct reply: canned answers repeat across agents and days.
        private readonly Dictionary<string, string> _replies = new(StringComparer.Ordinal);
        private long _totalLength;
        private double[] _scores = [];

        public string Language { get; } = language;

        public int Live { get; private set; }

        private int Dead => _docs.Count - Live;

        public IEnumerable<Doc> LiveDocs() => _docs.Where(d => d is not null)!;

        /// <summary>Indexes the pair; null when its question has no content words.</summary>
        public Doc? Add(ReplyPair pair)
        {
            var terms = Terms(pair.Question, Language);
            if (terms.Count == 0)
            {
                return null;
            }

            if (!_replies.TryGetValue(pair.Reply, out var reply))
            {
                _replies[pair.Reply] = reply = pair.Reply;
            }

            var slot = _docs.Count;
            var doc = new Doc(pair.Id, pair.At, reply, terms.Count, this, slot);
            _docs.Add(doc);
            foreach (var group in terms.GroupBy(t => t))
            {
                if (!_postings.TryGetValue(group.Key, out var list))
                {
                    _postings[group.Key] = list = [];
                }

                list.Add((slot, group.Count()));
            }

            _totalLength += terms.Count;
            Live++;
            return doc;
        }

        /// <summary>Drops the document; false when it was dropped before.</summary>
        public bool Remove(Doc doc)
        {
            if (doc.Removed)
            {
                return false;
            }

            doc.Removed = true;
            _totalLength -= doc.Length;
            _docs[doc.Slot] = null;
            Live--;
            return true;
        }

        /// <summary>Rebuilds the postings without dead documents once they are a quarter of the index.</summary>
        public void SweepIfNeeded()
        {
            if (Dead < 1000 || Dead * 4 < _docs.Count)
            {
                return;
            }

            var map = new int[_docs.Count];
            var kept = new List<Doc?>(Live);
            _replies.Clear();
            for (var i = 0; i < _docs.Count; i++)
            {
                map[i] = -1;
                if (_docs[i] is { } d)
                {
                    map[i] = kept.Count;
                    d.Slot = kept.Count;
                    kept.Add(d);
                    _replies.TryAdd(d.Reply, d.Reply);
                }
            }

            foreach (var key in _postings.Keys.ToList())
            {
                var list = _postings[key].Where(p => map[p.Slot] >= 0).Select(p => (map[p.Slot], p.Tf)).ToList();
                if (list.Count == 0)
                {
                    _postings.Remove(key);
                }
                else
                {
                    _postings[key] = list;
                }
            }

            _docs.Clear();
            _docs.AddRange(kept);
        }

        public List<(Doc Doc, double Score)> Search(List<string> terms, int take)
        {
            if (_scores.Length < _docs.Count)
            {
                _scores = new double[Math.Max(_docs.Count, _scores.Length * 2)];
            }

            var touched = new List<int>();
            var n = Live;
            var averageLength = n == 0 ? 1 : (double)_totalLength / n;
            foreach (var term in terms.Distinct())
            {
                if (!_postings.TryGetValue(term, out var postings))
                {
                    continue;
                }

                // Document frequency among live documents (dropped ones wait in the postings for a sweep).
                var df = 0;
                foreach (var (slot, _) in postings)
                {
                    if (_docs[slot] is not null)
                    {
                        df++;
                    }
                }

                var idf = Math.Log(1 + ((n - df + 0.5) / (df + 0.5)));
                if (idf <= 0)
                {
                    continue;
                }

                foreach (var (slot, tf) in postings)
                {
                    if (_docs[slot] is not { } doc)
                    {
                        continue;
                    }

                    if (_scores[slot] == 0)
                    {
                        touched.Add(slot);
                    }

                    _scores[slot] += idf * (tf * (K1 + 1)) / (tf + (K1 * (1 - B + (B * doc.Length / averageLength))));
                }
            }

            var top = new PriorityQueue<int, (double Score, long Id)>();
            foreach (var slot in touched)
            {
                var key = (_scores[slot], _docs[slot]!.Id);
                if (top.Count < take)
                {
                    top.Enqueue(slot, key);
                }
                else if (top.TryPeek(out _, out var lowest) && (key.Item1 > lowest.Score || (key.Item1 == lowest.Score && key.Id > lowest.Id)))
                {
                    top.DequeueEnqueue(slot, key);
                }
            }

            var result = new List<(Doc, double)>(top.Count);
            while (top.TryDequeue(out var slot, out var key))
            {
                result.Add((_docs[slot]!, key.Score));
            }

            foreach (var slot in touched)
            {
                _scores[slot] = 0;
            }

            result.Reverse();
            return result;
        }
    }
}
