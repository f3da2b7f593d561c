using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace PmInterest.Emulator.Tests;

/// <summary>The hostile modes: each answers as a broken or hostile server would, and tests can see what happened.</summary>
public class HostileModeTests : ServerTest
{
    // A client that does what a careless one would not: it neither follows redirects nor decompresses.
    private static readonly HttpClient Raw = new(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(20) };

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task A_redirect_points_at_the_second_listener_with_path_and_query_and_uncharged(int status)
    {
        Server.Options.RedirectStatus = status;

        using HttpResponseMessage response = await Raw.SendAsync(Signed());

        Assert.Equal((HttpStatusCode)status, response.StatusCode);
        Uri location = response.Headers.Location!;
        Assert.Equal(Server.RedirectListenerUri.Port, location.Port);
        Assert.NotEqual(Server.BaseUri.Port, location.Port);
        Assert.Equal("/" + ApiCaller.InterestPath, location.AbsolutePath);
        Assert.Contains("startTime=", location.Query, StringComparison.Ordinal);
        Assert.Contains("&signature=", location.Query, StringComparison.Ordinal);
        Assert.Equal(0, Server.Stats.CurrentWindowWeight);
        Assert.Empty(Server.RedirectedRequests); // the test's client followed nothing
    }

    [Fact]
    public async Task The_second_listener_records_what_a_following_client_gives_away_and_answers_an_empty_page()
    {
        Server.Options.RedirectStatus = 307;

        using HttpResponseMessage followed = await Api.SignedAsync(Scheme.Hmac); // ApiCaller.Http follows redirects

        Assert.Equal(HttpStatusCode.OK, followed.StatusCode);
        Assert.Equal("[]", await followed.Content.ReadAsStringAsync());
        RedirectedRequest leak = Assert.Single(Server.RedirectedRequests);
        Assert.Equal("/" + ApiCaller.InterestPath, leak.Path);
        Assert.Contains("signature=", leak.Query, StringComparison.Ordinal);
        Assert.Equal(Server.Options.Keys.HmacApiKey, leak.Headers["X-MBX-APIKEY"]);
        Assert.Equal(0, Server.Stats.InterestHistoryRequests);

        using HttpResponseMessage control = await Api.GetAsync("_emulator/redirected");
        using JsonDocument listed = JsonDocument.Parse(await control.Content.ReadAsStringAsync());
        Assert.Equal(1, listed.RootElement.GetArrayLength());
        Server.Reset();
        Assert.Empty(Server.RedirectedRequests);
    }

    [Fact]
    public async Task A_redirect_target_may_be_given()
    {
        Server.Options.RedirectStatus = 302;
        Server.Options.RedirectTarget = new Uri("https://elsewhere.example:8443/");

        using HttpResponseMessage response = await Raw.GetAsync(new Uri(Server.BaseUri, "api/v3/ping?a=1"));

        Assert.Equal(new Uri("https://elsewhere.example:8443/api/v3/ping?a=1"), response.Headers.Location);
    }

    [Fact]
    public async Task An_oversized_body_declares_its_length_and_streams_a_valid_looking_array_of_exactly_that_length()
    {
        Server.Options.HostileBody = HostileBody.Oversized;
        Server.Options.OversizedBodyBytes = 3_000_001;

        using HttpResponseMessage response = await Api.SignedAsync(Scheme.Hmac);
        byte[] body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(3_000_001, response.Content.Headers.ContentLength);
        Assert.Equal(3_000_001, body.Length);
        using JsonDocument parsed = JsonDocument.Parse(body);
        Assert.True(parsed.RootElement.GetArrayLength() > 20_000);
        Assert.Equal("USDT", parsed.RootElement[0].GetProperty("asset").GetString());
    }

    [Fact]
    public async Task An_endless_body_is_chunked_and_never_ends()
    {
        Server.Options.HostileBody = HostileBody.Endless;

        using HttpResponseMessage response = await Raw.SendAsync(Signed(), HttpCompletionOption.ResponseHeadersRead);
        await using Stream body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        int first = await body.ReadAsync(buffer);
        long read = first;
        Assert.Equal((byte)'[', buffer[0]);
        while (read < 8_000_000)
        {
            int n = await body.ReadAsync(buffer);
            Assert.NotEqual(0, n);
            read += n;
        }

        Assert.Null(response.Content.Headers.ContentLength);
        Assert.True(response.Headers.TransferEncodingChunked);
    }

