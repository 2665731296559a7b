using BenchmarkDotNet.Attributes;
using Wfm.Core.Conversations;
using Wfm.Simulation;

namespace Wfm.Benchmarks;

/// <summary>
/// Suggested replies for one customer message against an index of 100,000 past replies in that language
/// (questions and answers from the simulator's generators: a small vocabulary, so long posting lists — the
/// hard case), and building such an index.
/// </summary>
[MemoryDiagnoser]
public class ReplySuggestionBenchmarks
{
    public const int Replies = 100_000;

    private ReplyIndex _index = null!;
    private List<ReplyPair> _pairs = null!;
    private readonly Dictionary<string, string> _queries = [];

    [GlobalSetup]
    public void Setup()
    {
        _pairs = Pairs(Replies);
        _index = new ReplyIndex(TimeSpan.FromDays(90), 2000);
        foreach (var pair in _pairs)
        {
            _index.Add(pair);
        }

        var customers = new CustomerMessageGenerator(99, abusiveRate: 0);
        foreach (var language in new[] { "en", "tr", "fa" })
        {
            _queries[language] = customers.Next(language).Text;
        }
    }

    /// <summary><paramref name="count"/> question/answer pairs per language (en, tr, fa), as the simulator writes them.</summary>
    public static List<ReplyPair> Pairs(int count)
    {
        var customers = new CustomerMessageGenerator(7, abusiveRate: 0);
        var agents = new AgentReplyGenerator(11);
        var start = new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero);
        var pairs = new List<ReplyPair>(count * 3);
        var id = 0L;
        foreach (var language in new[] { "en", "tr", "fa" })
        {
            for (var i = 0; i < count; i++)
            {
                var agent = $"agent-{i % 500:000}";
                var question = customers.Next(language).Text;
                var reply = agents.Next(agent, language, "Deniz Aydın", $"{100000 + i}").Text;
                pairs.Add(new ReplyPair(++id, start.AddMinutes(i), language, "q", agent, question, ReplyIndex.Template(reply, "Deniz Aydın", null)));
            }
        }

        return pairs;
    }

    [Benchmark]
    public int SuggestEnglish() => _index.Suggest(_queries["en"], "en", new ReplyContext("Ali Kaya", "123456")).Count;

    [Benchmark]
    public int SuggestTurkish() => _index.Suggest(_queries["tr"], "tr", new ReplyContext("Ali Kaya", "123456")).Count;

    [Benchmark]
    public int SuggestPersian() => _index.Suggest(_queries["fa"], "fa", new ReplyContext("Ali Kaya", "123456")).Count;

    [Benchmark]
    public int Build100kPerLanguage()
    {
        var index = new ReplyIndex(TimeSpan.FromDays(90), 2000);
        foreach (var pair in _pairs)
        {
            index.Add(pair);
        }

        return index.Count;
    }
}
