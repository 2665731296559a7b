namespace Wfm.Core.Forecasting.Models;

/// <summary>Each interval as it was on the same weekday last week (the most recent usable one).</summary>
public sealed class SeasonalNaiveModel : IForecastModel
{
    public string Name => "seasonal-naive";

    public string Description => "same interval on the same weekday last week";

    public void Forecast(TrainingSet training, int horizonDays, Span<double> output)
    {
        var slots = training.SlotsPerDay;
        var history = training.History;
        for (var h = 0; h < horizonDays; h++)
        {
            var weekday = history.Date(0).AddDays(history.DayCount + h).DayOfWeek;
            if (!training.Opening.IsOpenDay(weekday) || training.RecentDays(weekday).FirstOrDefault(-1) is not (>= 0 and var source))
            {
                continue;
            }

            var values = training.Day(source);
            for (var s = 0; s < slots; s++)
            {
                output[(h * slots) + s] = training.Opening.IsOpen(weekday, s) ? values[s] : 0;
            }
        }
    }
}
