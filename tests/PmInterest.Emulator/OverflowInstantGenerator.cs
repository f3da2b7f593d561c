using System.Globalization;

namespace PmInterest.Emulator;

/// <summary>
/// Instants at which more than a page of assets accrue together (A001..A101 up to A150): the
/// case where a client must split its query by asset. With
/// <see cref="EmulatorOptions.OverflowAssetsElsewhere"/> each of those assets also accrues at an
/// ordinary instant a few hours away, so a client that walks the rest of the range learns every
/// asset it needs; without it they accrue nowhere else.
/// </summary>
internal static class OverflowInstantGenerator
{
    private const int MinAssets = 101;
    private const int MaxAssets = 150;

    internal static void AddTo(List<EmulatorRecord> records, EmulatorOptions options, AccrualSchedule schedule)
    {
        if (options.OverflowInstants <= 0 || schedule.Count == 0)
        {
            return;
        }

        // The instants and their records come from one stream and the placements elsewhere from
        // another, so turning the knob on adds records without changing the overflow instants.
        var rng = SplitMix64.ForStream(options.Seed, 1_000_003);
        var chosen = new SortedSet<long>();
        long wanted = Math.Min(options.OverflowInstants, schedule.Count);
        while (chosen.Count < wanted)
        {
            chosen.Add(rng.NextInt64(0, schedule.Count));
        }

        OverflowElsewhere? elsewhere = options.OverflowAssetsElsewhere
            ? new OverflowElsewhere(schedule, chosen, SplitMix64.ForStream(options.Seed, 1_000_033), options.Assets.Count)
            : null;
        AssetProfile profile = AssetProfile.Default;
        foreach (long index in chosen)
        {
            long assetCount = rng.NextInt64(MinAssets, MaxAssets + 1);
            for (int a = 1; a <= assetCount; a++)
            {
                string asset = "A" + a.ToString("D3", CultureInfo.InvariantCulture);
                long principal = Amounts.LogUniform(rng, profile.MinUnits, profile.MaxUnits);
                long rate = rng.NextInt64(profile.MinBaseRate, profile.MaxBaseRate + 1);
                int rateScale = rng.NextInt64(0, 4) == 0 ? 7 : 8;
                records.Add(Amounts.Record(asset, schedule.TimeAt(index), principal, profile.PrincipalScale, rate, rateScale, schedule));
                elsewhere?.Add(records, asset, index, principal, rate, rateScale);
            }
        }
    }
}
