namespace Wfm.Core.Ports;

/// <summary>Which agents' burnout risk is at watch or alert now (they are offered no overtime).</summary>
public interface IBurnoutWatch
{
    Task<IReadOnlySet<string>> AtRiskAsync(CancellationToken cancellationToken = default);
}
