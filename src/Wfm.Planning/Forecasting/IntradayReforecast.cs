using System.Globalization;
using CsvHelper;
using Wfm.Core.Forecasting;
using Wfm.Core.Forecasting.Intraday;
using Wfm.Planning.Csv;

namespace Wfm.Planning.Forecasting;

/// <summary>One queue's rest of the day and what it was learned from.</summary>
public sealed record QueueRestOfDay(string Queue, RestOfDay Rest, IntradayLearning Learning, double DayAheadRest);

/// <summary>
/// The intraday re-forecast of files, for the command line: a history (any layout <c>wfm forecast</c> reads) whose
/// intervals before the as-of time count as today's actuals, and a day-ahead forecast as <c>wfm forecast</c> writes it.
/// </summary>
public static class IntradayReforecast
{
    /// <summary>
    /// Re-forecasts every queue of <paramref name="forecasts"/> that the history also holds (a single queue on each side is
    /// paired whatever its name) from <paramref name="asOf"/> (the center's wall clock) to the end of that day.
    /// </summary>
    public static IReadOnlyList<QueueRestOfDay> Run(IReadOnlyList<DemandHistory> histories, IReadOnlyList<ForecastSeries> forecasts, DateTime asOf, double level = 0.8)
    {
        var pairs = new List<(DemandHistory History, ForecastSeries Forecast)>();
        if (histories.Count == 1 && forecasts.Count == 1)
        {
            pairs.Add((histories[0], forecasts[0]));
        }
        else
        {
            foreach (var forecast in forecasts)
            {
                var history = histories.FirstOrDefault(h => string.Equals(h.Queue, forecast.Queue, StringComparison.Ordinal))
                    ?? throw new ForecastInputException("forecast", $"queue '{forecast.Queue}' of the forecast is not in the history; the history has {string.Join(", ", histories.Select(h => h.Queue))}");
                pairs.Add((history, forecast));
            }
        }

        return pairs.Select(p => One(p.History, p.Forecast, asOf, level)).ToList();
    }

    private static QueueRestOfDay One(DemandHistory history, ForecastSeries forecast, DateTime asOf, double level)
    {
        if (history.IntervalMinutes != forecast.IntervalMinutes)
        {
            throw new ForecastInputException("forecast",
                $"queue '{forecast.Queue}': the forecast has {forecast.IntervalMinutes}-minute intervals and the history {history.IntervalMinutes}-minute ones; give both the same (the interval length option)");
        }

        var date = DateOnly.FromDateTime(asOf);
        var minutes = (asOf.Hour * 60) + asOf.Minute;
        if (minutes % history.IntervalMinutes != 0 || asOf.Second != 0)
        {
            throw new ForecastInputException("asOf", $"{asOf:yyyy-MM-ddTHH:mm:ss} is not the start of a {history.IntervalMinutes}-minute interval");
        }

        var slots = history.SlotsPerDay;
        var asOfSlot = minutes / history.IntervalMinutes;
        var dayForecast = IntradayReforecaster.Unknown(slots);
        var dayAht = IntradayReforecaster.Unknown(slots);
        var any = false;
        foreach (var p in forecast.Points.Where(p => DateOnly.FromDateTime(p.Timestamp) == date))
        {
            var slot = ((p.Timestamp.Hour * 60) + p.Timestamp.Minute) / forecast.IntervalMinutes;
            dayForecast[slot] = p.Contacts;
            dayAht[slot] = p.AhtSeconds ?? double.NaN;
            any = true;
        }

        if (!any)
        {
            var (first, last) = (forecast.Points[0].Timestamp, forecast.Points[^1].Timestamp);
            throw new ForecastInputException("forecast", $"queue '{forecast.Queue}': the forecast has no intervals on {date:yyyy-MM-dd}; it runs from {first:yyyy-MM-dd} to {last:yyyy-MM-dd}");
        }

        var actual = IntradayReforecaster.Unknown(slots);
        var actualAht = IntradayReforecaster.Unknown(slots);
        var handled = new double[slots];
        var day = date.DayNumber - history.FirstDay.DayNumber;
        if (day >= 0 && day < history.DayCount)
        {
            for (var s = 0; s < asOfSlot; s++)
            {
                actual[s] = history.Volume(day, s);
                var (aht, weight) = history.HandleTime(day, s);
                actualAht[s] = aht;
                handled[s] = weight;
            }
        }

        var learning = IntradayReforecaster.Learn(history, date, asOfSlot);
        var rest = IntradayReforecaster.Reforecast(new IntradayDay(date, history.IntervalMinutes, dayForecast, dayAht, actual, actualAht, handled, asOfSlot), learning, level);
        var dayAheadRest = Enumerable.Range(asOfSlot, slots - asOfSlot).Where(s => double.IsFinite(dayForecast[s])).Sum(s => dayForecast[s]);
        return new QueueRestOfDay(forecast.Queue, rest, learning, dayAheadRest);
    }

    /// <summary>The rest-of-day CSV in the forecast file's columns: timestamp, queue, forecast, lower, upper, aht_seconds.</summary>
    public static void WriteCsv(TextWriter writer, IReadOnlyList<QueueRestOfDay> results)
    {
        using var csv = CsvWriter.Create(writer, new CsvWriterOptions { FormatProvider = CultureInfo.InvariantCulture, NewLine = "\n" }, leaveOpen: true);
        foreach (var header in new[] { "timestamp", "queue", "forecast", "lower", "upper", "aht_seconds" })
        {
            csv.WriteField(header);
        }

        csv.EndRecord();
        foreach (var result in results)
        {
            foreach (var i in result.Rest.Intervals)
            {
                csv.WriteField(TimestampParser.Format(i.Start));
                csv.WriteField(CsvTable.Cell(result.Queue));
                csv.WriteField(Round(i.Forecast));
                csv.WriteField(Round(i.Lower));
                csv.WriteField(Round(i.Upper));
                csv.WriteField(i.AhtSeconds is { } a ? Round(a) : string.Empty);
                csv.EndRecord();
            }
        }

        csv.Flush();
    }

    private static string Round(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);
}
