using System.Globalization;
using System.Net;
using System.Text.Json;

namespace PmInterest.Emulator.Tests;

/// <summary>
/// The public spot market data, as strictly as Binance: <c>GET /api/v3/klines</c> (weight 2,
/// limit default 500 and max 1000, every interval aligned as Binance aligns it, -1120 and -1121)
/// and <c>GET /api/v3/exchangeInfo</c> (weight 20), in the /api weight pool with its own 429/418,
/// prices deterministic per symbol and minute, listings and delistings, and no BTCEUR.
/// </summary>
public class MarketDataTests : ServerTest
{
    private const long Minute = 60_000;
    private const long Day = 86_400_000;
    private static readonly long Jan1 = Ms("2025-01-01T00:00:00Z");

    [Fact]
    public async Task A_kline_is_binances_array_of_twelve_with_the_open_of_its_minute_as_an_8_decimal_string()
    {
        using HttpResponseMessage response = await Api.GetAsync($"api/v3/klines?symbol=BTCUSDT&interval=1d&startTime={Jan1}&limit=3");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("2", Header(response, "X-MBX-USED-WEIGHT-1M"));
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        JsonElement[] klines = [.. body.RootElement.EnumerateArray()];
        Assert.Equal(3, klines.Length);
        for (int i = 0; i < 3; i++)
        {
            JsonElement[] k = [.. klines[i].EnumerateArray()];
            Assert.Equal(12, k.Length);
            long open = Jan1 + (i * Day);
            Assert.Equal(open, k[0].GetInt64());
            Assert.Equal(JsonValueKind.String, k[1].ValueKind);
            Assert.Matches(@"^\d+\.\d{8}$", k[1].GetString());
            Assert.Equal(Server.Market.OpenAt("BTCUSDT", open), decimal.Parse(k[1].GetString()!, CultureInfo.InvariantCulture));
            Assert.Equal(open + Day - 1, k[6].GetInt64());
            Assert.Equal(JsonValueKind.Number, k[8].ValueKind);
        }
    }

    [Theory]
    [InlineData("1s", "2025-03-05T13:47:21.500Z", "2025-03-05T13:47:22Z", 1_000)]
    [InlineData("1m", "2025-03-05T13:47:21Z", "2025-03-05T13:48:00Z", 60_000)]
    [InlineData("3m", "2025-03-05T13:47:00Z", "2025-03-05T13:48:00Z", 180_000)]
    [InlineData("5m", "2025-03-05T13:47:00Z", "2025-03-05T13:50:00Z", 300_000)]
    [InlineData("15m", "2025-03-05T13:47:00Z", "2025-03-05T14:00:00Z", 900_000)]
    [InlineData("30m", "2025-03-05T13:47:00Z", "2025-03-05T14:00:00Z", 1_800_000)]
    [InlineData("1h", "2025-03-05T13:47:00Z", "2025-03-05T14:00:00Z", 3_600_000)]
    [InlineData("2h", "2025-03-05T13:47:00Z", "2025-03-05T14:00:00Z", 7_200_000)]
    [InlineData("4h", "2025-03-05T13:47:00Z", "2025-03-05T16:00:00Z", 14_400_000)]
    [InlineData("6h", "2025-03-05T13:47:00Z", "2025-03-05T18:00:00Z", 21_600_000)]
    [InlineData("8h", "2025-03-05T13:47:00Z", "2025-03-05T16:00:00Z", 28_800_000)]
    [InlineData("12h", "2025-03-05T13:47:00Z", "2025-03-06T00:00:00Z", 43_200_000)]
    [InlineData("1d", "2025-03-05T13:47:00Z", "2025-03-06T00:00:00Z", 86_400_000)]
    [InlineData("3d", "2025-03-05T13:47:00Z", "2025-03-07T00:00:00Z", 259_200_000)]
    [InlineData("1w", "2025-03-05T13:47:00Z", "2025-03-10T00:00:00Z", 604_800_000)]
    public async Task Every_interval_opens_where_binances_do(string interval, string from, string firstOpen, long length)
    {
        long[] opens = await OpenTimes($"api/v3/klines?symbol=ETHUSDT&interval={interval}&startTime={Ms(from)}&limit=3");
        Assert.Equal([Ms(firstOpen), Ms(firstOpen) + length, Ms(firstOpen) + (2 * length)], opens);
    }