    [Fact]
    public async Task False_gzip_labels_plain_json_as_gzip()
    {
        Server.Options.HostileBody = HostileBody.FalseGzip;

        using HttpResponseMessage response = await Raw.SendAsync(Signed());

        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        Assert.Equal((byte)'[', (await response.Content.ReadAsByteArrayAsync())[0]);
    }

    [Fact]
    public async Task Unknown_charset_labels_the_page_with_the_chosen_charset()
    {
        Server.Options.HostileBody = HostileBody.UnknownCharset;
        Server.Options.Charset = "x-klingon";

        using HttpResponseMessage response = await Raw.SendAsync(Signed());

        Assert.Equal("x-klingon", response.Content.Headers.ContentType!.CharSet);
    }

    [Fact]
    public async Task Invalid_utf8_puts_a_0xFF_byte_in_the_first_asset()
    {
        Server.Options.HostileBody = HostileBody.InvalidUtf8;

        using HttpResponseMessage response = await Raw.SendAsync(Signed());
        byte[] body = await response.Content.ReadAsByteArrayAsync();

        Assert.Contains((byte)0xFF, body);
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(body));
    }

    [Fact]
    public async Task Time_out_of_range_sets_every_accrual_time_to_1e17()
    {
        Server.Options.HostileBody = HostileBody.TimeOutOfRange;

        using HttpResponseMessage response = await Api.SignedAsync(Scheme.Hmac, ("startTime", Start()), ("endTime", End()), ("size", "100"));
        List<EmulatorRecord> records = await ApiCaller.RecordsOf(response);

        Assert.Equal(100, records.Count);
        Assert.All(records, r => Assert.Equal(100_000_000_000_000_000, r.InterestAccruedTime));
    }

    [Theory]
    [InlineData(HostileBody.DuplicateField, "\"interest\":\"999\",\"interest\":")]
    [InlineData(HostileBody.TrailingText, "}][]")]
    [InlineData(HostileBody.LongDecimal, "\"interest\":\"0.12345678901234567890123456789\"")]
    [InlineData(HostileBody.OddTime, "\"interestAccruedTime\":\" +T \"")]
    [InlineData(HostileBody.NegativeAmount, "\"interest\":\"-")]
    public async Task An_edited_page_holds_what_Binance_never_sends(HostileBody body, string held)
    {
        Server.Options.HostileBody = body;

        using HttpResponseMessage response = await Api.SignedAsync(Scheme.Hmac, ("startTime", Start()), ("endTime", End()), ("size", "100"));
        string text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(held, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deep_nesting_goes_a_hundred_thousand_levels_in_pages_errors_and_key_checks()
    {
        string nested = new string('[', HostileAnswers.NestingDepth) + new string(']', HostileAnswers.NestingDepth);

        Server.Options.HostileBody = HostileBody.DeepNesting;
        using (HttpResponseMessage page = await Api.SignedAsync(Scheme.Hmac, ("startTime", Start()), ("endTime", End()), ("size", "100")))
        {
            Assert.Equal("[{\"extra\":" + nested + "}]", await page.Content.ReadAsStringAsync());
        }

        Server.Options.HostileBody = HostileBody.None;
        Server.Options.NestedKeyCheck = true;
        using (HttpResponseMessage check = await Api.SignedToAsync("sapi/v1/account/apiRestrictions", Scheme.Hmac))
        {
            Assert.Equal(HttpStatusCode.OK, check.StatusCode);
            Assert.Equal("{\"extra\":" + nested + "}", await check.Content.ReadAsStringAsync());
        }

        Server.Options.NestedKeyCheck = false;
        Server.Options.NestedErrors = true;
        using HttpResponseMessage error = await Api.SignedAsync(Scheme.Hmac, ("startTime", Start()), ("endTime", End()), ("size", "100"));
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("{\"extra\":" + nested + "}", await error.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_absurd_ban_end_lies_past_the_year_9999_with_a_retry_after_no_int_holds()
    {
        Server.Options.AbsurdBanEnd = true;
        Server.BanAll(TimeSpan.FromMinutes(2));

        using HttpResponseMessage response = await Api.SignedAsync(Scheme.Hmac);

        Assert.Equal((HttpStatusCode)418, response.StatusCode);
        Assert.Equal("100000000000000", response.Headers.GetValues("Retry-After").Single());
        Assert.Contains("banned until 100000000000000000.", (await ApiCaller.ErrorOf(response)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Control_characters_decorate_every_error_message()
    {
        Server.Options.ControlCharactersInMessages = true;

        using HttpResponseMessage response = await Api.SignedAsync(Scheme.Hmac, ("size", "0"));
        string message = (await ApiCaller.ErrorOf(response)).Message;

        Assert.Contains("\u001b[", message, StringComparison.Ordinal);
        Assert.Contains("\r\n", message, StringComparison.Ordinal);
        Assert.Contains("\u009b", message, StringComparison.Ordinal);
        Assert.Contains("Data sent for parameter 'size' is not valid.", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ban_of_every_ip_refuses_the_first_request_and_reset_lifts_it()
    {
        Server.BanAll(TimeSpan.FromMinutes(5));

        using HttpResponseMessage first = await Api.SignedAsync(Scheme.Hmac);
        Assert.Equal((HttpStatusCode)418, first.StatusCode);
        Assert.InRange(first.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 290, 300);

        Server.Reset();
        using HttpResponseMessage after = await Api.SignedAsync(Scheme.Hmac);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Weight_spent_by_others_counts_in_the_header_and_refuses_what_no_longer_fits()
    {
        Server.Options.WeightLimit = 1000;
        Server.Options.WeightWindow = TimeSpan.FromMinutes(10); // no boundary within the test
        using HttpResponseMessage spend = await Raw.PostAsync(new Uri(Server.BaseUri, "_emulator/spend-weight?weight=960"), null);
        Assert.Equal(HttpStatusCode.OK, spend.StatusCode);

        using HttpResponseMessage refused = await Api.SignedAsync(Scheme.Hmac);

        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.Equal("960", refused.Headers.GetValues("X-SAPI-USED-IP-WEIGHT-1M").Single());
        Assert.Equal(960, Server.Stats.CurrentWindowWeight);
    }

    [Fact]
    public async Task The_request_log_holds_each_request_with_its_timestamp_status_and_times()
    {
        long before = Api.ServerNow();
        using HttpResponseMessage ok = await Api.SignedAsync(Scheme.Hmac);
        using HttpResponseMessage refused = await Api.SignedAsync(Scheme.Hmac, ("size", "0"));
        using HttpResponseMessage ping = await Api.GetAsync("api/v3/ping");
        using HttpResponseMessage stats = await Api.GetAsync("_emulator/stats");

        IReadOnlyList<LoggedRequest> log = Server.RequestLog;

        Assert.Equal([200, 400, 200], log.Select(r => r.Status));
        Assert.Equal(["/" + ApiCaller.InterestPath, "/" + ApiCaller.InterestPath, "/api/v3/ping"], log.Select(r => r.Path));
        Assert.NotNull(log[0].Timestamp);
        Assert.Null(log[2].Timestamp);
        Assert.All(log, r => Assert.InRange(r.ArrivedMs, before - 1000, r.AnsweredMs));
        using HttpResponseMessage control = await Api.GetAsync("_emulator/requests");
        using JsonDocument listed = JsonDocument.Parse(await control.Content.ReadAsStringAsync());
        Assert.Equal(log[0].Timestamp, listed.RootElement[0].GetProperty("timestamp").GetInt64());
    }

    [Fact]
    public async Task A_server_started_banned_or_with_spent_weight_says_so_from_the_first_request()
    {
        await using EmulatorServer banned = await ServerFactory.StartAsync(o => o.BannedAtStart = TimeSpan.FromMinutes(1));
        await using EmulatorServer spent = await ServerFactory.StartAsync(o =>
        {
            o.SpentWeightAtStart = 12000;
            o.WeightWindow = TimeSpan.FromMinutes(10);
        });

        using HttpResponseMessage refused = await new ApiCaller(banned).SignedAsync(Scheme.Hmac);
        using HttpResponseMessage tooMuch = await new ApiCaller(spent).SignedAsync(Scheme.Hmac);

        Assert.Equal((HttpStatusCode)418, refused.StatusCode);
        Assert.Equal((HttpStatusCode)429, tooMuch.StatusCode);
    }

    private static string Start() => ServerFactory.DataStart.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    private static string End() => (ServerFactory.DataStart.ToUnixTimeMilliseconds() + (20L * 86_400_000)).ToString(CultureInfo.InvariantCulture);

    private HttpRequestMessage Signed()
    {
        string query = TestSigner.Query(("startTime", Start()), ("endTime", End()), ("timestamp", Api.ServerNow().ToString(CultureInfo.InvariantCulture)));
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Server.BaseUri, ApiCaller.InterestPath + "?" + query + "&signature=" + TestSigner.Sign(Server.Options.Keys, Scheme.Hmac, query)));
        request.Headers.Add("X-MBX-APIKEY", Server.Options.Keys.HmacApiKey);
        return request;
    }
}
