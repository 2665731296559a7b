namespace Wfm.Core.Forecasting.Models;

/// <summary>Derivative-free minimiser (Nelder–Mead simplex) for the few smoothing constants of a model.</summary>
internal static class NelderMead
{
    public static double[] Minimize(Func<double[], double> f, double[] start, double step, int maxEvaluations, double tolerance = 1e-7)
    {
        var n = start.Length;
        var points = new double[n + 1][];
        var values = new double[n + 1];
        for (var i = 0; i <= n; i++)
        {
            points[i] = (double[])start.Clone();
            if (i > 0)
            {
                points[i][i - 1] += step;
            }

            values[i] = f(points[i]);
        }

        var evaluations = n + 1;
        var centroid = new double[n];
        while (evaluations < maxEvaluations)
        {
            Array.Sort(values, points);
            if (Math.Abs(values[n] - values[0]) <= tolerance * (Math.Abs(values[0]) + 1e-12))
            {
                break;
            }

            Array.Clear(centroid);
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    centroid[j] += points[i][j] / n;
                }
            }

            var reflected = Along(centroid, points[n], -1);
            var fr = f(reflected);
            evaluations++;
            if (fr < values[0])
            {
                var expanded = Along(centroid, points[n], -2);
                var fe = f(expanded);
                evaluations++;
                (points[n], values[n]) = fe < fr ? (expanded, fe) : (reflected, fr);
            }
            else if (fr < values[n - 1])
            {
                (points[n], values[n]) = (reflected, fr);
            }
            else
            {
                var contracted = fr < values[n] ? Along(centroid, points[n], -0.5) : Along(centroid, points[n], 0.5);
                var fc = f(contracted);
                evaluations++;
                if (fc < Math.Min(fr, values[n]))
                {
                    (points[n], values[n]) = (contracted, fc);
                }
                else
                {
                    for (var i = 1; i <= n; i++)
                    {
                        for (var j = 0; j < n; j++)
                        {
                            points[i][j] = points[0][j] + (0.5 * (points[i][j] - points[0][j]));
                        }

                        values[i] = f(points[i]);
                        evaluations++;
                    }
                }
            }
        }

        Array.Sort(values, points);
        return points[0];
    }

    private static double[] Along(double[] centroid, double[] worst, double t)
    {
        var result = new double[centroid.Length];
        for (var j = 0; j < result.Length; j++)
        {
            result[j] = centroid[j] + (t * (worst[j] - centroid[j]));
        }

        return result;
    }
}
