using System.Globalization;
using System.Net;
using System.Text.Json;

namespace PmInterest.Emulator.Tests;

/// <summary>
/// The unified Portfolio Margin account's endpoints (<c>/papi</c>): the same rules as the Pro
/// interest history, the answer's own spelling of the time field, its own weight pool and
/// header, and the answers Binance gives a key of the other kind of account.
/// </summary>
public class PortfolioMarginEndpointTests : ServerTest
{
    private const string PapiInterestPath = "papi/v1/portfolio/interest-history";
    private const long Day = 86_400_000;
    private static readonly long Start = ServerFactory.DataStart.ToUnixTimeMilliseconds();

    public static TheoryData<string> BothHistories() => new() { ApiCaller.InterestPath, PapiInterestPath };

    [Fact]
    public async Task The_papi_history_spells_its_time_field_interestAccuredTime_and_serves_the_same_records()
    {
        (string, string)[] window = [("startTime", Start.ToString(CultureInfo.InvariantCulture)), ("endTime", (Start + (20 * Day)).ToString(CultureInfo.InvariantCulture)), ("size", "100")];
        using HttpResponseMessage papi = await Api.SignedToAsync(PapiInterestPath, Scheme.Hmac, window);
        using HttpResponseMessage pro = await Api.SignedToAsync(ApiCaller.InterestPath, Scheme.Hmac, window);

        using JsonDocument body = JsonDocument.Parse(await papi.Content.ReadAsStringAsync());
        JsonElement first = body.RootElement.EnumerateArray().First();
        Assert.Equal(["asset", "interest", "interestAccuredTime", "interestRate", "principal"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            (await ApiCaller.RecordsOf(pro)).Select(r => r.InterestAccruedTime + r.Asset + r.Interest),
            body.RootElement.EnumerateArray().Select(e => e.GetProperty("interestAccuredTime").GetInt64() + e.GetProperty("asset").GetString()! + e.GetProperty("interest").GetString()!));
    }

    [Theory]
    [MemberData(nameof(BothHistories))]
    public async Task Both_histories_refuse_a_page_over_100_and_a_window_over_30_days(string path)
    {
        using HttpResponseMessage size = await Api.SignedToAsync(path, Scheme.Hmac, ("size", "101"));
        Assert.Equal((-1130, "Data sent for parameter 'size' is not valid."), await ApiCaller.ErrorOf(size));

        using HttpResponseMessage span = await Api.SignedToAsync(
            path, Scheme.Hmac, ("startTime", Start.ToString(CultureInfo.InvariantCulture)), ("endTime", (Start + (30 * Day) + 1).ToString(CultureInfo.InvariantCulture)));
        Assert.Equal((-1127, "More than 720 hours between startTime and endTime."), await ApiCaller.ErrorOf(span));

        using HttpResponseMessage unsigned = await Api.GetAsync(path + "?size=10");
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
    }

    [Fact]
    public async Task The_papi_pool_is_counted_apart_from_sapi_and_reported_in_X_MBX_USED_WEIGHT_1M()
    {
        using HttpResponseMessage papi = await Api.SignedToAsync(PapiInterestPath, Scheme.Hmac);
        using HttpResponseMessage account = await Api.SignedToAsync("papi/v1/account", Scheme.Hmac);
        using HttpResponseMessage time = await Api.GetAsync("papi/v1/time");
        using HttpResponseMessage sapi = await Api.SignedAsync(Scheme.Hmac);

        Assert.Equal(["50", "70", "71"], new[] { papi, account, time }.Select(r => Header(r, "X-MBX-USED-WEIGHT-1M")));
        Assert.Null(Header(papi, "X-SAPI-USED-IP-WEIGHT-1M"));
        Assert.Equal("50", Header(sapi, "X-SAPI-USED-IP-WEIGHT-1M"));
    }

    [Fact]
    public async Task The_papi_pool_has_its_own_limit_of_6000_by_default()
    {
        Server.Options.WeightLimit = 50;
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Server.Options.ClockSkew = TimeSpan.FromMilliseconds(60_000 - (now % 60_000) + 20); // start at a window's start
        HttpResponseMessage? last = null;
        for (var i = 0; i < 120; i++)
        {
            last?.Dispose();
            last = await Api.SignedToAsync(PapiInterestPath, Scheme.Hmac);
            Assert.True(last.StatusCode == HttpStatusCode.OK, "request " + i + " was refused");
        }

        using HttpResponseMessage over = await Api.SignedToAsync(PapiInterestPath, Scheme.Hmac);
        last?.Dispose();
        Assert.Equal("6000", Header(over, "X-MBX-USED-WEIGHT-1M"));
        Assert.Equal((HttpStatusCode)429, over.StatusCode);
        Assert.Contains("current limit is 6000", (await ApiCaller.ErrorOf(over)).Message, StringComparison.Ordinal);

        // The SAPI pool, limited to 50 here, is untouched by all of it.
        using HttpResponseMessage sapi = await Api.SignedAsync(Scheme.Hmac);
        Assert.Equal(HttpStatusCode.OK, sapi.StatusCode);
    }

    [Fact]
    public async Task The_papi_account_endpoint_answers_an_account_summary_for_a_signed_request()
    {
        using HttpResponseMessage response = await Api.SignedToAsync("papi/v1/account", Scheme.Ed25519);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("NORMAL", body.RootElement.GetProperty("accountStatus").GetString());

        using HttpResponseMessage unknown = await Api.SignedToAsync("papi/v1/account", Scheme.Hmac, ("asset", "BTC"));
        Assert.Equal(-1104, (await ApiCaller.ErrorOf(unknown)).Code);
    }

    [Fact]
    public async Task The_papi_time_answers_the_server_clock()
    {
        using HttpResponseMessage response = await Api.GetAsync("papi/v1/time");
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.InRange(body.RootElement.GetProperty("serverTime").GetInt64(), Api.ServerNow() - 5000, Api.ServerNow());
    }

    [Fact]
    public async Task A_unified_account_gets_21001_from_the_pro_history_and_is_served_by_papi()
    {
        Server.Options.Account = EmulatorAccount.PortfolioMargin;

        using HttpResponseMessage pro = await Api.SignedAsync(Scheme.Hmac);
        using HttpResponseMessage papi = await Api.SignedToAsync(PapiInterestPath, Scheme.Hmac);

        Assert.Equal(HttpStatusCode.BadRequest, pro.StatusCode);
        Assert.Equal((-21001, "Request ID is not a Portfolio Margin Account."), await ApiCaller.ErrorOf(pro));
        Assert.Equal(HttpStatusCode.OK, papi.StatusCode);
    }

    [Fact]
    public async Task A_pro_account_gets_2015_from_every_papi_signed_endpoint_and_is_served_by_sapi()
    {
        Server.Options.Account = EmulatorAccount.PortfolioMarginPro;

        using HttpResponseMessage papi = await Api.SignedToAsync(PapiInterestPath, Scheme.Hmac);
        using HttpResponseMessage account = await Api.SignedToAsync("papi/v1/account", Scheme.Hmac);
        using HttpResponseMessage pro = await Api.SignedAsync(Scheme.Hmac);

        foreach (HttpResponseMessage refused in new[] { papi, account })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal((-2015, "Invalid API-key, IP, or permissions for action."), await ApiCaller.ErrorOf(refused));
        }

        Assert.Equal(HttpStatusCode.OK, pro.StatusCode);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out IEnumerable<string>? values) ? values.FirstOrDefault() : null;
}
