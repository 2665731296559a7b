namespace Wfm.Core.Forecasting.Models;

/// <summary>
/// A volume model. <see cref="Forecast"/> fills <c>output[h * slots + s]</c> for the
/// <c>horizonDays</c> days after the history's last day, on open intervals of open weekdays, and
/// leaves every other cell 0. Models must be pure: same training set, same answer.
/// </summary>
public interface IForecastModel
{
    /// <summary>Short name used on the command line and in reports (e.g. "seasonal-naive").</summary>
    string Name { get; }

    /// <summary>One line for planners: what the model assumes.</summary>
    string Description { get; }

    void Forecast(TrainingSet training, int horizonDays, Span<double> output);
}
