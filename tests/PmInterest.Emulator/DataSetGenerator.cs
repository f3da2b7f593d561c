using System.Globalization;

namespace PmInterest.Emulator;

/// <summary>
/// Builds the synthetic interest history from the options. Only integer and decimal
/// arithmetic is used (no Math.Log or Math.Exp), because floating-point library functions
/// may differ in the last bit between platforms and the data set must be byte-identical for
/// a seed everywhere.
/// </summary>
internal static class DataSetGenerator
{
    private const long MaxPrincipal = 999_999_999_999; // 12 integer digits
    private static readonly int[] PrincipalScales = [0, 2, 2, 4, 8];
    private static readonly int[] InterestScales = [4, 6, 8, 8];

    internal static List<EmulatorRecord> Generate(EmulatorOptions options, DateTimeOffset start, DateTimeOffset end)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.IntervalMinutes, 1);
        long intervalMs = options.IntervalMinutes * 60_000L;
        long first = CeilingToMultiple(start.ToUnixTimeMilliseconds(), intervalMs);
        long last = FloorToMultiple(end.ToUnixTimeMilliseconds(), intervalMs);
        var records = new List<EmulatorRecord>();
        if (last < first)
        {
            return records;
        }

        long instantCount = ((last - first) / intervalMs) + 1;
        for (int i = 0; i < options.Assets.Count; i++)
        {
            AddAssetEpisodes(records, options, options.Assets[i], SplitMix64.ForStream(options.Seed, (ulong)i + 1), first, instantCount);
        }

        AddOverflowInstants(records, options, first, instantCount);
        return records;
    }

    /// <summary>
    /// Alternates quiet gaps and negative-balance episodes along the schedule. Episode and gap
    /// lengths are drawn in hours and converted to instants, so the share of time an asset is
    /// negative (about a quarter) does not depend on the interval.
    /// </summary>
    private static void AddAssetEpisodes(List<EmulatorRecord> records, EmulatorOptions options, string asset, SplitMix64 rng, long first, long instantCount)
    {
        long intervalMs = options.IntervalMinutes * 60_000L;
        long rateMantissaBase = rng.NextInt64(200, 6000); // daily rate in units of 1e-7: 0.00002 .. 0.0006
        long index = HoursToInstants(rng.NextInt64(0, 640), options.IntervalMinutes);
        while (index < instantCount)
        {
            long length = HoursToInstants(EpisodeHours(rng), options.IntervalMinutes);
            int principalScale = PrincipalScales[rng.NextInt64(0, PrincipalScales.Length)];
            int interestScale = InterestScales[rng.NextInt64(0, InterestScales.Length)];
            int rateScale = rng.NextInt64(0, 2) == 0 ? 7 : 8;
            decimal rate = RateFor(rng, rateMantissaBase, rateScale);
            decimal principal = InitialPrincipal(rng, principalScale);

            for (long k = 0; k < length && index < instantCount; k++, index++)
            {
                long time = first + (index * intervalMs);
                records.Add(new EmulatorRecord(asset, Interest(principal, rate, options.IntervalMinutes, interestScale), time, Format(rate, rateScale), Format(principal, principalScale)));
                principal = Drift(rng, principal, principalScale);
            }

            index += HoursToInstants(rng.NextInt64(24, 640), options.IntervalMinutes);
        }
    }

    /// <summary>
    /// Instants at which more than a page of assets accrue together (A001..A150): the case
    /// where a client must split its query by asset.
    /// </summary>
    private static void AddOverflowInstants(List<EmulatorRecord> records, EmulatorOptions options, long first, long instantCount)
    {
        if (options.OverflowInstants <= 0)
        {
            return;
        }

        long intervalMs = options.IntervalMinutes * 60_000L;
        var rng = SplitMix64.ForStream(options.Seed, 1_000_003);
        var chosen = new SortedSet<long>();
        long wanted = Math.Min(options.OverflowInstants, instantCount);
        while (chosen.Count < wanted)
        {
            chosen.Add(rng.NextInt64(0, instantCount));
        }

        foreach (long index in chosen)
        {
            long time = first + (index * intervalMs);
            long assetCount = rng.NextInt64(101, 151);
            for (int a = 1; a <= assetCount; a++)
            {
                int principalScale = PrincipalScales[rng.NextInt64(0, PrincipalScales.Length)];
                int rateScale = rng.NextInt64(0, 2) == 0 ? 7 : 8;
                decimal rate = RateFor(rng, rng.NextInt64(200, 6000), rateScale);
                decimal principal = InitialPrincipal(rng, principalScale);
                records.Add(new EmulatorRecord(
                    "A" + a.ToString("D3", CultureInfo.InvariantCulture),
                    Interest(principal, rate, options.IntervalMinutes, 8),
                    time,
                    Format(rate, rateScale),
                    Format(principal, principalScale)));
            }
        }
    }

    /// <summary>Hours to weeks: short blips, multi-day stretches and the odd long one.</summary>
    private static long EpisodeHours(SplitMix64 rng) => rng.NextInt64(0, 10) switch
    {
        < 4 => rng.NextInt64(2, 25),
        < 8 => rng.NextInt64(24, 169),
        _ => rng.NextInt64(168, 505),
    };

    private static long HoursToInstants(long hours, int intervalMinutes) => Math.Max(1, hours * 60 / intervalMinutes);

    /// <summary>A daily rate near the asset's base rate, at 7 or 8 decimals like "0.0001164".</summary>
    private static decimal RateFor(SplitMix64 rng, long mantissaBase, int scale)
    {
        long mantissa = mantissaBase * rng.NextInt64(80, 121) / 100;
        decimal rate = mantissa / 10_000_000m;
        if (scale == 8)
        {
            rate += rng.NextInt64(0, 10) / 100_000_000m;
        }

        return Math.Max(decimal.Round(rate, scale), 0.00001m);
    }

    /// <summary>Mostly small balances, rarely up to 12 integer digits: the digit count is the smaller of two draws.</summary>
    private static decimal InitialPrincipal(SplitMix64 rng, int scale)
    {
        int digits = (int)Math.Min(rng.NextInt64(1, 13), rng.NextInt64(1, 13));
        long low = Pow10(digits - 1);
        decimal integer = rng.NextInt64(low, low * 10);
        decimal fraction = scale == 0 ? 0m : rng.NextInt64(0, Pow10(scale)) / (decimal)Pow10(scale);
        return Clamp(integer + fraction, scale);
    }

    /// <summary>Each accrual the balance moves by up to 2 %; now and then a repayment or a new loan moves it by up to half.</summary>
    private static decimal Drift(SplitMix64 rng, decimal principal, int scale)
    {
        long permille = rng.NextInt64(0, 50) == 0 ? rng.NextInt64(500, 1501) : rng.NextInt64(980, 1021);
        return Clamp(principal * permille / 1000m, scale);
    }

    private static decimal Clamp(decimal principal, int scale) =>
        decimal.Round(Math.Min(Math.Max(principal, 1m), MaxPrincipal), scale, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Interest for one interval at a daily rate, principal * rate * interval / 1 day (/ 24 for
    /// hourly accrual), formatted at the episode's scale; a tiny amount that would show as zero
    /// at that scale is shown with all 8 decimals instead.
    /// </summary>
    private static string Interest(decimal principal, decimal rate, int intervalMinutes, int scale)
    {
        decimal exact = principal * rate * intervalMinutes / 1440m;
        decimal rounded = decimal.Round(exact, scale, MidpointRounding.AwayFromZero);
        return rounded != 0m ? Format(rounded, scale) : Format(decimal.Round(exact, 8, MidpointRounding.AwayFromZero), 8);
    }

    /// <summary>Plain invariant decimal with exactly <paramref name="scale"/> decimals: keeps trailing zeros, never an exponent.</summary>
    private static string Format(decimal value, int scale) =>
        value.ToString("F" + scale.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static long Pow10(int exponent)
    {
        long result = 1;
        for (int i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }

    private static long CeilingToMultiple(long value, long step) => FloorToMultiple(value + step - 1, step);

    private static long FloorToMultiple(long value, long step) => value - (((value % step) + step) % step);
}
