namespace PmInterest.Binance.Json;

/// <summary>
/// Parses Binance's decimal strings exactly, from characters in place: <c>-?digits[.digits]</c>,
/// with an optional JSON exponent (<c>2.5E-3</c> is 0.0025), scale kept ("24.4440" has four
/// decimals). Only what a decimal holds without rounding is accepted: at most 28 decimals and a
/// mantissa of 96 bits. Anything else (a plus sign, white space, more digits) is refused rather
/// than silently rounded as decimal.Parse would.
/// </summary>
internal static class DecimalText
{
    public const int MaxScale = 28;

    public static bool TryParse(char[] text, int start, int length, out decimal value)
    {
        value = 0m;
        var i = start;
        var end = start + length;
        var negative = i < end && text[i] == '-';
        if (negative)
        {
            i++;
        }

        uint lo = 0, mid = 0, hi = 0;
        var digits = 0;
        var scale = -1;
        var exponent = 0;
        for (; i < end; i++)
        {
            var c = text[i];
            if ((c == 'e' || c == 'E') && digits > 0 && scale != 0)
            {
                if (!TryExponent(text, i + 1, end, out exponent))
                {
                    return false;
                }

                break;
            }

            if (c == '.')
            {
                if (scale >= 0 || digits == 0)
                {
                    return false;
                }

                scale = 0;
                continue;
            }

            if (c < '0' || c > '9' || !MultiplyAdd(ref lo, ref mid, ref hi, (uint)(c - '0')))
            {
                return false;
            }

            digits++;
            if (scale >= 0 && ++scale > MaxScale)
            {
                return false;
            }
        }

        if (digits == 0 || scale == 0)
        {
            return false; // "", "-", "1." are not numbers
        }

        var total = (scale < 0 ? 0 : scale) - exponent;
        for (; total < 0; total++)
        {
            if (!MultiplyAdd(ref lo, ref mid, ref hi, 0))
            {
                return false;
            }
        }

        if (total > MaxScale)
        {
            return false;
        }

        value = new decimal((int)lo, (int)mid, (int)hi, negative, (byte)total);
        return true;
    }

    private static bool TryExponent(char[] text, int i, int end, out int exponent)
    {
        exponent = 0;
        var negative = i < end && text[i] == '-';
        if (i < end && (text[i] == '-' || text[i] == '+'))
        {
            i++;
        }

        if (i == end || end - i > 3)
        {
            return false;
        }

        for (; i < end; i++)
        {
            if (text[i] < '0' || text[i] > '9')
            {
                return false;
            }

            exponent = (exponent * 10) + (text[i] - '0');
        }

        exponent = negative ? -exponent : exponent;
        return true;
    }

    // (hi:mid:lo) = (hi:mid:lo) * 10 + digit; false when the result needs more than 96 bits.
    private static bool MultiplyAdd(ref uint lo, ref uint mid, ref uint hi, uint digit)
    {
        var l = ((ulong)lo * 10) + digit;
        var m = ((ulong)mid * 10) + (l >> 32);
        var h = ((ulong)hi * 10) + (m >> 32);
        if (h > uint.MaxValue)
        {
            return false;
        }

        lo = (uint)l;
        mid = (uint)m;
        hi = (uint)h;
        return true;
    }
}
