using System.Collections.Generic;
using System.Globalization;
using PmInterest.Interest;

namespace PmInterest.Commands;

/// <summary>The -Asset values of a cmdlet, checked by Binance's rule before any request.</summary>
internal static class AssetArguments
{
    /// <summary>
    /// The assets to walk one by one, upper-cased and without repeats, or a single null for
    /// all assets. A code Binance would refuse (or that would silently match nothing) is a
    /// <see cref="PmInputException"/> that names it.
    /// </summary>
    public static IReadOnlyList<string?> Normalize(IEnumerable<string?>? assets)
    {
        var result = new List<string?>();
        foreach (var a in assets ?? System.Array.Empty<string?>())
        {
            var code = AssetCode.Normalize(a ?? string.Empty);
            if (!AssetCode.IsValid(code))
            {
                throw new PmInputException(
                    ErrorIds.InvalidAsset,
                    string.Format(CultureInfo.InvariantCulture, "'{0}' is not a Binance asset code: 1 to {1} letters, digits, '-', '_' or '.'.", a, AssetCode.MaxLength),
                    "Give asset codes such as USDT, BTC or 1000SATS.");
            }

            if (!result.Contains(code))
            {
                result.Add(code);
            }
        }

        return result.Count == 0 ? new string?[] { null } : result;
    }
}
