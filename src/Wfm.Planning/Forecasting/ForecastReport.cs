using System.Globalization;
using CsvHelper;
using Wfm.Core.Forecasting;
using Wfm.Planning.Charts;
using Wfm.Planning.Csv;

namespace Wfm.Planning.Forecasting;

/// <summary>Forecast and backtest files and the forecast chart, shared by the CLI and the API.</summary>
public static class ForecastReport
{
    /// <summary>
    /// The forecast CSV: timestamp, queue, forecast, lower, upper, and aht_seconds when any queue has
    /// handle times. It is the input of <c>wfm staff</c>.
    /// </summary>
    public static void WriteCsv(TextWriter writer, IReadOnlyList<ForecastResult> results)
    {
        var withAht = results.Any(r => r.Intervals.Any(i => i.AhtSeconds is not null));
        using var csv = CsvWriter.Create(writer, new CsvWriterOptions { FormatProvider = CultureInfo.InvariantCulture, NewLine = "\n" }, leaveOpen: true);
        csv.WriteField("timestamp");
        csv.WriteField("queue");
        csv.WriteField("forecast");
        csv.WriteField("lower");
        csv.WriteField("upper");
        if (withAht)
        {
            csv.WriteField("aht_seconds");
        }

        csv.EndRecord();
        foreach (var result in results)
        {
            foreach (var i in result.Intervals)
            {
                csv.WriteField(TimestampParser.Format(i.Start));
                csv.WriteField(CsvTable.Cell(result.Queue));
                csv.WriteField(Round(i.Forecast));
                csv.WriteField(Round(i.Lower));
                csv.WriteField(Round(i.Upper));
                if (withAht)
                {
                    csv.WriteField(i.AhtSeconds is { } a ? Round(a) : string.Empty);
                }

                csv.EndRecord();
            }
        }

        csv.Flush();
    }

    /// <summary>The backtest table: one row per queue, model and horizon day, plus an "all" row per model.</summary>
    public static void WriteBacktestCsv(TextWriter writer, IReadOnlyList<(string Queue, BacktestReport Report)> reports)
    {
        using var csv = CsvWriter.Create(writer, new CsvWriterOptions { FormatProvider = CultureInfo.InvariantCulture, NewLine = "\n" }, leaveOpen: true);
        foreach (var header in new[] { "queue", "model", "horizon_day", "wape", "mase", "bias", "intervals", "origins", "selected" })
        {
            csv.WriteField(header);
        }

        csv.EndRecord();
        foreach (var (queue, report) in reports)
        {
            var best = report.Best.Model;
            foreach (var model in report.Models)
            {
                var rows = model.ByHorizonDay.Select((a, h) => ((h + 1).ToString(CultureInfo.InvariantCulture), a)).Prepend(("all", model.Overall));
                foreach (var (horizon, accuracy) in rows)
                {
                    if (accuracy.Intervals == 0)
                    {
                        continue; // a closed day after the origin: nothing to score
                    }

                    csv.WriteField(queue);
                    csv.WriteField(model.Model);
                    csv.WriteField(horizon);
                    csv.WriteField(accuracy.Wape.ToString("0.00000", CultureInfo.InvariantCulture));
                    csv.WriteField(accuracy.Mase.ToString("0.0000", CultureInfo.InvariantCulture));
                    csv.WriteField(accuracy.Bias.ToString("0.00000", CultureInfo.InvariantCulture));
                    csv.WriteField(accuracy.Intervals.ToString(CultureInfo.InvariantCulture));
                    csv.WriteField(report.Origins.Count.ToString(CultureInfo.InvariantCulture));
                    csv.WriteField(model.Model == best ? "yes" : "no");
                    csv.EndRecord();
                }
            }
        }

        csv.Flush();
    }

    /// <summary>SVG: the last <paramref name="historyDays"/> days of history, the forecast and its prediction band.</summary>
    public static string Chart(DemandHistory history, ForecastResult result, int historyDays = 21, ChartText? text = null)
    {
        var actual = new List<(DateTime, double)>();
        for (var d = Math.Max(0, history.DayCount - historyDays); d < history.DayCount; d++)
        {
            for (var s = 0; s < history.SlotsPerDay; s++)
            {
                var v = history.Volume(d, s);
                if (!double.IsNaN(v))
                {
                    actual.Add((history.Date(d).ToDateTime(TimeOnly.MinValue).AddMinutes(s * history.IntervalMinutes), v));
                }
            }
        }

        return Chart(actual, result, text);
    }

    /// <summary>SVG of <paramref name="actual"/> history points, the forecast and its prediction band, in <paramref name="text"/>'s language.</summary>
    public static string Chart(IReadOnlyList<(DateTime Start, double Contacts)> actual, ForecastResult result, ChartText? text = null)
    {
        text ??= ChartText.English;
        var forecast = result.Intervals.Select(i => (i.Start, i.Forecast)).ToList();
        var level = (result.IntervalLevel * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";
        var band = new ChartBand(text.Format("chart.band", level), result.Intervals.Select(i => (i.Start, i.Lower, i.Upper)).ToList());
        return SvgChart.Render(
            text.Format("chart.forecastTitle", result.Queue, result.Model, result.IntervalMinutes),
            text["chart.contactsPerInterval"],
            null,
            [new ChartSeries(text["chart.history"], actual), new ChartSeries(text.Format("chart.forecast", result.Model), forecast, Dashed: true)],
            [band], text: text);
    }

    private static string Round(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);
}
