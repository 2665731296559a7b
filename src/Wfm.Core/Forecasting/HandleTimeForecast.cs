namespace Wfm.Core.Forecasting;

/// <summary>
/// Average handle time per weekday and interval: the contact-weighted mean of the same weekday and
/// interval over recent weeks (recent weeks weigh more), shrunk toward the interval's mean over all
/// weekdays when few contacts back it, and toward the queue's overall mean when the interval itself
/// is thin. Handle times move slowly and are noisy per interval, so pooling beats any clever model.
/// </summary>
public sealed class HandleTimeForecast
{
    /// <summary>Contacts behind an estimate at which it counts as much as the pooled one.</summary>
    private const double PriorContacts = 30;

    private readonly double[,] _aht; // [weekday, slot]

    private HandleTimeForecast(double[,] aht) => _aht = aht;

    public double AhtSeconds(DayOfWeek weekday, int slot) => _aht[(int)weekday, slot];

    /// <summary>Null when the history carries no handle times.</summary>
    public static HandleTimeForecast? Fit(TrainingSet training, int weeks = 8)
    {
        var history = training.History;
        if (!history.HasHandleTimes)
        {
            return null;
        }

        var slots = history.SlotsPerDay;
        var sum = new double[7, slots];
        var weight = new double[7, slots];
        var slotSum = new double[slots];
        var slotWeight = new double[slots];
        double allSum = 0, allWeight = 0;
        var from = history.DayCount - (weeks * 7);
        foreach (var d in training.Usable)
        {
            if (d < from)
            {
                continue;
            }

            var recency = Math.Pow(0.9, (history.DayCount - 1 - d) / 7.0);
            var w = (int)history.Weekday(d);
            for (var s = 0; s < slots; s++)
            {
                var (aht, contacts) = history.HandleTime(d, s);
                if (double.IsNaN(aht) || !(contacts > 0))
                {
                    continue;
                }

                var k = contacts * recency;
                sum[w, s] += k * aht;
                weight[w, s] += k;
                slotSum[s] += k * aht;
                slotWeight[s] += k;
                allSum += k * aht;
                allWeight += k;
            }
        }

        if (!(allWeight > 0))
        {
            return null;
        }

        var overall = allSum / allWeight;
        var result = new double[7, slots];
        for (var s = 0; s < slots; s++)
        {
            var pooled = (slotSum[s] + (PriorContacts * overall)) / (slotWeight[s] + PriorContacts);
            for (var w = 0; w < 7; w++)
            {
                result[w, s] = (sum[w, s] + (PriorContacts * pooled)) / (weight[w, s] + PriorContacts);
            }
        }

        return new HandleTimeForecast(result);
    }
}
