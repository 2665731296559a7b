namespace Wfm.Core.Staffing.Backlog;

/// <summary>One interval of deferred work (email, social, messaging): items arriving, their handle time, whether agents can work then.</summary>
public readonly record struct BacklogInterval(double Arrivals, double AhtSeconds, bool Open = true);

/// <summary>How the response-time deadline is counted: on the wall clock, or in open (business) time only.</summary>
public enum DeadlineClock
{
    Wall,
    Business,
}

/// <summary>
/// The target for deferred work: <see cref="Fraction"/> of items answered within
/// <see cref="DeadlineSeconds"/> of arrival ("90 % within 12 hours", or "first reply within one business
/// day" as 100 % within the open seconds of a day on the <see cref="DeadlineClock.Business"/> clock).
/// <see cref="Utilisation"/> is the share of an agent's time that goes into items (default 0.9).
/// </summary>
public sealed record BacklogTarget(double Fraction, double DeadlineSeconds, DeadlineClock Clock = DeadlineClock.Wall, double Utilisation = 0.9)
{
    public void Validate()
    {
        if (!(Fraction > 0) || !(Fraction <= 1))
        {
            throw new StaffingInputException("target.fraction", $"must be a fraction in (0, 1], got {Fraction}");
        }

        if (!(DeadlineSeconds > 0) || double.IsInfinity(DeadlineSeconds))
        {
            throw new StaffingInputException("target.deadlineSeconds", $"must be more than 0 seconds, got {DeadlineSeconds}");
        }

        if (!(Utilisation > 0) || !(Utilisation <= 1))
        {
            throw new StaffingInputException("target.utilisation", $"must be a fraction in (0, 1], got {Utilisation}");
        }
    }
}

/// <summary>Items already waiting when the horizon starts, and how long they have waited on average.</summary>
public readonly record struct CarriedBacklog(double Items, double AhtSeconds, double AgeSeconds);

/// <summary>One interval of a backlog plan: agents (fractional and whole), items handled, backlog at its end.</summary>
public sealed record BacklogIntervalPlan(int Index, double Arrivals, double AgentsFractional, int Agents, double Handled, double BacklogEnd);

/// <summary>
/// A staffing profile for deferred work and what it achieves when worked first-in-first-out with the
/// whole agents: share of items answered within the deadline (of those answered or already due by the
/// end of the horizon), items still waiting at the end, agent hours.
/// </summary>
public sealed record BacklogPlan(
    IReadOnlyList<BacklogIntervalPlan> Intervals,
    double FractionWithinTarget,
    double EndBacklog,
    double AgentHours);
