using Wfm.Core.Adherence;
using Wfm.Core.Ports;
using Wfm.Grains.Abstractions;

namespace Wfm.Server.Hosting;

/// <summary>Publishes planned days into the agents' shift grains (what live adherence and the wellbeing factors read).</summary>
public sealed class GrainShiftPlanWriter(IGrainFactory grains) : IShiftPlanWriter
{
    public Task SetPlanAsync(string agentId, DateOnly day, IReadOnlyList<PlannedActivity> activities) =>
        grains.GetGrain<IShiftGrain>(ShiftKey.For(agentId, day)).SetPlanAsync(activities);
}
