namespace Wfm.Core.Staffing.Calibration;

/// <summary>One point of a <see cref="TypicalMap"/>: intervals expected to give <see cref="Expected"/> gave <see cref="Typical"/> as their median.</summary>
public readonly record struct MapKnot(double Expected, double Typical);

/// <summary>
/// From an interval's expected outcome (a mean) to its typical one (the median of what such intervals gave). One
/// interval's service level is skewed — most intervals meet it, a few fall far short — so the mean sits below what a
/// typical interval shows, and the best single guess for one interval under absolute error is the median. Learned on the
/// calibration's own intervals: equal-count bins of the expected value, the median outcome in each, made monotone
/// (pool adjacent violators), linear between knots and shifted beyond the ends.
/// </summary>
public static class TypicalMap
{
    public static IReadOnlyList<MapKnot> Fit(IReadOnlyList<double> expected, IReadOnlyList<double> actual)
    {
        var order = Enumerable.Range(0, expected.Count).Where(i => !double.IsNaN(expected[i]) && !double.IsNaN(actual[i])).OrderBy(i => expected[i]).ToArray();
        var bins = Math.Clamp(order.Length / 40, 1, 20);
        var knots = new List<(double X, double Y, int N)>();
        for (var b = 0; b < bins; b++)
        {
            var part = order[(order.Length * b / bins)..(order.Length * (b + 1) / bins)];
            if (part.Length == 0)
            {
                continue;
            }

            var ys = part.Select(i => actual[i]).Order().ToArray();
            var median = ys.Length % 2 == 1 ? ys[ys.Length / 2] : (ys[(ys.Length / 2) - 1] + ys[ys.Length / 2]) / 2;
            knots.Add((part.Average(i => expected[i]), median, part.Length));
        }

        // Pool adjacent violators: a bin whose median falls below the one before merges with it (weighted by size).
        var pooled = new List<(double X, double Y, int N)>();
        foreach (var k in knots)
        {
            pooled.Add(k);
            while (pooled.Count > 1 && pooled[^1].Y < pooled[^2].Y)
            {
                var (a, b) = (pooled[^2], pooled[^1]);
                var n = a.N + b.N;
                pooled.RemoveAt(pooled.Count - 1);
                pooled[^1] = (((a.X * a.N) + (b.X * b.N)) / n, ((a.Y * a.N) + (b.Y * b.N)) / n, n);
            }
        }

        return pooled.Select(k => new MapKnot(k.X, k.Y)).ToArray();
    }

    public static double Apply(IReadOnlyList<MapKnot>? map, double expected)
    {
        if (map is null || map.Count == 0 || double.IsNaN(expected))
        {
            return expected;
        }

        double value;
        if (expected <= map[0].Expected)
        {
            value = map[0].Typical + (expected - map[0].Expected);
        }
        else if (expected >= map[^1].Expected)
        {
            value = map[^1].Typical + (expected - map[^1].Expected);
        }
        else
        {
            var k = 1;
            while (map[k].Expected < expected)
            {
                k++;
            }

            var t = (expected - map[k - 1].Expected) / (map[k].Expected - map[k - 1].Expected);
            value = map[k - 1].Typical + (t * (map[k].Typical - map[k - 1].Typical));
        }

        return Math.Clamp(value, 0, 1);
    }
}
