using Wfm.Core.Staffing.Simulation;

namespace Wfm.Core.Staffing.Calibration;

/// <summary>
/// A center whose truth is known, for checking a calibration: each day's contacts follow a two-peak profile, agents are
/// logged in as a planner would staff it (Erlang C for 80/20 on the expected load, over or under by up to
/// <see cref="StaffingSpread"/>), but each logged-in agent takes contacts only with probability
/// <see cref="Availability"/> in an interval, <see cref="AgentsAway"/> more are never available, handle times and patience
/// follow the given distributions. Each day is simulated as one run (queues carry over between intervals).
/// </summary>
public sealed record SimulatedCenter(
    DateOnly FirstDay,
    int Days = 28,
    string Queue = "support",
    double PeakContactsPerHour = 240,
    double AhtSeconds = 300,
    double Availability = 0.8,
    int AgentsAway = 0,
    HandleTimeDistribution? HandleTime = null,
    PatienceDistribution? Patience = null,
    double QuickHangUpShare = 0,
    double ThresholdSeconds = 20,
    double StaffingSpread = 0.25,
    int OpenHour = 8,
    int CloseHour = 20,
    int IntervalMinutes = 30,
    ulong Seed = 20261207)
{
    public IReadOnlyList<IntervalOutcome> Run(CancellationToken cancellationToken = default)
    {
        if (Days < 1 || OpenHour < 0 || CloseHour > 24 || CloseHour <= OpenHour || IntervalMinutes is < 5 or > 120)
        {
            throw new StaffingInputException("center", "days ≥ 1, 0 ≤ open < close ≤ 24 and an interval of 5–120 minutes");
        }

        var random = new FastRandom(Seed);
        var seconds = IntervalMinutes * 60.0;
        var perDay = (CloseHour - OpenHour) * 60 / IntervalMinutes;
        var patience = Patience ?? PatienceDistribution.Exponential(180);
        var result = new List<IntervalOutcome>(Days * perDay);
        for (var d = 0; d < Days; d++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var day = FirstDay.AddDays(d);
            var weekday = day.DayOfWeek switch { DayOfWeek.Monday => 1.15, DayOfWeek.Saturday => 0.6, DayOfWeek.Sunday => 0.45, _ => 1.0 };
            var intervals = new StaffingInterval[perDay];
            var loggedIn = new int[perDay];
            var available = new int[perDay];
            for (var i = 0; i < perDay; i++)
            {
                var hour = OpenHour + ((i + 0.5) * IntervalMinutes / 60.0);
                var shape = (0.25 + Math.Exp(-Math.Pow((hour - 10.5) / 1.6, 2)) + (0.8 * Math.Exp(-Math.Pow((hour - 15) / 2, 2)))) / 1.25;
                var expected = PeakContactsPerHour * IntervalMinutes / 60.0 * shape * weekday;
                intervals[i] = new StaffingInterval(expected, AhtSeconds, seconds);
                var planned = RequirementSolver.Solve(new ErlangQueue(intervals[i], null, 20), new ServiceTargets(0.8, 20)).Agents;
                var spread = 1 + (StaffingSpread * ((2 * random.NextOpen()) - 1));
                loggedIn[i] = Math.Max(1, (int)Math.Round(planned * spread / Availability) + AgentsAway);
                var there = 0;
                for (var a = 0; a < loggedIn[i] - AgentsAway; a++)
                {
                    there += random.NextOpen() < Availability ? 1 : 0;
                }

                available[i] = there;
            }

            var counts = QueueSimulator.Replicate(
                new SimulationScenario(intervals, available, HandleTime ?? HandleTimeDistribution.Exponential, new QuickHangUps(patience, QuickHangUpShare), ThresholdSeconds),
                new SimulationOptions(2, Seed + (ulong)(d * 7919)),
                cancellationToken)[0];
            for (var i = 0; i < perDay; i++)
            {
                result.Add(new IntervalOutcome(
                    Queue,
                    day.ToDateTime(new TimeOnly(OpenHour, 0)).AddMinutes(i * IntervalMinutes),
                    seconds,
                    counts.Offered[i],
                    counts.Answered[i],
                    counts.Abandoned[i],
                    counts.Within[i],
                    AhtSeconds,
                    loggedIn[i]));
            }
        }

        return result;
    }

    /// <summary>A share of callers hang up within two seconds whatever the wait; the rest follow the patience given.</summary>
    private sealed class QuickHangUps(PatienceDistribution patience, double share) : PatienceDistribution
    {
        public override double MeanSeconds => patience.MeanSeconds;

        internal override double Sample(ref FastRandom random) =>
            share > 0 && random.NextOpen() < share ? 2 * random.NextOpen() : patience.Sample(ref random);
    }
}
