using System.Text;
using System.Text.RegularExpressions;

namespace Wfm.Core.Conversations;

/// <summary>Who wrote a message.</summary>
public enum Sender
{
    Customer,
    Agent,
}

/// <summary>One message of a conversation, in order.</summary>
public sealed record ConversationMessage(string ConversationId, Sender Sender, string Text, string? Language = null, string? AgentId = null, DateTimeOffset? At = null);

/// <summary>A phrase found in a message: which message, where, what it says and what habit it shows.</summary>
public sealed record PhraseEvidence(int MessageIndex, int Start, int Length, string Text, string Tag);

/// <summary>Whether the agent showed a habit, missed it, or the conversation gave no chance for it.</summary>
public enum ItemOutcome
{
    Found,
    Missed,
    NoOpportunity,
}

/// <summary>One rubric item of the empathy review with the evidence for it.</summary>
public sealed record EmpathyItem(string Item, ItemOutcome Outcome, IReadOnlyList<PhraseEvidence> Evidence);

/// <summary>A moment a trainer may want to praise or use in onboarding; the trainer confirms or dismisses it.</summary>
public sealed record WowCandidate(string Kind, PhraseEvidence Evidence);

/// <summary>
/// A suggested empathy review of a conversation: each rubric item found, missed or without opportunity,
/// the share found among those with an opportunity, negative language flags and wow-moment candidates.
/// </summary>
public sealed record ConversationAnalysis(
    string ConversationId, string Language, IReadOnlyList<EmpathyItem> Items, double? EmpathyScore,
    IReadOnlyList<PhraseEvidence> NegativeLanguage, IReadOnlyList<WowCandidate> WowCandidates);

/// <summary>
/// Reads conversations for the habits trainers coach, in English, Turkish and Persian, from a curated
/// phrase list (conversation-phrases.txt): greet, use the customer's first name, acknowledge feelings
/// (only when the customer voiced one), positive language, no blame / "can't" / policy talk / arguing,
/// no transfer, a callback instead of a long hold; and wow moments.
/// </summary>
public static class ConversationAnalyzer
{
    public static readonly IReadOnlyList<string> NegativeTags = ["blame", "cant", "policy", "argue"];

    private static readonly string[] EmpatheticTags = ["acknowledge", "apology", "positive", "reassurance"];

    private static readonly Lazy<Dictionary<string, List<(string Tag, Regex Regex)>>> Phrases = new(Load);

    /// <summary>Every phrase of the list found in one message, as spans of the message.</summary>
    public static IReadOnlyList<PhraseEvidence> Find(string text, string language, int messageIndex = 0)
    {
        var tokens = TextNormalizer.Tokens(text, language);
        var words = new JoinedWords(tokens);
        var found = new List<PhraseEvidence>();
        foreach (var (tag, regex) in Phrases.Value.GetValueOrDefault(language) ?? [])
        {
            foreach (Match m in regex.Matches(words.Text))
            {
                var (start, length) = words.Span(m);
                found.Add(new PhraseEvidence(messageIndex, start, length, text.Substring(start, length), tag));
            }
        }

        // Overlapping phrases of one habit count once (the longest: "our policy says" is one policy phrase), and
        // negative language outranks a positive phrase inside it.
        var kept = new List<PhraseEvidence>();
        foreach (var f in found.OrderByDescending(f => NegativeTags.Contains(f.Tag)).ThenByDescending(f => f.Length))
        {
            bool Overlaps(PhraseEvidence k) => f.Start < k.Start + k.Length && k.Start < f.Start + f.Length;
            if (!kept.Any(k => Overlaps(k) && (k.Tag == f.Tag || NegativeTags.Contains(k.Tag) && !NegativeTags.Contains(f.Tag))))
            {
                kept.Add(f);
            }
        }

        return kept.OrderBy(f => f.Start).ThenBy(f => f.Tag, StringComparer.Ordinal).ToList();
    }

    /// <summary>Whether an agent's sentence is empathetic: it acknowledges, apologises, reassures or is positive, and holds no negative language.</summary>
    public static bool IsEmpathetic(string sentence, string? language = null)
    {
        var found = Find(sentence, language ?? LanguageDetector.Detect(sentence));
        return found.Any(f => EmpatheticTags.Contains(f.Tag)) && !found.Any(f => NegativeTags.Contains(f.Tag));
    }

