using System.Globalization;
using System.Text.Json;

namespace PmInterest.Emulator.Tests;

/// <summary>What a valid request returns: filtering, inclusive bounds, page order, ties and defaults.</summary>
public class QueryTests : ServerTest
{
    private const long Hour = 3_600_000;
    private static readonly long T0 = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private protected override void Configure(EmulatorOptions options) => options.Records = ServerFactory.TieRecords(T0);

    [Fact]
    public async Task Records_come_in_the_endpoint_format_with_strings_kept_verbatim()
    {
        using HttpResponseMessage response = await Query(("asset", "USDT"), ("startTime", T0 + Hour), ("endTime", T0 + Hour));
        Assert.Equal(
            $"[{{\"asset\":\"USDT\",\"interest\":\"24.4440\",\"interestAccruedTime\":{T0 + Hour},\"interestRate\":\"0.0001164\",\"principal\":\"210000\"}}]",
            await response.Content.ReadAsStringAsync());
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("USDT", 2)]
    [InlineData("BTC", 1)]
    [InlineData("usdt", 0)]
    [InlineData("DOGE", 0)]
    public async Task Asset_filter_is_an_exact_match(string asset, int expected)
    {
        using HttpResponseMessage response = await Query(("asset", asset), ("startTime", T0), ("endTime", T0 + (2 * Hour)));
        List<EmulatorRecord> records = await ApiCaller.RecordsOf(response);
        Assert.Equal(expected, records.Count);
        Assert.All(records, r => Assert.Equal(asset, r.Asset));
    }

    [Theory]
    [InlineData(0, 2, 5)]
    [InlineData(1, 1, 3)]
    [InlineData(1, 2, 4)]
    [InlineData(0, 0, 1)]
    public async Task Window_bounds_are_inclusive(int startHour, int endHour, int expected)
    {
        using HttpResponseMessage response = await Query(("startTime", T0 + (startHour * Hour)), ("endTime", T0 + (endHour * Hour)));
        Assert.Equal(expected, (await ApiCaller.RecordsOf(response)).Count);
    }

    [Fact]
    public async Task Window_just_inside_the_instants_returns_nothing()
    {
        using HttpResponseMessage response = await Query(("startTime", T0 + 1), ("endTime", T0 + Hour - 1));
        Assert.Empty(await ApiCaller.RecordsOf(response));
    }

    [Fact]
    public async Task Newest_first_returns_the_newest_records_with_ties_by_asset()
    {
        using HttpResponseMessage response = await Query(("startTime", T0), ("endTime", T0 + (2 * Hour)), ("size", 3));
        Assert.Equal(
            ["BNB@2", "BTC@1", "ETH@1"],
            (await ApiCaller.RecordsOf(response)).Select(Label));
    }

    [Fact]
    public async Task Oldest_first_returns_the_oldest_records_oldest_first()
    {
        Server.Options.Order = RecordOrder.OldestFirst;
        using HttpResponseMessage response = await Query(("startTime", T0), ("endTime", T0 + (2 * Hour)), ("size", 3));
        Assert.Equal(
            ["USDT@0", "BTC@1", "ETH@1"],
            (await ApiCaller.RecordsOf(response)).Select(Label));
    }

    [Fact]
    public async Task Shuffled_ties_give_a_random_subset_of_the_tie_that_straddles_the_page_end()
    {
        Server.Options.TieOrder = TieOrder.Shuffled;
        var pages = new HashSet<string>();
        for (int i = 0; i < 20; i++)
        {
            // size 2: BNB (alone at +2h) and one of the three tied records at +1h.
            using HttpResponseMessage response = await Query(("startTime", T0), ("endTime", T0 + (2 * Hour)), ("size", 2));
            List<EmulatorRecord> page = await ApiCaller.RecordsOf(response);
            Assert.Equal("BNB@2", Label(page[0]));
            Assert.Equal(T0 + Hour, page[1].InterestAccruedTime);
            pages.Add(page[1].Asset);
        }

        Assert.True(pages.Count >= 2, "20 shuffled pages all cut the tie the same way");
    }

