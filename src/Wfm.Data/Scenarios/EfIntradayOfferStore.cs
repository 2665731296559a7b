using Microsoft.EntityFrameworkCore;
using Wfm.Core.Ports;
using Wfm.Data.Entities;

namespace Wfm.Data.Scenarios;

/// <summary>The day's overtime and time-off offers and the agents' answers, in the EF model.</summary>
public sealed class EfIntradayOfferStore(IDbContextFactory<WfmDbContext> contexts, TimeProvider time) : IIntradayOfferStore
{
    public async Task<long> AddAsync(
        string kind, string queueId, DateOnly date, DateTimeOffset from, DateTimeOffset to, int needed, string createdBy, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entity = new IntradayOfferEntity
        {
            Kind = kind, QueueId = queueId, Date = date, From = from, To = to, Needed = needed, CreatedBy = createdBy, CreatedAt = time.GetUtcNow(),
        };
        db.IntradayOffers.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        return entity.Id;
    }

    public async Task<IReadOnlyList<IntradayOffer>> ListAsync(DateOnly date, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var offers = await db.IntradayOffers.AsNoTracking().Where(o => o.Date == date).OrderByDescending(o => o.Id).ToListAsync(cancellationToken);
        var ids = offers.Select(o => o.Id).ToList();
        var answers = await db.IntradayOfferAnswers.AsNoTracking().Where(a => ids.Contains(a.OfferId)).ToListAsync(cancellationToken);
        return [.. offers.Select(o => ToOffer(o, answers))];
    }

    public async Task<IntradayOffer?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var offer = await db.IntradayOffers.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        return offer is null ? null : ToOffer(offer, await db.IntradayOfferAnswers.AsNoTracking().Where(a => a.OfferId == id).ToListAsync(cancellationToken));
    }

    public async Task<bool> AnswerAsync(long id, string agentId, bool accepted, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.IntradayOfferAnswers.AnyAsync(a => a.OfferId == id && a.AgentId == agentId, cancellationToken))
        {
            return false;
        }

        db.IntradayOfferAnswers.Add(new IntradayOfferAnswerEntity { OfferId = id, AgentId = agentId, Accepted = accepted, At = time.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static IntradayOffer ToOffer(IntradayOfferEntity o, IEnumerable<IntradayOfferAnswerEntity> answers)
    {
        var mine = answers.Where(a => a.OfferId == o.Id).OrderBy(a => a.At).ToList();
        return new IntradayOffer(o.Id, o.Kind, o.QueueId, o.Date, o.From, o.To, o.Needed, o.CreatedBy, o.CreatedAt,
            [.. mine.Where(a => a.Accepted).Select(a => a.AgentId)], [.. mine.Where(a => !a.Accepted).Select(a => a.AgentId)]);
    }
}
