namespace Wfm.Planning.Center;

/// <summary>What an agents CSV import did: agents created, changed, and rows that changed nothing.</summary>
public sealed record AgentImportResult(int Created, int Updated, int Unchanged);
