namespace PmInterest.Emulator;

/// <summary>A seeded generator that request threads may share: every draw takes a lock.</summary>
internal sealed class SharedRandom(int seed, ulong stream)
{
    private readonly Lock gate = new();
    private readonly SplitMix64 generator = SplitMix64.ForStream(seed, stream);

    /// <summary>Uniform in [0, maxExclusive).</summary>
    internal int Next(int maxExclusive)
    {
        lock (gate)
        {
            return (int)generator.NextInt64(0, maxExclusive);
        }
    }

    /// <summary>Uniform in [0, 1).</summary>
    internal double NextDouble()
    {
        lock (gate)
        {
            return generator.NextDouble();
        }
    }
}
