namespace Wfm.Core.Staffing.Backlog;

/// <summary>
/// Shortest path from (0, 0) through points 1…n kept within [lower[i], upper[i]], ending at lower[n]:
/// the "taut string", whose slopes are the smoothest (lowest-peak) rates that stay in the corridor.
/// </summary>
internal static class TautString
{
    public static double[] Solve(double[] lower, double[] upper)
    {
        var n = lower.Length - 1;
        var path = new double[n + 1];
        var i = 0;
        var value = 0.0;
        while (i < n)
        {
            double maxLow = double.NegativeInfinity, minUp = double.PositiveInfinity;
            int argLow = i + 1, argUp = i + 1;
            var k = i + 1;
            var next = -1;
            var nextValue = 0.0;
            for (; k <= n; k++)
            {
                var low = (lower[k] - value) / (k - i);
                var up = (upper[k] - value) / (k - i);
                if (low > minUp)
                {
                    // The string is pulled up against the ceiling where it was lowest.
                    next = argUp;
                    nextValue = upper[argUp];
                    break;
                }

                if (up < maxLow)
                {
                    // ... or down onto the floor where it was highest.
                    next = argLow;
                    nextValue = lower[argLow];
                    break;
                }

                if (low >= maxLow)
                {
                    maxLow = low;
                    argLow = k;
                }

                if (up <= minUp)
                {
                    minUp = up;
                    argUp = k;
                }
            }

            if (next < 0)
            {
                // Reached the end inside the corridor: go straight to the end point.
                next = n;
                nextValue = lower[n];
            }

            var slope = (nextValue - value) / (next - i);
            for (var m = i + 1; m <= next; m++)
            {
                path[m] = value + (slope * (m - i));
            }

            i = next;
            value = nextValue;
        }

        return path;
    }
}
