using Wfm.Core.Directory;
using Wfm.Core.Events;

namespace Wfm.Core.Kpis;

/// <summary>Builds one <see cref="ContactRecord"/> per contact from the journal's contact and message events, with survey answers joined by contact.</summary>
public static class ContactRecords
{
    public static IReadOnlyList<ContactRecord> From(IEnumerable<ContactCenterEvent> events, IContactCenterDirectory directory, IReadOnlyDictionary<string, SurveyAnswer>? surveys = null)
    {
        var records = new Dictionary<string, ContactRecord>(StringComparer.Ordinal);
        var messages = new Dictionary<string, List<DateTimeOffset>>(StringComparer.Ordinal);
        var replies = new Dictionary<string, List<DateTimeOffset>>(StringComparer.Ordinal);
        var agentOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in events.Where(e => e.ContactId is not null && e.QueueId is not null).OrderBy(e => e.At))
        {
            var key = $"{e.QueueId}/{e.ContactId}";
            if (e.Type == EventType.ContactArrived)
            {
                var channel = directory.FindQueue(e.QueueId!)?.Channel ?? Channel.Voice;
                records[key] = new ContactRecord(e.ContactId!, e.QueueId!, channel, null, e.CustomerId, e.At, Survey: surveys?.GetValueOrDefault(e.ContactId!));
                continue;
            }

            if (!records.TryGetValue(key, out var record))
            {
                continue; // arrived before the period: counted in the period it arrived in
            }

            if (record.CustomerId is null && e.CustomerId is not null)
            {
                record = record with { CustomerId = e.CustomerId }; // a chat platform may name the customer with the first message
            }

            records[key] = e.Type switch
            {
                EventType.ContactAnswered => record with { AnsweredAt = e.At, AgentId = e.AgentId },
                EventType.ContactAbandoned => record with { AbandonedAt = e.At },
                EventType.ContactEnded => record with { EndedAt = e.At, AgentId = record.AgentId ?? e.AgentId },
                EventType.ContactResolved => record with { ResolvedAt = record.ResolvedAt ?? e.At },
                EventType.ContactTransferred => record with { Transfers = record.Transfers + 1 },
                _ => record,
            };
            if (e.Type == EventType.MessageSent && e.AgentId is not null)
            {
                agentOf.TryAdd(key, e.AgentId);
            }
            if (e.Type == EventType.MessageReceived)
            {
                (messages.TryGetValue(key, out var list) ? list : messages[key] = []).Add(e.At);
            }
            else if (e.Type == EventType.MessageSent)
            {
                (replies.TryGetValue(key, out var list) ? list : replies[key] = []).Add(e.At);
            }
        }

        return records.Select(p => p.Value with
        {
            CustomerMessages = messages.GetValueOrDefault(p.Key),
            AgentReplies = replies.GetValueOrDefault(p.Key),
            AgentId = p.Value.AgentId ?? agentOf.GetValueOrDefault(p.Key), // an e-mail may be replied to without being "answered"
        }).ToList();
    }
}
