using Wfm.Core.Directory;

namespace Wfm.Core.Conversations;

/// <summary>Incidents in one group (a team, queue, channel or language) and, where contacts are known, per 1,000 contacts.</summary>
[GenerateSerializer, Immutable, Alias("wfm.IncidentGroup")]
public sealed record IncidentGroup([property: Id(0)] string Key, [property: Id(1)] int Incidents, [property: Id(2)] int? Contacts, [property: Id(3)] double? Per1000Contacts);

/// <summary>Abuse over a period: how often, where, how it came to light and how fast supervisors acknowledged it.</summary>
[GenerateSerializer, Immutable, Alias("wfm.IncidentStatisticsResult")]
public sealed record IncidentStatisticsResult(
    [property: Id(0)] DateTimeOffset From,
    [property: Id(1)] DateTimeOffset To,
    [property: Id(2)] int Incidents,
    [property: Id(3)] int Contacts,
    [property: Id(4)] double? Per1000Contacts,
    [property: Id(5)] double PerAgentPerMonth,
    [property: Id(6)] double ReportedShare,
    [property: Id(7)] double? MeanMinutesToAcknowledge,
    [property: Id(8)] double? MedianMinutesToAcknowledge,
    [property: Id(9)] int Open,
    [property: Id(10)] IReadOnlyList<IncidentGroup> ByTeam,
    [property: Id(11)] IReadOnlyList<IncidentGroup> ByQueue,
    [property: Id(12)] IReadOnlyList<IncidentGroup> ByChannel,
    [property: Id(13)] IReadOnlyList<IncidentGroup> ByLanguage,
    [property: Id(14)] IReadOnlyList<IncidentGroup> ByCategory);

public static class IncidentStatistics
{
    /// <param name="contactsByQueue">Contacts that arrived per queue in the period (the denominator of the rates).</param>
    public static IncidentStatisticsResult Compute(
        IEnumerable<AbuseIncident> all, DateTimeOffset from, DateTimeOffset to, IReadOnlyDictionary<string, int> contactsByQueue, IContactCenterDirectory directory)
    {
        if (to <= from)
        {
            throw new ArgumentException($"the period must end after it starts ({from:O} to {to:O})");
        }

        var incidents = all.Where(i => i.At >= from && i.At < to).ToList();
        var contacts = contactsByQueue.Values.Sum();
        static double? Rate(int count, int contacts) => contacts > 0 ? Math.Round(count * 1000.0 / contacts, 3) : null;

        var byQueue = incidents.GroupBy(i => i.QueueId).Select(g => new IncidentGroup(g.Key, g.Count(), contactsByQueue.GetValueOrDefault(g.Key), Rate(g.Count(), contactsByQueue.GetValueOrDefault(g.Key))));
        var channelOf = directory.Queues.ToDictionary(q => q.Id, q => q.Channel.ToString().ToLowerInvariant());
        var contactsByChannel = contactsByQueue.GroupBy(p => channelOf.GetValueOrDefault(p.Key, "unknown")).ToDictionary(g => g.Key, g => g.Sum(p => p.Value));
        var byChannel = incidents.GroupBy(i => channelOf.GetValueOrDefault(i.QueueId, "unknown"))
            .Select(g => new IncidentGroup(g.Key, g.Count(), contactsByChannel.GetValueOrDefault(g.Key), Rate(g.Count(), contactsByChannel.GetValueOrDefault(g.Key))));
        var teamOf = directory.Agents.ToDictionary(a => a.Id, a => a.TeamId);
        var byTeam = incidents.GroupBy(i => i.AgentId is { } a ? teamOf.GetValueOrDefault(a, "unknown") : "no agent").Select(g => new IncidentGroup(g.Key, g.Count(), null, null));
        var byLanguage = incidents.GroupBy(i => i.Language).Select(g => new IncidentGroup(g.Key, g.Count(), null, null));
        var byCategory = incidents.GroupBy(i => i.Source == IncidentSource.Reported && i.Category == AbuseCategory.None ? "reported" : i.Category.ToString().ToLowerInvariant())
            .Select(g => new IncidentGroup(g.Key, g.Count(), null, null));

        var months = Math.Max((to - from).TotalDays / 30.4375, 1.0 / 30.4375);
        var agents = Math.Max(1, directory.Agents.Count);
        var waits = incidents.Where(i => i.AcknowledgedAt is not null).Select(i => (i.AcknowledgedAt!.Value - i.At).TotalMinutes).Order().ToList();
        return new IncidentStatisticsResult(
            from, to, incidents.Count, contacts, Rate(incidents.Count, contacts),
            Math.Round(incidents.Count / (agents * months), 3),
            incidents.Count == 0 ? 0 : Math.Round((double)incidents.Count(i => i.Source == IncidentSource.Reported) / incidents.Count, 4),
            waits.Count == 0 ? null : Math.Round(waits.Average(), 2),
            waits.Count == 0 ? null : Math.Round(waits.Count % 2 == 1 ? waits[waits.Count / 2] : (waits[(waits.Count / 2) - 1] + waits[waits.Count / 2]) / 2, 2),
            incidents.Count(i => i.Status != IncidentStatus.Closed),
            Sorted(byTeam), Sorted(byQueue), Sorted(byChannel), Sorted(byLanguage), Sorted(byCategory));
    }

    private static List<IncidentGroup> Sorted(IEnumerable<IncidentGroup> groups) => groups.OrderByDescending(g => g.Incidents).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
}
