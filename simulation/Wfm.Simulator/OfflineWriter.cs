using System.Globalization;
using Wfm.Core.Events;
using Wfm.Core.Time;
using Wfm.Planning.Csv;
using Wfm.Simulation;

namespace Wfm.Simulator;

/// <summary>What an offline run wrote.</summary>
public sealed record OfflineReport(DateOnly From, DateOnly To, long Contacts, long Intervals, long ConversationLines, long Surveys, IReadOnlyList<string> Files);

/// <summary>
/// The offline mode: runs the generated center over whole days without a server and writes what a
/// planner or trainer imports — interval volumes and per-contact records (the history `wfm forecast`
/// and the forecasting page read), the written conversations (`wfm conversations analyze`) and the
/// survey answers (`/api/surveys/csv`).
/// </summary>
public static class OfflineWriter
{
    private static readonly string[] OutputFiles = ["intervals.csv", "contacts.csv", "conversations.csv", "surveys.csv"];

    public static OfflineReport Write(
        LoadSettings settings, DateOnly from, DateOnly to, int intervalMinutes, string folder, ArrivalProfile? profile, IProgress<double>? progress = null)
    {
        if (to < from)
        {
            throw new ArgumentException($"--to {to:yyyy-MM-dd} is before --from {from:yyyy-MM-dd}");
        }

        if (to.DayNumber - from.DayNumber > 730)
        {
            throw new ArgumentException("at most two years per offline run");
        }

        if (intervalMinutes is not (15 or 30 or 60))
        {
            throw new ArgumentException($"--interval-minutes must be 15, 30 or 60, got {intervalMinutes}");
        }

        Directory.CreateDirectory(folder);
        var center = DemoCenterGenerator.Generate(settings.Seed, settings.Agents, settings.TimeZone, settings.Queues);
        var clock = CenterClock.For(settings.TimeZone, intervalMinutes);
        var channels = center.Queues.ToDictionary(q => q.Profile.Id, q => q.Profile.Channel);
        var locales = center.Agents.ToDictionary(a => a.Id, a => a.Locale);
        var start = clock.StartOfDay(from);
        var end = clock.StartOfDay(to.AddDays(1));
        var traffic = new TrafficGenerator(center, clock, settings.Seed, start, volume: settings.Volume, profile: profile);
        var conversation = new ConversationGenerator(settings.Seed, settings.AbusiveRate);

        var files = OutputFiles.Select(f => Path.Combine(folder, f)).ToList();
        using var contactsWriter = new StreamWriter(files[1]);
        using var contactsCsv = new CsvTable(contactsWriter, "arrival", "queue", "channel", "handle_seconds", "abandoned", "wait_seconds");
        using var conversationWriter = new StreamWriter(files[2]);
        using var conversationCsv = new CsvTable(conversationWriter, "conversation_id", "sender", "text", "language", "agent", "timestamp");
        using var surveyWriter = new StreamWriter(files[3]);
        using var surveyCsv = new CsvTable(surveyWriter, "contact_id", "csat", "nps", "ces");

        var open = new Dictionary<string, (string Queue, DateTimeOffset Arrived, DateTimeOffset? Answered)>();
        var intervals = new SortedDictionary<(DateTime Start, string Queue), (int Offered, int Handled, int Abandoned, double HandleSum)>();
        long contacts = 0, lines = 0, surveys = 0;
        for (var t = start; t < end;)
        {
            t = t.AddHours(1) < end ? t.AddHours(1) : end;
            var events = traffic.Advance(t);
            foreach (var e in events)
            {
                switch (e.Type)
                {
                    case EventType.ContactArrived:
                        open[e.ContactId!] = (e.QueueId!, e.At, null);
                        break;
                    case EventType.ContactAnswered when open.TryGetValue(e.ContactId!, out var c):
                        open[e.ContactId!] = c with { Answered = e.At };
                        break;
                    case EventType.ContactAbandoned when open.Remove(e.ContactId!, out var c):
                        Finish(c.Queue, c.Arrived, null, (e.At - c.Arrived).TotalSeconds, abandoned: true);
                        break;
                    case EventType.ContactEnded when open.Remove(e.ContactId!, out var c) && c.Answered is { } answered:
                        Finish(c.Queue, c.Arrived, (e.At - answered).TotalSeconds, (answered - c.Arrived).TotalSeconds, abandoned: false);
                        break;
                }
            }

            foreach (var e in conversation.Around(events, q => channels.TryGetValue(q, out var ch) ? ch : null, a => locales.GetValueOrDefault(a)))
            {
                if (e.Text is { } text && e.Type is EventType.MessageReceived or EventType.MessageSent)
                {
                    conversationCsv.Row(e.ContactId!, e.Type == EventType.MessageSent ? "agent" : "customer", text, e.Language ?? "en", e.AgentId ?? string.Empty,
                        clock.ToLocal(e.At).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
                    lines++;
                }
            }

            foreach (var s in conversation.TakeSurveys())
            {
                surveyCsv.Row(s.ContactId, $"{s.Csat}", $"{s.Nps}", $"{s.Ces}");
                surveys++;
            }

            progress?.Report((t - start) / (end - start));
        }

        void Finish(string queue, DateTimeOffset arrived, double? handleSeconds, double waitSeconds, bool abandoned)
        {
            var local = clock.ToLocal(arrived);
            contactsCsv.Row(
                local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), queue, channels[queue].ToString().ToLowerInvariant(),
                handleSeconds is { } h ? CsvTable.Number(h, "0.#") : string.Empty, abandoned ? "1" : "0", CsvTable.Number(waitSeconds, "0.#"));
            contacts++;
            var slot = local.Date.AddMinutes(Math.Floor(local.TimeOfDay.TotalMinutes / intervalMinutes) * intervalMinutes);
            var cell = intervals.GetValueOrDefault((slot, queue));
            intervals[(slot, queue)] = (cell.Offered + 1, cell.Handled + (abandoned ? 0 : 1), cell.Abandoned + (abandoned ? 1 : 0), cell.HandleSum + (handleSeconds ?? 0));
        }

        using (var intervalWriter = new StreamWriter(files[0]))
        using (var intervalCsv = new CsvTable(intervalWriter, "date", "interval_start", "queue", "channel", "offered", "handled", "abandoned", "aht_seconds"))
        {
            foreach (var ((slot, queue), cell) in intervals)
            {
                intervalCsv.Row(
                    slot.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), slot.ToString("HH:mm", CultureInfo.InvariantCulture), queue,
                    channels[queue].ToString().ToLowerInvariant(), $"{cell.Offered}", $"{cell.Handled}", $"{cell.Abandoned}",
                    cell.Handled > 0 ? CsvTable.Number(cell.HandleSum / cell.Handled, "0.#") : string.Empty);
            }
        }

        return new OfflineReport(from, to, contacts, intervals.Count, lines, surveys, files);
    }
}
