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
    IReadOnlyList<PhraseEvidence> NegativeLanguage, IReadOnlyList<WowCandidate> WowCandidates)
{
    /// <summary>Every sentence of the agent's messages with the empathy model's judgement (empty when no model was given).</summary>
    public IReadOnlyList<SentenceEmpathy> Sentences { get; init; } = [];
}

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

    private static readonly Lazy<PhraseBook> Phrases = new(() => PhraseBook.Load("conversation-phrases.txt"));

    /// <summary>Every phrase of the list found in one message, as spans of the message.</summary>
    public static IReadOnlyList<PhraseEvidence> Find(string text, string language, int messageIndex = 0)
    {
        var found = Phrases.Value.Find(text, TextNormalizer.Tokens(text, language), language, messageIndex);

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

    /// <summary>
    /// The phrase rule used before the empathy model (an acknowledge, apology, positive or reassurance phrase and no
    /// negative language), kept as the baseline docs/accuracy.md measures <see cref="EmpathyModel"/> against.
    /// </summary>
    public static bool IsEmpatheticByPhrases(string sentence, string? language = null)
    {
        var found = Find(sentence, language ?? LanguageDetector.Detect(sentence));
        return found.Any(f => EmpatheticTags.Contains(f.Tag)) && !found.Any(f => NegativeTags.Contains(f.Tag));
    }

    /// <param name="customerFirstName">The customer's first name when the system knows it (else that item has no opportunity).</param>
    /// <param name="empathy">
    /// The empathy model to judge each agent sentence with (<see cref="ConversationAnalysis.Sentences"/>); a sentence it
    /// judges an acknowledgement, an apology or a reaction to the customer's situation also counts for "acknowledge feelings".
    /// </param>
    public static ConversationAnalysis Analyze(IReadOnlyList<ConversationMessage> messages, string? customerFirstName = null, EmpathyModel? empathy = null)
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
        var sentences = empathy?.JudgeAgentSentences(messages, language) ?? [];
        var feelings = Customer("feeling");
        var acknowledged = sentences.Where(x => x.Empathetic && x.Kind is "acknowledge" or "apology" or "situation")
            .Select(x => new PhraseEvidence(x.MessageIndex, x.Start, x.Length, x.Text, x.Kind!)).ToList();
        Item("acknowledge feelings", feelings.Count > 0, feelings.Count == 0 ? []
            : [.. Agent("acknowledge", "apology").Where(p => !acknowledged.Any(a => a.MessageIndex == p.MessageIndex && p.Start >= a.Start && p.Start < a.Start + a.Length)).Concat(acknowledged)
                .OrderBy(p => p.MessageIndex).ThenBy(p => p.Start)]);
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
            scored.Count == 0 ? null : Math.Round((double)scored.Count(i => i.Outcome == ItemOutcome.Found) / scored.Count, 4), negative, wow)
        {
            Sentences = sentences,
        };
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
}
