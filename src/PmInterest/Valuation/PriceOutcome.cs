namespace PmInterest.Valuation;

/// <summary>
/// Where the price rule stands for one asset at one minute: priced (with how the price was
/// made), waiting for the kline of one symbol at that minute, or not to be found (and why).
/// </summary>
internal sealed class PriceOutcome
{
    private PriceOutcome(decimal? price, string? source, string? neededSymbol, string? reason)
    {
        Price = price;
        Source = source;
        NeededSymbol = neededSymbol;
        Reason = reason;
    }

    /// <summary>One unit of the asset in the quote; null unless priced.</summary>
    public decimal? Price { get; }

    /// <summary>How the price was made: <c>BTCUSDT</c>, <c>1/EURUSDT</c>, <c>ETHUSDT*1/EURUSDT</c>, or the asset itself.</summary>
    public string? Source { get; }

    /// <summary>The symbol whose kline at the minute the rule needs next; null once decided.</summary>
    public string? NeededSymbol { get; }

    /// <summary>Why no route gives a price; null unless not found.</summary>
    public string? Reason { get; }

    public bool Decided => NeededSymbol is null;

    public static PriceOutcome Priced(decimal price, string source) => new(price, source, null, null);

    public static PriceOutcome Needs(string symbol) => new(null, null, symbol, null);

    public static PriceOutcome NotFound(string reason) => new(null, null, null, reason);
}
