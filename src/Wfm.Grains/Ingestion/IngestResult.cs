namespace Wfm.Grains.Ingestion;

/// <summary>
/// The outcome of a batch: accepted (with how many were new and how many were repeats of ids already
/// recorded), or rejected whole with the reasons.
/// </summary>
public sealed record IngestResult(int Accepted, int Duplicates, IReadOnlyList<EventError> Errors)
{
    public bool IsRejected => Errors.Count > 0;

    public static IngestResult Rejected(IReadOnlyList<EventError> errors) => new(0, 0, errors);
}
