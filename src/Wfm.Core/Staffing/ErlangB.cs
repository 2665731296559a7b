namespace Wfm.Core.Staffing;

/// <summary>
/// Erlang B (M/M/n/n): the share of contacts blocked when all <c>lines</c> are busy. Computed by the
/// stable recursion B(k) = a·B(k−1) / (k + a·B(k−1)); no factorials or powers.
/// </summary>
public static class ErlangB
{
    public static double Blocking(int lines, double erlangs)
    {
        if (lines < 0)
        {
            throw new StaffingInputException("lines", $"must be zero or more, got {lines}");
        }

        if (!(erlangs >= 0) || double.IsInfinity(erlangs))
        {
            throw new StaffingInputException("erlangs", $"must be zero or more, got {erlangs}");
        }

        var b = 1.0;
        for (var k = 1; k <= lines; k++)
        {
            b = erlangs * b / (k + (erlangs * b));
        }

        return b;
    }

    /// <summary>The least number of lines that keeps blocking at or below <paramref name="maxBlocking"/>.</summary>
    public static int RequiredLines(double erlangs, double maxBlocking, int maxLines = ErlangQueue.MaxAgents)
    {
        if (!(maxBlocking > 0) || !(maxBlocking < 1))
        {
            throw new StaffingInputException("maxBlocking", $"must be a fraction strictly between 0 and 1, got {maxBlocking}");
        }

        _ = Blocking(0, erlangs);
        var b = 1.0;
        for (var k = 1; k <= maxLines; k++)
        {
            b = erlangs * b / (k + (erlangs * b));
            if (b <= maxBlocking)
            {
                return k;
            }
        }

        throw new StaffingInputException("erlangs", $"{erlangs:0.##} Erlangs need more than {maxLines} lines");
    }
}