    /// <param name="customerFirstName">The customer's first name when the system knows it (else that item has no opportunity).</param>
    public static ConversationAnalysis Analyze(IReadOnlyList<ConversationMessage> messages, string? customerFirstName = null)
    {
        if (messages.Count == 0)
        {
            throw new ArgumentException("a conversation needs at least one message", nameof(messages));
        }

        var language = messages.FirstOrDefault(m => m.Language is not null)?.Language
            ?? LanguageDetector.Detect(string.Join(' ', messages.Select(m => m.Text)));
        var found = messages.Select((m, i) => (Message: m, Phrases: Find(m.Text, m.Language ?? language, i))).ToList();
        var agent = found.Where(f => f.Message.Sender == Sender.Agent).ToList();
        var customer = found.Where(f => f.Message.Sender == Sender.Customer).ToList();
        List<PhraseEvidence> Agent(params string[] tags) => agent.SelectMany(a => a.Phrases).Where(p => tags.Contains(p.Tag)).ToList();
        List<PhraseEvidence> Customer(params string[] tags) => customer.SelectMany(a => a.Phrases).Where(p => tags.Contains(p.Tag)).ToList();

        var items = new List<EmpathyItem>();
        void Item(string name, bool opportunity, IReadOnlyList<PhraseEvidence> evidence, bool foundWhenEvidence = true) =>
            items.Add(new EmpathyItem(name, !opportunity ? ItemOutcome.NoOpportunity : (evidence.Count > 0) == foundWhenEvidence ? ItemOutcome.Found : ItemOutcome.Missed, evidence));

        // Greeting: in the agent's first two messages.
        var firstAgentMessages = agent.Take(2).Select(a => a.Message).ToHashSet();
        Item("greeting", agent.Count > 0, agent.Where(a => firstAgentMessages.Contains(a.Message)).SelectMany(a => a.Phrases).Where(p => p.Tag == "greeting").ToList());
        Item("first name", customerFirstName is not null && agent.Count > 0, customerFirstName is null ? [] : FirstName(agent.Select(a => a.Message).ToList(), found, customerFirstName, language));
        var feelings = Customer("feeling");
        Item("acknowledge feelings", feelings.Count > 0, feelings.Count == 0 ? [] : Agent("acknowledge", "apology"));
        Item("positive language", agent.Count > 0, Agent("positive", "reassurance"));
        var negative = Agent([.. NegativeTags]);
        Item("no negative language", agent.Count > 0, negative, foundWhenEvidence: false);
        Item("no transfer", agent.Count > 0, Agent("transfer"), foundWhenEvidence: false);
        var holds = Agent("hold");
        Item("callback instead of hold", holds.Count > 0, holds.Count == 0 ? [] : Agent("callback"));

        var scored = items.Where(i => i.Outcome != ItemOutcome.NoOpportunity).ToList();
        var wow = Agent("personal", "followup", "unstated").Select(p => new WowCandidate(p.Tag switch
        {
            "personal" => "personal connection",
            "followup" => "follow-up after resolution",
            _ => "unstated need addressed",
        }, p)).Concat(Customer("praise").Select(p => new WowCandidate("customer praise", p))).OrderBy(w => w.Evidence.MessageIndex).ToList();
        return new ConversationAnalysis(messages[0].ConversationId, language, items,
            scored.Count == 0 ? null : Math.Round((double)scored.Count(i => i.Outcome == ItemOutcome.Found) / scored.Count, 4), negative, wow);
    }

    private static List<PhraseEvidence> FirstName(List<ConversationMessage> agentMessages, List<(ConversationMessage Message, IReadOnlyList<PhraseEvidence> Phrases)> all, string name, string language)
    {
        var target = TextNormalizer.Form(name, language);
        var result = new List<PhraseEvidence>();
        foreach (var message in agentMessages)
        {
            var index = all.FindIndex(a => ReferenceEquals(a.Message, message));
            foreach (var token in TextNormalizer.Tokens(message.Text, message.Language ?? language).Where(t => t.Form == target || t.Form.StartsWith(target, StringComparison.Ordinal) && t.Form.Length <= target.Length + 3))
            {
                result.Add(new PhraseEvidence(index, token.Start, token.End - token.Start, message.Text[token.Start..token.End], "first name"));
            }
        }

        return result;
    }

    private static Dictionary<string, List<(string Tag, Regex Regex)>> Load()
    {
        using var stream = typeof(ConversationAnalyzer).Assembly.GetManifestResourceStream("Wfm.Core.Conversations.conversation-phrases.txt")
            ?? throw new InvalidOperationException("the conversation phrases are not embedded in Wfm.Core");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var result = new Dictionary<string, List<(string, Regex)>>(StringComparer.Ordinal);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            line = line.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var head = colon < 0 ? [] : line[..colon].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (head.Length != 2 || !LanguageDetector.Languages.Contains(head[0]))
            {
                throw new FormatException($"conversation-phrases.txt line {number}: expected '<en|tr|fa> <tag>: phrases'");
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

        return result;
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
