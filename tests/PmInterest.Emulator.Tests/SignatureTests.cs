using System.Globalization;
using System.Net;

namespace PmInterest.Emulator.Tests;

/// <summary>API keys and signatures: what Binance accepts and what it refuses.</summary>
public class SignatureTests : ServerTest
{
    [Theory]
    [InlineData(Scheme.Hmac)]
    [InlineData(Scheme.Rsa)]
    [InlineData(Scheme.Ed25519)]
    public async Task Valid_signature_of_each_scheme_is_served(Scheme scheme)
    {
        using HttpResponseMessage response = await Api.SignedAsync(scheme, ("asset", "USDT"), ("size", "5"));
        List<EmulatorRecord> records = await ApiCaller.RecordsOf(response);
        Assert.All(records, r => Assert.Equal("USDT", r.Asset));
    }

    [Theory]
    [InlineData(Scheme.Hmac)]
    [InlineData(Scheme.Rsa)]
    [InlineData(Scheme.Ed25519)]
    public async Task Signature_over_different_text_is_refused_with_1022(Scheme scheme)
    {
        string timestamp = Api.ServerNow().ToString(CultureInfo.InvariantCulture);
        using HttpResponseMessage response = await Api.SignedRawAsync(
            scheme, "size=5&timestamp=" + timestamp, "size=6&timestamp=" + timestamp);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal((-1022, "Signature for this request is not valid."), await ApiCaller.ErrorOf(response));
    }

    [Theory]
    [InlineData(Scheme.Hmac)]
    [InlineData(Scheme.Ed25519)]
    public async Task Signing_the_unencoded_value_but_sending_it_encoded_fails(Scheme scheme)
    {
        string timestamp = Api.ServerNow().ToString(CultureInfo.InvariantCulture);
        using HttpResponseMessage mismatch = await Api.SignedRawAsync(
            scheme, "asset=A B&timestamp=" + timestamp, "asset=A%20B&timestamp=" + timestamp);
        Assert.Equal((-1022, "Signature for this request is not valid."), await ApiCaller.ErrorOf(mismatch));

        // The same value signed as it is sent passes: the rule is "sign the encoded text".
        using HttpResponseMessage matching = await Api.SignedRawAsync(scheme, "asset=A%20B&timestamp=" + timestamp);
        Assert.Empty(await ApiCaller.RecordsOf(matching));
    }

    [Fact]
    public async Task Upper_case_hex_signature_is_accepted()
    {
        string payload = "timestamp=" + Api.ServerNow().ToString(CultureInfo.InvariantCulture);
        string signature = TestSigner.Sign(Server.Options.Keys, Scheme.Hmac, payload).ToUpperInvariant();
        using HttpResponseMessage response = await Api.GetAsync($"{ApiCaller.InterestPath}?{payload}&signature={signature}", Server.Options.Keys.HmacApiKey);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Signature_of_another_key_scheme_is_refused()
    {
        string payload = "timestamp=" + Api.ServerNow().ToString(CultureInfo.InvariantCulture);
        using HttpResponseMessage response = await Api.SignedRawAsync(Scheme.Rsa, payload, apiKey: Server.Options.Keys.Ed25519ApiKey);
        Assert.Equal(-1022, (await ApiCaller.ErrorOf(response)).Code);
    }

    [Fact]
    public async Task Signature_that_is_not_the_last_parameter_is_refused()
    {
        string payload = "timestamp=" + Api.ServerNow().ToString(CultureInfo.InvariantCulture);
        string signature = TestSigner.Sign(Server.Options.Keys, Scheme.Hmac, payload);
        using HttpResponseMessage response = await Api.GetAsync(
            $"{ApiCaller.InterestPath}?signature={signature}&{payload}", Server.Options.Keys.HmacApiKey);
        Assert.Equal(-1022, (await ApiCaller.ErrorOf(response)).Code);
    }

    [Fact]
    public async Task Missing_signature_is_refused_with_1102()
    {
        string payload = "timestamp=" + Api.ServerNow().ToString(CultureInfo.InvariantCulture);
        using HttpResponseMessage response = await Api.GetAsync($"{ApiCaller.InterestPath}?{payload}", Server.Options.Keys.HmacApiKey);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            (-1102, "Mandatory parameter 'signature' was not sent, was empty/null, or malformed."),
            await ApiCaller.ErrorOf(response));
    }

    [Fact]
    public async Task Missing_api_key_is_refused_with_401_and_2014()
    {
        string payload = "timestamp=" + Api.ServerNow().ToString(CultureInfo.InvariantCulture);
        string signature = TestSigner.Sign(Server.Options.Keys, Scheme.Hmac, payload);
        using HttpResponseMessage response = await Api.GetAsync($"{ApiCaller.InterestPath}?{payload}&signature={signature}");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal((-2014, "API-key format invalid."), await ApiCaller.ErrorOf(response));
    }

    [Fact]
    public async Task Unknown_api_key_is_refused_with_401_and_2015()
    {
        string payload = "timestamp=" + Api.ServerNow().ToString(CultureInfo.InvariantCulture);
        using HttpResponseMessage response = await Api.SignedRawAsync(Scheme.Hmac, payload, apiKey: "NoSuchKey");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal((-2015, "Invalid API-key, IP, or permissions for action."), await ApiCaller.ErrorOf(response));
    }

    [Fact]
    public async Task Ping_and_time_need_no_signature()
    {
        using HttpResponseMessage ping = await Api.GetAsync("api/v3/ping");
        Assert.Equal("{}", await ping.Content.ReadAsStringAsync());
        using HttpResponseMessage time = await Api.GetAsync("api/v3/time");
        Assert.StartsWith("{\"serverTime\":", await time.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_path_is_404()
    {
        using HttpResponseMessage response = await Api.GetAsync("sapi/v1/portfolio/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
