namespace Wfm.Core.Forecasting.Models;

/// <summary>Weighted ridge least squares by the normal equations and a Cholesky factorisation (a few dozen columns at most).</summary>
internal static class LeastSquares
{
    /// <summary>
    /// Minimises Σ wᵢ (yᵢ − xᵢ·β)² + λ Σ_{j≥1} βⱼ² (the first column, the intercept, is not penalised).
    /// <paramref name="x"/> is row-major, <c>rows × columns</c>.
    /// </summary>
    public static double[] Solve(double[] x, double[] y, double[] w, int columns, double ridge)
    {
        var rows = y.Length;
        var a = new double[columns * columns];
        var b = new double[columns];
        for (var i = 0; i < rows; i++)
        {
            var row = x.AsSpan(i * columns, columns);
            var wi = w[i];
            if (wi == 0)
            {
                continue;
            }

            for (var j = 0; j < columns; j++)
            {
                var wx = wi * row[j];
                b[j] += wx * y[i];
                for (var k = 0; k <= j; k++)
                {
                    a[(j * columns) + k] += wx * row[k];
                }
            }
        }

        for (var j = 0; j < columns; j++)
        {
            for (var k = 0; k < j; k++)
            {
                a[(k * columns) + j] = a[(j * columns) + k];
            }

            a[(j * columns) + j] += j == 0 ? 1e-9 : ridge + 1e-9;
        }

        // Cholesky: a = L Lᵀ, stored in the lower triangle.
        for (var j = 0; j < columns; j++)
        {
            var sum = a[(j * columns) + j];
            for (var k = 0; k < j; k++)
            {
                sum -= a[(j * columns) + k] * a[(j * columns) + k];
            }

            var diagonal = Math.Sqrt(Math.Max(sum, 1e-12));
            a[(j * columns) + j] = diagonal;
            for (var i = j + 1; i < columns; i++)
            {
                var s = a[(i * columns) + j];
                for (var k = 0; k < j; k++)
                {
                    s -= a[(i * columns) + k] * a[(j * columns) + k];
                }

                a[(i * columns) + j] = s / diagonal;
            }
        }

        var z = new double[columns];
        for (var i = 0; i < columns; i++)
        {
            var s = b[i];
            for (var k = 0; k < i; k++)
            {
                s -= a[(i * columns) + k] * z[k];
            }

            z[i] = s / a[(i * columns) + i];
        }

        var beta = new double[columns];
        for (var i = columns - 1; i >= 0; i--)
        {
            var s = z[i];
            for (var k = i + 1; k < columns; k++)
            {
                s -= a[(k * columns) + i] * beta[k];
            }

            beta[i] = s / a[(i * columns) + i];
        }

        return beta;
    }
}