    [Fact]
    public async Task Weekly_klines_open_on_mondays_and_monthly_ones_on_the_first()
    {
        long[] weeks = await OpenTimes($"api/v3/klines?symbol=BTCUSDT&interval=1w&startTime={Jan1}&limit=10");
        Assert.All(weeks, w => Assert.Equal(DayOfWeek.Monday, DateTimeOffset.FromUnixTimeMilliseconds(w).UtcDateTime.DayOfWeek));
        Assert.All(weeks, w => Assert.Equal(0, w % Day));

        long[] months = await OpenTimes($"api/v3/klines?symbol=BTCUSDT&interval=1M&startTime={Ms("2024-11-15T00:00:00Z")}&limit=4");
        Assert.Equal([Ms("2024-12-01T00:00:00Z"), Jan1, Ms("2025-02-01T00:00:00Z"), Ms("2025-03-01T00:00:00Z")], months);
    }

    [Fact]
    public async Task A_time_zone_moves_where_days_open()
    {
        long[] opens = await OpenTimes($"api/v3/klines?symbol=BTCUSDT&interval=1d&startTime={Jan1}&timeZone=8&limit=2");
        Assert.Equal([Jan1 + (16 * 3_600_000), Jan1 + (40 * 3_600_000)], opens);
    }

    [Fact]
    public async Task The_limit_defaults_to_500_and_goes_to_1000_not_beyond()
    {
        Assert.Equal(500, (await OpenTimes($"api/v3/klines?symbol=BTCUSDT&interval=1m&startTime={Jan1}")).Length);
        Assert.Equal(1000, (await OpenTimes($"api/v3/klines?symbol=BTCUSDT&interval=1m&startTime={Jan1}&limit=1000")).Length);
        foreach (string limit in new[] { "1001", "0" })
        {
            using HttpResponseMessage response = await Api.GetAsync($"api/v3/klines?symbol=BTCUSDT&interval=1m&startTime={Jan1}&limit={limit}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal((-1130, "Data sent for parameter 'limit' is not valid."), await ApiCaller.ErrorOf(response));
        }
    }

    [Fact]
    public async Task A_window_gives_the_klines_opening_in_it_and_without_start_the_latest_up_to_the_end()
    {
        long end = Jan1 + (10 * Minute) - 1;
        long[] window = await OpenTimes($"api/v3/klines?symbol=BTCUSDT&interval=1m&startTime={Jan1}&endTime={end}&limit=1000");
        Assert.Equal(Enumerable.Range(0, 10).Select(i => Jan1 + (i * Minute)), window);

        long[] latest = await OpenTimes($"api/v3/klines?symbol=BTCUSDT&interval=1m&endTime={end}&limit=3");
        Assert.Equal([Jan1 + (7 * Minute), Jan1 + (8 * Minute), Jan1 + (9 * Minute)], latest);
    }

    [Theory]
    [InlineData("symbol=BTCEUR&interval=1d", -1121, "Invalid symbol.")]
    [InlineData("symbol=NOSUCHCOIN&interval=1m", -1121, "Invalid symbol.")]
    [InlineData("symbol=BTCUSDT&interval=1H", -1120, "Invalid interval.")]
    [InlineData("symbol=BTCUSDT&interval=2d", -1120, "Invalid interval.")]
    [InlineData("interval=1d", -1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.")]
    [InlineData("symbol=BTCUSDT", -1102, "Mandatory parameter 'interval' was not sent, was empty/null, or malformed.")]
    [InlineData("symbol=BTCUSDT&interval=1d&startTime=1.5", -1100, "Illegal characters found in parameter 'startTime'; legal range is '^[0-9]{1,20}$'.")]
    [InlineData("symbol=BTCUSDT&interval=1d&limit=", -1105, "Parameter 'limit' was empty.")]
    [InlineData("symbol=BTCUSDT&interval=1d&interval=1h", -1101, "Duplicate values for a parameter detected.")]
    [InlineData("symbol=BTCUSDT&interval=1d&recvWindow=5000", -1104, "Not all sent parameters were read; read '2' parameter(s) but was sent '3'.")]
    [InlineData("symbol=BTCUSDT&interval=1d&timeZone=15", -1130, "Data sent for parameter 'timeZone' is not valid.")]
    [InlineData("symbol=BTCUSDT&interval=1d&startTime=2000&endTime=1000", -1128, "Combination of optional parameters invalid.")]
    public async Task Bad_klines_requests_get_binances_code_and_http_400(string query, int code, string message)
    {
        using HttpResponseMessage response = await Api.GetAsync("api/v3/klines?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal((code, message), await ApiCaller.ErrorOf(response));
        Assert.Equal("2", Header(response, "X-MBX-USED-WEIGHT-1M")); // refused requests are charged too
    }

    [Fact]
    public async Task A_symbol_has_no_kline_before_its_listing_and_its_first_coarse_kline_opens_before_it_at_the_listing_price()
    {
        long listed = Ms("2025-06-01T10:30:00Z");
        long[] minutes = await OpenTimes($"api/v3/klines?symbol=NEWCOINUSDT&interval=1m&startTime={listed - (5 * Minute)}&limit=3");
        Assert.Equal([listed, listed + Minute, listed + (2 * Minute)], minutes);
        Assert.Null(Server.Market.OpenAt("NEWCOINUSDT", listed - Minute));

        using HttpResponseMessage day = await Api.GetAsync($"api/v3/klines?symbol=NEWCOINUSDT&interval=1d&startTime={Ms("2025-05-30T00:00:00Z")}&limit=3");
        using JsonDocument body = JsonDocument.Parse(await day.Content.ReadAsStringAsync());
        JsonElement first = body.RootElement[0];
        Assert.Equal(Ms("2025-06-01T00:00:00Z"), first[0].GetInt64());
        Assert.Equal(Server.Market.OpenAt("NEWCOINUSDT", listed), decimal.Parse(first[1].GetString()!, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_delisted_symbol_keeps_its_klines_up_to_the_delisting_and_has_none_after()
    {
        long delisted = Ms("2025-03-01T00:00:00Z");
        long[] days = await OpenTimes($"api/v3/klines?symbol=OLDCOINUSDT&interval=1d&startTime={delisted - (3 * Day)}&limit=10");
        Assert.Equal([delisted - (3 * Day), delisted - (2 * Day), delisted - Day], days);
        Assert.Null(Server.Market.OpenAt("OLDCOINUSDT", delisted));
    }

    [Fact]
    public async Task Prices_are_the_same_for_a_symbol_and_minute_in_every_run_and_neighbouring_minutes_are_close()
    {
        MarketSymbol btc = MarketCatalog.Default.Single(s => s.Symbol == "BTCUSDT");
        long t = Ms("2025-07-01T12:00:00Z");
        Assert.Equal(PriceModel.Price(btc, t), PriceModel.Price(btc, t + 59_999));
        decimal now = PriceModel.Price(btc, t);
        decimal next = PriceModel.Price(btc, t + Minute);
        Assert.InRange(next / now, 0.99m, 1.01m);
        Assert.Equal(2, now.Scale); // BTCUSDT's tick is 0.01

        using HttpResponseMessage response = await Api.GetAsync($"_emulator/price?symbol=BTCUSDT&time={t + 1234}");
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(t, body.RootElement.GetProperty("openTime").GetInt64());
        Assert.Equal(PriceModel.Text(now), body.RootElement.GetProperty("open").GetString());
    }

    [Fact]
    public async Task ExchangeInfo_lists_every_symbol_with_its_assets_for_weight_20_and_has_no_BTCEUR()
    {
        using HttpResponseMessage response = await Api.GetAsync("api/v3/exchangeInfo");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("20", Header(response, "X-MBX-USED-WEIGHT-1M"));
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        JsonElement[] symbols = [.. body.RootElement.GetProperty("symbols").EnumerateArray()];
        Assert.Equal(MarketCatalog.Default.Select(s => s.Symbol), symbols.Select(s => s.GetProperty("symbol").GetString()));
        Assert.DoesNotContain(symbols, s => s.GetProperty("quoteAsset").GetString() == "EUR");
        JsonElement eur = symbols.Single(s => s.GetProperty("symbol").GetString() == "EURUSDT");
        Assert.Equal(("EUR", "USDT", "TRADING"), (eur.GetProperty("baseAsset").GetString(), eur.GetProperty("quoteAsset").GetString(), eur.GetProperty("status").GetString()));
        Assert.Equal("BREAK", symbols.Single(s => s.GetProperty("symbol").GetString() == "OLDCOINUSDT").GetProperty("status").GetString());
    }

    [Fact]
    public async Task ExchangeInfo_of_named_symbols_fails_whole_for_one_unknown_symbol()
    {
        using HttpResponseMessage two = await Api.GetAsync("api/v3/exchangeInfo?symbols=%5B%22BTCUSDT%22,%22EURUSDT%22%5D");
        using JsonDocument body = JsonDocument.Parse(await two.Content.ReadAsStringAsync());
        Assert.Equal(2, body.RootElement.GetProperty("symbols").GetArrayLength());

        using HttpResponseMessage unknown = await Api.GetAsync("api/v3/exchangeInfo?symbols=%5B%22BTCUSDT%22,%22BTCEUR%22%5D");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal((-1121, "Invalid symbol."), await ApiCaller.ErrorOf(unknown));

        using HttpResponseMessage both = await Api.GetAsync("api/v3/exchangeInfo?symbol=BTCUSDT&permissions=SPOT");
        Assert.Equal(-1128, (await ApiCaller.ErrorOf(both)).Code);
    }

    [Fact]
    public async Task The_api_pool_has_its_own_limit_429_and_418_while_sapi_goes_on()
    {
        Server.Options.WeightWindow = TimeSpan.FromSeconds(2);
        Server.Options.ApiWeightLimit = 4; // two klines requests
        Server.Options.BanAfter = 1;
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Server.Options.ClockSkew = TimeSpan.FromMilliseconds(2000 - (now % 2000) + 20);
        var statuses = new List<int>();
        for (int i = 0; i < 4; i++)
        {
            using HttpResponseMessage response = await Api.GetAsync($"api/v3/klines?symbol=BTCUSDT&interval=1d&startTime={Jan1}&limit=1");
            statuses.Add((int)response.StatusCode);
            if (response.StatusCode == (HttpStatusCode)429)
            {
                Assert.NotNull(response.Headers.RetryAfter);
                Assert.Equal(-1003, (await ApiCaller.ErrorOf(response)).Code);
            }
        }

        Assert.Equal([200, 200, 429, 418], statuses);
        Assert.Equal(1, Server.Stats.TooManyRequests);
    }

    private static long Ms(string utc) => DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out IEnumerable<string>? values) ? values.Single() : null;

    private async Task<long[]> OpenTimes(string pathAndQuery)
    {
        using HttpResponseMessage response = await Api.GetAsync(pathAndQuery);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. body.RootElement.EnumerateArray().Select(k => k[0].GetInt64())];
    }
}