    [Fact]
    public async Task Defaults_are_the_last_7_days_or_up_to_span_after_start_or_7_days_before_end()
    {
        long now = Server.ServerTimeMilliseconds;

        using HttpResponseMessage neither = await Query();
        Assert.Empty(await ApiCaller.RecordsOf(neither)); // the records lie in 2025, long before the last 7 days

        using HttpResponseMessage onlyStart = await Query(("startTime", T0));
        Assert.Equal(5, (await ApiCaller.RecordsOf(onlyStart)).Count);

        using HttpResponseMessage onlyEnd = await Query(("endTime", T0 + (7 * 24 * Hour)));
        Assert.Equal(5, (await ApiCaller.RecordsOf(onlyEnd)).Count);

        using HttpResponseMessage onlyEndTooLate = await Query(("endTime", T0 + (7 * 24 * Hour) + (2 * Hour) + 1));
        Assert.Empty(await ApiCaller.RecordsOf(onlyEndTooLate));

        EmulatorQuery[] queries = [.. Server.Stats.DistinctInterestQueries];
        Assert.Equal(4, queries.Length);
        Assert.InRange(queries[0].EndTime - now, 0, 60_000);
        Assert.Equal(7 * 24 * Hour, queries[0].EndTime - queries[0].StartTime);
        Assert.Equal(new EmulatorQuery(null, T0, T0 + (30 * 24 * Hour)), queries[1]);
        Assert.Equal(new EmulatorQuery(null, T0, T0 + (7 * 24 * Hour)), queries[2]);
    }

    [Fact]
    public async Task Control_endpoint_lists_records_newest_first_and_is_not_counted()
    {
        using HttpResponseMessage all = await Api.GetAsync("_emulator/records");
        Assert.Equal(Server.Records, await ApiCaller.RecordsOf(all));
        Assert.Equal(["BNB@2", "BTC@1", "ETH@1", "USDT@1", "USDT@0"], Server.Records.Select(Label));

        using HttpResponseMessage filtered = await Api.GetAsync(
            $"_emulator/records?asset=USDT&startTime={T0}&endTime={T0 + Hour}");
        Assert.Equal(["USDT@1", "USDT@0"], (await ApiCaller.RecordsOf(filtered)).Select(Label));

        Assert.Equal(0, Server.Stats.TotalRequests);
        Assert.Equal(0, Server.Stats.CurrentWindowWeight);
    }

    [Fact]
    public async Task Stats_count_requests_statuses_and_distinct_queries()
    {
        for (int i = 0; i < 2; i++)
        {
            using HttpResponseMessage ok = await Query(("asset", "USDT"), ("startTime", T0), ("endTime", T0 + Hour));
        }

        using HttpResponseMessage other = await Query(("startTime", T0), ("endTime", T0 + Hour));
        using HttpResponseMessage refused = await Query(("size", 0));
        using HttpResponseMessage ping = await Api.GetAsync("api/v3/ping");

        EmulatorStats stats = Server.Stats;
        Assert.Equal(5, stats.TotalRequests);
        Assert.Equal(4, stats.RequestsForPath("/sapi/v1/portfolio/interest-history"));
        Assert.Equal(4, stats.InterestHistoryRequests);
        Assert.Equal(3, stats.InterestHistoryOk);
        Assert.Equal(4, stats.RequestsWithStatus(200));
        Assert.Equal(1, stats.RequestsWithStatus(400));
        Assert.Equal(8, stats.RecordsServed);
        Assert.Equal(
            [new EmulatorQuery("USDT", T0, T0 + Hour), new EmulatorQuery(null, T0, T0 + Hour)],
            stats.DistinctInterestQueries);
        Assert.Equal(200, stats.CurrentWindowWeight);

        using HttpResponseMessage statsBody = await Api.GetAsync("_emulator/stats");
        using (JsonDocument json = JsonDocument.Parse(await statsBody.Content.ReadAsStringAsync()))
        {
            Assert.Equal(5, json.RootElement.GetProperty("totalRequests").GetInt64());
            Assert.Equal(2, json.RootElement.GetProperty("distinctInterestQueryCount").GetInt32());
        }

        using HttpResponseMessage reset = await ApiCaller.Http.PostAsync(new Uri(Server.BaseUri, "_emulator/reset"), null);
        Assert.Equal(0, Server.Stats.TotalRequests);
        Assert.Equal(0, Server.Stats.DistinctInterestQueryCount);
        Assert.Equal(0, Server.Stats.CurrentWindowWeight);
    }

    private static string Label(EmulatorRecord r) =>
        r.Asset + "@" + ((r.InterestAccruedTime - T0) / Hour).ToString(CultureInfo.InvariantCulture);

    private Task<HttpResponseMessage> Query(params (string Name, object Value)[] parameters) =>
        Api.SignedAsync(Scheme.Hmac, [.. parameters.Select(p => (p.Name, Convert.ToString(p.Value, CultureInfo.InvariantCulture)!))]);
}
