using Wfm.Core.Directory;
using Wfm.Core.Events;
using Wfm.Core.Time;
using Wfm.Simulation;

namespace Wfm.Simulator;

/// <summary>
/// The generated center's events over a window of simulated time, in batches ready to post: each step's
/// contact and agent events first, then the conversation around them in batches of their own (as the
/// server's demo mode sends them), so a refused message never holds up the traffic.
/// </summary>
public sealed class EventStream
{
    private readonly TrafficGenerator _traffic;
    private readonly ConversationGenerator? _conversation;
    private readonly Dictionary<string, Channel> _channels;
    private readonly Dictionary<string, string> _locales;

    public EventStream(
        DemoCenter center, CenterClock clock, int seed, DateTimeOffset start, double volume, bool conversation, double abusiveRate = 0.04, ArrivalProfile? profile = null)
    {
        Now = start;
        _traffic = new TrafficGenerator(center, clock, seed, start, volume: volume, profile: profile);
        _conversation = conversation ? new ConversationGenerator(seed, abusiveRate) : null;
        _channels = center.Queues.ToDictionary(q => q.Profile.Id, q => q.Profile.Channel);
        _locales = center.Agents.ToDictionary(a => a.Id, a => a.Locale);
    }

    /// <summary>Simulated time the stream has reached.</summary>
    public DateTimeOffset Now { get; private set; }

    /// <summary>Customer messages and abusive ones generated so far.</summary>
    public (int Messages, int Abusive) Messages => (_conversation?.Messages ?? 0, _conversation?.AbusiveMessages ?? 0);

    /// <summary>Agents' replies so far: all, empathetic, with negative language, wow moments.</summary>
    public (int Replies, int Empathetic, int Negative, int Wow) Replies => _conversation?.ReplyCounts ?? default;

    /// <summary>Survey answers generated since the last call.</summary>
    public IReadOnlyList<GeneratedSurvey> TakeSurveys() => _conversation?.TakeSurveys() ?? [];

    /// <summary>
    /// The batches of simulated time up to <paramref name="until"/>: full batches of <paramref name="batchSize"/>
    /// events as they fill (traffic first, then the conversation that traffic brought), and with
    /// <paramref name="flush"/> whatever is left.
    /// </summary>
    public IEnumerable<ContactCenterEvent[]> Advance(DateTimeOffset until, int batchSize, bool flush = false)
    {
        if (until > Now)
        {
            var traffic = _traffic.Advance(until);
            Now = until;
            _pendingTraffic.AddRange(traffic);
            if (_conversation is not null)
            {
                _pendingConversation.AddRange(
                    _conversation.Around(traffic, q => _channels.TryGetValue(q, out var c) ? c : null, a => _locales.GetValueOrDefault(a)));
            }
        }

        if (_pendingTraffic.Count < batchSize && _pendingConversation.Count < batchSize && !flush)
        {
            yield break;
        }

        // The traffic goes first and whole, so every message's contact has arrived before the message.
        foreach (var chunk in _pendingTraffic.Chunk(batchSize))
        {
            yield return chunk;
        }

        _pendingTraffic.Clear();
        foreach (var chunk in _pendingConversation.Chunk(batchSize))
        {
            yield return chunk;
        }

        _pendingConversation.Clear();
    }

    private readonly List<ContactCenterEvent> _pendingTraffic = [];
    private readonly List<ContactCenterEvent> _pendingConversation = [];
}
