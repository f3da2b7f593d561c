using System;
using System.Numerics;

namespace PmInterest.Totals;

/// <summary>
/// The exact sum of values in one quote, and how many records had none. Values made with 1/open
/// carry 28 digits, so their sum rarely fits a decimal: it is kept exact and rounded once, half to even.
/// </summary>
internal sealed class ValueSum
{
    private const int MaxScale = 28;
    private static readonly BigInteger DecimalMax = (BigInteger.One << 96) - 1;

    private BigInteger _units;
    private int _scale;

    /// <summary>Records with a value.</summary>
    public long Priced { get; private set; }

    /// <summary>Records without one (no route had a price).</summary>
    public long Unpriced { get; private set; }

    public void Add(decimal? value)
    {
        if (value is not decimal v)
        {
            Unpriced++;
            return;
        }

        Priced++;
        var bits = decimal.GetBits(v);
        var scale = (bits[3] >> 16) & 0xFF;
        var magnitude = ((BigInteger)(uint)bits[2] << 64) | ((BigInteger)(uint)bits[1] << 32) | (uint)bits[0];
        var units = bits[3] < 0 ? -magnitude : magnitude;
        if (scale > _scale)
        {
            _units *= BigInteger.Pow(10, scale - _scale);
            _scale = scale;
        }

        _units += units * BigInteger.Pow(10, _scale - scale);
    }

    /// <summary>The sum: exact when a decimal holds it (scale kept, 0.10 + 0.001 = 0.101), else rounded half to even to the decimal nearest it.</summary>
    /// <exception cref="InterestTotalOverflowException">The sum exceeds what a decimal holds at all (7.9E+28).</exception>
    public decimal Total(string what)
    {
        // Drop as few digits as a decimal needs, in one rounding (rounding digit by digit could round twice).
        var units = _units;
        var dropped = 0;
        while (BigInteger.Abs(units) > DecimalMax)
        {
            if (++dropped > _scale)
            {
                throw new InterestTotalOverflowException("The value total" + what + " exceeds what a decimal holds (7.9E+28). Group by a shorter period so that each total is smaller.");
            }

            units = RoundedDivision(_units, BigInteger.Pow(10, dropped));
        }

        var scale = _scale - dropped;

        var negative = units.Sign < 0;
        var abs = BigInteger.Abs(units);
        var lo = (int)(uint)(abs & uint.MaxValue);
        var mid = (int)(uint)((abs >> 32) & uint.MaxValue);
        var hi = (int)(uint)((abs >> 64) & uint.MaxValue);
        return new decimal(lo, mid, hi, negative, (byte)Math.Min(scale, MaxScale));
    }

    /// <summary><paramref name="units"/> / <paramref name="divisor"/>, rounded half to even.</summary>
    private static BigInteger RoundedDivision(BigInteger units, BigInteger divisor)
    {
        var quotient = BigInteger.DivRem(units, divisor, out var remainder);
        var twice = BigInteger.Abs(remainder) * 2;
        if (twice > divisor || (twice == divisor && !quotient.IsEven))
        {
            quotient += units.Sign;
        }

        return quotient;
    }
}
