using System.ComponentModel.DataAnnotations;
using Wfm.Data.Storage;

namespace Wfm.Server.Hosting;

/// <summary>Settings under "Wfm": where data lives, the center's time zone and interval, and the demo.</summary>
public sealed class WfmServerOptions
{
    public const string Section = "Wfm";

    /// <summary>Where the server keeps everything: the embedded SQLite file (the default) or a PostgreSQL database.</summary>
    public WfmStoreKind Store { get; set; } = WfmStoreKind.Sqlite;

    /// <summary>
    /// The PostgreSQL connection string (with <see cref="Store"/> = Postgres), e.g.
    /// Host=db;Port=5432;Username=wfm;Password=…;Database=wfm. Every silo of a cluster names the same database.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>The address other silos reach this one at (PostgreSQL clusters; the embedded default is loopback only).</summary>
    public string SiloAddress { get; set; } = "127.0.0.1";

    /// <summary>The SQLite file; its folder is created when missing (with PostgreSQL, the folder keeps only logs and nothing else).</summary>
    [Required]
    public string DataPath { get; set; } = "data/wfm.db";

    /// <summary>IANA time zone of the contact center for a new database (e.g. Europe/Istanbul, Asia/Tehran).</summary>
    [Required]
    public string TimeZone { get; set; } = "Europe/Istanbul";

    /// <summary>Orleans silo-to-silo port (loopback clustering in the embedded default).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Orleans client gateway port.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// The Orleans cluster this silo belongs to: silos of different clusters refuse each other's connections, so two
    /// servers on one machine (or many in one test process) never join each other's membership.
    /// </summary>
    [Required]
    public string ClusterId { get; set; } = "dev";

    /// <summary>Grain addresses the silo's directory cache keeps (Orleans' default is a million, allocated up front).</summary>
    [Range(1_000, 10_000_000)]
    public int DirectoryCacheSize { get; set; } = 50_000;

    [Range(5, 60)]
    public int IntervalMinutes { get; set; } = 15;

    /// <summary>Run the traffic generator in-process. Unset: on for a database that was seeded as a demo.</summary>
    public bool? Demo { get; set; }

    /// <summary>Seed an empty database with the demo contact center.</summary>
    public bool SeedDemo { get; set; } = true;

    public int DemoSeed { get; set; } = 20261125;

    [Range(4, 20000)]
    public int DemoAgents { get; set; } = 64;

    /// <summary>Queues of the seeded demo center: 4 are the demo queues; more make a larger center for load runs (one team per queue).</summary>
    [Range(4, 2000)]
    public int DemoQueues { get; set; } = 4;

    /// <summary>Multiplies the demo's arrival rates.</summary>
    [Range(0.01, 1000)]
    public double DemoVolume { get; set; } = 1.0;

    /// <summary>Time limit of the demo's own schedule (two weeks for its agents), made when the demo starts with no published shifts.</summary>
    [Range(1, 600)]
    public double DemoScheduleSeconds { get; set; } = 20;

    /// <summary>Share of agent-days a demo agent does not come in (sickness, an emergency).</summary>
    [Range(0, 0.5)]
    public double DemoAbsence { get; set; } = 0.03;

    /// <summary>How late an event may arrive: one stamped longer before the server clock is refused; a late one counts on its own day and interval, never today's.</summary>
    public TimeSpan LateEvents { get; set; } = TimeSpan.FromDays(3);

    /// <summary>
    /// Contacts of days that can no longer change kept in memory for the KPI, coaching and trend pages (about 300 bytes
    /// each), so four weeks are not read from the journal on every call; 0 reads every time.
    /// </summary>
    [Range(0, 10_000_000)]
    public int KpiRecordsKept { get; set; } = 250_000;
}
