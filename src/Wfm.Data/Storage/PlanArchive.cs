using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wfm.Core.Adherence;
using Wfm.Core.Ports;

namespace Wfm.Data.Storage;

/// <summary>
/// Reads the shift grains' saved plans straight from the grain-state table ("shift" state, key
/// "shift/{agent}|{yyyy-MM-dd}"); a plan is saved before SetPlan returns, so this sees every published plan.
/// </summary>
public sealed class PlanArchive(IDbContextFactory<WfmDbContext> contexts) : IPlanArchive
{
    public async Task<IReadOnlyDictionary<(string AgentId, DateOnly Day), IReadOnlyList<PlannedActivity>>> ReadAsync(
        DateOnly from, DateOnly to, string? agentId = null, CancellationToken cancellationToken = default)
    {
        var result = new Dictionary<(string, DateOnly), IReadOnlyList<PlannedActivity>>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var first = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var last = to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        // The day is the key's last ten characters ("yyyy-MM-dd" sorts as text in every collation: digits and dashes).
        // EF translates string.Compare to the database's own comparison; the ordinal overload has no translation.
#pragma warning disable CA1309
        var query = db.GrainStates.AsNoTracking().Where(g => g.GrainType == "shift"
            && string.Compare(g.GrainKey.Substring(g.GrainKey.Length - 10), first) >= 0
            && string.Compare(g.GrainKey.Substring(g.GrainKey.Length - 10), last) <= 0);
#pragma warning restore CA1309
        if (agentId is not null)
        {
            var prefix = "shift/" + agentId + "|";
            query = query.Where(g => g.GrainKey.Length == prefix.Length + 10 && g.GrainKey.StartsWith(prefix));
        }

        foreach (var row in await query.Select(g => new { g.GrainKey, g.Json }).ToListAsync(cancellationToken))
        {
            var key = row.GrainKey;
            var slash = key.IndexOf('/', StringComparison.Ordinal);
            var bar = key.LastIndexOf('|');
            if (slash < 0 || bar < slash)
            {
                continue;
            }

            var plan = JsonSerializer.Deserialize<List<PlannedActivity>>(row.Json, GrainStateRows.Json) ?? [];
            if (plan.Count > 0)
            {
                result[(key[(slash + 1)..bar], DateOnly.ParseExact(key[(bar + 1)..], "yyyy-MM-dd", CultureInfo.InvariantCulture))] = plan;
            }
        }

        return result;
    }
}
