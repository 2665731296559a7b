using Bogus;
using Wfm.Core.Directory;
using Wfm.Core.Forecasting;

namespace Wfm.Simulation;

/// <summary>
/// Past contact history of the demo queues, so the forecasting page has something real to work on: per
/// interval, Poisson arrivals around the queue's intraday shape (<see cref="IntradayProfile"/>) times a day
/// level that grows slowly and wanders from day to day, Turkish public holidays at a third of a normal
/// day, and the average handle time of the contacts handled (talk + wrap-up, noisier when few contacts).
/// The same seed always gives the same history.
/// </summary>
public static class DemoHistoryGenerator
{
    public static IReadOnlyList<DemandHistory> Generate(DateOnly firstDay, DateOnly lastDay, int intervalMinutes, int seed = 20261125)
    {
        if (lastDay.DayNumber - firstDay.DayNumber + 1 < DemandHistory.MinimumDays)
        {
            throw new ArgumentException($"the demo history needs at least {DemandHistory.MinimumDays} days", nameof(lastDay));
        }

        var holidays = HolidayCalendars.For("TR", firstDay.Year, lastDay.Year).Select(h => h.Date).ToHashSet();
        var result = new List<DemandHistory>();
        var queueIndex = 0;
        foreach (var queue in DemoCenterGenerator.DemoQueues())
        {
            var random = new Randomizer(seed + (1000 * ++queueIndex));
            var observations = new List<DemandObservation>();
            var handleMean = queue.MeanHandleSeconds + queue.MeanWrapUpSeconds;
            // Calls and chats come only while the queue is open; e-mails arrive at any hour and wait.
            if (!OpeningHours.TryParse(queue.Profile.Hours, out var hours, out var unreadable))
            {
                throw new InvalidOperationException($"queue '{queue.Profile.Id}': {unreadable}");
            }
            var answersLive = queue.Profile.Channel is Channel.Voice or Channel.Chat;
            for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
            {
                var weeks = (day.DayNumber - firstDay.DayNumber) / 7.0;
                var level = (1 + (0.004 * weeks)) * Math.Exp(random.Double(-0.06, 0.06));
                if (holidays.Contains(day))
                {
                    level *= 0.35;
                }

                for (var start = day.ToDateTime(TimeOnly.MinValue); DateOnly.FromDateTime(start) == day; start = start.AddMinutes(intervalMinutes))
                {
                    var closed = answersLive && !hours.IsOpen(start.DayOfWeek, (start.Hour * 60) + start.Minute);
                    var mean = closed ? 0 : queue.PeakPerHour * IntradayProfile.Factor(start.AddMinutes(intervalMinutes / 2.0)) * level * intervalMinutes / 60;
                    var offered = Poisson(random, mean);
                    var handled = offered - Binomial(random, offered, 0.04);
                    double? aht = null;
                    if (handled > 0)
                    {
                        // Evening contacts run a little longer; the average of n handle times varies as 1/sqrt(n).
                        var shape = 1 + (0.06 * Math.Sin((start.Hour - 9) / 24.0 * 2 * Math.PI));
                        aht = Math.Max(30, handleMean * shape * (1 + (Gaussian(random) * 0.7 / Math.Sqrt(handled))));
                    }

                    observations.Add(new DemandObservation(start, offered, aht, handled));
                }
            }

            result.Add(DemandHistory.Build(queue.Profile.Id, intervalMinutes, observations));
        }

        return result;
    }

    private static int Poisson(Randomizer random, double mean)
    {
        if (mean <= 0)
        {
            return 0;
        }

        if (mean > 40)
        {
            return Math.Max(0, (int)Math.Round(mean + (Math.Sqrt(mean) * Gaussian(random))));
        }

        var limit = Math.Exp(-mean);
        var count = 0;
        var product = random.Double();
        while (product > limit)
        {
            count++;
            product *= random.Double();
        }

        return count;
    }

    private static int Binomial(Randomizer random, int trials, double p)
    {
        var count = 0;
        for (var i = 0; i < trials; i++)
        {
            if (random.Double() < p)
            {
                count++;
            }
        }

        return count;
    }

    private static double Gaussian(Randomizer random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.Double())) * Math.Cos(2 * Math.PI * random.Double());
}
