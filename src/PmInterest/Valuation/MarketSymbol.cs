namespace PmInterest.Valuation;

/// <summary>One spot symbol as exchangeInfo lists it: its name and the assets it trades, base in quote.</summary>
internal sealed class MarketSymbol
{
    public MarketSymbol(string symbol, string baseAsset, string quoteAsset, string? status)
    {
        Symbol = symbol;
        BaseAsset = baseAsset;
        QuoteAsset = quoteAsset;
        Status = status;
    }

    /// <summary>The name klines are asked for, such as BTCUSDT.</summary>
    public string Symbol { get; }

    public string BaseAsset { get; }

    public string QuoteAsset { get; }

    /// <summary>TRADING, BREAK (delisted; its history stays) and so on; null when not given.</summary>
    public string? Status { get; }

    public override string ToString() => Symbol + " (" + BaseAsset + "/" + QuoteAsset + ")";
}
