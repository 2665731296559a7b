namespace Wfm.Core.Staffing.Simulation;

/// <summary>xoshiro256** seeded through SplitMix64: fast, reproducible for a given seed on every platform.</summary>
internal struct FastRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public FastRandom(ulong seed)
    {
        _s0 = SplitMix(ref seed);
        _s1 = SplitMix(ref seed);
        _s2 = SplitMix(ref seed);
        _s3 = SplitMix(ref seed);
    }

    /// <summary>Uniform in (0, 1): never exactly 0, so logarithms are safe.</summary>
    public double NextOpen() => ((Next() >> 11) + 0.5) * (1.0 / (1UL << 53));

    public double Exponential(double mean) => -mean * Math.Log(NextOpen());

    public double StandardNormal()
    {
        // Box–Muller; one of the pair is discarded for simplicity.
        var u1 = NextOpen();
        var u2 = NextOpen();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private ulong Next()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
