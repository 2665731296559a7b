namespace Wfm.Grains;

/// <summary>
/// A grain's state saved a period after it first changed: the grain has a timer only while it has something to save.
/// A periodic save timer on every grain costs the process even when nothing changed — tens of thousands of recent
/// conversations each ticking every two seconds made .NET's timer queue the server's busiest code under load.
/// A failed save keeps the state dirty and tries again a period later.
/// </summary>
public sealed class DeferredSave<T>(IGrainBase grain, IPersistentState<T> state, TimeSpan after)
{
    private readonly CoalescedState<T> _saved = new(state);
    private IGrainTimer? _timer;
    private bool _armed;

    /// <summary>Something changed: saved within <c>after</c> unless saved earlier.</summary>
    public void MarkDirty()
    {
        _saved.MarkDirty();
        Arm();
    }

    /// <summary>Saves now if anything changed (the grain leaving memory, a conversation closing).</summary>
    public Task SaveIfDirtyAsync() => _saved.SaveIfDirtyAsync();

    private void Arm()
    {
        if (_armed)
        {
            return;
        }

        _armed = true;
        if (_timer is null)
        {
            _timer = grain.RegisterGrainTimer(OnTimerAsync, after, Timeout.InfiniteTimeSpan);
        }
        else
        {
            _timer.Change(after, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task OnTimerAsync()
    {
        _armed = false;
        try
        {
            await _saved.SaveIfDirtyAsync();
        }
        catch
        {
            Arm();
            throw;
        }
    }
}
