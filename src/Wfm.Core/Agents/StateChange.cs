using System.Runtime.InteropServices;
using System.Text.Json.Serialization;

namespace Wfm.Core.Agents;

/// <summary>
/// The agent entered <see cref="State"/> at <see cref="At"/> (kept in UTC). Twelve bytes: an agent's timeline
/// holds every change of the day, so 10,000 agents hold millions of them (a <see cref="DateTimeOffset"/> and an
/// enum would take 24).
/// </summary>
[GenerateSerializer, Immutable, Alias("wfm.StateChange")]
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public readonly struct StateChange : IEquatable<StateChange>
{
    [Id(0), JsonIgnore]
    private readonly long _utcTicks;

    [Id(1)]
    private readonly AgentState _state;

    [JsonConstructor]
    public StateChange(DateTimeOffset at, AgentState state)
    {
        _utcTicks = at.UtcTicks;
        _state = state;
    }

    /// <summary>When, in UTC.</summary>
    public DateTimeOffset At => new(_utcTicks, TimeSpan.Zero);

    public AgentState State => _state;

    public void Deconstruct(out DateTimeOffset at, out AgentState state) => (at, state) = (At, State);

    public bool Equals(StateChange other) => _utcTicks == other._utcTicks && _state == other._state;

    public override bool Equals(object? obj) => obj is StateChange other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_utcTicks, _state);

    public override string ToString() => $"{At:O} {State}";

    public static bool operator ==(StateChange left, StateChange right) => left.Equals(right);

    public static bool operator !=(StateChange left, StateChange right) => !left.Equals(right);
}
