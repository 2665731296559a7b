namespace Wfm.Core.Forecasting.Models;

/// <summary>Each interval as the mean of the same weekday and interval over the last N usable weeks.</summary>
public sealed class WeekAverageModel(int weeks = 4) : IForecastModel
{
    public int Weeks { get; } = weeks is >= 1 and <= 52 ? weeks : throw new ForecastInputException("weeks", $"must be between 1 and 52, got {weeks}");

    public string Name => $"avg{Weeks}w";

    public string Description => $"mean of the same weekday and interval over the last {Weeks} weeks";

    public void Forecast(TrainingSet training, int horizonDays, Span<double> output)
    {
        var slots = training.SlotsPerDay;
        var history = training.History;
        for (var h = 0; h < horizonDays; h++)
        {
            var weekday = history.Date(0).AddDays(history.DayCount + h).DayOfWeek;
            if (!training.Opening.IsOpenDay(weekday))
            {
                continue;
            }

            var row = output.Slice(h * slots, slots);
            var n = 0;
            foreach (var d in training.RecentDays(weekday).Take(Weeks))
            {
                var values = training.Day(d);
                for (var s = 0; s < slots; s++)
                {
                    row[s] += values[s];
                }

                n++;
            }

            for (var s = 0; s < slots; s++)
            {
                row[s] = n > 0 && training.Opening.IsOpen(weekday, s) ? row[s] / n : 0;
            }
        }
    }
}
