using System.Globalization;

namespace Wfm.Core.Staffing;

/// <summary>
/// How handle time stretches when an agent serves several chats at once: <c>Factors[c − 1]</c> is the
/// handle time at concurrency c as a multiple of the handle time of a chat served alone (Factors[0] = 1).
/// An agent at concurrency c therefore completes chats at c ÷ Factors[c − 1] times the solo rate.
/// </summary>
public sealed class ConcurrencyCurve
{
    public ConcurrencyCurve(IReadOnlyList<double> factors)
    {
        if (factors.Count is < 1 or > 20)
        {
            throw new StaffingInputException("concurrency", $"give 1 to 20 stretch factors (one per concurrent chat), got {factors.Count}");
        }

        for (var i = 0; i < factors.Count; i++)
        {
            if (!(factors[i] > 0) || double.IsInfinity(factors[i]))
            {
                throw new StaffingInputException($"concurrency[{i + 1}]", $"stretch factor must be more than 0, got {factors[i]}");
            }
        }

        Factors = factors;
    }

    public IReadOnlyList<double> Factors { get; }

    public int MaxConcurrency => Factors.Count;

    /// <summary>Handle time grows by <paramref name="stretchPerExtraChat"/> for every chat beyond the first.</summary>
    public static ConcurrencyCurve Linear(int maxConcurrency, double stretchPerExtraChat = 0.25)
    {
        if (maxConcurrency is < 1 or > 20)
        {
            throw new StaffingInputException("maxConcurrency", $"must be between 1 and 20, got {maxConcurrency}");
        }

        return new ConcurrencyCurve(Enumerable.Range(0, maxConcurrency).Select(c => 1 + (stretchPerExtraChat * c)).ToArray());
    }

    /// <summary>Parses "1,1.3,1.7" (factors for 1, 2, 3 chats).</summary>
    public static ConcurrencyCurve Parse(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var factors = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out factors[i]))
            {
                throw new StaffingInputException($"concurrency[{i + 1}]", $"expected a number such as 1.25, got '{parts[i]}'");
            }
        }

        return new ConcurrencyCurve(factors);
    }

    /// <summary>Chats completed per second by one agent holding <paramref name="chats"/> chats.</summary>
    public double CompletionRate(int chats, double soloRate) => chats == 0 ? 0 : chats * soloRate / Factors[chats - 1];

    public override string ToString() => string.Join(",", Factors.Select(f => f.ToString("0.###", CultureInfo.InvariantCulture)));
}
