using System;
using System.Collections.Generic;

namespace PmInterest.Valuation;

/// <summary>
/// The spot symbols of a host, found by the assets they trade rather than by gluing names
/// together (which would mistake, say, an asset ending in USD for one ending in USDT). Every
/// status counts: a delisted symbol still has the klines of its trading days.
/// </summary>
internal sealed class SymbolTable
{
    private readonly Dictionary<string, string> _byAssets = new(StringComparer.Ordinal);

    public SymbolTable(IEnumerable<MarketSymbol> symbols, DateTime fetchedUtc)
    {
        FetchedUtc = fetchedUtc;
        foreach (var symbol in symbols)
        {
            Count++;
            var key = Key(symbol.BaseAsset, symbol.QuoteAsset);
            if (!_byAssets.ContainsKey(key))
            {
                _byAssets.Add(key, symbol.Symbol);
            }
        }
    }

    /// <summary>When the list was read from the host, for refreshing it in a long session.</summary>
    public DateTime FetchedUtc { get; }

    public int Count { get; }

    /// <summary>The symbol that trades <paramref name="baseAsset"/> priced in <paramref name="quoteAsset"/>, or null.</summary>
    public string? Find(string baseAsset, string quoteAsset) =>
        _byAssets.TryGetValue(Key(baseAsset, quoteAsset), out var symbol) ? symbol : null;

    private static string Key(string baseAsset, string quoteAsset) => baseAsset + "\u0000" + quoteAsset;
}
