using System;
using System.Collections.Generic;
using System.Globalization;
using PmInterest.Binance.Json;

namespace PmInterest.Interest;

/// <summary>
/// Reads the JSON array the interest-history endpoint answers with. Decimal fields are
/// accepted as JSON strings (what Binance sends) or numbers, always parsed from their
/// literal text with the invariant culture so no digit or trailing zero is lost. A record
/// whose asset breaks Binance's rule for asset codes, or whose time lies outside what a
/// DateTime holds (0 to 9999-12-31T23:59:59.999Z), is refused like any malformed answer.
/// </summary>
internal static class InterestHistoryParser
{
    /// <summary>Epoch ms of 9999-12-31T23:59:59.999Z, the last instant a DateTime holds.</summary>
    public const long MaxTimeMs = 253402300799999;

    private const NumberStyles DecimalStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    public static List<NegativeBalanceInterest> Parse(string json)
    {
        var cursor = new JsonCursor(json);
        var records = new List<NegativeBalanceInterest>(100);
        if (cursor.Peek() != '[')
        {
            throw cursor.Error("expected a JSON array of interest records");
        }

        cursor.Expect('[');
        if (cursor.TryConsume(']'))
        {
            return records;
        }

        do
        {
            records.Add(ReadRecord(cursor));
        }
        while (cursor.TryConsume(','));
        cursor.Expect(']');
        return records;
    }

    private static NegativeBalanceInterest ReadRecord(JsonCursor cursor)
    {
        cursor.Expect('{');
        string? asset = null, interest = null, rate = null, principal = null, time = null;
        if (!cursor.TryConsume('}'))
        {
            do
            {
                var name = cursor.ReadPropertyName();
                var value = cursor.ReadScalarText(out _);
                switch (name)
                {
                    case "asset": asset = value; break;
                    case "interest": interest = value; break;
                    case "interestRate": rate = value; break;
                    case "principal": principal = value; break;
                    case "interestAccruedTime": time = value; break;
                    default: break; // Fields Binance may add later are ignored.
                }
            }
            while (cursor.TryConsume(','));
            cursor.Expect('}');
        }

        if (!AssetCode.IsValid(asset))
        {
            throw cursor.Error("a record has no valid asset");
        }

        if (!long.TryParse(time, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) || ms < 0 || ms > MaxTimeMs)
        {
            throw cursor.Error("a record has no valid interestAccruedTime");
        }

        return new NegativeBalanceInterest(
            asset!,
            ParseDecimal(interest, "interest", cursor),
            ParseDecimal(rate, "interestRate", cursor),
            ParseDecimal(principal, "principal", cursor),
            DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime);
    }

    private static decimal ParseDecimal(string? text, string field, JsonCursor cursor)
    {
        if (text is null || !decimal.TryParse(text, DecimalStyle, CultureInfo.InvariantCulture, out var value))
        {
            throw cursor.Error("a record has no valid " + field);
        }

        return value;
    }
}
