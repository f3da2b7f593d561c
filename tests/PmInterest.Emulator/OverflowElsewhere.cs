namespace PmInterest.Emulator;

/// <summary>
/// Places one more accrual of an overflow instant's asset at an ordinary instant of the range:
/// 1 to 6 hours before or after it when such an instant is free, else the nearest one that is.
/// An ordinary instant is never an overflow instant, never holds the asset twice, and takes at
/// most a few dozen of these records, so it never becomes an overflow instant itself.
/// </summary>
internal sealed class OverflowElsewhere
{
    private readonly AccrualSchedule schedule;
    private readonly IReadOnlySet<long> overflowIndexes;
    private readonly SplitMix64 rng;
    private readonly int capacity;
    private readonly HashSet<(string Asset, long Index)> taken = [];
    private readonly Dictionary<long, int> load = [];

    /// <param name="ordinaryAssets">How many assets may accrue at any instant anyway; what is left of a page of 100 bounds the load.</param>
    internal OverflowElsewhere(AccrualSchedule schedule, IReadOnlySet<long> overflowIndexes, SplitMix64 rng, int ordinaryAssets)
    {
        this.schedule = schedule;
        this.overflowIndexes = overflowIndexes;
        this.rng = rng;
        capacity = Math.Clamp(100 - ordinaryAssets, 1, 50);
    }

    /// <summary>Adds the asset's record elsewhere: the same rate, the balance one small drift away.</summary>
    /// <exception cref="ArgumentException">The range has no ordinary instant left for the asset.</exception>
    internal void Add(List<EmulatorRecord> records, string asset, long overflowIndex, long principalUnits, long rateUnits, int rateScale)
    {
        long index = FindInstant(asset, overflowIndex);
        taken.Add((asset, index));
        load[index] = load.GetValueOrDefault(index) + 1;
        AssetProfile profile = AssetProfile.Default;
        long principal = Amounts.Scale(principalUnits, rng.NextInt64(99_600, 100_401), 100_000, profile.MinUnits, profile.MaxUnits);
        records.Add(Amounts.Record(asset, schedule.TimeAt(index), principal, profile.PrincipalScale, rateUnits, rateScale, schedule));
    }

    private long FindInstant(string asset, long overflowIndex)
    {
        long direction = rng.NextInt64(0, 2) == 0 ? -1 : 1;
        long preferred = overflowIndex + (direction * schedule.Instants(rng.NextInt64(1, 7)));
        if (Fits(asset, preferred))
        {
            return preferred;
        }

        for (long distance = 1; distance < schedule.Count; distance++)
        {
            foreach (long candidate in (long[])[overflowIndex + (direction * distance), overflowIndex - (direction * distance)])
            {
                if (Fits(asset, candidate))
                {
                    return candidate;
                }
            }
        }

        throw new ArgumentException(
            "OverflowAssetsElsewhere needs ordinary instants in the data-set range besides the overflow instants: lengthen the range or ask for fewer overflow instants.");
    }

    private bool Fits(string asset, long index) =>
        index >= 0
        && index < schedule.Count
        && !overflowIndexes.Contains(index)
        && !taken.Contains((asset, index))
        && load.GetValueOrDefault(index) < capacity;
}
