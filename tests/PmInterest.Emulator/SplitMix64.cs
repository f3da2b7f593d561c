namespace PmInterest.Emulator;

/// <summary>
/// A tiny deterministic generator (SplitMix64). The data set must be byte-identical for a
/// seed on every machine and every .NET version, which System.Random does not promise.
/// Not thread-safe: each user owns its instance.
/// </summary>
internal sealed class SplitMix64
{
    private ulong state;

    internal SplitMix64(ulong seed) => state = seed;

    /// <summary>A generator for one independent stream (e.g. one asset) derived from a seed.</summary>
    internal static SplitMix64 ForStream(int seed, ulong stream) =>
        new(unchecked(((ulong)(uint)seed * 0x9E3779B97F4A7C15UL) ^ (stream * 0xD1B54A32D192ED03UL) ^ 0x5DEECE66DUL));

    internal ulong NextUInt64()
    {
        unchecked
        {
            ulong z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>Uniform in [0, 1) with 53 bits of precision.</summary>
    internal double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [min, maxExclusive).</summary>
    internal long NextInt64(long min, long maxExclusive) =>
        min + (long)(NextUInt64() % (ulong)(maxExclusive - min));
}
