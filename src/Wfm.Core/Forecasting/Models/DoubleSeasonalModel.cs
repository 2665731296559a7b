namespace Wfm.Core.Forecasting.Models;

/// <summary>
/// Taylor's (2003, 2008) double-seasonal Holt–Winters, multiplicative: a level, an intraday cycle and
/// a weekly cycle on top of it, plus a first-order autoregressive correction of the one-step error.
/// Runs over the usable days' open intervals only; the cycles are keyed by interval of the day and by
/// weekday × interval, so holidays and closed nights do not shift them. Smoothing constants minimise
/// the one-step squared error (Nelder–Mead over logit-scaled parameters) over the last
/// <see cref="EstimationDays"/> days, as Taylor estimated them on recent weeks; the whole history is then
/// smoothed with them to give the states the forecast starts from. Bounded so that sparse counts (a 24-hour
/// service's nights) cannot drive it to infinity: smoothing constants below 0.5, seasonal indices within
/// [0.001, 20]. Where it still runs away the forecaster's guard (<see cref="ForecastGuard.RanAway"/>) marks it
/// in the backtest and, when it was asked for by name, uses the 4-week weekday mean and says so.
/// </summary>
public sealed class DoubleSeasonalModel : IForecastModel
{
    /// <summary>Calendar days at the end of the history the smoothing constants are estimated on (12 weeks).</summary>
    public const int EstimationDays = 84;

    public string Name => "taylor";

    public string Description => "double-seasonal Holt-Winters (Taylor): level, intraday and weekly cycles, AR(1) error";

    public void Forecast(TrainingSet training, int horizonDays, Span<double> output)
    {
        var series = Series.From(training);
        if (series.Values.Length == 0)
        {
            return;
        }

        var recent = series.Since(training.History.DayCount - EstimationDays);
        var best = NelderMead.Minimize(p => recent.Run(Bounded(p), null), [-2.5, -3, -3, 0], 1.0, 160);
        var state = new State(training.SlotsPerDay);
        var parameters = Bounded(best);
        series.Run(parameters, state);
        var phi = parameters[3];
        var slots = training.SlotsPerDay;
        var history = training.History;
        var step = 0;
        for (var h = 0; h < horizonDays; h++)
        {
            var weekday = history.Date(0).AddDays(history.DayCount + h).DayOfWeek;
            if (!training.Opening.IsOpenDay(weekday))
            {
                continue;
            }

            var w = (int)weekday;
            for (var s = 0; s < slots; s++)
            {
                if (!training.Opening.IsOpen(weekday, s))
                {
                    continue;
                }

                step++;
                var f = (state.Level * state.Intraday[s] * state.Weekly[w][s]) + (Math.Pow(phi, step) * state.LastError);
                output[(h * slots) + s] = Math.Max(0, f);
            }
        }
    }

    /// <summary>The smoothing constants from the optimiser's free parameters: level, intraday and weekly below 0.5, the AR term below 0.99.</summary>
    private static double[] Bounded(double[] p) => [.. p.Select((x, i) => (i < 3 ? 0.5 : 0.99) / (1 + Math.Exp(-x)))];

    private sealed class State(int slots)
    {
        public double Level { get; set; }

        public double LastError { get; set; }

        public double[] Intraday { get; } = new double[slots];

        public double[][] Weekly { get; } = Enumerable.Range(0, 7).Select(_ => new double[slots]).ToArray();
    }

    /// <summary>The open intervals of usable days in time order, with their slot and weekday.</summary>
    private sealed class Series
    {
        public double[] Values { get; private init; } = [];

        private int[] Slots { get; init; } = [];

        private int[] Weekdays { get; init; } = [];

        private int[] DayStarts { get; init; } = [];

        private int[] Days { get; init; } = [];

        private int SlotsPerDay { get; init; }

