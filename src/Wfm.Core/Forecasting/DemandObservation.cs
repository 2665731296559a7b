namespace Wfm.Core.Forecasting;

/// <summary>
/// One interval of contact history: its start on the center's wall clock, contacts offered and, when
/// known, the average handle time of the contacts handled in it (weighted by <see cref="Handled"/>).
/// <see cref="Row"/> is where it came from (file line, array index) for error messages.
/// </summary>
public readonly record struct DemandObservation(
    DateTime Start, double Offered, double? AhtSeconds = null, double? Handled = null, long Row = 0);
