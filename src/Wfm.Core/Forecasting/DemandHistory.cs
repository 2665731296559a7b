namespace Wfm.Core.Forecasting;

/// <summary>
/// One queue's contact history on a regular grid of calendar days × intervals of the day (local wall
/// clock). A cell with no observation is NaN: a closed hour, a closed day or a gap in the data, never
/// "zero demand". Handle times ride along per cell with their weight (contacts handled).
/// <see cref="Take"/> gives a shorter view over the same arrays, which is how backtests cut origins.
/// </summary>
public sealed class DemandHistory
{
    /// <summary>Less than this and weekly patterns cannot be learned.</summary>
    public const int MinimumDays = 14;

    private readonly double[] _volume;
    private readonly double[]? _aht;
    private readonly double[]? _ahtWeight;

    private DemandHistory(
        string queue, int intervalMinutes, DateOnly firstDay, int dayCount, double[] volume, double[]? aht, double[]? ahtWeight)
    {
        Queue = queue;
        IntervalMinutes = intervalMinutes;
        SlotsPerDay = 1440 / intervalMinutes;
        FirstDay = firstDay;
        DayCount = dayCount;
        _volume = volume;
        _aht = aht;
        _ahtWeight = ahtWeight;
    }

    public string Queue { get; }

    public int IntervalMinutes { get; }

    public int SlotsPerDay { get; }

    public DateOnly FirstDay { get; }

    public int DayCount { get; }

    public DateOnly LastDay => FirstDay.AddDays(DayCount - 1);

    public bool HasHandleTimes => _aht is not null;

    public DateOnly Date(int day) => FirstDay.AddDays(day);

    public DayOfWeek Weekday(int day) => Date(day).DayOfWeek;

    /// <summary>Contacts offered on <paramref name="day"/> (index from <see cref="FirstDay"/>) in <paramref name="slot"/>; NaN when not observed.</summary>
    public double Volume(int day, int slot)
    {
        CheckDay(day);
        return _volume[(day * SlotsPerDay) + slot];
    }

    public ReadOnlySpan<double> DayVolumes(int day)
    {
        CheckDay(day);
        return _volume.AsSpan(day * SlotsPerDay, SlotsPerDay);
    }

    /// <summary>Average handle time in the cell and the contacts it averages over; (NaN, 0) when unknown.</summary>
    public (double AhtSeconds, double Weight) HandleTime(int day, int slot)
    {
        CheckDay(day);
        if (_aht is null || _ahtWeight is null)
        {
            return (double.NaN, 0);
        }

        var i = (day * SlotsPerDay) + slot;
        return (_aht[i], _ahtWeight[i]);
    }

