namespace Wfm.Grains;

/// <summary>Timing of the grains: how often dirty state is saved and snapshots are refreshed.</summary>
public sealed class WfmGrainOptions
{
    public const string Section = "Wfm:Grains";

    /// <summary>Dirty conversation and inbox state is written at most this often (write coalescing).</summary>
    public TimeSpan SaveEvery { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Dirty agent and queue state is written at most this often. They rebuild what came after the last save
    /// from the journal when they activate, so a longer period loses nothing: it trades a little replay after a
    /// restart for far fewer writes (a busy queue's state holds every waiting and open contact).
    /// </summary>
    public TimeSpan LedgerSaveEvery { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the board notifier forwards batched snapshots (250 ms–1 s).</summary>
    public TimeSpan BoardFlushEvery { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often agents and queues refresh their snapshot although nothing happened (adherence minutes tick on).</summary>
    public TimeSpan RefreshEvery { get; set; } = TimeSpan.FromSeconds(20);
}
