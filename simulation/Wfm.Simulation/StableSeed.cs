namespace Wfm.Simulation;

/// <summary>
/// Seeds made from several numbers that are the same in every process (FNV-1a over their bytes): <c>HashCode.Combine</c>
/// is randomised per process, so "the same seed gives the same stream" would hold only inside one run.
/// </summary>
public static class StableSeed
{
    public static int Of(params long[] parts)
    {
        unchecked
        {
            var hash = 14695981039346656037UL;
            foreach (var part in parts)
            {
                var value = (ulong)part;
                for (var b = 0; b < 8; b++)
                {
                    hash = (hash ^ (byte)(value >> (8 * b))) * 1099511628211UL;
                }
            }

            return (int)(hash ^ (hash >> 32));
        }
    }
}
