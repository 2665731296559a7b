namespace Wfm.Core.Staffing.Simulation;

/// <summary>Exponential patience estimated for one hour of day: abandonments ÷ total time waited.</summary>
public sealed record PatienceEstimate(int HourOfDay, int Contacts, int Abandoned, double WaitSeconds)
{
    /// <summary>Maximum-likelihood mean patience (seconds) under exponential patience; +∞ with no abandonments.</summary>
    public double MeanPatienceSeconds => Abandoned == 0 ? double.PositiveInfinity : WaitSeconds / Abandoned;

    /// <summary>Per hour of day, plus the whole history under hour −1.</summary>
    public static IReadOnlyList<PatienceEstimate> ByHour(IEnumerable<WaitObservation> observations)
    {
        var hours = new (int Contacts, int Abandoned, double Wait)[24];
        (int Contacts, int Abandoned, double Wait) all = default;
        foreach (var o in observations)
        {
            if (o.HourOfDay is < 0 or > 23)
            {
                throw new StaffingInputException("hourOfDay", $"must be 0–23, got {o.HourOfDay}");
            }

            if (!(o.WaitSeconds >= 0))
            {
                throw new StaffingInputException("waitSeconds", $"must be zero or more seconds, got {o.WaitSeconds}");
            }

            var h = hours[o.HourOfDay];
            hours[o.HourOfDay] = (h.Contacts + 1, h.Abandoned + (o.Abandoned ? 1 : 0), h.Wait + o.WaitSeconds);
            all = (all.Contacts + 1, all.Abandoned + (o.Abandoned ? 1 : 0), all.Wait + o.WaitSeconds);
        }

        var result = new List<PatienceEstimate> { new(-1, all.Contacts, all.Abandoned, all.Wait) };
        for (var h = 0; h < 24; h++)
        {
            if (hours[h].Contacts > 0)
            {
                result.Add(new PatienceEstimate(h, hours[h].Contacts, hours[h].Abandoned, hours[h].Wait));
            }
        }

        return result;
    }
}
