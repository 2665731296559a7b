using Wfm.Planning.Charts;

namespace Wfm.Planning.Capacity;

/// <summary>The capacity plan's charts: required against supply week by week, and scenarios side by side.</summary>
public static class CapacityReport
{
    public static string Chart(CapacityPlanResult plan, ChartText? text = null)
    {
        text ??= ChartText.English;
        static DateTime At(DateOnly week) => week.ToDateTime(TimeOnly.MinValue);
        return SvgChart.Render(
            text["chart.capacityTitle"],
            text["chart.fte"],
            null,
            [
                new ChartSeries(text["chart.requiredFte"], [.. plan.Totals.Select(t => (At(t.Week), t.RequiredFte))], Stepped: true),
                new ChartSeries(text["chart.flatFte"], [.. plan.Totals.Select(t => (At(t.Week), t.FlatFte))], Dashed: true, Stepped: true),
                new ChartSeries(text["chart.availableFte"], [.. plan.Totals.Select(t => (At(t.Week), t.AvailableFte))], Stepped: true),
                new ChartSeries(text["chart.withOvertime"], [.. plan.Totals.Select(t => (At(t.Week), t.AvailableFte + t.OvertimeFte))], Dashed: true, Stepped: true),
            ], text: text);
    }

    /// <summary>Each scenario's required FTE (dashed) and supply with overtime (solid), on one chart.</summary>
    public static string Compare(IReadOnlyList<(string Name, CapacityPlanResult Plan)> scenarios, ChartText? text = null)
    {
        text ??= ChartText.English;
        static DateTime At(DateOnly week) => week.ToDateTime(TimeOnly.MinValue);
        var series = new List<ChartSeries>();
        foreach (var (name, plan) in scenarios)
        {
            series.Add(new ChartSeries(text.Format("chart.scenarioRequired", name), [.. plan.Totals.Select(t => (At(t.Week), t.RequiredFte))], Dashed: true, Stepped: true));
            series.Add(new ChartSeries(text.Format("chart.scenarioSupply", name), [.. plan.Totals.Select(t => (At(t.Week), t.AvailableFte + t.OvertimeFte))], Stepped: true));
        }

        return SvgChart.Render(text["chart.scenariosTitle"], text["chart.fte"], null, series, text: text);
    }
}
