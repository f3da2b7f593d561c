using System;
using System.Collections.Generic;

namespace PmInterest.Valuation;

/// <summary>
/// The documented price rule: 1 when A = Q, else the first route with a kline on T's minute:
/// A+Q's open, 1/open of Q+A, or via USDT leg by leg. Decimal throughout, rounded only where decimal arithmetic must.
/// </summary>
internal static class PriceRule
{
    /// <summary>The asset the cross route goes through.</summary>
    public const string Bridge = "USDT";

    /// <summary>
    /// The price of <paramref name="asset"/> in <paramref name="quote"/> at <paramref name="minuteMs"/>
    /// from what <paramref name="prices"/> knows, or the symbol whose kline is needed to go on.
    /// </summary>
    public static PriceOutcome Evaluate(string asset, string quote, long minuteMs, SymbolTable symbols, PriceCache prices)
    {
        if (string.Equals(asset, quote, StringComparison.Ordinal))
        {
            return PriceOutcome.Priced(1m, asset);
        }

        var tried = new List<string>(4);
        var outcome = Leg(asset, quote, minuteMs, symbols, prices, tried);
        if (outcome is not null)
        {
            return outcome;
        }

        if (!string.Equals(asset, Bridge, StringComparison.Ordinal) && !string.Equals(quote, Bridge, StringComparison.Ordinal))
        {
            var first = Leg(asset, Bridge, minuteMs, symbols, prices, tried);
            if (first is { Decided: false })
            {
                return first;
            }

            if (first?.Price is decimal toBridge)
            {
                var second = Leg(Bridge, quote, minuteMs, symbols, prices, tried);
                if (second is { Decided: false })
                {
                    return second;
                }

                if (second?.Price is decimal fromBridge)
                {
                    try
                    {
                        return PriceOutcome.Priced(toBridge * fromBridge, first.Source + "*" + second.Source);
                    }
                    catch (OverflowException)
                    {
                        tried.Add(first.Source + "*" + second.Source + " exceeds what a decimal holds");
                    }
                }
            }
        }

        return PriceOutcome.NotFound(string.Join("; ", tried));
    }

    /// <summary>The direct, then the inverse route; null when neither has a kline at the minute (what was tried is added to <paramref name="tried"/>).</summary>
    private static PriceOutcome? Leg(string asset, string quote, long minuteMs, SymbolTable symbols, PriceCache prices, List<string> tried)
    {
        var direct = symbols.Find(asset, quote);
        if (direct is not null)
        {
            switch (prices.Lookup(direct, minuteMs, out var open))
            {
                case PriceKnowledge.Unknown:
                    return PriceOutcome.Needs(direct);
                case PriceKnowledge.Known:
                    return PriceOutcome.Priced(open, direct);
                default:
                    tried.Add(direct + " has no kline opening on that minute");
                    break;
            }
        }

        var inverse = symbols.Find(quote, asset);
        if (inverse is not null)
        {
            switch (prices.Lookup(inverse, minuteMs, out var open))
            {
                case PriceKnowledge.Unknown:
                    return PriceOutcome.Needs(inverse);
                case PriceKnowledge.Known:
                    return PriceOutcome.Priced(1m / open, "1/" + inverse);
                default:
                    tried.Add(inverse + " has no kline opening on that minute");
                    break;
            }
        }

        if (direct is null && inverse is null)
        {
            tried.Add("no symbol trades " + asset + " in " + quote + " or " + quote + " in " + asset);
        }

        return null;
    }
}
