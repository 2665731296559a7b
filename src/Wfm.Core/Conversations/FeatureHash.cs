namespace Wfm.Core.Conversations;

/// <summary>
/// The hash the text classifiers put their features in slots with (FNV-1a over both bytes of each character, then a
/// final mix so the low bits depend on every character). A saved model's weights are indexed by it: it must not change.
/// </summary>
internal static class FeatureHash
{
    private const uint Basis = 2166136261u;
    private const uint Prime = 16777619u;

    /// <summary>The text's slot hash, after a one-character kind when given (the abuse features' "w", "b", …).</summary>
    public static uint Of(ReadOnlySpan<char> text, char? kind = null)
    {
        var hash = Basis;
        if (kind is { } k)
        {
            hash = (hash ^ k) * Prime;
        }

        foreach (var c in text)
        {
            hash = (hash ^ (c & 0xFFu)) * Prime;
            hash = (hash ^ (uint)(c >> 8)) * Prime;
        }

        hash ^= hash >> 15;
        hash *= 0x2c1b3c6dU;
        hash ^= hash >> 12;
        return hash;
    }
}
