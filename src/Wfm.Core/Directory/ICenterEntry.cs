namespace Wfm.Core.Directory;

/// <summary>An entry of a center's description: known by its id, deactivated (never deleted) once not used any more.</summary>
public interface ICenterEntry
{
    string Id { get; }

    DateTimeOffset? Deactivated { get; }

    bool IsActive { get; }
}
