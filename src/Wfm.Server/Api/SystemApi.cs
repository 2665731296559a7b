using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Runtime;
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

/// <summary>Which of the asked event ids the journal holds (acknowledged events survive restarts).</summary>
public sealed record EventLookupDto(IReadOnlyList<string> Ids);

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
            .WithSummary("Which of the given event ids are recorded (the simulator's check that nothing acknowledged was lost)")
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
        if (body.Ids is not { Count: > 0 } ids || ids.Count > MaxLookup)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["ids"] = [$"give 1 to {MaxLookup} event ids, got {body.Ids?.Count ?? 0}"] });
        }

        var distinct = ids.Where(i => !string.IsNullOrEmpty(i)).Distinct().ToList();
        var known = await journal.FindExistingAsync(distinct, cancellationToken);
        var missing = distinct.Where(i => !known.Contains(i)).Take(100).ToList();
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
