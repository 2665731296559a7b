using Wfm.Core.Directory;

namespace Wfm.Simulation;

/// <summary>A generated contact center: teams, queues with their hourly arrival peaks and handle times, and agents.</summary>
public sealed record DemoCenter(
    string TimeZone,
    IReadOnlyList<TeamProfile> Teams,
    IReadOnlyList<DemoQueue> Queues,
    IReadOnlyList<AgentProfile> Agents);

/// <summary>A queue and how its traffic behaves: peak arrivals per hour, mean handle and patience in seconds.</summary>
public sealed record DemoQueue(QueueProfile Profile, double PeakPerHour, double MeanHandleSeconds, double MeanPatienceSeconds, double MeanWrapUpSeconds);
