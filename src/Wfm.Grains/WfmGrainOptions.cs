namespace Wfm.Grains;

/// <summary>Timing of the grains: how often dirty state is saved and snapshots are refreshed.</summary>
public sealed class WfmGrainOptions
{
    public const string Section = "Wfm:Grains";

    /// <summary>Dirty state is written at most this often (write coalescing; the journal covers the gap).</summary>
    public TimeSpan SaveEvery { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the board notifier forwards batched snapshots (250 ms–1 s).</summary>
    public TimeSpan BoardFlushEvery { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often agents and queues refresh their snapshot although nothing happened (adherence minutes tick on).</summary>
    public TimeSpan RefreshEvery { get; set; } = TimeSpan.FromSeconds(20);
}
