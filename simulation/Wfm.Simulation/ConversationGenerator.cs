using Wfm.Core.Directory;
using Wfm.Core.Events;

namespace Wfm.Simulation;

/// <summary>
/// The conversation around the generated contacts, as the demo server and the simulator both send it:
/// every chat or e-mail contact an agent answers brings the customer's message a few seconds later in the
/// agent's language (now and then an abusive one, at the message generator's rate) and the agent's reply;
/// most written contacts end resolved, some leave the customer to come back. Seeded: the same traffic and
/// seed give the same conversation.
/// </summary>
public sealed class ConversationGenerator(int seed, double abusiveRate = 0.04, double resolvedRate = 0.85)
{
    private readonly CustomerMessageGenerator _messages = new(seed, abusiveRate);
    private readonly Random _random = new(seed ^ 0x5eed);

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
            if (e.AgentId is null || e.QueueId is null || channelOf(e.QueueId) is not (Channel.Chat or Channel.Email))
            {
                continue;
            }

            if (e.Type == EventType.ContactEnded)
            {
                if (_random.NextDouble() < resolvedRate)
                {
                    result.Add(new ContactCenterEvent { Id = $"res-{e.Id}", Type = EventType.ContactResolved, At = e.At, QueueId = e.QueueId, ContactId = e.ContactId, AgentId = e.AgentId });
                }

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

            result.Add(new ContactCenterEvent
            {
                Id = $"msg-{e.Id}",
                Type = EventType.MessageReceived,
                At = e.At.AddSeconds(3),
                QueueId = e.QueueId,
                ContactId = e.ContactId,
                AgentId = e.AgentId,
                CustomerId = CustomerOf(e.ContactId!),
                Language = message.Language,
                Text = message.Text,
            });
            result.Add(new ContactCenterEvent
            {
                Id = $"reply-{e.Id}",
                Type = EventType.MessageSent,
                At = e.At.AddSeconds(30 + _random.Next(60)),
                QueueId = e.QueueId,
                ContactId = e.ContactId,
                AgentId = e.AgentId,
            });
        }

        return result;
    }

    /// <summary>One of 5,000 customers, by the contact id (so some customers come back).</summary>
    public static string CustomerOf(string contactId) => $"cust-{contactId.Aggregate(17u, (h, c) => (h * 31) + c) % 5000}";
}
