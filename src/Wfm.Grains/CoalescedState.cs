namespace Wfm.Grains;

/// <summary>
/// A grain's persistent state written only when something changed: grains mark it dirty as often as they
/// like and save on a timer (many changes, one write); a failed write leaves it dirty for the next try.
/// </summary>
public sealed class CoalescedState<T>(IPersistentState<T> state)
{
    private bool _dirty;

    public T State => state.State;

    public void MarkDirty() => _dirty = true;

    public async Task SaveIfDirtyAsync()
    {
        if (!_dirty)
        {
            return;
        }

        _dirty = false;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            _dirty = true;
            throw;
        }
    }
}
