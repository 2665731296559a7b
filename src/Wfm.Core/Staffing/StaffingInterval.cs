namespace Wfm.Core.Staffing;

/// <summary>Offered work of one interval: contacts arriving in it, their mean handle time, its length.</summary>
public readonly record struct StaffingInterval(double Contacts, double AhtSeconds, double IntervalSeconds = 1800)
{
    /// <summary>Offered load in Erlangs (contacts × AHT ÷ interval length).</summary>
    public double Erlangs => Contacts * AhtSeconds / IntervalSeconds;

    public double ArrivalRatePerSecond => Contacts / IntervalSeconds;

    public void Validate(string field = "interval")
    {
        if (!(Contacts >= 0) || double.IsInfinity(Contacts))
        {
            throw new StaffingInputException($"{field}.contacts", $"must be zero or more, got {Contacts}");
        }

        if (!(AhtSeconds > 0) || double.IsInfinity(AhtSeconds))
        {
            throw new StaffingInputException($"{field}.ahtSeconds", $"must be more than 0 seconds, got {AhtSeconds}");
        }

        if (!(IntervalSeconds > 0) || double.IsInfinity(IntervalSeconds))
        {
            throw new StaffingInputException($"{field}.intervalSeconds", $"must be more than 0 seconds, got {IntervalSeconds}");
        }
    }
}
