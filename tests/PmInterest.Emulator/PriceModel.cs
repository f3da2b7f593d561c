using System.Globalization;

namespace PmInterest.Emulator;

/// <summary>
/// The made-up price of a symbol at a minute: its level, moved by value noise at six scales
/// (a year, a month, a week, a day, an hour, a minute), each a straight line between hashed
/// anchor points, so that neighbouring minutes are close and a year wanders by up to the
/// symbol's swing. Integer arithmetic only, and no seed: the same symbol and minute give the
/// same price on every machine and in every run, which tests and the Demo rely on.
/// </summary>
public static class PriceModel
{
    /// <summary>Each scale in minutes and its share of the swing, in permille (they add up to 1000).</summary>
    private static readonly (long Minutes, int Share)[] Scales = [(525_600, 450), (43_200, 250), (10_080, 150), (1_440, 100), (60, 40), (1, 10)];

    /// <summary>The open of the symbol's 1m kline at the minute that holds <paramref name="ms"/>, in ticks (listing aside).</summary>
    public static long Ticks(MarketSymbol symbol, long ms)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        long minute = Math.DivRem(ms, 60_000, out long rest) - (rest < 0 ? 1 : 0);
        ulong name = NameHash(symbol.Symbol);
        Int128 deviation = 0; // in 1e-9 of the swing
        for (int k = 0; k < Scales.Length; k++)
        {
            (long scale, int share) = Scales[k];
            long anchor = Math.DivRem(minute, scale, out long offset);
            if (offset < 0)
            {
                anchor--;
                offset += scale;
            }

            long from = Noise(name, k, anchor);
            long to = Noise(name, k, anchor + 1);
            Int128 along = from + ((Int128)(to - from) * offset / scale);
            deviation += along * share;
        }

        Int128 ticks = symbol.LevelTicks + (symbol.LevelTicks * symbol.SwingPermille * deviation / 1_000_000_000_000);
        return (long)Int128.Max(ticks, 1);
    }

    /// <summary>The open as a decimal: <see cref="Ticks"/> in units of the symbol's tick.</summary>
    public static decimal Price(MarketSymbol symbol, long ms) => Scaled(Ticks(symbol, ms), symbol.TickDecimals);

    /// <summary><paramref name="units"/> (not negative) x 10^-<paramref name="scale"/>, exact, with that scale.</summary>
    internal static decimal Scaled(long units, int scale) =>
        new((int)(uint)(units & 0xFFFFFFFF), (int)(uint)(units >> 32), 0, false, (byte)scale);

    /// <summary>A price as Binance writes it in klines: 8 decimals, trailing zeros kept ("60123.45000000").</summary>
    public static string Text(decimal price) => price.ToString("F8", CultureInfo.InvariantCulture);

    /// <summary>Uniform in [-1,000,000, 1,000,000] for one symbol, scale and anchor.</summary>
    private static long Noise(ulong name, int scale, long anchor)
    {
        ulong mixed = unchecked(name ^ ((ulong)scale * 0xD1B54A32D192ED03UL) ^ ((ulong)anchor * 0x9E3779B97F4A7C15UL));
        return (long)(new SplitMix64(mixed).NextUInt64() % 2_000_001UL) - 1_000_000;
    }

    /// <summary>FNV-1a of the name: string.GetHashCode differs between runs.</summary>
    private static ulong NameHash(string text)
    {
        ulong hash = 14695981039346656037UL;
        foreach (char c in text)
        {
            hash = unchecked((hash ^ c) * 1099511628211UL);
        }

        return hash;
    }
}