        public static Series From(TrainingSet training)
        {
            var values = new List<double>();
            var slots = new List<int>();
            var weekdays = new List<int>();
            var starts = new List<int>();
            var days = new List<int>();
            foreach (var d in training.Usable)
            {
                days.Add(d);
                var weekday = training.History.Weekday(d);
                var day = training.Day(d);
                starts.Add(values.Count);
                for (var s = 0; s < day.Length; s++)
                {
                    if (training.Opening.IsOpen(weekday, s))
                    {
                        values.Add(day[s]);
                        slots.Add(s);
                        weekdays.Add((int)weekday);
                    }
                }
            }

            return new Series
            {
                Values = [.. values], Slots = [.. slots], Weekdays = [.. weekdays], DayStarts = [.. starts], Days = [.. days], SlotsPerDay = training.SlotsPerDay,
            };
        }

        /// <summary>The part of the series from day index <paramref name="firstDay"/> on (the whole series when that leaves fewer than four weeks of usable days).</summary>
        public Series Since(int firstDay)
        {
            var k = Array.FindIndex(Days, d => d >= firstDay);
            if (k <= 0 || Days.Length - k < 28)
            {
                return this;
            }

            var offset = DayStarts[k];
            return new Series
            {
                Values = Values[offset..],
                Slots = Slots[offset..],
                Weekdays = Weekdays[offset..],
                DayStarts = [.. DayStarts[k..].Select(x => x - offset)],
                Days = Days[k..],
                SlotsPerDay = SlotsPerDay,
            };
        }

        /// <summary>One pass; returns the one-step squared error after a two-week warm-up, leaving the final state in <paramref name="state"/>.</summary>
        public double Run(double[] p, State? state)
        {
            var (alpha, delta, omega, phi) = (p[0], p[1], p[2], p[3]);
            state ??= new State(SlotsPerDay);
            Initialise(state);
            var warmup = DayStarts.Length > 10 ? DayStarts[10] : 0;
            var sse = 0.0;
            var error = 0.0;
            var intraday = state.Intraday;
            var weekly = state.Weekly;
            var level = state.Level;
            for (var t = 0; t < Values.Length; t++)
            {
                var s = Slots[t];
                var wk = weekly[Weekdays[t]];
                var seasonal = intraday[s] * wk[s];
                var fit = level * seasonal;
                var y = Values[t];
                var e = y - (fit + (phi * error));
                if (t >= warmup)
                {
                    sse += e * e;
                }

                error = y - fit;
                if (seasonal > 0 && level > 0)
                {
                    var newLevel = (alpha * y / seasonal) + ((1 - alpha) * level);
                    if (newLevel > 0)
                    {
                        intraday[s] = Math.Clamp((delta * y / (newLevel * wk[s])) + ((1 - delta) * intraday[s]), 1e-3, 20);
                        wk[s] = Math.Clamp((omega * y / (newLevel * intraday[s])) + ((1 - omega) * wk[s]), 1e-3, 20);
                        level = newLevel;
                    }
                }
            }

            state.Level = level;
            state.LastError = error;
            return sse;
        }

        /// <summary>Level = mean of the first two weeks; intraday and weekly indices from their ratios.</summary>
        private void Initialise(State state)
        {
            var end = DayStarts.Length > 10 ? DayStarts[10] : Values.Length;
            var mean = 0.0;
            for (var t = 0; t < end; t++)
            {
                mean += Values[t];
            }

            mean = end > 0 ? mean / end : 0;
            state.Level = Math.Max(mean, 1e-9);
            var sum = new double[SlotsPerDay];
            var count = new int[SlotsPerDay];
            var wSum = new double[7, SlotsPerDay];
            var wCount = new int[7, SlotsPerDay];
            for (var t = 0; t < end; t++)
            {
                sum[Slots[t]] += Values[t] / state.Level;
                count[Slots[t]]++;
                wSum[Weekdays[t], Slots[t]] += Values[t] / state.Level;
                wCount[Weekdays[t], Slots[t]]++;
            }

            for (var s = 0; s < SlotsPerDay; s++)
            {
                state.Intraday[s] = count[s] > 0 ? Math.Max(sum[s] / count[s], 1e-6) : 1;
                for (var w = 0; w < 7; w++)
                {
                    state.Weekly[w][s] = wCount[w, s] > 0 ? Math.Max(wSum[w, s] / wCount[w, s] / state.Intraday[s], 1e-6) : 1;
                }
            }
        }
    }
}
