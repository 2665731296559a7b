using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace Wfm.Planning.Charts;

/// <summary>Time-series charts rendered to SVG with OxyPlot, for the CLI and the planner page alike.</summary>
public static class SvgChart
{
    private static readonly OxyColor[] Palette =
    [
        OxyColor.FromRgb(0x1f, 0x6f, 0xb4), OxyColor.FromRgb(0xd9, 0x5f, 0x02), OxyColor.FromRgb(0x1b, 0x9e, 0x77),
        OxyColor.FromRgb(0x75, 0x70, 0xb3), OxyColor.FromRgb(0xe7, 0x29, 0x8a), OxyColor.FromRgb(0x66, 0x66, 0x66),
    ];

    public static string Render(
        string title, string leftAxis, string? rightAxis, IReadOnlyList<ChartSeries> series, IReadOnlyList<ChartBand>? bands = null, int width = 960, int height = 420,
        ChartText? text = null)
    {
        text ??= ChartText.English;
        var model = new PlotModel { Title = title, TitleFontSize = 14, DefaultFont = "sans-serif", PlotAreaBorderColor = OxyColors.LightGray };
        model.Legends.Add(new Legend { LegendPosition = LegendPosition.BottomCenter, LegendPlacement = LegendPlacement.Outside, LegendOrientation = LegendOrientation.Horizontal, LegendItemSpacing = 48, LegendFontSize = 11 });
        var span = SpanDays(series);
        model.Axes.Add(new DateTimeAxis
        {
            Position = AxisPosition.Bottom,
            // Days in the reader's calendar and digits (Solar Hijri in Persian), hours as on a 24-hour clock.
            LabelFormatter = value => span > 2 ? text.Day(DateTimeAxis.ToDateTime(value, TimeSpan.FromSeconds(1))) : text.Time(DateTimeAxis.ToDateTime(value, TimeSpan.FromSeconds(1))),
            // One label per day up to three weeks (left alone, a week gets two labels per date).
            IntervalType = span > 2 ? DateTimeIntervalType.Days : DateTimeIntervalType.Auto,
            MajorStep = span is > 2 and <= 21 ? 1 : double.NaN,
            MajorGridlineStyle = LineStyle.Dot,
            MajorGridlineColor = OxyColors.LightGray,
        });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = leftAxis, Minimum = 0, MaximumPadding = 0.08, MajorGridlineStyle = LineStyle.Dot, MajorGridlineColor = OxyColors.LightGray, Key = "left" });
        if (rightAxis is not null)
        {
            model.Axes.Add(new LinearAxis { Position = AxisPosition.Right, Title = rightAxis, Minimum = 0, MaximumPadding = 0.08, Key = "right" });
        }

        var colour = 0;
        foreach (var band in bands ?? [])
        {
            var area = new AreaSeries { Title = band.Name, Color = OxyColor.FromAColor(60, Palette[3]), Fill = OxyColor.FromAColor(50, Palette[3]), YAxisKey = "left", StrokeThickness = 0 };
            var step = SmallestStep(band.Points.Select(p => p.At).ToList());
            for (var i = 0; i < band.Points.Count; i++)
            {
                var p = band.Points[i];
                if (i > 0 && p.At - band.Points[i - 1].At > step)
                {
                    // A closed night or day: break the band instead of bridging it.
                    area.Points.Add(DataPoint.Undefined);
                    area.Points2.Add(DataPoint.Undefined);
                }

                area.Points.Add(new DataPoint(DateTimeAxis.ToDouble(p.At), p.High));
                area.Points2.Add(new DataPoint(DateTimeAxis.ToDouble(p.At), p.Low));
            }

            model.Series.Add(area);
        }

        foreach (var s in series)
        {
            // StairStepSeries is a LineSeries drawn as steps: requirements hold for a whole interval.
            var line = s.Stepped ? new StairStepSeries { VerticalStrokeThickness = 1.5 } : new LineSeries();
            line.Title = s.Name;
            line.YAxisKey = s.OnSecondAxis && rightAxis is not null ? "right" : "left";
            line.Color = Palette[colour++ % Palette.Length];
            line.StrokeThickness = 1.8;
            line.LineStyle = s.Dashed ? LineStyle.Dash : LineStyle.Solid;

            AddWithGaps(line, s.Points);
            model.Series.Add(line);
        }

        return SvgExporter.ExportToString(model, width, height, isDocument: true, textMeasurer: BrowserTextMeasurer.Instance);
    }

    /// <summary>Breaks the line where the series skips time (closed hours, nights) instead of drawing across.</summary>
    private static TimeSpan SmallestStep(List<DateTime> times)
    {
        var step = TimeSpan.MaxValue;
        for (var i = 1; i < times.Count; i++)
        {
            var d = times[i] - times[i - 1];
            step = d < step ? d : step;
        }

        return step;
    }

    private static void AddWithGaps(LineSeries line, IReadOnlyList<(DateTime At, double Value)> points)
    {
        var step = SmallestStep(points.Select(p => p.At).ToList());

        for (var i = 0; i < points.Count; i++)
        {
            if (i > 0 && points[i].At - points[i - 1].At > step)
            {
                line.Points.Add(DataPoint.Undefined);
            }

            line.Points.Add(new DataPoint(DateTimeAxis.ToDouble(points[i].At), points[i].Value));
        }
    }

    private static double SpanDays(IReadOnlyList<ChartSeries> series)
    {
        var all = series.SelectMany(s => s.Points).Select(p => p.At).ToArray();
        return all.Length == 0 ? 0 : (all.Max() - all.Min()).TotalDays;
    }
}
