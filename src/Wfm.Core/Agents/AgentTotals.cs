namespace Wfm.Core.Agents;

/// <summary>An agent's totals for a day: contacts handled and seconds per kind of time.</summary>
[GenerateSerializer, Alias("wfm.AgentTotals")]
public sealed class AgentTotals
{
    [Id(0)] public int Handled { get; set; }
    [Id(1)] public double TalkSeconds { get; set; }
    [Id(2)] public double AfterContactWorkSeconds { get; set; }
    [Id(3)] public double AvailableSeconds { get; set; }
    [Id(4)] public double AuxSeconds { get; set; }

    /// <summary>Busy time ÷ (busy + available time); null before the agent has been signed in.</summary>
    public double? Occupancy
    {
        get
        {
            var busy = TalkSeconds + AfterContactWorkSeconds;
            return busy + AvailableSeconds <= 0 ? null : busy / (busy + AvailableSeconds);
        }
    }

    public void Add(AgentState state, double seconds)
    {
        switch (state)
        {
            case AgentState.OnContact: TalkSeconds += seconds; break;
            case AgentState.AfterContactWork: AfterContactWorkSeconds += seconds; break;
            case AgentState.Available: AvailableSeconds += seconds; break;
            case AgentState.Offline: break;
            default: AuxSeconds += seconds; break;
        }
    }

    public AgentTotals Copy() => (AgentTotals)MemberwiseClone();
}
