using PmInterest.Valuation;
using Xunit;

namespace PmInterest.Tests.Valuation;

/// <summary>The session's prices: each known once, what has no kline known too, and never more than the cache's capacity.</summary>
public sealed class PriceCacheTests
{
    [Fact]
    public void A_price_a_missing_kline_and_an_unknown_minute_are_three_answers()
    {
        var cache = new PriceCache();
        cache.SetOpen("BTCUSDT", 60_000, 94_000.12m);
        cache.SetNoKline("BTCUSDT", 120_000);

        Assert.Equal(PriceKnowledge.Known, cache.Lookup("BTCUSDT", 60_000, out var open));
        Assert.Equal(94_000.12m, open);
        Assert.Equal(PriceKnowledge.NoKline, cache.Lookup("BTCUSDT", 120_000, out _));
        Assert.Equal(PriceKnowledge.Unknown, cache.Lookup("BTCUSDT", 180_000, out _));
        Assert.Equal(PriceKnowledge.Unknown, cache.Lookup("ETHUSDT", 60_000, out _));
    }

    [Fact]
    public void It_never_holds_more_than_its_capacity_and_forgets_the_oldest_first()
    {
        var cache = new PriceCache(capacity: 1_000);
        for (var i = 0; i < 50_000; i++)
        {
            cache.SetOpen("BTCUSDT", i * 60_000L, i);
        }

        Assert.Equal(1_000, cache.Count);
        Assert.Equal(PriceKnowledge.Unknown, cache.Lookup("BTCUSDT", 0, out _));
        Assert.Equal(PriceKnowledge.Known, cache.Lookup("BTCUSDT", 49_999 * 60_000L, out var last));
        Assert.Equal(49_999m, last);
    }
}
