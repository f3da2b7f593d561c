using System;

namespace PmInterest.Endpoints;

/// <summary>
/// Binance's public spot market data on api.binance.com, what valuation reads: klines (weight 2,
/// limit default 500, max 1,000) and exchangeInfo (weight 20), both unsigned and in the spot
/// <c>/api</c> weight pool. No API key or signature ever goes to them.
/// </summary>
internal static class SpotMarket
{
    public static readonly KlinesEndpoint Klines = new("/api/v3/klines", weight: 2, WeightPools.Spot, defaultLimit: 500, maxLimit: 1000);

    public static readonly ExchangeInfoEndpoint ExchangeInfo = new("/api/v3/exchangeInfo", weight: 20, WeightPools.Spot);

    /// <summary>Where prices come from unless -BaseUri or PMINTEREST_MARKET_BASE_URI says otherwise (the PAPI host serves no klines).</summary>
    public static readonly Uri DefaultBaseUri = new("https://api.binance.com/");
}
