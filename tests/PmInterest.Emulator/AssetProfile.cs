namespace PmInterest.Emulator;

/// <summary>
/// How one asset's negative balance behaves in a Portfolio Margin Pro account: the range its
/// principal stays in, the decimals it is shown with, the band its daily rate starts in, and the
/// share of the time it is negative. The figures are the emulator's choice of a plausible book
/// (Binance publishes none); the README lists them.
/// </summary>
/// <param name="PrincipalScale">Decimals of the principal (the asset's precision).</param>
/// <param name="MinPrincipal">Smallest principal ever generated.</param>
/// <param name="MaxPrincipal">Largest principal ever generated.</param>
/// <param name="MinBaseRate">Lowest base daily rate, in units of 1e-8.</param>
/// <param name="MaxBaseRate">Highest base daily rate, in units of 1e-8.</param>
/// <param name="ActivityPermille">Share of the time the balance is negative, in thousandths.</param>
internal sealed record AssetProfile(int PrincipalScale, decimal MinPrincipal, decimal MaxPrincipal, long MinBaseRate, long MaxBaseRate, int ActivityPermille)
{
    /// <summary>Lowest daily rate ever served: 0.00002 a day, about 0.7 % a year.</summary>
    internal const long MinRate = 2_000;

    /// <summary>Highest daily rate ever served: 0.0006 a day, about 22 % a year.</summary>
    internal const long MaxRate = 60_000;

    /// <summary>Any asset not named below (also the overflow assets A001..A150).</summary>
    internal static readonly AssetProfile Default = new(8, 1m, 100_000m, 4_000, 40_000, 200);

    private static readonly AssetProfile Stablecoin = new(4, 500m, 5_000_000m, 10_000, 35_000, 0);

    private static readonly Dictionary<string, AssetProfile> Known = new(StringComparer.Ordinal)
    {
        ["USDT"] = Stablecoin with { ActivityPermille = 450 },
        ["USDC"] = Stablecoin with { ActivityPermille = 250 },
        ["FDUSD"] = Stablecoin with { ActivityPermille = 150 },
        ["BTC"] = new(8, 0.01m, 60m, 2_000, 8_000, 250),
        ["ETH"] = new(8, 0.1m, 1_500m, 3_000, 12_000, 250),
        ["BNB"] = new(8, 1m, 8_000m, 3_000, 15_000, 150),
        ["SOL"] = new(8, 5m, 60_000m, 5_000, 25_000, 150),
        ["XRP"] = new(2, 500m, 3_000_000m, 5_000, 30_000, 100),
    };

    /// <summary>The profile of <paramref name="asset"/> (exact name), or <see cref="Default"/>.</summary>
    internal static AssetProfile For(string asset) => Known.GetValueOrDefault(asset, Default);

    /// <summary><see cref="MinPrincipal"/> in units of the last decimal.</summary>
    internal long MinUnits => Amounts.ToUnits(MinPrincipal, PrincipalScale);

    /// <summary><see cref="MaxPrincipal"/> in units of the last decimal.</summary>
    internal long MaxUnits => Amounts.ToUnits(MaxPrincipal, PrincipalScale);
}
