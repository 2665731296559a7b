namespace Wfm.Core.Forecasting;

/// <summary>
/// A holiday or event on one date: whether the center is closed, an effect factor on the day's volume
/// when known in advance (null: learn it from earlier occurrences of the same name), and how many days
/// before and after it are affected too (a bill run, the days after a long holiday).
/// </summary>
public sealed record SpecialDay(DateOnly Date, string Name, bool Closed = false, double? Factor = null, int DaysBefore = 0, int DaysAfter = 0)
{
    public void Validate(long? row = null)
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw new ForecastInputException("name", "give the holiday or event a name", row);
        }

        if (Factor is { } f && (!double.IsFinite(f) || f < 0 || f > 20))
        {
            throw new ForecastInputException("factor", $"expected a multiplier between 0 and 20 (1 = no effect), got {f}", row);
        }

        if (DaysBefore is < 0 or > 14 || DaysAfter is < 0 or > 14)
        {
            throw new ForecastInputException("days_before/days_after", $"expected 0 to 14 days, got {DaysBefore}/{DaysAfter}", row);
        }
    }
}

/// <summary>How a special day changed a forecast day: the effect applied and where it came from.</summary>
public sealed record AppliedSpecialDay(DateOnly Date, string Name, int Offset, bool Closed, double Factor, string Source);

/// <summary>
/// Holidays and events. History days they cover (the day and its days around) are left out of model
/// fitting; forecast days they cover get an effect per (name, offset from the day): learned as the
/// median ratio of earlier occurrences to their weekday's usual level, else the factor given, else
/// none (and the report says so).
/// </summary>
public sealed class SpecialDayCalendar
{
    private readonly Dictionary<DateOnly, List<(SpecialDay Day, int Offset)>> _byDate = [];

    public SpecialDayCalendar(IEnumerable<SpecialDay> days)
    {
        Days = days.OrderBy(d => d.Date).ToArray();
        foreach (var day in Days)
        {
            day.Validate();
            for (var k = -day.DaysBefore; k <= day.DaysAfter; k++)
            {
                var date = day.Date.AddDays(k);
                if (!_byDate.TryGetValue(date, out var list))
                {
                    _byDate[date] = list = [];
                }

                list.Add((day, k));
            }
        }
    }

    public static SpecialDayCalendar Empty { get; } = new([]);

    public IReadOnlyList<SpecialDay> Days { get; }

    public bool Covers(DateOnly date) => _byDate.ContainsKey(date);

    public SpecialDayCalendar Plus(IEnumerable<SpecialDay> more) => new(Days.Concat(more));

    /// <summary>Multiplies the forecast days (after <paramref name="training"/>'s history) that special days cover by their effects.</summary>
    public IReadOnlyList<AppliedSpecialDay> Apply(TrainingSet training, Span<double> volume, int horizonDays)
    {
        var applied = new List<AppliedSpecialDay>();
        var history = training.History;
        var slots = history.SlotsPerDay;
        for (var h = 0; h < horizonDays; h++)
        {
            var date = history.Date(0).AddDays(history.DayCount + h);
            if (!_byDate.TryGetValue(date, out var entries))
            {
                continue;
            }

            var factor = 1.0;
            var closed = false;
            foreach (var (day, offset) in entries)
            {
                var (effect, source) = Effect(training, day, offset);
                closed |= day.Closed && offset == 0;
                factor *= effect;
                applied.Add(new AppliedSpecialDay(date, day.Name, offset, day.Closed && offset == 0, day.Closed && offset == 0 ? 0 : effect, source));
            }

            for (var s = 0; s < slots; s++)
            {
                volume[(h * slots) + s] = closed ? 0 : volume[(h * slots) + s] * factor;
            }
        }

        return applied;
    }

    private (double Factor, string Source) Effect(TrainingSet training, SpecialDay day, int offset)
    {
        if (day.Closed && offset == 0)
        {
            return (0, "closed");
        }

        var history = training.History;
        var ratios = new List<double>();
        foreach (var earlier in Days)
        {
            if (!string.Equals(earlier.Name, day.Name, StringComparison.OrdinalIgnoreCase) || earlier.Date >= day.Date)
            {
                continue;
            }

            var index = earlier.Date.AddDays(offset).DayNumber - history.FirstDay.DayNumber;
            if (index < 0 || index >= history.DayCount || !history.IsObserved(index))
            {
                continue;
            }

            var weekday = history.Weekday(index);
            var usual = training.Usable
                .Where(d => Math.Abs(d - index) <= 28 && history.Weekday(d) == weekday)
                .Select(training.DayTotal)
                .ToList();
            if (usual.Count >= 2 && TrainingSet.Median(usual) is var m && m > 0)
            {
                ratios.Add(history.DayTotal(index) / m);
            }
        }

        if (ratios.Count > 0)
        {
            return (TrainingSet.Median(ratios), $"learned from {ratios.Count} earlier occurrence(s)");
        }

        if (offset == 0 && day.Factor is { } given)
        {
            return (given, "given");
        }

        return (1, "no earlier occurrence in the history and no factor given: forecast as a usual day");
    }
}
