using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using Wfm.Data.Entities;

namespace Wfm.Data.Storage;

/// <summary>
/// Orleans' membership table in the server's own database (the EF model's ClusterSilos and ClusterVersions), so the
/// only service a cluster needs is the PostgreSQL it already keeps everything in. Every change to a silo's row moves
/// the table's version on in the same transaction, and happens only when the caller saw the current version and
/// row (etags): two silos that both think they may change the table cannot both succeed.
/// </summary>
public sealed class ClusterMembershipTable(IDbContextFactory<WfmDbContext> contexts, IOptions<ClusterOptions> cluster) : IMembershipTable
{
    private string ClusterId => cluster.Value.ClusterId;

    // The interface's older names (kept by Orleans for callers that have not moved on) go to the cancellable ones.
#pragma warning disable CS0672, CS0618
    public Task InitializeMembershipTable(bool tryInitTableVersion) => InitializeMembershipTableAsync(tryInitTableVersion, CancellationToken.None);

    public Task DeleteMembershipTableEntries(string clusterId) => DeleteMembershipTableEntriesAsync(clusterId, CancellationToken.None);

    public Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate) => CleanupDefunctSiloEntriesAsync(beforeDate, CancellationToken.None);

    public Task<MembershipTableData> ReadRow(SiloAddress key) => ReadRowAsync(key, CancellationToken.None);

    public Task<MembershipTableData> ReadAll() => ReadAllAsync(CancellationToken.None);

    public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion) => InsertRowAsync(entry, tableVersion, CancellationToken.None);

    public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) => UpdateRowAsync(entry, etag, tableVersion, CancellationToken.None);

    public Task UpdateIAmAlive(MembershipEntry entry) => UpdateIAmAliveAsync(entry, CancellationToken.None);
