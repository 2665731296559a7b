using Wfm.Planning.Staffing;

namespace Wfm.Server.Api;

/// <summary>A scenario to save: its name, the calculation, and the stored forecast its intervals came from (optional).</summary>
public sealed record SaveScenarioDto(string Name, StaffingRequestDto Request, long? ForecastId = null);

/// <summary>A stored scenario as listed.</summary>
public sealed record ScenarioListItemDto(long Id, string Name, string Queue, DateTimeOffset CreatedAt, long? ForecastId = null);

/// <summary>A stored scenario with its request and result.</summary>
public sealed record ScenarioDto(long Id, string Name, string Queue, DateTimeOffset CreatedAt, StaffingRequestDto Request, StaffingResultDto Result, long? ForecastId = null);

/// <summary>The demo center's traffic model for a queue and day (what drives the simulated live traffic; not a forecast).</summary>
public sealed record DemoTrafficDto(string Queue, string Name, DateOnly Date, int IntervalMinutes, double PatienceSeconds, double ServiceLevel, double ThresholdSeconds, IReadOnlyList<StaffingIntervalDto> Intervals);
