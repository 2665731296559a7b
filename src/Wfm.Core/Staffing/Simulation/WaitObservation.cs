namespace Wfm.Core.Staffing.Simulation;

/// <summary>
/// One historical contact's time in queue: if it abandoned, its patience was this long; if it was
/// answered, its patience was at least this long (a censored observation).
/// </summary>
public readonly record struct WaitObservation(double WaitSeconds, bool Abandoned, int HourOfDay = 0);
