using Wfm.Core.Agents;
using Wfm.Core.Events;
using Wfm.Core.Time;

namespace Wfm.Core.Queues;

/// <summary>
/// A queue's live day: contacts waiting and in progress, today's counters and the counters per interval
/// (by the interval the contact arrived in). Pure and serialisable; the QueueGrain keeps one as its state.
/// </summary>
public sealed class QueueLedger
{
    public DateOnly Day { get; set; }
    public long LastSequence { get; set; }
    public Dictionary<string, WaitingContact> Contacts
    {
        get => _contacts;
        set
        {
            _contacts = value;
            _waiting = null;
        }
    }

    private Dictionary<string, WaitingContact> _contacts = [];

    // The contacts still waiting, oldest first: kept up by Apply so that the board's count and longest wait
    // do not walk every contact (an e-mail backlog holds thousands); rebuilt from Contacts after a load.
    private SortedSet<(DateTimeOffset ArrivedAt, string ContactId)>? _waiting;

    private SortedSet<(DateTimeOffset ArrivedAt, string ContactId)> Waiting =>
        _waiting ??= new SortedSet<(DateTimeOffset, string)>(_contacts.Values.Where(c => c.AnsweredAt is null).Select(c => (c.ArrivedAt, c.ContactId)));
    public QueueCounters Today { get; set; } = new();
    public SortedDictionary<int, QueueCounters> Intervals { get; set; } = [];
    public Dictionary<string, AgentState> AgentStates { get; set; } = [];

    /// <summary>Checks a sequence of events against the current state without changing it; one message per refused event.</summary>
    public IEnumerable<(int Position, string Message)> Check(IReadOnlyList<ContactCenterEvent> events)
    {
        var overlay = new Dictionary<string, bool?>(); // contact → answered? (null = gone)
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            var id = e.ContactId!;
            bool? status = overlay.TryGetValue(id, out var o) ? o : Contacts.TryGetValue(id, out var c) ? c.AnsweredAt is not null : null;
            var known = overlay.ContainsKey(id) || Contacts.ContainsKey(id);
            var error = Explain(e, known && status is not null, status == true);
            if (error is not null)
            {
                yield return (i, error);
                continue;
            }

            overlay[id] = e.Type switch
            {
                EventType.ContactArrived => false,
                EventType.ContactAnswered => true,
                _ => null,
            };
        }
    }

    private static string? Explain(ContactCenterEvent e, bool present, bool answered) => e.Type switch
    {
        EventType.ContactArrived when present => $"contact '{e.ContactId}' is already in queue '{e.QueueId}'",
        EventType.ContactAnswered or EventType.ContactAbandoned when !present => $"contact '{e.ContactId}' is not waiting in queue '{e.QueueId}'",
        EventType.ContactAnswered or EventType.ContactAbandoned when answered => $"contact '{e.ContactId}' was already answered",
        EventType.ContactEnded when !present || !answered => $"contact '{e.ContactId}' is not in progress in queue '{e.QueueId}'",
        _ => null,
    };

    /// <summary>The interval of a contact that arrived on an earlier day than the ledger's (a late event): counted on no interval of today.</summary>
    public const int EarlierDay = -1;

    /// <summary>
    /// Applies one accepted event. Returns false (and changes nothing) if it does not fit the state, as can happen on replay.
    /// A late event, stamped on an earlier local day than the ledger's, moves the contact along but counts in none of
    /// today's figures (its own day's figures are read from the journal); a contact that arrived on an earlier day and is
    /// answered, abandoned or ended today counts today as one carried over midnight does.
    /// </summary>
    public bool Apply(ContactCenterEvent e, ServiceLevelTarget target, CenterClock clock)
    {
        var day = clock.LocalDate(e.At);
        RollOver(day, clock);
        var late = day < Day;
        Contacts.TryGetValue(e.ContactId!, out var contact);
        if (Explain(e, contact is not null, contact?.AnsweredAt is not null) is not null)
        {
            return false;
        }

        if (contact is { Interval: EarlierDay } && !late)
        {
            contact.Interval = 0;
            if (contact.AnsweredAt is null)
            {
                Count(0, c => c.Offered++);
            }
        }

        switch (e.Type)
        {
            case EventType.ContactArrived:
                var interval = late ? EarlierDay : clock.IntervalIndex(e.At);
                Contacts[e.ContactId!] = new WaitingContact { ContactId = e.ContactId!, ArrivedAt = e.At, Interval = interval };
                _waiting?.Add((e.At, e.ContactId!));
                if (!late)
                {
                    Count(interval, c => c.Offered++);
                }

                break;
            case EventType.ContactAnswered:
                var wait = Math.Max(0, (e.At - contact!.ArrivedAt).TotalSeconds);
                _waiting?.Remove((contact!.ArrivedAt, contact.ContactId));
                contact.AnsweredAt = e.At;
                contact.AgentId = e.AgentId;
                Count(contact.Interval, c =>
                {
                    c.Answered++;
                    c.AnswerWaitSeconds += wait;
                    if (wait <= target.ThresholdSeconds)
                    {
                        c.AnsweredWithinThreshold++;
                    }
                });
                break;
            case EventType.ContactAbandoned:
                var waited = Math.Max(0, (e.At - contact!.ArrivedAt).TotalSeconds);
                Contacts.Remove(contact.ContactId);
                _waiting?.Remove((contact.ArrivedAt, contact.ContactId));
                Count(contact.Interval, c =>
                {
                    c.Abandoned++;
                    c.AbandonWaitSeconds += waited;
                });
                break;
            case EventType.ContactEnded:
                var talk = Math.Max(0, (e.At - contact!.AnsweredAt!.Value).TotalSeconds);
                Contacts.Remove(contact.ContactId);
                Count(contact.Interval, c =>
                {
                    c.Handled++;
                    c.TalkSeconds += talk;
                });
                break;
        }

        return true;
    }

    /// <summary>
    /// A new local day starts empty; contacts still waiting carry over and are counted as offered today in the
    /// first interval, so every contact answered or abandoned today was offered today. Contacts in progress
    /// carry over too and count as handled today when they end.
    /// </summary>
    public void RollOver(DateOnly day, CenterClock clock)
    {
        if (day <= Day)
        {
            return;
        }

        var first = Day == default;
        Day = day;
        Today = new QueueCounters();
        Intervals = [];
        if (first)
        {
            return;
        }

        foreach (var contact in Contacts.Values)
        {
            contact.Interval = 0;
            if (contact.AnsweredAt is null)
            {
                Count(0, c => c.Offered++);
            }
        }
    }

    private void Count(int interval, Action<QueueCounters> change)
    {
        if (interval == EarlierDay)
        {
            return;
        }

        change(Today);
        if (!Intervals.TryGetValue(interval, out var counters))
        {
            Intervals[interval] = counters = new QueueCounters();
        }

        change(counters);
    }

    public int WaitingCount => Waiting.Count;

    public DateTimeOffset? OldestWaitingSince => Waiting.Count == 0 ? null : Waiting.Min.ArrivedAt;
}
