namespace Wfm.Grains.Abstractions;

/// <summary>
/// A per-silo buffer (stateless worker, key 0): grains drop their latest snapshot here and it forwards
/// the newest snapshot per agent and queue to the board hub every flush period.
/// </summary>
[Alias("wfm.IBoardNotifierGrain")]
public interface IBoardNotifierGrain : IGrainWithIntegerKey
{
    [Alias("Agent"), OneWay]
    Task AgentChangedAsync(AgentSnapshot snapshot);

    [Alias("Queue"), OneWay]
    Task QueueChangedAsync(QueueSnapshot snapshot);
}
