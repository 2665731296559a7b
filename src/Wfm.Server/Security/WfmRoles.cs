namespace Wfm.Server.Security;

/// <summary>The roles a user can hold (several at once).</summary>
public static class WfmRoles
{
    /// <summary>Users, API keys, the audit log and personal-data requests.</summary>
    public const string Admin = "admin";

    /// <summary>History, forecasts, staffing and schedules.</summary>
    public const string Planner = "planner";

    /// <summary>The board, incidents, adherence and wellbeing — for their teams only.</summary>
    public const string Supervisor = "supervisor";

    /// <summary>Reviews, scorecards, coaching sessions and wow moments — for the teams they coach.</summary>
    public const string Trainer = "trainer";

    /// <summary>Their own state, schedule, reviews, sessions and wow moments; requests; reporting abuse.</summary>
    public const string Agent = "agent";

    public static readonly IReadOnlyList<string> All = [Admin, Planner, Supervisor, Trainer, Agent];
}

/// <summary>What an API key may do; a key holds one or more.</summary>
public static class WfmScopes
{
    /// <summary>Post contact-center events (an ACD, the simulator).</summary>
    public const string EventsWrite = "events:write";

    /// <summary>Post CSAT/NPS/CES survey answers.</summary>
    public const string SurveysWrite = "surveys:write";

    /// <summary>Watch the live board (a wallboard, the simulator's probe) and look up events.</summary>
    public const string BoardRead = "board:read";

    /// <summary>Read the server's memory and grain counts.</summary>
    public const string SystemRead = "system:read";

    public static readonly IReadOnlyList<string> All = [EventsWrite, SurveysWrite, BoardRead, SystemRead];
}

/// <summary>Claim types Wfm puts on a user or an API key.</summary>
public static class WfmClaims
{
    /// <summary>A team a supervisor supervises or a trainer coaches (one claim per team).</summary>
    public const string Team = "wfm:team";

    /// <summary>The agent id an agent user is.</summary>
    public const string Agent = "wfm:agent";

    /// <summary>An API key's scope (one claim per scope).</summary>
    public const string Scope = "scope";

    /// <summary>Set on principals that came from an API key.</summary>
    public const string ApiKey = "wfm:api-key";
}
