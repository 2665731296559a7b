using Wfm.Core.Events;

namespace Wfm.Server.Api;

/// <summary>The body of POST /api/events.</summary>
public sealed record EventBatch(IReadOnlyList<ContactCenterEvent?>? Events);

/// <summary>The answer to an accepted batch: new events recorded and repeats of ids already recorded.</summary>
public sealed record EventBatchAccepted(int Accepted, int Duplicates);
