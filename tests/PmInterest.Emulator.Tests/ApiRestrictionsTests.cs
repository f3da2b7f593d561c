using System.Globalization;
using System.Net;
using System.Text.Json;

namespace PmInterest.Emulator.Tests;

/// <summary><c>GET /sapi/v1/account/apiRestrictions</c>: as strict as the interest endpoint, weight 1 in the SAPI pool, and its account knobs.</summary>
public class ApiRestrictionsTests : ServerTest
{
    private const string Path = "sapi/v1/account/apiRestrictions";

    [Theory]
    [InlineData(Scheme.Hmac)]
    [InlineData(Scheme.Rsa)]
    [InlineData(Scheme.Ed25519)]
    public async Task A_signed_request_gets_the_flags_of_a_read_only_key_and_costs_one_sapi_weight(Scheme scheme)
    {
        using HttpResponseMessage response = await Api.SignedToAsync(Path, scheme, ("recvWindow", "5000"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1", response.Headers.GetValues("X-SAPI-USED-IP-WEIGHT-1M").Single());
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(body.RootElement.GetProperty("ipRestrict").GetBoolean());
        Assert.True(body.RootElement.GetProperty("enableReading").GetBoolean());
        Assert.False(body.RootElement.GetProperty("enableWithdrawals").GetBoolean());
        Assert.Equal(1704067200000, body.RootElement.GetProperty("createTime").GetInt64());
        Assert.Equal(1, Server.Stats.CurrentWindowWeight);
        Assert.Equal(0, Server.Stats.InterestHistoryRequests);
    }

    [Fact]
    public async Task Without_a_key_or_with_an_unknown_key_it_is_refused()
    {
        string query = TestSigner.Query(("timestamp", Api.ServerNow().ToString(CultureInfo.InvariantCulture)));
        using HttpResponseMessage none = await Api.GetAsync(Path + "?" + query + "&signature=00");
        Assert.Equal((-2014, "API-key format invalid."), await ApiCaller.ErrorOf(none));

        using HttpResponseMessage unknown = await Api.SignedRawAsync(Scheme.Hmac, query, apiKey: "not-a-key", path: Path);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(-2015, (await ApiCaller.ErrorOf(unknown)).Code);
    }

    [Fact]
    public async Task A_wrong_signature_is_refused_with_1022()
    {
        string query = TestSigner.Query(("timestamp", Api.ServerNow().ToString(CultureInfo.InvariantCulture)));
        using HttpResponseMessage response = await Api.SignedRawAsync(Scheme.Hmac, query + "&recvWindow=5000", sentText: query, path: Path);
        Assert.Equal((-1022, "Signature for this request is not valid."), await ApiCaller.ErrorOf(response));
    }

    [Fact]
    public async Task A_timestamp_outside_recvWindow_is_refused_with_1021()
    {
        string old = (Api.ServerNow() - 10_000).ToString(CultureInfo.InvariantCulture);
        using HttpResponseMessage response = await Api.SignedToAsync(Path, Scheme.Hmac, ("timestamp", old));
        Assert.Equal(-1021, (await ApiCaller.ErrorOf(response)).Code);
    }

    [Theory]
    [InlineData("asset", "BTC", -1104)]
    [InlineData("recvWindow", "", -1105)]
    [InlineData("recvWindow", "abc", -1100)]
    [InlineData("recvWindow", "60001", -1131)]
    public async Task Unknown_empty_or_malformed_parameters_are_refused(string name, string value, int code)
    {
        using HttpResponseMessage response = await Api.SignedToAsync(Path, Scheme.Hmac, (name, value));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, (await ApiCaller.ErrorOf(response)).Code);
    }

    [Fact]
    public async Task A_duplicate_parameter_is_refused_with_1101()
    {
        string now = Api.ServerNow().ToString(CultureInfo.InvariantCulture);
        using HttpResponseMessage response = await Api.SignedToAsync(Path, Scheme.Hmac, ("timestamp", now), ("timestamp", now));
        Assert.Equal(-1101, (await ApiCaller.ErrorOf(response)).Code);
    }

    [Fact]
    public async Task A_key_that_cannot_read_is_told_so_here_and_refused_with_2015_by_the_interest_endpoint()
    {
        Server.Options.KeyCannotRead = true;

        using HttpResponseMessage flags = await Api.SignedToAsync(Path, Scheme.Hmac);
        using (JsonDocument body = JsonDocument.Parse(await flags.Content.ReadAsStringAsync()))
        {
            Assert.False(body.RootElement.GetProperty("enableReading").GetBoolean());
        }

        using HttpResponseMessage interest = await Api.SignedAsync(Scheme.Hmac);
        Assert.Equal(HttpStatusCode.Unauthorized, interest.StatusCode);
        Assert.Equal((-2015, "Invalid API-key, IP, or permissions for action."), await ApiCaller.ErrorOf(interest));
    }

    [Fact]
    public async Task An_ip_restricted_key_says_so_and_is_served()
    {
        Server.Options.IpRestrictReported = true;

        using HttpResponseMessage flags = await Api.SignedToAsync(Path, Scheme.Hmac);
        using JsonDocument body = JsonDocument.Parse(await flags.Content.ReadAsStringAsync());
        Assert.True(body.RootElement.GetProperty("ipRestrict").GetBoolean());
        using HttpResponseMessage interest = await Api.SignedAsync(Scheme.Hmac);
        Assert.Equal(HttpStatusCode.OK, interest.StatusCode);
    }

    [Fact]
    public async Task An_ip_not_on_the_allow_list_is_refused_with_2015_on_every_signed_call()
    {
        Server.Options.IpNotAllowed = true;

        using HttpResponseMessage flags = await Api.SignedToAsync(Path, Scheme.Ed25519);
        using HttpResponseMessage interest = await Api.SignedAsync(Scheme.Rsa);
        Assert.Equal(-2015, (await ApiCaller.ErrorOf(flags)).Code);
        Assert.Equal(-2015, (await ApiCaller.ErrorOf(interest)).Code);
        using HttpResponseMessage time = await Api.GetAsync("api/v3/time");
        Assert.Equal(HttpStatusCode.OK, time.StatusCode); // unsigned calls are not affected
    }
}
