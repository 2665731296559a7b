using Wfm.Core.Events;
using Wfm.Simulation;

namespace Wfm.Simulator;

/// <summary>What became of a posted batch: accepted (with how many were new), refused by the server (with its reason), or not answered.</summary>
public sealed record PostOutcome(bool Accepted, int Recorded, string? Refusal)
{
    public static PostOutcome Refused(string reason) => new(false, 0, reason);
}

/// <summary>Where the drivers post batches: the server over HTTP, or a test double.</summary>
public interface IEventSink
{
    /// <summary>Posts one batch; throws <see cref="HttpRequestException"/> when the server does not answer.</summary>
    Task<PostOutcome> PostAsync(IReadOnlyList<ContactCenterEvent> batch, CancellationToken cancellationToken);

    /// <summary>Posts customers' survey answers; true when stored.</summary>
    Task<bool> PostSurveysAsync(IReadOnlyList<GeneratedSurvey> surveys, CancellationToken cancellationToken) => Task.FromResult(true);
}
