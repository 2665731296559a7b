namespace Wfm.Core.Directory;

/// <summary>The media a contact arrives on.</summary>
[GenerateSerializer]
public enum Channel
{
    Voice = 0,
    Chat = 1,
    Email = 2,
    Social = 3,
    Messaging = 4,
}
