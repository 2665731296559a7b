namespace Wfm.Core.Adherence;

/// <summary>What a stretch of a shift is planned for.</summary>
[GenerateSerializer]
public enum ActivityKind
{
    Work = 0,
    Break = 1,
    Lunch = 2,
    Training = 3,
    Coaching = 4,
    Meeting = 5,
}
