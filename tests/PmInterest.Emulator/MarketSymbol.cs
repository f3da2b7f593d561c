namespace PmInterest.Emulator;

/// <summary>
/// One spot symbol the emulator serves klines for: base and quote asset, status, when it was
/// listed (and delisted), and the shape of its made-up price: a level in ticks, the tick size
/// (decimals of a tick) and how far the price wanders, in permille of the level.
/// </summary>
/// <param name="Symbol">The name, such as BTCUSDT.</param>
/// <param name="BaseAsset">The asset priced, such as BTC.</param>
/// <param name="QuoteAsset">The asset it is priced in, such as USDT.</param>
/// <param name="ListedMs">The first minute with trading (epoch ms); no kline closes before it.</param>
/// <param name="DelistedMs">The first minute without trading after a delisting (status BREAK), or null.</param>
/// <param name="LevelTicks">The price level around which the price wanders, in ticks.</param>
/// <param name="TickDecimals">Decimals of one tick: 2 gives a tick of 0.01.</param>
/// <param name="SwingPermille">How far the price wanders from the level at most, in permille.</param>
public sealed record MarketSymbol(string Symbol, string BaseAsset, string QuoteAsset, long ListedMs, long? DelistedMs, long LevelTicks, int TickDecimals, int SwingPermille)
{
    /// <summary>TRADING, or BREAK once delisted (a delisted symbol keeps its klines of the trading days).</summary>
    public string Status => DelistedMs is null ? "TRADING" : "BREAK";

    /// <summary>True when the symbol trades in the minute that starts at <paramref name="minuteMs"/>.</summary>
    public bool TradesAt(long minuteMs) => minuteMs >= ListedMs && (DelistedMs is not long delisted || minuteMs < delisted);
}
