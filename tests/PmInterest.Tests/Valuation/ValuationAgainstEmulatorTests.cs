using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using PmInterest.Binance;
using PmInterest.Emulator;
using PmInterest.Valuation;
using Xunit;
using static PmInterest.Tests.Valuation.MarketFixture;

namespace PmInterest.Tests.Valuation;

/// <summary>
/// The valuation engine through the real client against the emulator: every route exact against
/// prices computed here from the emulator's own data, PriceNotFound where no route has a kline
/// (before a listing even when a coarse kline opens on that day), the fewest requests, each price
/// once per session, nothing signed, and pacing under a low /api limit.
/// </summary>
public sealed class ValuationAgainstEmulatorTests
{
    private static readonly bool[] PricedAroundTheListing = { false, false, false, true, true, true, true, false };
    private static readonly string[] ThreeAssets = { "BTC", "ETH", "SOL" };
    private static readonly decimal[] OneOpen = { 1m };

    [Fact]
    public async Task Each_route_is_exact_against_the_emulators_prices()
    {
        await using var server = await StartAsync();
        using var client = PublicClient(server);
        var at = Ms("2025-03-05T13:47:31.250Z");
        var cases = new (string Asset, string Quote, string Source)[]
        {
            ("BTC", "USDT", "BTCUSDT"),
            ("USDT", "EUR", "1/EURUSDT"),
            ("ETH", "EUR", "ETHUSDT*1/EURUSDT"),
            ("BTC", "TRY", "BTCUSDT*USDTTRY"),
            ("USDT", "USDT", "USDT"),
            ("EUR", "EUR", "EUR"),
        };

        foreach (var (asset, quote, source) in cases)
        {
            var record = Record(asset, at, 0.00012345m);
            var valued = Assert.Single(await ValueAsync(client, new MarketSession(), new[] { record }, quote));
            var expected = Reference(server.Market, asset, quote, at)!.Value;

            Assert.Equal(source, valued.PriceSource);
            Assert.Equal(expected.Price, valued.Price);
            Assert.Equal(record.Interest * expected.Price, valued.Value);
            Assert.Equal(quote, valued.Quote);
            if (asset == quote)
            {
                Assert.Equal(1m, valued.Price);
                Assert.Null(valued.PriceTime);
                Assert.Equal(record.Interest, valued.Value);
            }
            else
            {
                Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(Ms("2025-03-05T13:47:00Z")).UtcDateTime, valued.PriceTime);
            }
        }
    }

    [Fact]
    public async Task The_direct_route_is_the_open_itself_with_its_scale_and_the_value_is_exact()
    {
        await using var server = await StartAsync();
        using var client = PublicClient(server);
        var at = Ms("2025-01-01T00:00:00Z");
        var valued = Assert.Single(await ValueAsync(client, new MarketSession(), new[] { Record("BTC", at, 0.00031415m) }, "USDT"));
        // The open as the kline carries it: 8 decimals, scale kept; the value is the exact product.
        var open = decimal.Parse(PriceModel.Text(server.Market.OpenAt("BTCUSDT", at)!.Value), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(PriceModel.Text(open), valued.Price!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((0.00031415m * open).ToString(System.Globalization.CultureInfo.InvariantCulture), valued.Value!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(16, decimal.GetBits(valued.Value.Value)[3] >> 16 & 0xFF);
    }

    [Fact]
    public async Task A_record_before_a_listing_or_after_a_delisting_has_no_price_even_where_a_daily_kline_opens_that_day()
    {
        await using var server = await StartAsync();
        using var client = PublicClient(server);
        var days = Enumerable.Range(0, 6).Select(i => Ms("2025-05-30T00:00:00Z") + (i * Day)).ToList();
        var records = days.Select(d => Record("NEWCOIN", d)).Append(Record("NEWCOIN", Ms("2025-06-01T10:30:00Z"))).Append(Record("OLDCOIN", Ms("2025-03-02T00:00:00Z"))).ToList();

        var valued = await ValueAsync(client, new MarketSession(), records, "USDT");

        Assert.Equal(records.Select(r => r.InterestAccruedTime), valued.Select(v => v.InterestAccruedTime));
        foreach (var v in valued)
        {
            var expected = Reference(server.Market, v.Asset, "USDT", v.Record.AccruedMs);
            Assert.Equal(expected?.Price, v.Price);
            Assert.Equal(expected is null, v.Value is null);
            Assert.Equal(expected is null, v.PriceSource is null);
        }

        // 2025-05-30 .. 06-01 00:00 are before the 10:30 listing (a 1d kline opens at 06-01 00:00 all the same).
        Assert.Equal(PricedAroundTheListing, valued.Select(v => v.Value is not null));
        Assert.Contains("NEWCOINUSDT has no kline opening on that minute", valued[2].MissingPrice, StringComparison.Ordinal);
        Assert.Contains(KlinesAsked(server), k => k == ("NEWCOINUSDT", "1m")); // the 06-01 daily kline was checked at 1m
    }

    [Fact]
    public async Task A_year_of_daily_records_for_five_assets_is_one_request_per_symbol_and_the_warm_cache_none()
    {
        await using var server = await StartAsync();
        using var client = PublicClient(server);
        var assets = new[] { "BTC", "ETH", "SOL", "USDC", "XRP" };
        var records = Enumerable.Range(0, 365).SelectMany(d => assets.Select(a => Record(a, Ms("2025-01-01T00:00:00Z") + (d * Day), 1.5m))).ToList();
        var session = new MarketSession();

        var usdt = await ValueAsync(client, session, records, "USDT");
        Assert.Equal(1, server.Stats.RequestsForPath("/api/v3/exchangeInfo"));
        var asked = KlinesAsked(server);
        Assert.Equal(assets.Select(a => (a + "USDT", "1d")).OrderBy(k => k.Item1, StringComparer.Ordinal), asked.OrderBy(k => k.Symbol, StringComparer.Ordinal));
        Assert.All(usdt, v => Assert.Equal(Reference(server.Market, v.Asset, "USDT", v.Record.AccruedMs)!.Value.Price, v.Price));

        // EUR needs EURUSDT once more; the USDT legs are in the session's cache already.
        var eur = await ValueAsync(client, session, records, "EUR");
        Assert.Equal(6, server.Stats.RequestsForPath("/api/v3/klines"));
        Assert.All(eur, v => Assert.Equal(Reference(server.Market, v.Asset, "EUR", v.Record.AccruedMs)!.Value.Price, v.Price));

        // From the warm cache: no request at all.
        var before = server.Stats.TotalRequests;
        var again = await ValueAsync(client, session, records, "EUR");
        Assert.Equal(before, server.Stats.TotalRequests);
        Assert.Equal(eur.Select(v => v.Value), again.Select(v => v.Value));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_hundred_and_twenty_days_of_hourly_records_is_three_1h_requests(bool newestFirst)
    {
        await using var server = await StartAsync();
        using var client = PublicClient(server);
        var records = Enumerable.Range(0, 120 * 24).Select(h => Record("ETH", Ms("2025-02-01T00:00:00Z") + (h * Hour), 0.001m)).ToList();
        if (newestFirst)
        {
            records.Reverse();
        }

        var valued = await ValueAsync(client, new MarketSession(), records, "USDT");

        Assert.Equal(Enumerable.Repeat(("ETHUSDT", "1h"), 3), KlinesAsked(server));
        Assert.Equal(records.Select(r => r.AccruedMs), valued.Select(v => v.Record.AccruedMs));
        Assert.All(valued, v => Assert.Equal(server.Market.OpenAt("ETHUSDT", v.Record.AccruedMs), v.Price));
    }

    [Fact]
    public async Task Market_data_carries_no_api_key_and_no_signature_even_beside_a_signed_connection()
    {
        await using var server = await StartAsync();
        using var signed = Client.EmulatorFixture.NewClient(server);
        await Client.EmulatorFixture.KeyCheck(signed);
        using var client = PublicClient(server);

        await ValueAsync(client, new MarketSession(), new[] { Record("BTC", Ms("2025-03-01T00:00:00Z")), Record("ETH", Ms("2025-03-01T00:00:00Z")) }, "EUR");

        var market = server.RequestLog.Where(r => r.Path.StartsWith("/api/v3/", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, market.Count); // exchangeInfo, BTCUSDT, ETHUSDT, EURUSDT
        Assert.All(market, r =>
        {
            Assert.False(r.ApiKeySent, r.Path + " carried an API key");
            Assert.False(r.SignatureSent, r.Path + " carried a signature");
            Assert.DoesNotContain("timestamp", r.Query ?? string.Empty, StringComparison.Ordinal);
            Assert.DoesNotContain("recvWindow", r.Query ?? string.Empty, StringComparison.Ordinal);
        });
        Assert.Contains(server.RequestLog, r => r.Path == "/sapi/v1/account/apiRestrictions" && r.ApiKeySent && r.SignatureSent);
    }

    [Fact]
    public async Task A_public_client_cannot_send_a_signed_request_at_all()
    {
        await using var server = await StartAsync();
        using var client = PublicClient(server);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Client.EmulatorFixture.KeyCheck(client));
        Assert.Equal(0, server.Stats.TotalRequests);
    }

    [Fact]
    public async Task Under_a_low_api_limit_it_paces_itself_gets_no_418_and_sends_nothing_after_a_429_until_its_wait_is_over()
    {
        const int windowMs = 2000;
        await using var server = await StartAsync(o =>
        {
            o.ApiWeightLimit = 30; // exchangeInfo (20) and five klines requests a window
            o.WeightWindow = TimeSpan.FromMilliseconds(windowMs);

            // A refusal more than the requests one client has in flight is a ban: those were
            // sent before the first 429 could be known; anything sent after it would be one more.
            o.BanAfter = 4;
        });
        using var client = PublicClient(server, o => o.WeightWindow = TimeSpan.FromMilliseconds(windowMs));

        // Every 7 minutes over four days for three symbols: only 1m klines serve, 6 requests each.
        var records = Enumerable.Range(0, 820).SelectMany(i => ThreeAssets.Select(a => Record(a, Ms("2025-04-01T00:07:00Z") + (i * 7 * Minute)))).ToList();
        var valued = await ValueAsync(client, new MarketSession(), records, "USDT");

        Assert.All(valued, v => Assert.NotNull(v.Value));
        Assert.Equal(0, server.Stats.Banned);
        Assert.True(server.Stats.TooManyRequests > 0, "the low limit should have been met");
        var log = server.RequestLog.OrderBy(r => r.ArrivedMs).ToList();
        Assert.True(log.Count(r => r.Path == "/api/v3/klines") >= 18);
        // Requests in flight when a 429 is answered were sent before it could be known: at most
        // the client's concurrency less the refused one arrive before its wait is over. One more
        // would have been sent after the 429.
        var inFlight = client.Options.MaxConcurrency - 1;
        foreach (var refused in log.Where(r => r.Status == 429))
        {
            var windowEnd = (refused.ArrivedMs / windowMs * windowMs) + windowMs;
            var during = log.Count(r => r.ArrivedMs > refused.AnsweredMs && r.ArrivedMs < windowEnd);
            Assert.True(during <= inFlight, $"{during} requests arrived after a 429 and before its window ended at {windowEnd}");
        }
    }

    [Fact]
    public async Task A_klines_answer_off_the_intervals_grid_is_a_protocol_error_not_a_missing_price()
    {
        var e = await Assert.ThrowsAsync<BinanceApiException>(() => new Valuator(new FakeOffGridSource(), new MarketSession()).ValueAsync(new[] { Record("BTC", Ms("2025-01-01T00:00:00Z")) }, "USDT", default));
        Assert.Equal(BinanceErrorKind.Protocol, e.Kind);
    }

    /// <summary>A source whose klines open off the interval's grid, as a server that aligns weeks otherwise would.</summary>
    private sealed class FakeOffGridSource : IMarketSource
    {
        public int MaxConcurrency => 1;

        public int Requests => 0;

        public Task<IReadOnlyList<PmInterest.Valuation.MarketSymbol>> SymbolsAsync(System.Threading.CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<PmInterest.Valuation.MarketSymbol>>(new[] { new PmInterest.Valuation.MarketSymbol("BTCUSDT", "BTC", "USDT", "TRADING") });

        public Task<KlineSeries> KlinesAsync(KlineRequest request, System.Threading.CancellationToken cancellationToken) =>
            Task.FromResult(new KlineSeries(new[] { request.StartMs + 1 }, OneOpen));
    }
}
