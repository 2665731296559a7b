using Wfm.Core.Ports;
using Wfm.Core.Wellbeing;

namespace Wfm.Server.Wellbeing;

/// <summary>The agents the wellbeing service scores at burnout watch or alert now.</summary>
public sealed class WellbeingBurnoutWatch(WellbeingService wellbeing) : IBurnoutWatch
{
    public async Task<IReadOnlySet<string>> AtRiskAsync(CancellationToken cancellationToken = default) =>
        (await wellbeing.AllAsync(cancellationToken)).Where(r => r.Score.Level != BurnoutLevel.Low).Select(r => r.AgentId).ToHashSet(StringComparer.Ordinal);
}
