using System;

namespace PmInterest.Ledger;

/// <summary>
/// The one text form of an instant in the ledger, the export summary's <c>Watermark</c> and
/// <c>-After</c>: <c>yyyy-MM-ddTHH:mm:ss.fffZ</c> in UTC, millisecond precision (what Binance
/// sends). Written and read by hand, character by character, so that no culture, calendar or
/// time zone setting can change a byte, and nothing but that exact form is accepted. The
/// summary's watermark adds the ledger's scope: <c>2026-11-30T16:00:00.000Z;PortfolioMarginPro;*</c>.
/// </summary>
internal static class Watermark
{
    /// <summary>The length of every watermark: "2024-01-31T23:00:00.000Z".</summary>
    public const int Length = 24;

    private static readonly long MinMs = new DateTimeOffset(DateTime.MinValue, TimeSpan.Zero).ToUnixTimeMilliseconds();
    private static readonly long MaxMs = new DateTimeOffset(new DateTime(9999, 12, 31, 23, 59, 59, 999, DateTimeKind.Utc)).ToUnixTimeMilliseconds();

    public static string Format(long epochMs)
    {
        if (epochMs < MinMs || epochMs > MaxMs)
        {
            throw new ArgumentOutOfRangeException(nameof(epochMs), epochMs, "The instant lies outside the years 0001 to 9999.");
        }

        var t = DateTimeOffset.FromUnixTimeMilliseconds(epochMs).UtcDateTime;
        var chars = new char[Length];
        Put(chars, 0, t.Year, 4);
        chars[4] = '-';
        Put(chars, 5, t.Month, 2);
        chars[7] = '-';
        Put(chars, 8, t.Day, 2);
        chars[10] = 'T';
        Put(chars, 11, t.Hour, 2);
        chars[13] = ':';
        Put(chars, 14, t.Minute, 2);
        chars[16] = ':';
        Put(chars, 17, t.Second, 2);
        chars[19] = '.';
        Put(chars, 20, t.Millisecond, 3);
        chars[23] = 'Z';
        return new string(chars);
    }

    /// <summary>The instant in UTC, as <see cref="Format(long)"/> writes it.</summary>
    public static string Format(DateTime utc) => Format(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeMilliseconds());

    /// <summary>The export summary's watermark: the instant, then the scope of the run (<see cref="LedgerScope"/>).</summary>
    public static string Format(long epochMs, LedgerScope scope) => Format(epochMs) + ";" + (scope ?? throw new ArgumentNullException(nameof(scope)));

    /// <summary>
    /// Reads a watermark with its scope, or the plain instant that older versions wrote (then
    /// <paramref name="scope"/> is null: the scope is not known).
    /// </summary>
    public static bool TryParse(string? text, out long epochMs, out LedgerScope? scope)
    {
        scope = null;
        if (text is not null && text.Length > Length && text[Length] == ';')
        {
            return TryParse(text.Substring(0, Length), out epochMs) && LedgerScope.TryParse(text.Substring(Length + 1), out scope);
        }

        return TryParse(text, out epochMs);
    }

    public static bool TryParse(string? text, out long epochMs)
    {
        epochMs = 0;
        if (text is null || text.Length != Length ||
            text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
            text[16] != ':' || text[19] != '.' || text[23] != 'Z')
        {
            return false;
        }

        if (!TryDigits(text, 0, 4, out var year) || !TryDigits(text, 5, 2, out var month) ||
            !TryDigits(text, 8, 2, out var day) || !TryDigits(text, 11, 2, out var hour) ||
            !TryDigits(text, 14, 2, out var minute) || !TryDigits(text, 17, 2, out var second) ||
            !TryDigits(text, 20, 3, out var ms))
        {
            return false;
        }

        if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) ||
            hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var utc = new DateTime(year, month, day, hour, minute, second, ms, DateTimeKind.Utc);
        epochMs = new DateTimeOffset(utc).ToUnixTimeMilliseconds();
        return true;
    }

    private static void Put(char[] chars, int at, int value, int width)
    {
        for (var i = at + width - 1; i >= at; i--)
        {
            chars[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }

    // ASCII digits only: char.IsDigit would also take Arabic-Indic and other digits.
    private static bool TryDigits(string text, int at, int width, out int value)
    {
        value = 0;
        for (var i = at; i < at + width; i++)
        {
            var c = text[i];
            if (c < '0' || c > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
