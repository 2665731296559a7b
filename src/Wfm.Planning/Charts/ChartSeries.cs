namespace Wfm.Planning.Charts;

/// <summary>A named line of values at timestamps; <see cref="OnSecondAxis"/> puts it on the right-hand axis.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<(DateTime At, double Value)> Points, bool OnSecondAxis = false, bool Dashed = false, bool Stepped = false);

/// <summary>A shaded band between two lines (e.g. a prediction interval or a simulation's confidence interval).</summary>
public sealed record ChartBand(string Name, IReadOnlyList<(DateTime At, double Low, double High)> Points);
