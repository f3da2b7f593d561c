using System;
using System.Management.Automation;
using PmInterest.Ledger;

namespace PmInterest.Commands;

/// <summary>
/// An interest record from an object's properties, as Import-Csv gives a ledger's rows: taken
/// only when every field is exact and unambiguous (a time in the ledger's form or a DateTime
/// with a kind, amounts as decimals or in the ledger's invariant text), so that no culture can
/// change a total. Anything else is refused with the reason.
/// </summary>
internal static class RecordFromProperties
{
    public static bool TryConvert(PSObject input, out NegativeBalanceInterest? record, out string? problem)
    {
        record = null;
        if (!TryTime(input, out var utc, out problem) ||
            !TryText(input, "Asset", out var asset, out problem) ||
            !LedgerFormat.TryParseAsset(asset, out problem) ||
            !TryAmount(input, "Interest", out var interest, out problem) ||
            !TryAmount(input, "InterestRate", out var rate, out problem) ||
            !TryAmount(input, "Principal", out var principal, out problem))
        {
            return false;
        }

        record = new NegativeBalanceInterest(asset!, interest, rate, principal, utc);
        return true;
    }

    private static bool TryTime(PSObject input, out DateTime utc, out string? problem)
    {
        utc = default;
        problem = null;
        switch (Value(input, "InterestAccruedTime", out problem))
        {
            case null:
                problem ??= "InterestAccruedTime is empty";
                return false;
            case string text:
                return LedgerFormat.TryParseTime(text, out utc, out problem);
            case DateTimeOffset offset:
                utc = offset.UtcDateTime;
                return true;
            case DateTime time when time.Kind == DateTimeKind.Utc:
                utc = time;
                return true;
            case DateTime time when time.Kind == DateTimeKind.Local:
                utc = time.ToUniversalTime();
                return true;
            case DateTime:
                problem = "InterestAccruedTime is a DateTime of unspecified kind, which names no instant";
                return false;
            case var other:
                problem = "InterestAccruedTime is a " + other.GetType().FullName + ", not a time";
                return false;
        }
    }

    private static bool TryText(PSObject input, string name, out string? text, out string? problem)
    {
        text = Value(input, name, out problem) as string;
        if (text is null)
        {
            problem ??= name + " is not text";
            return false;
        }

        return true;
    }

    private static bool TryAmount(PSObject input, string name, out decimal value, out string? problem)
    {
        value = 0m;
        switch (Value(input, name, out problem))
        {
            case decimal exact:
                value = exact;
                return true;
            case string text:
                return LedgerFormat.TryParseAmount(text, name, out value, out problem);
            case null:
                problem ??= name + " is empty";
                return false;
            case var other:
                problem = name + " is a " + other.GetType().FullName + ", which is not an exact amount";
                return false;
        }
    }

    private static object? Value(PSObject input, string name, out string? problem)
    {
        problem = null;
        var property = input.Properties[name];
        if (property is null)
        {
            problem = "it has no " + name + " property";
            return null;
        }

        object? value;
        try
        {
            value = property.Value;
        }
        catch (GetValueException)
        {
            problem = name + " cannot be read";
            return null;
        }

        return value is PSObject wrapped ? wrapped.BaseObject : value;
    }
}
