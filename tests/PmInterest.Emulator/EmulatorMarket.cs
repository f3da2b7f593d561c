namespace PmInterest.Emulator;

/// <summary>
/// The emulator's spot market: its symbols and their klines. A kline of any interval exists
/// when the symbol trades by its close (so the first kline of a coarse interval may open before
/// the listing, as on Binance) and it opens before a delisting and not after now; its open is
/// the price of the minute it opens, or of the listing minute when it opens before it.
/// </summary>
public sealed class EmulatorMarket
{
    private readonly Dictionary<string, MarketSymbol> bySymbol;

    public EmulatorMarket(IReadOnlyList<MarketSymbol> symbols)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        Symbols = symbols;
        bySymbol = symbols.ToDictionary(s => s.Symbol, StringComparer.Ordinal);
    }

    /// <summary>Every symbol, as exchangeInfo lists them.</summary>
    public IReadOnlyList<MarketSymbol> Symbols { get; }

    public MarketSymbol? Find(string symbol) => bySymbol.GetValueOrDefault(symbol);

    /// <summary>
    /// The open of the symbol's 1m kline at the minute that holds <paramref name="ms"/>, or null
    /// when it has none (an unknown symbol, before its listing, after its delisting). What tests
    /// compare the module's prices with; <c>GET /_emulator/price</c> answers the same.
    /// </summary>
    public decimal? OpenAt(string symbol, long ms)
    {
        MarketSymbol? s = Find(symbol);
        long minute = ms - (((ms % 60_000) + 60_000) % 60_000);
        return s is not null && s.TradesAt(minute) ? PriceModel.Price(s, minute) : null;
    }

    /// <summary>True when a kline of <paramref name="symbol"/> opening at <paramref name="openMs"/> and closing at <paramref name="closeMs"/> exists at <paramref name="nowMs"/>.</summary>
    internal static bool Exists(MarketSymbol symbol, long openMs, long closeMs, long nowMs) =>
        closeMs >= symbol.ListedMs && (symbol.DelistedMs is not long delisted || openMs < delisted) && openMs <= nowMs;

    /// <summary>The open of an existing kline: the price of its first minute, or of the listing minute when it opens before the listing.</summary>
    internal static decimal OpenOf(MarketSymbol symbol, long openMs) => PriceModel.Price(symbol, Math.Max(openMs, symbol.ListedMs));
}
