using System;
using System.Collections.Generic;
using PmInterest.Binance.Json;

namespace PmInterest.Interest;

/// <summary>
/// Reads the JSON array both interest-history endpoints answer with, strictly: every record
/// needs a valid asset, the three decimals and the accrual time (whose field name the endpoint
/// gives: PAPI spells it <c>interestAccuredTime</c>). Decimals come from their literal text,
/// exact and with their scale ("24.4440" stays 24.4440); what a decimal cannot hold exactly is
/// refused, as are duplicate fields, a time that is not a bare number of epoch milliseconds within
/// what a DateTime holds, and text after the array. Negative amounts are taken as sent: Binance
/// sends none, and refusing one would make the whole history unreadable for one odd record.
/// </summary>
internal static class InterestHistoryParser
{
    /// <summary>The field name Portfolio Margin Pro uses for the accrual instant.</summary>
    public const string ProTimeField = "interestAccruedTime";

    /// <summary>Epoch ms of 9999-12-31T23:59:59.999Z, the last instant a DateTime holds.</summary>
    public const long MaxTimeMs = 253402300799999;

    private const int Asset = 1;
    private const int Interest = 2;
    private const int Rate = 4;
    private const int Principal = 8;
    private const int Time = 16;
    private const int All = Asset | Interest | Rate | Principal | Time;

    private static readonly TextCache DefaultAssets = new();

    /// <summary>A whole answer, as a test or benchmark has it.</summary>
    public static List<NegativeBalanceInterest> Parse(string json, string timeField = ProTimeField)
    {
        var cursor = new JsonCursor(json);
        var records = Read(cursor, timeField, DefaultAssets);
        cursor.ExpectEnd();
        return records;
    }

    /// <summary>Reads the array at the cursor; asset codes come from <paramref name="assets"/>, one string per code.</summary>
    public static List<NegativeBalanceInterest> Read(JsonCursor cursor, string timeField, TextCache assets)
    {
        var records = new List<NegativeBalanceInterest>(100);
        if (cursor.Peek() != '[')
        {
            throw cursor.Error("expected a JSON array of interest records");
        }

        cursor.Open('[');
        if (cursor.TryClose(']'))
        {
            return records;
        }

        do
        {
            records.Add(ReadRecord(cursor, timeField, assets));
        }
        while (cursor.TryConsume(','));
        cursor.Close(']');
        return records;
    }

    private static NegativeBalanceInterest ReadRecord(JsonCursor cursor, string timeField, TextCache assets)
    {
        if (cursor.Peek() != '{')
        {
            throw cursor.Error("a record is not a JSON object");
        }

        cursor.Open('{');
        string? asset = null;
        decimal interest = 0m, rate = 0m, principal = 0m;
        long ms = 0;
        var seen = 0;
        List<string>? others = null;
        if (!cursor.TryClose('}'))
        {
            do
            {
                var name = cursor.ReadName();
                var value = cursor.ReadScalar();
                var field = cursor.Is(name, "asset") ? Asset
                    : cursor.Is(name, "interest") ? Interest
                    : cursor.Is(name, "interestRate") ? Rate
                    : cursor.Is(name, "principal") ? Principal
                    : cursor.Is(name, timeField) ? Time
                    : 0;
                if (field == 0)
                {
                    // Fields Binance may add later are passed over, but never twice.
                    others ??= new List<string>(2);
                    var text = cursor.Text(name);
                    if (others.Contains(text))
                    {
                        throw cursor.Error("a record has the field '" + Shown(text) + "' twice");
                    }

                    others.Add(text);
                    continue;
                }

                if ((seen & field) != 0)
                {
                    throw cursor.Error("a record has the field '" + cursor.Text(name) + "' twice");
                }

                seen |= field;
                switch (field)
                {
                    case Asset:
                        asset = value.Kind == JsonKind.String ? assets.Get(cursor, value) : null;
                        if (!AssetCode.IsValid(asset))
                        {
                            throw cursor.Error("a record has no valid asset");
                        }

                        break;
                    case Interest:
                        interest = Amount(cursor, value, "interest");
                        break;
                    case Rate:
                        rate = Amount(cursor, value, "interestRate");
                        break;
                    case Principal:
                        principal = Amount(cursor, value, "principal");
                        break;
                    default:
                        // Binance sends the instant as a bare JSON number; a string here is not its answer.
                        if (value.Kind != JsonKind.Number || !cursor.TryUnsigned(value, out ms) || ms > MaxTimeMs)
                        {
                            throw cursor.Error("a record has no valid " + timeField);
                        }

                        break;
                }
            }
            while (cursor.TryConsume(','));
            cursor.Close('}');
        }

        if (seen != All)
        {
            throw cursor.Error("a record has no valid " + Missing(seen, timeField));
        }

        return new NegativeBalanceInterest(asset!, interest, rate, principal, ms);
    }

    private static decimal Amount(JsonCursor cursor, JsonSpan value, string field)
    {
        if (!cursor.TryDecimal(value, out var amount))
        {
            throw cursor.Error("a record has no valid " + field + " (a plain decimal of at most 28 decimals)");
        }

        return amount;
    }

    private static string Missing(int seen, string timeField) =>
        (seen & Asset) == 0 ? "asset"
        : (seen & Interest) == 0 ? "interest"
        : (seen & Rate) == 0 ? "interestRate"
        : (seen & Principal) == 0 ? "principal"
        : timeField;

    /// <summary>A field name as it may be shown: short and without control characters.</summary>
    private static string Shown(string name) => Binance.ServerText.Clean(name.Length > 40 ? name.Substring(0, 40) : name);
}
