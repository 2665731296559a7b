namespace Wfm.Core.Forecasting.Models;

/// <summary>The volume models by name, as the CLI, API and reports call them.</summary>
public static class ModelCatalog
{
    public const string Auto = "auto";

    /// <summary>Names of the models automatic selection compares, in report order.</summary>
    public static IReadOnlyList<string> Candidates { get; } = ["seasonal-naive", "avg4w", "avg8w", "daily-profile", "taylor", "calendar-regression"];

    /// <summary>The model for a name: one of <see cref="Candidates"/> or "avgNw" for any N from 1 to 52.</summary>
    public static IForecastModel Create(string name)
    {
        var key = name.Trim().ToLowerInvariant();
        switch (key)
        {
            case "seasonal-naive":
            case "snaive":
                return new SeasonalNaiveModel();
            case "daily-profile":
                return new DailyProfileModel();
            case "taylor":
            case "dshw":
                return new DoubleSeasonalModel();
            case "calendar-regression":
                return new CalendarRegressionModel();
        }

        if (key.StartsWith("avg", StringComparison.Ordinal) && key.EndsWith('w') && int.TryParse(key.AsSpan(3, key.Length - 4), out var weeks) && weeks is >= 1 and <= 52)
        {
            return new WeekAverageModel(weeks);
        }

        throw new ForecastInputException("model", $"unknown model '{name}'; expected {Auto}, {string.Join(", ", Candidates)} or avgNw (N weeks, 1-52)");
    }
}
