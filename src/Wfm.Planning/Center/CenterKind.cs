namespace Wfm.Planning.Center;

/// <summary>The kinds of entry a center is described by.</summary>
public enum CenterKind
{
    Team,
    Queue,
    Agent,
    Contract,
    ShiftTemplate,
    RuleSet,
}
