namespace Wfm.Grains;

/// <summary>When this server began observing the center's events: adherence never judges time before it (see <see cref="ObservedDay"/>).</summary>
public sealed record ObservationStart(DateTimeOffset At);
