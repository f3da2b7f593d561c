using System.Globalization;

namespace PmInterest.Interest;

/// <summary>
/// Binance's rule for an asset code, applied to what users give and to what the server
/// answers alike: 1 to 20 characters (Binance's legal range for names is
/// <c>^[A-Z0-9-_.]{1,20}$</c>), each a letter, a digit, '-', '_' or '.'. Letters outside
/// ASCII are allowed because Binance lists assets named in other scripts. No code can hold
/// a comma, a quote, white space or a control character, which keeps ledger rows unquoted.
/// </summary>
internal static class AssetCode
{
    public const int MaxLength = 20;

    public static bool IsValid(string? code)
    {
        if (code is null || code.Length == 0 || code.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in code)
        {
            if (!(char.IsLetterOrDigit(c) || c == '-' || c == '_' || c == '.'))
            {
                return false;
            }

            // Letters Binance never uses in codes (surrogate halves, combining marks) fail
            // IsLetterOrDigit already; lower-case ASCII is refused so a code has one spelling.
            if (c is >= 'a' and <= 'z')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The code as Binance spells it: trimmed and upper-cased (invariant).</summary>
    public static string Normalize(string code) => code.Trim().ToUpper(CultureInfo.InvariantCulture);
}
