namespace PmInterest.Emulator;

/// <summary>
/// Decides, per request, whether to inject a transient fault and which one. Draws from a
/// generator seeded with <see cref="EmulatorOptions.Seed"/>, so a single-threaded client sees
/// the same fault sequence on every run.
/// </summary>
internal sealed class FaultInjector(EmulatorOptions options)
{
    private static readonly FaultKinds[] Kinds = [FaultKinds.ServiceUnavailable, FaultKinds.BadGateway, FaultKinds.DroppedConnection];
    private readonly SharedRandom random = new(options.Seed, 2_000_003);

    /// <summary>The fault to inject now, or <see cref="FaultKinds.None"/>.</summary>
    internal FaultKinds Next()
    {
        double rate = options.FaultRate;
        FaultKinds enabled = options.FaultKinds;
        if (rate <= 0 || enabled == FaultKinds.None)
        {
            return FaultKinds.None;
        }

        // rate 1.0 must fault every time: NextDouble() is always below 1.
        if (random.NextDouble() >= rate)
        {
            return FaultKinds.None;
        }

        FaultKinds[] candidates = [.. Kinds.Where(k => enabled.HasFlag(k))];
        return candidates[random.Next(candidates.Length)];
    }
}
