namespace Wfm.Core.Staffing;

/// <summary>
/// Finds the least agents that meet every target of <see cref="ServiceTargets"/> on any
/// <see cref="IQueueModel"/>. All target metrics are monotone in the agent count, so the search gallops
/// from a starting guess (the previous interval's answer, or the offered load) and then bisects.
/// </summary>
public static class RequirementSolver
{
    public static StaffingRequirement Solve(IQueueModel model, ServiceTargets targets, int? hint = null)
    {
        if (model.IsIdle)
        {
            return new StaffingRequirement(0, 0, model.Evaluate(0), "none");
        }

        var start = Math.Clamp(hint ?? (int)Math.Ceiling(model.OfferedErlangs), 1, ErlangQueue.MaxAgents);
        // Invariant once found: low fails (or is 0), high meets. The outcomes at both are kept, so the answer and the
        // interpolation below it need no evaluation again.
        int low, high;
        QueueOutcome? lowOutcome = null;
        var startOutcome = model.Evaluate(start);
        QueueOutcome highOutcome;
        if (Meets(startOutcome, targets))
        {
            high = start;
            highOutcome = startOutcome;
            low = 0;
            for (var step = 1; high > 1; step *= 2)
            {
                var probe = Math.Max(0, high - step);
                var outcome = probe == 0 ? null : model.Evaluate(probe);
                if (outcome is null || !Meets(outcome, targets))
                {
                    (low, lowOutcome) = (probe, outcome);
                    break;
                }

                (high, highOutcome) = (probe, outcome);
            }
        }
        else
        {
            (low, lowOutcome) = (start, startOutcome);
            high = -1;
            highOutcome = startOutcome;
            for (var step = 1; ; step *= 2)
            {
                var probe = Math.Min(ErlangQueue.MaxAgents, low + step);
                var outcome = model.Evaluate(probe);
                if (Meets(outcome, targets))
                {
                    (high, highOutcome) = (probe, outcome);
                    break;
                }

                if (probe == ErlangQueue.MaxAgents)
                {
                    throw new StaffingInputException(
                        "load",
                        $"{model.OfferedErlangs:0.##} Erlangs need more than {ErlangQueue.MaxAgents} agents to meet {targets}");
                }

                (low, lowOutcome) = (probe, outcome);
            }
        }

        while (high - low > 1)
        {
            var mid = low + ((high - low) / 2);
            var outcome = model.Evaluate(mid);
            if (Meets(outcome, targets))
            {
                (high, highOutcome) = (mid, outcome);
            }
            else
            {
                (low, lowOutcome) = (mid, outcome);
            }
        }

        var below = lowOutcome ?? model.Evaluate(high - 1);
        var (fraction, binding) = Interpolate(below, highOutcome, targets);
        return new StaffingRequirement(high - 1 + fraction, high, highOutcome, binding);
    }

    /// <summary>True when the outcome meets every target that is set.</summary>
    public static bool Meets(QueueOutcome outcome, ServiceTargets targets)
    {
        const double slack = 1e-12;
        return (targets.ServiceLevel is not { } sl || outcome.ServiceLevelFor(targets.AbandonsAreMisses) >= sl - slack)
            && (targets.MaxAsaSeconds is not { } asa || outcome.AsaSeconds <= asa + slack)
            && (targets.MaxAbandonRate is not { } ab || outcome.AbandonRate <= ab + slack)
            && (targets.MaxOccupancy is not { } occ || outcome.Occupancy <= occ + slack);
    }

    private static (double Fraction, string Binding) Interpolate(QueueOutcome below, QueueOutcome met, ServiceTargets targets)
    {
        var fraction = 0.0;
        var binding = "none";
        void Consider(string name, double before, double after, double goal, bool higherIsBetter)
        {
            var fails = higherIsBetter ? before < goal : before > goal;
            if (!fails)
            {
                return;
            }

            double f;
            if (double.IsInfinity(before) || before == after)
            {
                f = 1;
            }
            else
            {
                f = (goal - before) / (after - before);
            }

            f = Math.Clamp(f, 0, 1);
            if (f >= fraction)
            {
                fraction = f;
                binding = name;
            }
        }

        if (targets.ServiceLevel is { } sl)
        {
            Consider("serviceLevel", below.ServiceLevelFor(targets.AbandonsAreMisses), met.ServiceLevelFor(targets.AbandonsAreMisses), sl, true);
        }

        if (targets.MaxAsaSeconds is { } asa)
        {
            Consider("asa", below.AsaSeconds, met.AsaSeconds, asa, false);
        }

        if (targets.MaxAbandonRate is { } ab)
        {
            Consider("abandonRate", below.AbandonRate, met.AbandonRate, ab, false);
        }

        if (targets.MaxOccupancy is { } occ)
        {
            Consider("occupancy", below.Occupancy, met.Occupancy, occ, false);
        }

        return (fraction, binding);
    }
}
