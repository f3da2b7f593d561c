using System.Net;

namespace PmInterest.Emulator.Tests;

/// <summary>The pacing modes: used-weight headers that say anything, a 429 for every request, and Retry-After of any text.</summary>
public class PacingModeTests : ServerTest
{
    [Theory]
    [InlineData("2147483647")]
    [InlineData("-5")]
    [InlineData("lots")]
    public async Task The_used_weight_header_says_the_text_given_while_the_real_count_goes_on(string text)
    {
        Server.Options.UsedWeightHeader = text;

        using HttpResponseMessage page = await Api.SignedAsync(Scheme.Hmac);
        using HttpResponseMessage ping = await Api.GetAsync("api/v3/ping");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(text, page.Headers.GetValues("X-SAPI-USED-IP-WEIGHT-1M").Single());
        Assert.Equal(text, ping.Headers.GetValues("X-MBX-USED-WEIGHT-1M").Single());
        Assert.Equal(50, Server.Stats.CurrentWindowWeight);
    }

    [Fact]
    public async Task Every_request_is_refused_with_429_and_minus_1003_charging_nothing()
    {
        Server.Options.AlwaysTooMuchWeight = true;
        Server.Options.TooMuchWeightRetryAfter = "1";

        using HttpResponseMessage first = await Api.SignedAsync(Scheme.Hmac);
        using HttpResponseMessage second = await Api.GetAsync("api/v3/ping");

        foreach (HttpResponseMessage refused in new[] { first, second })
        {
            Assert.Equal((HttpStatusCode)429, refused.StatusCode);
            Assert.Equal("1", refused.Headers.GetValues("Retry-After").Single());
            Assert.Equal(-1003, (await ApiCaller.ErrorOf(refused)).Code);
        }

        Assert.Equal(2, Server.Stats.TooManyRequests);
        Assert.Equal(0, Server.Stats.CurrentWindowWeight);
        Assert.Equal(0, Server.Stats.InterestHistoryRequests);
    }

    [Fact]
    public async Task Without_a_retry_after_given_a_refusal_asks_for_the_rest_of_the_window()
    {
        Server.Options.AlwaysTooMuchWeight = true;
        Server.Options.WeightWindow = TimeSpan.FromMinutes(10);

        using HttpResponseMessage refused = await Api.SignedAsync(Scheme.Hmac);

        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 600);
    }

    [Fact]
    public async Task The_minus_1003_message_may_say_the_current_limit_is_0()
    {
        Server.Options.AlwaysTooMuchWeight = true;
        Server.Options.LimitZeroInMessage = true;

        using HttpResponseMessage refused = await Api.SignedAsync(Scheme.Hmac);

        Assert.Contains("current limit is 0 request weight per", (await ApiCaller.ErrorOf(refused)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_absurd_retry_after_is_ten_to_the_fourteen_seconds_on_every_429()
    {
        Server.Options.AbsurdRetryAfter = true;
        Server.Options.TooMuchWeightRetryAfter = "1";
        Server.Options.WeightLimit = 60;
        Server.Options.WeightWindow = TimeSpan.FromMinutes(10);

        using HttpResponseMessage ok = await Api.SignedAsync(Scheme.Hmac);
        using HttpResponseMessage refused = await Api.SignedAsync(Scheme.Hmac);

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.False(ok.Headers.Contains("Retry-After"));
        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.Equal("100000000000000", refused.Headers.GetValues("Retry-After").Single());
    }

    [Fact]
    public async Task A_ban_comes_before_the_429_of_every_request()
    {
        Server.Options.AlwaysTooMuchWeight = true;
        Server.BanAll(TimeSpan.FromMinutes(1));

        using HttpResponseMessage refused = await Api.SignedAsync(Scheme.Hmac);

        Assert.Equal((HttpStatusCode)418, refused.StatusCode);
    }
}