#pragma warning restore CS0672, CS0618

    public async Task InitializeMembershipTableAsync(bool tryInitTableVersion, CancellationToken cancellationToken)
    {
        if (!tryInitTableVersion)
        {
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.ClusterVersions.AnyAsync(v => v.ClusterId == ClusterId, cancellationToken))
        {
            return;
        }

        db.ClusterVersions.Add(new ClusterVersionEntity { ClusterId = ClusterId, Version = 0, ETag = NewETag() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another silo made it first.
        }
    }

    public async Task DeleteMembershipTableEntriesAsync(string clusterId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.ClusterSilos.Where(s => s.ClusterId == clusterId).ExecuteDeleteAsync(cancellationToken);
        await db.ClusterVersions.Where(v => v.ClusterId == clusterId).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var dead = (int)SiloStatus.Dead;
        var before = beforeDate.UtcTicks;
        await db.ClusterSilos.Where(s => s.ClusterId == ClusterId && s.Status == dead && s.IAmAliveTicks < before).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task<MembershipTableData> ReadRowAsync(SiloAddress key, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var address = key.ToParsableString();
        var rows = await db.ClusterSilos.AsNoTracking().Where(s => s.ClusterId == ClusterId && s.Address == address).ToListAsync(cancellationToken);
        return new MembershipTableData(rows.Select(Entry).ToList(), await VersionAsync(db, cancellationToken));
    }

    public async Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.ClusterSilos.AsNoTracking().Where(s => s.ClusterId == ClusterId).ToListAsync(cancellationToken);
        return new MembershipTableData(rows.Select(Entry).ToList(), await VersionAsync(db, cancellationToken));
    }

    public async Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion tableVersion, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await MoveVersionAsync(db, tableVersion, cancellationToken))
        {
            return false;
        }

        var address = entry.SiloAddress.ToParsableString();
        if (await db.ClusterSilos.AnyAsync(s => s.ClusterId == ClusterId && s.Address == address, cancellationToken))
        {
            return false;
        }

        db.ClusterSilos.Add(Row(entry, NewETag()));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion tableVersion, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await MoveVersionAsync(db, tableVersion, cancellationToken))
        {
            return false;
        }

        var row = Row(entry, NewETag());
        var changed = await db.ClusterSilos.Where(s => s.ClusterId == ClusterId && s.Address == row.Address && s.ETag == etag).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.Status, row.Status).SetProperty(x => x.Json, row.Json).SetProperty(x => x.IAmAliveTicks, row.IAmAliveTicks).SetProperty(x => x.ETag, row.ETag), cancellationToken);
        if (changed == 0)
        {
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Only the row's "I am alive" time: neither its etag nor the table's version moves (it is not a membership change).</summary>
    public async Task UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var address = entry.SiloAddress.ToParsableString();
        var row = await db.ClusterSilos.SingleOrDefaultAsync(s => s.ClusterId == ClusterId && s.Address == address, cancellationToken)
            ?? throw new InvalidOperationException($"silo {address} is not in the membership table of cluster '{ClusterId}'");
        var stored = JsonSerializer.Deserialize<StoredEntry>(row.Json)!;
        stored.IAmAliveTime = entry.IAmAliveTime;
        row.Json = JsonSerializer.Serialize(stored);
        row.IAmAliveTicks = entry.IAmAliveTime.Ticks;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Moves the table to the caller's new version — which carries the etag of the version it was made from — when that
    /// is still the stored one; false when someone moved the table on first.
    /// </summary>
    private async Task<bool> MoveVersionAsync(WfmDbContext db, TableVersion next, CancellationToken cancellationToken)
    {
        var etag = NewETag();
        return await db.ClusterVersions.Where(v => v.ClusterId == ClusterId && v.ETag == next.VersionEtag)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Version, next.Version).SetProperty(v => v.ETag, etag), cancellationToken) == 1;
    }

    private async Task<TableVersion> VersionAsync(WfmDbContext db, CancellationToken cancellationToken)
    {
        var version = await db.ClusterVersions.AsNoTracking().SingleOrDefaultAsync(v => v.ClusterId == ClusterId, cancellationToken);
        return version is null ? new TableVersion(0, "0") : new TableVersion(version.Version, version.ETag);
    }

    private static string NewETag() => Guid.NewGuid().ToString("N");

    private ClusterSiloEntity Row(MembershipEntry entry, string etag) => new()
    {
        ClusterId = ClusterId,
        Address = entry.SiloAddress.ToParsableString(),
        Status = (int)entry.Status,
        Json = JsonSerializer.Serialize(StoredEntry.From(entry)),
        IAmAliveTicks = entry.IAmAliveTime.Ticks,
        ETag = etag,
    };

    private static Tuple<MembershipEntry, string> Entry(ClusterSiloEntity row) =>
        Tuple.Create(JsonSerializer.Deserialize<StoredEntry>(row.Json)!.ToEntry(), row.ETag);

    /// <summary>A membership entry as JSON: silo addresses in Orleans' own parsable form.</summary>
    private sealed class StoredEntry
    {
        public string Address { get; set; } = "";
        public int Status { get; set; }
        public List<Suspicion> SuspectTimes { get; set; } = [];
        public int ProxyPort { get; set; }
        public string? HostName { get; set; }
        public string? SiloName { get; set; }
        public string? RoleName { get; set; }
        public int UpdateZone { get; set; }
        public int FaultZone { get; set; }
        public DateTime StartTime { get; set; }
        public DateTime IAmAliveTime { get; set; }

        public static StoredEntry From(MembershipEntry e) => new()
        {
            Address = e.SiloAddress.ToParsableString(),
            Status = (int)e.Status,
            SuspectTimes = e.SuspectTimes?.Select(s => new Suspicion(s.Item1.ToParsableString(), s.Item2)).ToList() ?? [],
            ProxyPort = e.ProxyPort,
            HostName = e.HostName,
            SiloName = e.SiloName,
            RoleName = e.RoleName,
            UpdateZone = e.UpdateZone,
            FaultZone = e.FaultZone,
            StartTime = e.StartTime,
            IAmAliveTime = e.IAmAliveTime,
        };

        public MembershipEntry ToEntry() => new()
        {
            SiloAddress = SiloAddress.FromParsableString(Address),
            Status = (SiloStatus)Status,
            SuspectTimes = SuspectTimes.Select(s => Tuple.Create(SiloAddress.FromParsableString(s.Address), s.At)).ToList(),
            ProxyPort = ProxyPort,
            HostName = HostName ?? string.Empty,
            SiloName = SiloName ?? string.Empty,
            RoleName = RoleName,
            UpdateZone = UpdateZone,
            FaultZone = FaultZone,
            StartTime = StartTime,
            IAmAliveTime = IAmAliveTime,
        };
    }

    private sealed record Suspicion(string Address, DateTime At);
}
