using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Runtime;
using Wfm.Core.Events;
using Wfm.Core.Ports;

using Wfm.Server.Security;

namespace Wfm.Server.Api;

/// <summary>The server's own health for operators and load runs: memory, uptime, active grains by kind.</summary>
public sealed record SystemStatusDto(
    long WorkingSetBytes,
    long PrivateBytes,
    long GcHeapBytes,
    double UptimeSeconds,
    int ProcessorCount,
    IReadOnlyDictionary<string, int> ActiveGrains);

/// <summary>Which of the asked events (each its id and time, as posted) the journal holds (acknowledged events survive restarts).</summary>
public sealed record EventLookupDto(IReadOnlyList<EventLookupKeyDto?>? Events);

/// <summary>An event as the journal knows it: the sender's id and the time it happened.</summary>
public sealed record EventLookupKeyDto(string? Id, DateTimeOffset? At);

public sealed record EventLookupResultDto(int Asked, int Known, IReadOnlyList<string> Missing);

public static class SystemApi
{
    /// <summary>Ids per lookup request.</summary>
    public const int MaxLookup = 20_000;

    public static RouteGroupBuilder MapSystemApi(this RouteGroupBuilder api)
    {
        api.MapGet("/system", Status).WithTags("System").WithSummary("Process memory, uptime and active grains by kind")
            .RequireAccess(Access.Admins, WfmScopes.SystemRead);
        api.MapPost("/events/lookup", Lookup).WithTags("Events")
            .WithSummary("Which of the given events (id and time) are recorded (the simulator's check that nothing acknowledged was lost)")
            .RequireAccess(Access.Admins, WfmScopes.EventsWrite);
        return api;
    }

    private static async Task<Ok<SystemStatusDto>> Status(IGrainFactory grains)
    {
        using var process = Process.GetCurrentProcess();
        var statistics = await grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        var active = statistics
            .GroupBy(s => ShortName(s.GrainType))
            .ToDictionary(g => g.Key, g => g.Sum(s => s.ActivationCount));
        return TypedResults.Ok(new SystemStatusDto(
            process.WorkingSet64,
            process.PrivateMemorySize64,
            GC.GetTotalMemory(false),
            (DateTime.Now - process.StartTime).TotalSeconds,
            Environment.ProcessorCount,
            active));
    }

    private static async Task<Results<Ok<EventLookupResultDto>, ValidationProblem>> Lookup(
        EventLookupDto body, IEventJournal journal, CancellationToken cancellationToken)
    {
        if (body.Events is not { Count: > 0 } asked || asked.Count > MaxLookup)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["events"] = [$"give 1 to {MaxLookup} events ({{\"id\", \"at\"}}), got {body.Events?.Count ?? 0}"] });
        }

        var keys = new List<EventKey>(asked.Count);
        for (var i = 0; i < asked.Count; i++)
        {
            if (asked[i] is not { Id: { Length: > 0 } id, At: { } at })
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [$"events[{i}]"] = ["an id and the time it happened (at) are required"] });
            }

            keys.Add(new EventKey(id, at));
        }

        var distinct = keys.Distinct().ToList();
        var known = await journal.FindExistingAsync(distinct, cancellationToken);
        var missing = distinct.Where(k => !known.Contains(k)).Take(100).Select(k => k.Id).ToList();
        return TypedResults.Ok(new EventLookupResultDto(distinct.Count, known.Count, missing));
    }

    /// <summary>"Wfm.Grains.AgentGrain" → "AgentGrain".</summary>
    private static string ShortName(string grainType)
    {
        var name = grainType.Split(',')[0];
        var dot = name.LastIndexOf('.');
        return dot >= 0 ? name[(dot + 1)..] : name;
    }
}
