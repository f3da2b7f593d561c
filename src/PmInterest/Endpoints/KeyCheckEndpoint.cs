using PmInterest.Binance;

namespace PmInterest.Endpoints;

/// <summary>
/// A cheap signed call that proves key, signature, clock and IP allow list at connect, on a
/// path the account type's host serves. What it learns of the key is a <see cref="KeyCheck"/>.
/// </summary>
internal abstract class KeyCheckEndpoint : ApiEndpoint<KeyCheck>
{
    protected KeyCheckEndpoint(string path, int weight, WeightPool pool)
        : base(path, weight, pool, signed: true)
    {
    }
}

/// <summary>What the key check learned: the key's permissions where the endpoint tells them.</summary>
internal sealed class KeyCheck
{
    public KeyCheck(ApiKeyPermissions? permissions, bool mayRead)
    {
        Permissions = permissions;
        MayRead = mayRead;
    }

    /// <summary>The key's flags (Portfolio Margin Pro's apiRestrictions), or null when the check does not tell them.</summary>
    public ApiKeyPermissions? Permissions { get; }

    /// <summary>False when Binance says the key may not read account data.</summary>
    public bool MayRead { get; }
}
