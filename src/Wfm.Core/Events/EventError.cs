namespace Wfm.Core.Events;

/// <summary>Why one event of a batch was refused: its index in the batch, the field, and what was expected.</summary>
[GenerateSerializer, Immutable, Alias("wfm.EventError")]
public sealed record EventError([property: Id(0)] int Index, [property: Id(1)] string Field, [property: Id(2)] string Message)
{
    public override string ToString() => $"events[{Index}].{Field}: {Message}";
}
