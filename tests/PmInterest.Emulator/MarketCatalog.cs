namespace PmInterest.Emulator;

/// <summary>
/// The symbols the emulator's spot market lists. Real names and listing days for the usual
/// book, plus NEWCOINUSDT (listed 2025-06-01 10:30 UTC, for records before a listing) and
/// OLDCOINUSDT (delisted 2025-03-01, status BREAK). There is no BTCEUR and no other ...EUR
/// symbol: EUR is EURUSDT only, so EUR needs the inverse route (1/EURUSDT) or the cross route
/// through USDT. USDTTRY is quoted the other way round, for a leg through USDT that is direct.
/// </summary>
public static class MarketCatalog
{
    /// <summary>Every symbol, in the order exchangeInfo lists them.</summary>
    public static IReadOnlyList<MarketSymbol> Default { get; } =
    [
        Symbol("BTCUSDT", "BTC", "USDT", "2017-08-17T04:00", 60_000_00, 2, 300),
        Symbol("ETHUSDT", "ETH", "USDT", "2017-08-17T04:00", 3_000_00, 2, 350),
        Symbol("BNBUSDT", "BNB", "USDT", "2017-11-06T03:00", 600_00, 2, 300),
        Symbol("SOLUSDT", "SOL", "USDT", "2020-08-11T06:00", 150_00, 2, 400),
        Symbol("XRPUSDT", "XRP", "USDT", "2018-05-04T08:00", 2_0000, 4, 400),
        Symbol("USDCUSDT", "USDC", "USDT", "2018-12-15T03:00", 1_0000, 4, 2),
        Symbol("FDUSDUSDT", "FDUSD", "USDT", "2023-07-26T08:00", 1_0000, 4, 3),
        Symbol("EURUSDT", "EUR", "USDT", "2020-01-03T08:00", 1_0850, 4, 60),
        Symbol("ETHBTC", "ETH", "BTC", "2017-07-14T04:00", 5000, 5, 250),
        Symbol("BNBBTC", "BNB", "BTC", "2017-07-14T04:00", 9000, 6, 250),
        Symbol("BTCUSDC", "BTC", "USDC", "2018-12-15T03:00", 60_000_00, 2, 300),
        Symbol("ETHUSDC", "ETH", "USDC", "2018-12-15T03:00", 3_000_00, 2, 350),
        Symbol("USDTTRY", "USDT", "TRY", "2019-04-17T10:00", 34_00, 2, 150),
        Symbol("NEWCOINUSDT", "NEWCOIN", "USDT", "2025-06-01T10:30", 5000, 4, 300),
        Symbol("OLDCOINUSDT", "OLDCOIN", "USDT", "2019-01-01T00:00", 2000, 4, 300) with { DelistedMs = Ms("2025-03-01T00:00") },
    ];

    private static MarketSymbol Symbol(string symbol, string baseAsset, string quoteAsset, string listed, long levelTicks, int tickDecimals, int swingPermille) =>
        new(symbol, baseAsset, quoteAsset, Ms(listed), null, levelTicks, tickDecimals, swingPermille);

    private static long Ms(string utc) =>
        DateTimeOffset.Parse(utc + "Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
}
