namespace Wfm.Scheduling.Tests;

/// <summary>Small scheduling problems with hand-checkable answers.</summary>
internal static class TestProblems
{
    public static readonly DateOnly Monday = new(2026, 11, 30);

    /// <summary>Agents needed per 30-minute interval: weekdays 3 (08–12), 5 (12–16), 2 (16–20); weekends 2 (09–17).</summary>
    public static double[] Requirement(int days = 7, Func<int, int, double>? shape = null)
    {
        shape ??= (day, slot) =>
        {
            var weekend = Monday.AddDays(day).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            var hour = slot / 2;
            return weekend ? (hour is >= 9 and < 17 ? 2 : 0) : hour switch
            {
                >= 8 and < 12 => 3,
                >= 12 and < 16 => 5,
                >= 16 and < 20 => 2,
                _ => 0,
            };
        };
        return Enumerable.Range(0, days * 48).Select(t => shape(t / 48, t % 48)).ToArray();
    }

    public static ScheduleAgent Agent(int i, string skill = "voice", Contract? contract = null, IReadOnlyList<TimeOff>? off = null, Preferences? preferences = null, IReadOnlyList<AvailabilityWindow>? availability = null) =>
        new($"a{i:00}", new Dictionary<string, double> { [skill] = 1.0 }, contract ?? new Contract(0, 40, 5, 5, 11), availability, off, preferences);

    public static readonly ShiftTemplate Day = new("day", [480, 540], TimeSpan.FromHours(7), TimeSpan.FromHours(12), 30);

    public static readonly BreakRule[] Breaks =
    [
        new("break", 15 * 2, 60, 150),
        new("lunch", 30, 210, 300, Paid: false),
    ];

    public static ScheduleProblem Problem(int agents, int days = 7, double[]? requirement = null, IReadOnlyList<ScheduleAgent>? list = null) => new(
        Monday, days, 30, [new SkillRequirement("voice", requirement ?? Requirement(days))],
        list ?? Enumerable.Range(1, agents).Select(i => Agent(i)).ToArray(), [Day], Breaks);
}
