namespace Wfm.Core.Forecasting;

/// <summary>
/// Accumulates forecast errors: WAPE (Σ|error| ÷ Σ actual), bias (Σ(forecast − actual) ÷ Σ actual) and
/// MASE (mean absolute error ÷ the in-sample mean absolute error of the seasonal naive forecast, so
/// below 1 beats "same as last week").
/// </summary>
public sealed class AccuracyTally
{
    private double _absolute;
    private double _signed;
    private double _actual;
    private double _scaledAbsolute;
    private long _count;

    public void Add(double actual, double forecast, double naiveScale)
    {
        var error = forecast - actual;
        _absolute += Math.Abs(error);
        _signed += error;
        _actual += actual;
        _count++;
        if (naiveScale > 0)
        {
            _scaledAbsolute += Math.Abs(error) / naiveScale;
        }
    }

    public void Add(AccuracyTally other)
    {
        _absolute += other._absolute;
        _signed += other._signed;
        _actual += other._actual;
        _scaledAbsolute += other._scaledAbsolute;
        _count += other._count;
    }

    public long Count => _count;

    public Accuracy Result() => new(
        _actual > 0 ? _absolute / _actual : double.NaN,
        _count > 0 ? _scaledAbsolute / _count : double.NaN,
        _actual > 0 ? _signed / _actual : double.NaN,
        _count);
}

/// <summary>WAPE and bias as fractions of actual volume, MASE as a ratio, over <see cref="Intervals"/> intervals.</summary>
public readonly record struct Accuracy(double Wape, double Mase, double Bias, long Intervals);
