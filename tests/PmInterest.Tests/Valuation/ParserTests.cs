using System;
using System.Linq;
using PmInterest.Binance.Json;
using PmInterest.Endpoints;
using Xunit;

namespace PmInterest.Tests.Valuation;

/// <summary>The klines and exchangeInfo readers: exact opens with their scale, strict where a price depends on it.</summary>
public sealed class ParserTests
{
    private static readonly long[] TwoOpenTimes = { 1499040000000L, 1499126400000L };
    private static readonly string[] ReadableSymbols = { "BTCUSDT", "OLDUSDT" };

    private const string Kline = "[1499040000000,\"0.01634790\",\"0.80000000\",\"0.01575800\",\"0.01577100\",\"148976.11427815\",1499644799999,\"2434.19055334\",308,\"1756.87402397\",\"28.46694368\",\"0\"]";

    [Fact]
    public void Klines_give_open_times_and_exact_opens_with_their_scale()
    {
        var series = KlineParser.Read(new JsonCursor("[" + Kline + "," + Kline.Replace("1499040000000", "1499126400000", StringComparison.Ordinal) + "]"));
        Assert.Equal(TwoOpenTimes, series.OpenTimes);
        Assert.Equal("0.01634790", series.Opens[0].ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(KlineParser.Read(new JsonCursor("[]")).OpenTimes);
    }

    [Theory]
    [InlineData("[[1499040000000]]")]
    [InlineData("[[1499040000000,\"0\"]]")]
    [InlineData("[[1499040000000,\"-1.5\"]]")]
    [InlineData("[[1499040000000,\"0.12345678901234567890123456789\"]]")]
    [InlineData("[[-5,\"1.5\"]]")]
    [InlineData("[[\"x\",\"1.5\"]]")]
    [InlineData("[{\"open\":\"1.5\"}]")]
    [InlineData("{}")]
    public void Klines_without_a_usable_open_time_or_open_are_refused(string json) =>
        Assert.Throws<FormatException>(() => KlineParser.Read(new JsonCursor(json)));

    [Fact]
    public void ExchangeInfo_gives_each_symbols_assets_and_passes_over_the_rest_and_odd_listings()
    {
        const string json = "{\"timezone\":\"UTC\",\"rateLimits\":[{\"rateLimitType\":\"REQUEST_WEIGHT\",\"limit\":6000}],\"symbols\":[" +
            "{\"symbol\":\"BTCUSDT\",\"status\":\"TRADING\",\"baseAsset\":\"BTC\",\"quoteAsset\":\"USDT\",\"filters\":[{\"filterType\":\"PRICE_FILTER\"}],\"permissionSets\":[[\"SPOT\",\"MARGIN\"]]}," +
            "{\"symbol\":\"odd usd\",\"status\":\"TRADING\",\"baseAsset\":\"odd\",\"quoteAsset\":\"USD\"}," +
            "{\"symbol\":\"OLDUSDT\",\"status\":\"BREAK\",\"baseAsset\":\"OLD\",\"quoteAsset\":\"USDT\"}]}";
        var symbols = ExchangeInfoParser.Read(new JsonCursor(json));
        Assert.Equal(ReadableSymbols, symbols.Select(s => s.Symbol));
        Assert.Equal(("BTC", "USDT", "TRADING"), (symbols[0].BaseAsset, symbols[0].QuoteAsset, symbols[0].Status));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{\"timezone\":\"UTC\"}")]
    [InlineData("{\"symbols\":[],\"symbols\":[]}")]
    [InlineData("{\"symbols\":[1]}")]
    public void ExchangeInfo_without_one_symbols_list_is_refused(string json) =>
        Assert.Throws<FormatException>(() => ExchangeInfoParser.Read(new JsonCursor(json)));
}
