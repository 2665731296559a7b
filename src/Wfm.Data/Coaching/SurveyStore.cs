using Microsoft.EntityFrameworkCore;
using Wfm.Core.Kpis;
using Wfm.Data.Entities;

namespace Wfm.Data.Coaching;

/// <summary>Survey answers (CSAT, NPS, CES) per contact; a contact answered again replaces its answer.</summary>
public sealed class SurveyStore(IDbContextFactory<WfmDbContext> contexts, TimeProvider time)
{
    /// <summary>Stores all answers in one transaction: all or none.</summary>
    public async Task<int> UpsertAsync(IReadOnlyList<(string ContactId, SurveyAnswer Answer)> answers, CancellationToken cancellationToken = default)
    {
        // A contact first answered by a concurrent call between our read and our insert: read again and replace it.
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var ids = answers.Select(a => a.ContactId).Distinct(StringComparer.Ordinal).ToList();
            var rows = await db.Surveys.Where(s => ids.Contains(s.ContactId)).ToDictionaryAsync(s => s.ContactId, StringComparer.Ordinal, cancellationToken);
            var now = time.GetUtcNow().UtcTicks;
            foreach (var (contact, answer) in answers)
            {
                if (!rows.TryGetValue(contact, out var row))
                {
                    row = new SurveyEntity { ContactId = contact };
                    db.Surveys.Add(row);
                    rows[contact] = row;
                }

                (row.Csat, row.Nps, row.Ces, row.CreatedTicks) = (answer.Csat, answer.Nps, answer.Ces, now);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return answers.Count;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
            }
        }
    }

    public async Task<IReadOnlyDictionary<string, SurveyAnswer>> AllAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Surveys.AsNoTracking().ToDictionaryAsync(s => s.ContactId, s => new SurveyAnswer(s.Csat, s.Nps, s.Ces), StringComparer.Ordinal, cancellationToken);
    }
}
