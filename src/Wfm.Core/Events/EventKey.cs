namespace Wfm.Core.Events;

/// <summary>
/// What makes an event one event in the journal: its sender's id and the instant it happened. A retry sends the same
/// event again, so it has both; the journal's unique key is (time, id) so that a batch's inserts land together at the
/// index's recent end instead of one random page per id across the whole journal.
/// </summary>
public readonly record struct EventKey(string Id, DateTimeOffset At)
{
    public static EventKey Of(ContactCenterEvent e) => new(e.Id, e.At);
}