    /// <summary>True when the day has at least one observed interval.</summary>
    public bool IsObserved(int day)
    {
        foreach (var v in DayVolumes(day))
        {
            if (!double.IsNaN(v))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Sum of the day's observed volumes (0 when none).</summary>
    public double DayTotal(int day)
    {
        var total = 0.0;
        foreach (var v in DayVolumes(day))
        {
            if (!double.IsNaN(v))
            {
                total += v;
            }
        }

        return total;
    }

    /// <summary>The first <paramref name="dayCount"/> days, sharing storage (for backtest origins).</summary>
    public DemandHistory Take(int dayCount)
    {
        if (dayCount < 1 || dayCount > DayCount)
        {
            throw new ArgumentOutOfRangeException(nameof(dayCount), dayCount, $"must be between 1 and {DayCount}");
        }

        return new DemandHistory(Queue, IntervalMinutes, FirstDay, dayCount, _volume, _aht, _ahtWeight);
    }

    /// <summary>
    /// Builds the grid from observations in strictly increasing start order. Refuses, naming the row:
    /// starts off the interval grid, starts not after the previous one (duplicates, unsorted input),
    /// negative or non-finite counts or handle times, and history spanning less than two weeks.
    /// </summary>
    public static DemandHistory Build(string queue, int intervalMinutes, IEnumerable<DemandObservation> observations)
    {
        if (string.IsNullOrWhiteSpace(queue))
        {
            throw new ForecastInputException("queue", "give the queue the history belongs to");
        }

        CheckIntervalMinutes(intervalMinutes);
        var list = observations as IReadOnlyList<DemandObservation> ?? observations.ToList();
        if (list.Count == 0)
        {
            throw new ForecastInputException("history", "no intervals: give at least two weeks of history");
        }

        DateTime? previous = null;
        var anyAht = false;
        foreach (var o in list)
        {
            Validate(o, intervalMinutes, previous);
            previous = o.Start;
            anyAht |= o.AhtSeconds is not null;
        }

        var first = DateOnly.FromDateTime(list[0].Start);
        var last = DateOnly.FromDateTime(list[^1].Start);
        var days = last.DayNumber - first.DayNumber + 1;
        if (days < MinimumDays)
        {
            throw new ForecastInputException(
                "history", $"covers {days} day(s) ({first:yyyy-MM-dd} to {last:yyyy-MM-dd}); expected at least {MinimumDays} days (two weeks) to learn weekly patterns",
                list[^1].Row);
        }

        var slots = 1440 / intervalMinutes;
        var volume = new double[days * slots];
        Array.Fill(volume, double.NaN);
        var aht = anyAht ? new double[days * slots] : null;
        var weight = anyAht ? new double[days * slots] : null;
        if (aht is not null)
        {
            Array.Fill(aht, double.NaN);
        }

        foreach (var o in list)
        {
            var cell = ((DateOnly.FromDateTime(o.Start).DayNumber - first.DayNumber) * slots) + (int)(o.Start.TimeOfDay.TotalMinutes / intervalMinutes);
            volume[cell] = o.Offered;
            if (aht is not null && weight is not null && o.AhtSeconds is { } a)
            {
                aht[cell] = a;
                weight[cell] = o.Handled ?? o.Offered;
            }
        }

        return new DemandHistory(queue.Trim(), intervalMinutes, first, days, volume, aht, weight);
    }

    internal static void CheckIntervalMinutes(int intervalMinutes)
    {
        if (intervalMinutes is not (5 or 10 or 15 or 20 or 30 or 60))
        {
            throw new ForecastInputException("intervalMinutes", $"must be 5, 10, 15, 20, 30 or 60, got {intervalMinutes}");
        }
    }

    private static void Validate(DemandObservation o, int intervalMinutes, DateTime? previous)
    {
        var minutes = o.Start.TimeOfDay.TotalMinutes;
        if (o.Start.Second != 0 || o.Start.Millisecond != 0 || minutes % intervalMinutes != 0)
        {
            throw new ForecastInputException(
                "start", $"{o.Start:yyyy-MM-dd HH:mm:ss} is not on the {intervalMinutes}-minute grid (expected starts like 07:00, 07:{intervalMinutes % 60:00})", o.Row);
        }

        if (previous is { } p && o.Start <= p)
        {
            var what = o.Start == p ? "a duplicate of the previous row" : $"earlier than the previous row ({p:yyyy-MM-dd HH:mm})";
            throw new ForecastInputException(
                "start", $"{o.Start:yyyy-MM-dd HH:mm} is {what}; expected one row per interval in increasing time order", o.Row);
        }

        if (!double.IsFinite(o.Offered) || o.Offered < 0)
        {
            throw new ForecastInputException("offered", $"expected a count of 0 or more, got {o.Offered}", o.Row);
        }

        if (o.AhtSeconds is { } a && (!double.IsFinite(a) || a < 0))
        {
            throw new ForecastInputException("aht_seconds", $"expected 0 or more seconds, got {a}", o.Row);
        }

        if (o.Handled is { } h && (!double.IsFinite(h) || h < 0))
        {
            throw new ForecastInputException("handled", $"expected a count of 0 or more, got {h}", o.Row);
        }
    }

    private void CheckDay(int day)
    {
        if ((uint)day >= (uint)DayCount)
        {
            throw new ArgumentOutOfRangeException(nameof(day), day, $"must be between 0 and {DayCount - 1}");
        }
    }
}
