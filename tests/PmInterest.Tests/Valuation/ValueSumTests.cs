using System;
using System.Globalization;
using System.Numerics;
using PmInterest.Totals;
using Xunit;

namespace PmInterest.Tests.Valuation;

/// <summary>Value totals: exact where a decimal holds them, else rounded once (half to even) to the decimal nearest the exact sum.</summary>
public sealed class ValueSumTests
{
    [Fact]
    public void A_sum_a_decimal_holds_is_exact_with_its_scale()
    {
        var sum = new ValueSum();
        sum.Add(0.10m);
        sum.Add(0.001m);
        sum.Add(24.4440m);
        Assert.Equal("24.5450", sum.Total(string.Empty).ToString(CultureInfo.InvariantCulture));
        Assert.Equal(3, sum.Priced);
    }

    [Theory]
    [InlineData("1234567890123456789012345678.4", "0.05", "1234567890123456789012345678.4")] // .45: the tie goes to the even .4
    [InlineData("1234567890123456789012345678.4", "0.15", "1234567890123456789012345678.6")] // .55: the tie goes to the even .6
    [InlineData("1234567890123456789012345678.4", "0.16", "1234567890123456789012345678.6")]
    public void A_sum_that_needs_more_digits_is_rounded_half_to_even(string a, string b, string expected)
    {
        var sum = new ValueSum();
        sum.Add(decimal.Parse(a, CultureInfo.InvariantCulture));
        sum.Add(decimal.Parse(b, CultureInfo.InvariantCulture));
        Assert.Equal(expected, sum.Total(string.Empty).ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Many_values_of_28_significant_digits_are_rounded_once_not_at_every_step()
    {
        // Values as 1/open gives them: each with 28 significant digits.
        var values = new decimal[400];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (100m + i) / 1.0845m;
        }

        var sum = new ValueSum();
        BigInteger exact = 0; // in units of 1e-28
        foreach (var v in values)
        {
            sum.Add(v);
            exact += Units(v, 28);
        }

        var total = sum.Total(string.Empty);
        var scale = decimal.GetBits(total)[3] >> 16 & 0xFF;
        var ulp = BigInteger.Pow(10, 28 - scale);
        var error = BigInteger.Abs(Units(total, 28) - exact);
        Assert.True(error * 2 <= ulp, $"{total} is {error} units of 1e-28 from the exact sum; half its last digit is {ulp / 2}");

        // It keeps as many digits as a decimal can: one more would not fit 96 bits.
        Assert.True(BigInteger.Abs(Units(total, scale + 1)) > (BigInteger.One << 96) - 1);
    }

    [Fact]
    public void A_sum_beyond_a_decimals_range_is_a_total_overflow()
    {
        var sum = new ValueSum();
        sum.Add(decimal.MaxValue);
        sum.Add(0.5m); // exact .5 rounds to an even ...336, past the largest decimal
        Assert.Throws<InterestTotalOverflowException>(() => sum.Total(" of X"));
    }

    [Fact]
    public void Records_without_a_value_are_counted_not_added()
    {
        var sum = new ValueSum();
        sum.Add(1.5m);
        sum.Add(null);
        Assert.Equal((1, 1), (sum.Priced, sum.Unpriced));
    }

    /// <summary><paramref name="value"/> in units of 10^-<paramref name="scale"/> (scale at least the value's own).</summary>
    private static BigInteger Units(decimal value, int scale)
    {
        var bits = decimal.GetBits(value);
        var own = bits[3] >> 16 & 0xFF;
        var magnitude = ((BigInteger)(uint)bits[2] << 64) | ((BigInteger)(uint)bits[1] << 32) | (uint)bits[0];
        var units = magnitude * BigInteger.Pow(10, scale - own);
        return bits[3] < 0 ? -units : units;
    }
}
