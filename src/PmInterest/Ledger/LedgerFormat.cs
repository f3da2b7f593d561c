using System;
using System.Globalization;
using PmInterest.Interest;

namespace PmInterest.Ledger;

/// <summary>
/// One ledger row, written and read: <c>InterestAccruedTime,Asset,Interest,InterestRate,Principal</c>
/// with the time as a <see cref="Watermark"/> and the amounts as the decimals' invariant text
/// (scale kept, '.' point, no exponent, no grouping). Asset codes obey <see cref="AssetCode"/>, so
/// no field is ever quoted. A row is accepted only in exactly the form <see cref="FormatRow"/>
/// writes, so a ledger read and written again keeps every byte.
/// </summary>
internal static class LedgerFormat
{
    public const string Header = "InterestAccruedTime,Asset,Interest,InterestRate,Principal";

    private const int FieldCount = 5;
    private const int MaxQuoted = 40;

    public static string FormatRow(NegativeBalanceInterest record)
    {
        if (record is null)
        {
            throw new ArgumentNullException(nameof(record));
        }

        var problem = Unwritable(record);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(record));
        }

        return Watermark.Format(record.AccruedMs) + "," + record.Asset + "," +
            NegativeBalanceInterest.Text(record.Interest) + "," +
            NegativeBalanceInterest.Text(record.InterestRate) + "," +
            NegativeBalanceInterest.Text(record.Principal);
    }

    /// <summary>Why a record cannot become a row that reads back as itself, or null when it can.</summary>
    public static string? Unwritable(NegativeBalanceInterest record)
    {
        if (!AssetCode.IsValid(record.Asset))
        {
            return "the asset " + Quote(record.Asset) + " is not an asset code (1 to 20 letters, digits, '-', '_' or '.'), so it cannot be a ledger field";
        }

        if (record.InterestAccruedTime.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            return "its accrual time " + Quote(record.InterestAccruedTime.ToString("o", CultureInfo.InvariantCulture)) + " has a fraction of a millisecond, which the ledger cannot hold";
        }

        return null;
    }

    public static bool TryParseRow(string line, out NegativeBalanceInterest? record, out string? problem)
    {
        record = null;
        var fields = (line ?? throw new ArgumentNullException(nameof(line))).Split(',');
        if (fields.Length != FieldCount)
        {
            problem = string.Format(CultureInfo.InvariantCulture, "expected {0} fields separated by commas ({1}) but found {2}", FieldCount, Header, fields.Length);
            return false;
        }

        return TryParseFields(fields[0], fields[1], fields[2], fields[3], fields[4], out record, out problem);
    }

    /// <summary>
    /// A record from the text of its five fields, by exactly the rules of a row: what a ledger
    /// read by any CSV reader (Import-Csv) gives back becomes the record the row holds.
    /// </summary>
    public static bool TryParseFields(string time, string asset, string interest, string rate, string principal, out NegativeBalanceInterest? record, out string? problem)
    {
        record = null;
        if (!TryParseTime(time, out var utc, out problem) ||
            !TryParseAsset(asset, out problem) ||
            !TryParseAmount(interest, "Interest", out var interestValue, out problem) ||
            !TryParseAmount(rate, "InterestRate", out var rateValue, out problem) ||
            !TryParseAmount(principal, "Principal", out var principalValue, out problem))
        {
            return false;
        }

        record = new NegativeBalanceInterest(asset, interestValue, rateValue, principalValue, utc);
        return true;
    }

    /// <summary>An accrual time written as the ledger writes it, yyyy-MM-ddTHH:mm:ss.fffZ, as a UTC DateTime.</summary>
    public static bool TryParseTime(string? text, out DateTime utc, out string? problem)
    {
        utc = default;
        problem = null;
        if (!Watermark.TryParse(text, out var ms))
        {
            problem = "InterestAccruedTime " + Quote(text ?? string.Empty) + " is not a UTC time written as yyyy-MM-ddTHH:mm:ss.fffZ";
            return false;
        }

        utc = DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime;
        return true;
    }

    public static bool TryParseAsset(string? text, out string? problem)
    {
        problem = null;
        if (!AssetCode.IsValid(text))
        {
            problem = "Asset " + Quote(text ?? string.Empty) + " is not an asset code (1 to 20 upper-case letters, digits, '-', '_' or '.')";
            return false;
        }

        return true;
    }

    /// <summary>A field's text for a message, cut short so a foreign file cannot flood it.</summary>
    internal static string Quote(string text) =>
        "'" + (text.Length <= MaxQuoted ? text : text.Substring(0, MaxQuoted) + "...") + "'";

    // Only [-]digits[.digits], and only the text the decimal itself would write back: that
    // refuses exponents, grouping, '+', leading zeros and digits beyond what a decimal holds
    // (which decimal.Parse would otherwise round away without a word).
    public static bool TryParseAmount(string? text, string field, out decimal value, out string? problem)
    {
        value = 0m;
        problem = null;
        if (text is null || !IsPlainNumber(text) ||
            !decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value) ||
            !string.Equals(NegativeBalanceInterest.Text(value), text, StringComparison.Ordinal))
        {
            problem = field + " " + Quote(text ?? string.Empty) + " is not a decimal number as the ledger writes it ('.' as the point, no exponent, no grouping, no leading zeros, at most 28 significant digits)";
            return false;
        }

        return true;
    }

    private static bool IsPlainNumber(string text)
    {
        var i = text.Length > 0 && text[0] == '-' ? 1 : 0;
        var digitsBefore = 0;
        while (i < text.Length && text[i] >= '0' && text[i] <= '9')
        {
            i++;
            digitsBefore++;
        }

        if (digitsBefore == 0)
        {
            return false;
        }

        if (i == text.Length)
        {
            return true;
        }

        if (text[i] != '.')
        {
            return false;
        }

        i++;
        var digitsAfter = 0;
        while (i < text.Length && text[i] >= '0' && text[i] <= '9')
        {
            i++;
            digitsAfter++;
        }

        return digitsAfter > 0 && i == text.Length;
    }
}
