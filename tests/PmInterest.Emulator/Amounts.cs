using System.Globalization;

namespace PmInterest.Emulator;

/// <summary>
/// The arithmetic and text of generated amounts. Principals and rates are held as whole units of
/// their last decimal (longs), interest is computed in decimal: no floating point anywhere, so a
/// seed gives the same bytes on every platform.
/// </summary>
internal static class Amounts
{
    /// <summary>Rates are held in units of 1e-8 (Binance's usual 8 decimals).</summary>
    internal const int RateUnitScale = 8;

    /// <summary>Interest is shown with 8 decimals, as Binance shows it.</summary>
    internal const int InterestScale = 8;

    internal static long ToUnits(decimal value, int scale) => (long)decimal.Round(value * Pow10(scale), 0, MidpointRounding.AwayFromZero);

    internal static decimal FromUnits(long units, int scale) => units / (decimal)Pow10(scale);

    /// <summary>
    /// <paramref name="units"/> times numerator / denominator (truncated); a move that would leave
    /// [min, max] is made the other way instead (times denominator / numerator), so balances turn
    /// back at the edges of their range rather than sticking to them. The result is always in range.
    /// </summary>
    internal static long Scale(long units, long numerator, long denominator, long min, long max)
    {
        Int128 moved = (Int128)units * numerator / denominator;
        if (moved < min || moved > max)
        {
            moved = (Int128)units * denominator / numerator;
        }

        return (long)Int128.Clamp(moved, min, max);
    }

    /// <summary>
    /// A value in [min, max] spread evenly over the decades between them (a decade, then a value in
    /// it), so a range of 0.01 to 60 gives as many values below 1 as above; integers only.
    /// </summary>
    internal static long LogUniform(SplitMix64 rng, long min, long max)
    {
        if (min >= max)
        {
            return min;
        }

        int decades = 0;
        for (Int128 v = Math.Max(min, 1); v < max; v *= 10)
        {
            decades++;
        }

        while (true)
        {
            long low = Math.Max(min, 1) * Pow10((int)rng.NextInt64(0, decades));
            long value = rng.NextInt64(low, (low * 10) + 1);
            if (value <= max)
            {
                return Math.Max(value, min);
            }
        }
    }

    /// <summary>A daily rate held in 1e-8 units as shown with <paramref name="scale"/> (7 or 8) decimals, rounded half away from zero.</summary>
    internal static decimal ShownRate(long rateUnits, int scale)
    {
        long step = Pow10(RateUnitScale - scale);
        long rounded = (rateUnits + (step / 2)) / step * step;
        return decimal.Round(FromUnits(rounded, RateUnitScale), scale);
    }

    /// <summary>
    /// Stress data's interest for one interval at a daily rate: principal * rate * interval / 1 day
    /// (/ 24 for hourly accrual), rounded half away from zero to 8 decimals.
    /// </summary>
    internal static decimal Interest(decimal principal, decimal dailyRate, int intervalMinutes) =>
        decimal.Round(principal * dailyRate * intervalMinutes / 1440m, InterestScale, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Believable data's interest for a day: principal * daily rate, rounded half away from zero to
    /// the asset's scale, as in Binance's example (210000 x 0.0001164 = 24.4440 for USDT).
    /// </summary>
    internal static decimal DailyInterest(decimal principal, decimal dailyRate, int scale) =>
        decimal.Round(principal * dailyRate, scale, MidpointRounding.AwayFromZero);

    /// <summary>Plain invariant decimal with exactly <paramref name="scale"/> decimals: keeps trailing zeros, never an exponent.</summary>
    internal static string Format(decimal value, int scale) =>
        value.ToString("F" + scale.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>One record from its amounts, each shown at its scale; its interest by the schedule's formula (daily, or stress).</summary>
    internal static EmulatorRecord Record(string asset, long time, long principalUnits, int principalScale, long rateUnits, int rateScale, AccrualSchedule schedule)
    {
        decimal principal = FromUnits(principalUnits, principalScale);
        decimal rate = ShownRate(rateUnits, rateScale);
        string interest = schedule.Stress
            ? Format(Interest(principal, rate, schedule.IntervalMinutes), InterestScale)
            : Format(DailyInterest(principal, rate, principalScale), principalScale);
        return new EmulatorRecord(
            asset,
            interest,
            time,
            Format(rate, rateScale),
            Format(principal, principalScale));
    }

    private static long Pow10(int exponent)
    {
        long result = 1;
        for (int i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }
}
