using System.Globalization;

namespace Wfm.Core.Staffing;

/// <summary>One named part of shrinkage, as a share of scheduled (paid) time.</summary>
public sealed record ShrinkageComponent(string Name, double Fraction);

/// <summary>
/// Time agents are paid but not taking contacts (breaks, coaching, training, absence), as one figure
/// or as named components that add up (each is a share of scheduled time, as planners quote them).
/// Scheduled agents = productive agents ÷ (1 − total).
/// </summary>
public sealed class Shrinkage
{
    public static readonly Shrinkage None = new([]);

    public Shrinkage(IReadOnlyList<ShrinkageComponent> components)
    {
        foreach (var c in components)
        {
            if (string.IsNullOrWhiteSpace(c.Name))
            {
                throw new StaffingInputException("shrinkage", "every component needs a name");
            }

            if (!(c.Fraction >= 0) || !(c.Fraction < 1))
            {
                throw new StaffingInputException($"shrinkage.{c.Name}", $"must be a fraction in [0, 1), got {c.Fraction}");
            }
        }

        Total = components.Sum(c => c.Fraction);
        if (!(Total < 1))
        {
            throw new StaffingInputException("shrinkage", $"components add up to {Total:0.###}; the total must stay below 1");
        }

        Components = components;
    }

    public IReadOnlyList<ShrinkageComponent> Components { get; }

    public double Total { get; }

    public static Shrinkage Of(double total) => total == 0 ? None : new Shrinkage([new ShrinkageComponent("shrinkage", total)]);

    /// <summary>Parses "0.3", "30%" or "breaks=0.1,coaching=0.05,absence=0.08".</summary>
    public static Shrinkage Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return None;
        }

        if (!text.Contains('='))
        {
            return Of(ParseFraction(text, "shrinkage"));
        }

        var parts = new List<ShrinkageComponent>();
        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var kv = item.Split('=', 2, StringSplitOptions.TrimEntries);
            if (kv.Length != 2 || kv[0].Length == 0)
            {
                throw new StaffingInputException("shrinkage", $"expected NAME=FRACTION, got '{item}'");
            }

            parts.Add(new ShrinkageComponent(kv[0], ParseFraction(kv[1], $"shrinkage.{kv[0]}")));
        }

        return new Shrinkage(parts);
    }

    public double Scheduled(double productive) => productive / (1 - Total);

    /// <summary>Whole scheduled agents for a whole productive requirement (tolerant of 14 ÷ 0.7 = 20.000…1).</summary>
    public int ScheduledAgents(int productive) => (int)Math.Ceiling(Scheduled(productive) - 1e-9);

    public override string ToString() => string.Join(", ", Components.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Name} {c.Fraction * 100:0.#}%")));

    private static double ParseFraction(string text, string field)
    {
        var t = text.Trim();
        var percent = t.EndsWith('%');
        if (percent)
        {
            t = t[..^1];
        }

        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new StaffingInputException(field, $"expected a fraction such as 0.3 or 30%, got '{text}'");
        }

        if (percent || value > 1)
        {
            value /= 100;
        }

        return value;
    }
}
