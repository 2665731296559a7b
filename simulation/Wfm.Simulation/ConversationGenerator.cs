using Bogus;
using Wfm.Core.Directory;
using Wfm.Core.Events;

namespace Wfm.Simulation;

/// <summary>A survey answer the generator made up for a contact (CSAT 1–5, NPS 0–10, CES 1–7).</summary>
public sealed record GeneratedSurvey(string ContactId, string AgentId, int Csat, int Nps, int Ces);

/// <summary>
/// The conversation around the generated contacts, as the demo server and the simulator both send it:
/// every chat or e-mail contact an agent answers brings the customer's message a few seconds later in the
/// agent's language (now and then an abusive one, at the message generator's rate) and the agent's reply
/// (more or less empathetic by agent, sometimes curt, now and then a wow moment); most written contacts
/// end resolved, some leave the customer to come back. Some customers answer a survey afterwards, kinder
/// to empathetic agents and resolved contacts. Seeded: the same traffic and seed give the same conversation.
/// </summary>
public sealed class ConversationGenerator(int seed, double abusiveRate = 0.04, double resolvedRate = 0.85, double wowRate = 0.03, double surveyRate = 0.3)
{
    private readonly CustomerMessageGenerator _messages = new(seed, abusiveRate);
    private readonly AgentReplyGenerator _replies = new(seed, wowRate);
    private readonly Random _random = new(seed ^ 0x5eed);
    private readonly Random _surveyRandom = new(seed ^ 0x5e7);
    private readonly List<GeneratedSurvey> _surveys = [];
    private readonly Dictionary<string, string[]> _names = new[] { "en", "tr", "fa" }
        .ToDictionary(l => l, l => Enumerable.Range(0, 40).Select(i => new Faker(l) { Random = new Randomizer(seed + i) }.Name.FirstName()).ToArray());

    /// <summary>Agents' replies generated so far, and how many were empathetic, negative, wow moments.</summary>
    public (int Replies, int Empathetic, int Negative, int Wow) ReplyCounts { get; private set; }

    /// <summary>The survey answers generated since the last call (the caller sends or writes them).</summary>
    public IReadOnlyList<GeneratedSurvey> TakeSurveys()
    {
        var taken = _surveys.ToList();
        _surveys.Clear();
        return taken;
    }

    /// <summary>Abusive messages generated so far (the simulator reports it against the configured rate).</summary>
    public int AbusiveMessages { get; private set; }

    /// <summary>Customer messages generated so far.</summary>
    public int Messages { get; private set; }

    /// <summary>
    /// The conversation events that <paramref name="traffic"/> brings, in the order of the traffic they follow
    /// (the traffic itself is not repeated). <paramref name="channelOf"/> gives a queue's channel and
    /// <paramref name="localeOf"/> an agent's locale (null when unknown: such contacts get no conversation).
    /// </summary>
    public IReadOnlyList<ContactCenterEvent> Around(
        IReadOnlyList<ContactCenterEvent> traffic, Func<string, Channel?> channelOf, Func<string, string?> localeOf)
    {
        var result = new List<ContactCenterEvent>();
        foreach (var e in traffic)
        {
            if (e.AgentId is null || e.QueueId is null)
            {
                continue;
            }

            var written = channelOf(e.QueueId) is Channel.Chat or Channel.Email;
            if (e.Type == EventType.ContactEnded)
            {
                var resolved = true;
                if (written)
                {
                    resolved = _random.NextDouble() < resolvedRate;
                    if (resolved)
                    {
                        result.Add(new ContactCenterEvent { Id = $"res-{e.Id}", Type = EventType.ContactResolved, At = e.At, QueueId = e.QueueId, ContactId = e.ContactId, AgentId = e.AgentId });
                    }
                }

                MaybeSurvey(e.ContactId!, e.AgentId, resolved);
                continue;
            }

            if (!written)
            {
                continue;
            }

            if (e.Type != EventType.ContactAnswered || localeOf(e.AgentId) is not { } locale)
            {
                continue;
            }

            var message = _messages.Next(locale is "tr" or "fa" ? locale : "en");
            Messages++;
            if (message.Abusive)
            {
                AbusiveMessages++;
            }

            var names = _names[message.Language];
            var customerName = names[_random.Next(names.Length)];
            var customer = CustomerOf(e.ContactId!);
            result.Add(new ContactCenterEvent
            {
                Id = $"msg-{e.Id}",
                Type = EventType.MessageReceived,
                At = e.At.AddSeconds(3),
                QueueId = e.QueueId,
                ContactId = e.ContactId,
                AgentId = e.AgentId,
                CustomerId = customer,
                CustomerName = customerName,
                Vip = IsVip(e.ContactId!) ? true : null,
                Language = message.Language,
                Text = message.Text,
            });
            var reply = _replies.Next(e.AgentId, message.Language, customerName, $"{_random.Next(10, 99)}-{_random.Next(10000, 99999)}");
            var counts = ReplyCounts;
            ReplyCounts = (counts.Replies + 1, counts.Empathetic + (reply.Empathetic ? 1 : 0), counts.Negative + (reply.Negative ? 1 : 0), counts.Wow + (reply.Wow ? 1 : 0));
            result.Add(new ContactCenterEvent
            {
                Id = $"reply-{e.Id}",
                Type = EventType.MessageSent,
                At = e.At.AddSeconds(30 + _random.Next(60)),
                QueueId = e.QueueId,
                ContactId = e.ContactId,
                AgentId = e.AgentId,
                Language = reply.Language,
                Text = reply.Text,
            });
        }

        return result;
    }

    /// <summary>At <c>surveyRate</c> a survey: CSAT leans on the agent's empathy and on whether the contact was resolved; NPS and effort follow it.</summary>
    private void MaybeSurvey(string contactId, string agentId, bool resolved)
    {
        if (_surveyRandom.NextDouble() >= surveyRate)
        {
            return;
        }

        var noise = Normal(_surveyRandom) * 0.7;
        var csat = Math.Clamp((int)Math.Round(2.6 + (1.6 * _replies.EmpathyOf(agentId)) + (resolved ? 0.6 : -0.9) + noise), 1, 5);
        var nps = Math.Clamp((int)Math.Round((2.2 * csat) - 1 + (Normal(_surveyRandom) * 1.2)), 0, 10);
        var ces = Math.Clamp((int)Math.Round(7.5 - csat - (resolved ? 0 : -1) + (Normal(_surveyRandom) * 0.8)), 1, 7);
        _surveys.Add(new GeneratedSurvey(contactId, agentId, csat, nps, ces));
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>One of 5,000 customers, by the contact id (so some customers come back).</summary>
    public static string CustomerOf(string contactId) => $"cust-{CustomerNumber(contactId)}";

    /// <summary>One customer in twenty is a VIP in the generated center's CRM.</summary>
    public static bool IsVip(string contactId) => CustomerNumber(contactId) % 20 == 0;

    private static uint CustomerNumber(string contactId) => contactId.Aggregate(17u, (h, c) => (h * 31) + c) % 5000;
}
