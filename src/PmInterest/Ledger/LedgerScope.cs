using System;
using System.Collections.Generic;
using System.Linq;
using PmInterest.Interest;

namespace PmInterest.Ledger;

/// <summary>
/// What a ledger is a ledger of: the account type and the asset filter (every asset, or a set).
/// A run that would add another scope's records to a ledger would leave it silently incomplete,
/// so the scope is kept beside the ledger and in the watermark, and compared before any request.
/// </summary>
/// <remarks>
/// Its text is <c>&lt;AccountType&gt;;&lt;assets&gt;</c>: <c>PortfolioMarginPro;*</c> for every
/// asset, <c>PortfolioMargin;BTC,ETH</c> for a set (upper case, ordinal order, no repeats).
/// </remarks>
internal sealed class LedgerScope : IEquatable<LedgerScope>
{
    /// <summary>The asset part of a scope of every asset.</summary>
    public const string AllAssets = "*";

    private LedgerScope(AccountType accountType, IReadOnlyList<string> assets)
    {
        AccountType = accountType;
        Assets = assets;
    }

    public AccountType AccountType { get; }

    /// <summary>The assets, sorted ordinally and distinct; empty for every asset.</summary>
    public IReadOnlyList<string> Assets { get; }

    public bool AllAssetsIncluded => Assets.Count == 0;

    /// <summary>The scope of a run: <paramref name="assets"/> as the cmdlet normalised them (a single null: every asset).</summary>
    public static LedgerScope Of(AccountType accountType, IEnumerable<string?> assets)
    {
        var set = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var asset in assets ?? throw new ArgumentNullException(nameof(assets)))
        {
            if (asset is null)
            {
                continue;
            }

            if (!AssetCode.IsValid(asset))
            {
                throw new ArgumentException("'" + asset + "' is not an asset code.", nameof(assets));
            }

            set.Add(asset);
        }

        return new LedgerScope(accountType, set.ToList());
    }

    /// <summary>Reads the text <see cref="ToString"/> writes; asset codes in another order or case are put right.</summary>
    public static bool TryParse(string? text, out LedgerScope? scope)
    {
        scope = null;
        if (text is null)
        {
            return false;
        }

        var parts = text.Split(';');
        if (parts.Length != 2 || !TryParseAccountType(parts[0], out var accountType))
        {
            return false;
        }

        if (parts[1] == AllAssets)
        {
            scope = new LedgerScope(accountType, Array.Empty<string>());
            return true;
        }

        var set = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var part in parts[1].Split(','))
        {
            var code = AssetCode.Normalize(part);
            if (!AssetCode.IsValid(code) || part.Length != code.Length)
            {
                return false;
            }

            set.Add(code);
        }

        scope = new LedgerScope(accountType, set.ToList());
        return true;
    }

    /// <summary>How <paramref name="run"/> differs from this scope, in words, or null when they are the same.</summary>
    public string? DifferenceFrom(LedgerScope run)
    {
        if (run is null)
        {
            throw new ArgumentNullException(nameof(run));
        }

        var differences = new List<string>();
        if (run.AccountType != AccountType)
        {
            differences.Add("the account type is " + run.AccountType + ", not " + AccountType);
        }

        if (!SameAssets(run))
        {
            differences.Add("the run asks for " + DescribeAssets(run) + ", not " + DescribeAssets(this));
        }

        return differences.Count == 0 ? null : string.Join("; ", differences);
    }

    public bool Equals(LedgerScope? other) => other is not null && other.AccountType == AccountType && SameAssets(other);

    public override bool Equals(object? obj) => obj is LedgerScope other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

    public override string ToString() =>
        AccountType + ";" + (AllAssetsIncluded ? AllAssets : string.Join(",", Assets));

    /// <summary>"every asset" or "the assets BTC, ETH", for messages.</summary>
    public static string DescribeAssets(LedgerScope scope) =>
        scope.AllAssetsIncluded ? "every asset (no -Asset)" : (scope.Assets.Count == 1 ? "the asset " : "the assets ") + string.Join(", ", scope.Assets) + " (-Asset " + string.Join(",", scope.Assets) + ")";

    private bool SameAssets(LedgerScope other) => Assets.SequenceEqual(other.Assets, StringComparer.Ordinal);

    private static bool TryParseAccountType(string text, out AccountType accountType)
    {
        foreach (AccountType candidate in Enum.GetValues(typeof(AccountType)))
        {
            if (string.Equals(candidate.ToString(), text, StringComparison.Ordinal))
            {
                accountType = candidate;
                return true;
            }
        }

        accountType = default;
        return false;
    }
}
