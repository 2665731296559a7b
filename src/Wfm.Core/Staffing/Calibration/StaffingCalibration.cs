namespace Wfm.Core.Staffing.Calibration;

/// <summary>The calibrations of a center's queues, as a staffing run looks them up.</summary>
public sealed record StaffingCalibration(IReadOnlyList<QueueCalibration> Queues)
{
    /// <summary>
    /// The queue's calibration: by name, or the only one when either side has no queue names ("default").
    /// A queue the calibration does not know is refused, naming the ones it does.
    /// </summary>
    public QueueCalibration For(string queue)
    {
        foreach (var q in Queues)
        {
            if (string.Equals(q.Queue, queue, StringComparison.Ordinal))
            {
                return q;
            }
        }

        if (Queues.Count == 1 && (queue == "default" || Queues[0].Queue == "default"))
        {
            return Queues[0];
        }

        throw new StaffingInputException(
            "calibration", $"no calibration for queue '{queue}': the calibration has {string.Join(", ", Queues.Select(q => $"'{q.Queue}'"))} (calibrate that queue's outcomes too, or choose one with --queue)");
    }

    /// <summary>Whether <see cref="For"/> finds a calibration for <paramref name="queue"/>.</summary>
    public bool Covers(string queue) =>
        Queues.Any(q => string.Equals(q.Queue, queue, StringComparison.Ordinal)) || (Queues.Count == 1 && (queue == "default" || Queues[0].Queue == "default"));

    public void Validate()
    {
        if (Queues.Count == 0)
        {
            throw new StaffingInputException("calibration", "holds no queue");
        }

        foreach (var q in Queues)
        {
            q.Validate();
        }
    }
}
