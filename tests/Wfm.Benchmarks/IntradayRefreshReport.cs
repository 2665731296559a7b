using System.Diagnostics;
using ActivityKind = Wfm.Core.Adherence.ActivityKind;
using System.Globalization;
using Wfm.Core.Adherence;
using Wfm.Core.Directory;
using Wfm.Core.Forecasting;
using Wfm.Core.Forecasting.Intraday;
using Wfm.Core.Intraday;
using Wfm.Core.Staffing.Simulation;
using Wfm.Core.Time;

namespace Wfm.Benchmarks;

/// <summary>
/// The intraday refresh's computing, timed: <c>intraday-refresh [--queues 200] [--agents 5000] [--replications 200]</c>.
/// Each queue has eight weeks of 15-minute history around the clock (days running high or low), a day-ahead forecast (the
/// mean of its weekday), today's actuals to 14:30 running 20 % over, a live queue (a few waiting, its agents busy) and
/// its share of the agents scheduled. Per queue: learn the weights (cold: once a day, for every time of day; warm: cached), the
/// re-forecast, and the simulated rest of the day; then the suggestions for the whole center (<see cref="DayFixer"/>: every
/// agent's 8-hour shift with a break and a lunch, requirements a little above and below what is scheduled). Reported: the
/// whole refresh, cold (the day's first: every time of day learned at once) and warm, and the suggestions' share.
/// </summary>
public static class IntradayRefreshReport
{
    public static void Run(string[] args)
    {
        int Arg(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        var queues = Arg("--queues", 200);
        var agents = Arg("--agents", 5000);
        var replications = Arg("--replications", 200);
        const int interval = 15, slots = 96, asOf = 58;
        var perQueue = Math.Max(1, agents / queues);
        var today = new DateOnly(2026, 12, 7);
        var random = new Random(7);
        var inputs = new List<(DemandHistory History, IntradayDay Day, LiveStart Live, int[] Agents)>();
        for (var q = 0; q < queues; q++)
        {
            var peak = perQueue * 900 / 240.0 * 0.85; // contacts per 15 min that keep the queue's agents about 85 % busy at peak
            var observations = new List<DemandObservation>();
            for (var d = 56; d >= 1; d--)
            {
                var level = 1 + (0.1 * ((random.NextDouble() * 2) - 1));
                for (var s = 0; s < slots; s++)
                {
                    var mean = peak * level * (0.3 + (0.7 * Math.Sin(s / (double)slots * Math.PI)));
                    observations.Add(new DemandObservation(today.AddDays(-d).ToDateTime(TimeOnly.MinValue).AddMinutes(s * interval), Math.Round(mean), 240, Math.Round(mean)));
                }
            }

            var history = DemandHistory.Build($"q{q}", interval, observations);
            var forecast = Enumerable.Range(0, slots).Select(s => peak * (0.3 + (0.7 * Math.Sin(s / (double)slots * Math.PI)))).ToArray();
            var actual = forecast.Select((f, s) => s < asOf ? Math.Round(f * 1.2) : double.NaN).ToArray();
            var aht = forecast.Select((_, s) => s < asOf ? 250.0 : double.NaN).ToArray();
            var day = new IntradayDay(today, interval, forecast, forecast.Select(_ => 240.0).ToArray(), actual, aht, actual.Select(a => double.IsNaN(a) ? 0 : a).ToArray(), asOf);
            inputs.Add((history, day, new LiveStart([5, 15, 40], Math.Max(0, perQueue - 1)), Enumerable.Repeat(perQueue, slots - asOf).ToArray()));
        }

        var learned = new IReadOnlyList<IntradayLearning>[queues];
        double Refresh(bool cold)
        {
            var watch = Stopwatch.StartNew();
            Parallel.For(0, queues, q =>
            {
                var (history, day, live, scheduled) = inputs[q];
                if (cold)
                {
                    learned[q] = IntradayReforecaster.LearnDay(history, today);
                }

                var rest = IntradayReforecaster.Reforecast(day, learned[q][asOf]);
                ServicePredictor.Predict(rest, interval, 0, scheduled, live, 20, 180, 240, replications: replications);
            });
            return watch.Elapsed.TotalSeconds;
        }

        // The suggestions: every agent on one queue, shifts starting 06:00–12:00 (8 h, a 15-minute break after two hours and a
        // 30-minute lunch after four), requirements ±1 around what is scheduled.
        var clock = CenterClock.For("Europe/Istanbul", interval);
        var now = clock.IntervalStart(today, asOf);
        var contract = new ContractProfile("ft", "Full time", 30, 45, 5, 6, 11);
        var fixAgents = new List<FixAgent>();
        var scheduledBy = Enumerable.Range(0, queues).Select(_ => new int[slots]).ToArray();
        for (var a = 0; a < agents; a++)
        {
            var q = a % queues;
            var start = clock.IntervalStart(today, 24 + random.Next(25));
            var day = DayFixer.Rebuild([new PlannedActivity(start, start.AddHours(8), ActivityKind.Work)],
                [new PlannedActivity(start.AddHours(2), start.AddHours(2.25), ActivityKind.Break), new PlannedActivity(start.AddHours(4), start.AddHours(4.5), ActivityKind.Lunch)]);
            fixAgents.Add(new FixAgent($"a{a}", [$"q{q}"], day, 32, null, null, contract, AtRisk: a % 10 == 0));
            for (var s = 0; s < slots; s++)
            {
                var middle = clock.IntervalStart(today, s).AddMinutes(interval / 2.0);
                scheduledBy[q][s] += day.Any(x => x.Kind == ActivityKind.Work && x.Start <= middle && middle < x.End) ? 1 : 0;
            }
        }

        var fixQueues = Enumerable.Range(0, queues)
            .Select(q => new FixQueue($"q{q}", [.. scheduledBy[q].Select(n => (int?)Math.Max(0, n + random.Next(-1, 2)))], scheduledBy[q])).ToList();
        var suggested = 0;
        double Suggest()
        {
            var watch = Stopwatch.StartNew();
            suggested = new DayFixer(clock, today, now, fixQueues).Suggest(fixAgents, most: 200).Count;
            return watch.Elapsed.TotalSeconds;
        }

        var coldSeconds = Refresh(cold: true) + Suggest();
        var runs = Enumerable.Range(0, 3).Select(_ => (Refresh: Refresh(cold: false), Suggest: Suggest())).ToList();
        var warm = runs.Min(r => r.Refresh + r.Suggest);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{queues} queues, {agents} agents ({perQueue} per queue), {replications} replications, cores {Environment.ProcessorCount}: refresh cold {coldSeconds:0.00} s, warm {warm:0.00} s (best of 3), of which suggestions {runs.Min(r => r.Suggest):0.00} s ({suggested} suggested)"));
    }
}
