namespace Wfm.Grains;

/// <summary>One agent's planned day and its real-time adherence.</summary>
public sealed class ShiftGrain(
    [PersistentState("shift", "wfm")] IPersistentState<List<PlannedActivity>> state,
    TimeProvider time,
    ObservationStart observation,
    IContactCenterDirectory directory) : Grain, IShiftGrain
{
    private (string AgentId, DateOnly Day) Key => ShiftKey.Parse(this.GetPrimaryKeyString());

    public async Task SetPlanAsync(IReadOnlyList<PlannedActivity> activities)
    {
        var ordered = activities.OrderBy(a => a.Start).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            if (ordered[i].End <= ordered[i].Start)
            {
                throw new ArgumentException($"activity {i} ({ordered[i].Kind} {ordered[i].Start:O}) ends before it starts", nameof(activities));
            }

            if (i > 0 && ordered[i].Start < ordered[i - 1].End)
            {
                throw new ArgumentException($"activity {ordered[i].Kind} at {ordered[i].Start:O} overlaps {ordered[i - 1].Kind} ending {ordered[i - 1].End:O}", nameof(activities));
            }
        }

        state.State = ordered;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IAgentGrain>(Key.AgentId).PlanChangedAsync();
    }

    public Task<bool> HasPlanAsync() => Task.FromResult(state.RecordExists);

    public Task<IReadOnlyList<PlannedActivity>> GetPlanAsync() => Task.FromResult<IReadOnlyList<PlannedActivity>>(state.State.ToList());

    public async Task<AdherenceResult> GetAdherenceAsync()
    {
        var timeline = await GrainFactory.GetGrain<IAgentGrain>(Key.AgentId).GetTimelineAsync();
        var from = ObservedDay.From(directory.Clock.StartOfDay(Key.Day), observation.At, timeline);
        return AdherenceCalculator.Compute(ObservedDay.Clip(state.State, from), timeline, time.GetUtcNow());
    }
}
