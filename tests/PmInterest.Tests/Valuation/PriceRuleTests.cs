using System;
using PmInterest.Valuation;
using Xunit;

namespace PmInterest.Tests.Valuation;

/// <summary>The documented rule, route by route, on a symbol table and prices the test sets.</summary>
public sealed class PriceRuleTests
{
    private const long T = 1_735_689_600_000; // 2025-01-01T00:00Z

    private static readonly SymbolTable Symbols = new(new[]
    {
        new MarketSymbol("BTCUSDT", "BTC", "USDT", "TRADING"),
        new MarketSymbol("ETHUSDT", "ETH", "USDT", "TRADING"),
        new MarketSymbol("EURUSDT", "EUR", "USDT", "TRADING"),
        new MarketSymbol("USDTTRY", "USDT", "TRY", "TRADING"),
        new MarketSymbol("ETHBTC", "ETH", "BTC", "TRADING"),
    }, DateTime.UtcNow);

    private static PriceCache Prices()
    {
        var prices = new PriceCache();
        prices.SetOpen("BTCUSDT", T, 94_000.12m);
        prices.SetOpen("ETHUSDT", T, 3_333.33m);
        prices.SetOpen("EURUSDT", T, 1.0345m);
        prices.SetOpen("USDTTRY", T, 35.42m);
        prices.SetNoKline("ETHBTC", T);
        return prices;
    }

    [Fact]
    public void The_same_asset_is_1_from_the_asset_itself()
    {
        var outcome = PriceRule.Evaluate("USDT", "USDT", T, Symbols, new PriceCache());
        Assert.Equal((1m, "USDT"), (outcome.Price, outcome.Source));
    }

    [Fact]
    public void The_direct_symbol_gives_its_open()
    {
        var outcome = PriceRule.Evaluate("BTC", "USDT", T, Symbols, Prices());
        Assert.Equal((94_000.12m, "BTCUSDT"), (outcome.Price, outcome.Source));
    }

    [Fact]
    public void The_inverse_symbol_gives_one_over_its_open_by_decimal_division()
    {
        var outcome = PriceRule.Evaluate("USDT", "EUR", T, Symbols, Prices());
        Assert.Equal((1m / 1.0345m, "1/EURUSDT"), (outcome.Price, outcome.Source));
        Assert.Equal("0.966650555824069598840019333", outcome.Price!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Without_either_symbol_the_price_goes_via_usdt_leg_by_leg()
    {
        var eur = PriceRule.Evaluate("ETH", "EUR", T, Symbols, Prices());
        Assert.Equal((3_333.33m * (1m / 1.0345m), "ETHUSDT*1/EURUSDT"), (eur.Price, eur.Source));

        var lira = PriceRule.Evaluate("BTC", "TRY", T, Symbols, Prices());
        Assert.Equal((94_000.12m * 35.42m, "BTCUSDT*USDTTRY"), (lira.Price, lira.Source));
    }

    [Fact]
    public void A_direct_symbol_without_a_kline_at_the_minute_gives_way_to_the_next_route()
    {
        // ETHBTC exists but has no kline at T: BTCETH does not exist, so ETH in BTC goes via USDT.
        var outcome = PriceRule.Evaluate("ETH", "BTC", T, Symbols, Prices());
        Assert.Equal("ETHUSDT*1/BTCUSDT", outcome.Source);
        Assert.Equal(3_333.33m * (1m / 94_000.12m), outcome.Price);
    }

    [Fact]
    public void The_rule_asks_for_the_first_kline_it_does_not_know_in_route_order()
    {
        var empty = new PriceCache();
        Assert.Equal("BTCUSDT", PriceRule.Evaluate("BTC", "USDT", T, Symbols, empty).NeededSymbol);
        Assert.Equal("EURUSDT", PriceRule.Evaluate("USDT", "EUR", T, Symbols, empty).NeededSymbol);
        Assert.Equal("ETHUSDT", PriceRule.Evaluate("ETH", "EUR", T, Symbols, empty).NeededSymbol);
        empty.SetOpen("ETHUSDT", T, 1m);
        Assert.Equal("EURUSDT", PriceRule.Evaluate("ETH", "EUR", T, Symbols, empty).NeededSymbol);
    }

    [Fact]
    public void No_route_is_not_found_and_says_what_was_tried()
    {
        var prices = Prices();
        prices.SetNoKline("BTCUSDT", T + 60_000);
        var none = PriceRule.Evaluate("DOGE", "EUR", T, Symbols, prices);
        Assert.Null(none.Price);
        Assert.True(none.Decided);
        Assert.Contains("no symbol trades DOGE in EUR", none.Reason, StringComparison.Ordinal);

        var missing = PriceRule.Evaluate("BTC", "USDT", T + 60_000, Symbols, prices);
        Assert.Contains("BTCUSDT has no kline opening on that minute", missing.Reason, StringComparison.Ordinal);
    }
}
