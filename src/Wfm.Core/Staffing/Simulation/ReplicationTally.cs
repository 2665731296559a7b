namespace Wfm.Core.Staffing.Simulation;

/// <summary>Counts of one replication per arrival interval; the last slot is the run's total.</summary>
internal sealed class ReplicationTally(int intervals)
{
    public readonly double[] Offered = new double[intervals + 1];
    public readonly double[] Within = new double[intervals + 1];
    public readonly double[] Answered = new double[intervals + 1];
    public readonly double[] Abandoned = new double[intervals + 1];
    public readonly double[] Wait = new double[intervals + 1];
    public readonly double[] Busy = new double[intervals + 1];
    public readonly double[] Available = new double[intervals + 1];

    /// <summary>Sums the intervals after the warm-up into the total slot.</summary>
    public void Close(int warmup)
    {
        var last = Offered.Length - 1;
        for (var i = warmup; i < last; i++)
        {
            Offered[last] += Offered[i];
            Within[last] += Within[i];
            Answered[last] += Answered[i];
            Abandoned[last] += Abandoned[i];
            Wait[last] += Wait[i];
            Busy[last] += Busy[i];
            Available[last] += Available[i];
        }
    }

    public double ServiceLevel(int i) => Offered[i] > 0 ? Within[i] / Offered[i] : double.NaN;

    public double ServiceLevelAnswered(int i) => Answered[i] > 0 ? Within[i] / Answered[i] : double.NaN;

    public double AbandonRate(int i) => Offered[i] > 0 ? Abandoned[i] / Offered[i] : double.NaN;

    public double Asa(int i) => Offered[i] > 0 ? Wait[i] / Offered[i] : double.NaN;

    public double Occupancy(int i) => Available[i] > 0 ? Math.Min(1, Busy[i] / Available[i]) : double.NaN;
}
