using Microsoft.Extensions.Options;
using Wfm.Core.Directory;
using Wfm.Core.Events;
using Wfm.Core.Kpis;
using Wfm.Core.Ports;
using Wfm.Data.Coaching;

namespace Wfm.Server.Hosting;

/// <summary>
/// The contacts of a period as KPI records, for the KPI, coaching and trend pages. A day whose events can no longer change
/// (it and the day after are further back than the oldest event the server accepts late) is read from the journal once
/// and kept, so asking for four weeks reads only the last few days again; survey answers are joined on every read (they
/// may come later). At most <see cref="WfmServerOptions.KpiRecordsKept"/> records are kept, the newest days first.
/// </summary>
public sealed class ContactRecordReader(
    IEventJournal journal, SurveyStore surveys, IContactCenterDirectory directory, EventBounds bounds, TimeProvider time, IOptions<WfmServerOptions> options) : IDisposable
{
    private readonly Dictionary<DateOnly, IReadOnlyList<ContactRecord>> _days = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _kept;

    public void Dispose() => _gate.Dispose();

    /// <summary>Records of the contacts that arrived in [<paramref name="from"/>, <paramref name="to"/> + 1 day), their ends and messages read up to a day later.</summary>
    public async Task<IReadOnlyList<ContactRecord>> ReadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var clock = directory.Clock;
        var until = to.AddDays(1);
        var answers = await surveys.AllAsync(cancellationToken);
        var records = new List<ContactRecord>();
        var readFrom = from;
        // Settled days: the day after them too is older than the oldest event still accepted.
        var settledBefore = clock.LocalDate(time.GetUtcNow() - bounds.MaxAge).AddDays(-1);
        var first = clock.LocalDate(from);
        if (first < settledBefore && options.Value.KpiRecordsKept > 0)
        {
            var last = clock.LocalDate(until) < settledBefore ? clock.LocalDate(until) : settledBefore.AddDays(-1);
            foreach (var (day, dayRecords) in await SettledAsync(first, last, cancellationToken))
            {
                var whole = clock.StartOfDay(day) >= from && clock.StartOfDay(day.AddDays(1)) <= until;
                records.AddRange(whole ? dayRecords : dayRecords.Where(r => r.ArrivedAt >= from && r.ArrivedAt < until));
            }

            readFrom = clock.StartOfDay(last.AddDays(1)) > from ? clock.StartOfDay(last.AddDays(1)) : from;
        }

        if (readFrom < until)
        {
            var events = await journal.ReadContactEventsAsync(readFrom, until.AddDays(1), cancellationToken);
            records.AddRange(ContactRecords.From(events.Select(e => e.Event), directory).Where(r => r.ArrivedAt < until));
        }

        return answers.Count == 0 ? records : records.Select(r => answers.TryGetValue(r.ContactId, out var a) ? r with { Survey = a } : r).ToList();
    }

    /// <summary>Records of each settled day from <paramref name="first"/> to <paramref name="last"/>, reading the days not kept in runs.</summary>
    private async Task<IReadOnlyList<(DateOnly Day, IReadOnlyList<ContactRecord> Records)>> SettledAsync(DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        var clock = directory.Clock;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            for (var day = first; day <= last; day = day.AddDays(1))
            {
                if (_days.ContainsKey(day))
                {
                    continue;
                }

                // A run of days not kept: read at once (with the day after the run, for contacts that end after midnight).
                var end = day;
                while (end < last && !_days.ContainsKey(end.AddDays(1)))
                {
                    end = end.AddDays(1);
                }

                var events = await journal.ReadContactEventsAsync(clock.StartOfDay(day), clock.StartOfDay(end.AddDays(2)), cancellationToken);
                var byDay = ContactRecords.From(events.Select(e => e.Event), directory).ToLookup(r => clock.LocalDate(r.ArrivedAt));
                for (var d = day; d <= end; d = d.AddDays(1))
                {
                    var list = byDay[d].ToList();
                    _days[d] = list;
                    _kept += list.Count;
                }

                day = end;
            }

            var result = new List<(DateOnly, IReadOnlyList<ContactRecord>)>();
            for (var day = first; day <= last; day = day.AddDays(1))
            {
                result.Add((day, _days[day]));
            }

            // Keep the newest days within the limit (what was just returned stays valid for this caller).
            foreach (var old in _days.Keys.Order().ToList())
            {
                if (_kept <= options.Value.KpiRecordsKept)
                {
                    break;
                }

                _kept -= _days[old].Count;
                _days.Remove(old);
            }

            return result;
        }
        finally
        {
            _gate.Release();
        }
    }
}
