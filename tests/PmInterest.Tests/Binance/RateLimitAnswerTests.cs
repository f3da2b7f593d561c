using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using PmInterest.Binance;
using Xunit;
using PmInterest.Endpoints;

namespace PmInterest.Tests.Binance;

/// <summary>Whatever a 429 or 418 says about how long to stay away, the client neither overflows nor waits forever.</summary>
public sealed class RateLimitAnswerTests
{
    private const string Ok = "[]";

    [Theory]
    [InlineData("99999999999999999999999")] // more digits than a long holds
    [InlineData("9223372036854775807")]
    [InlineData("100000000000000")]
    public async Task An_absurd_retry_after_on_a_429_is_cut_to_three_days_and_refused_as_too_long_a_wait(string retryAfter)
    {
        var handler = new StubHandler((_, _) => Refusal(429, retryAfter, "{\"code\":-1003,\"msg\":\"Too much request weight used.\"}"));
        using var client = StubHandler.Client(handler);

        var e = await Assert.ThrowsAsync<BinanceApiException>(() => StubHandler.Get(client));

        Assert.Equal(BinanceErrorKind.RateLimited, e.Kind);
        Assert.Contains("wait 259200 s", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, handler.Count);
    }

    [Theory]
    [InlineData("-30")]
    [InlineData("soon")]
    [InlineData("")]
    public async Task A_negative_or_unreadable_retry_after_on_a_429_waits_for_the_window_end(string retryAfter)
    {
        var waits = new ConcurrentQueue<WaitEvent>();
        var handler = new StubHandler((_, n) => n == 2 ? StubHandler.Json(200, Ok) : Refusal(429, retryAfter, "{\"code\":-1003,\"msg\":\"Too much.\"}"));
        using var client = StubHandler.Client(handler, o =>
        {
            o.WeightWindow = TimeSpan.FromMilliseconds(400);
            o.WaitNoticeThreshold = TimeSpan.Zero;
        });

        var response = await StubHandler.Get(client, e => { if (e is WaitEvent w) { waits.Enqueue(w); } });

        Assert.Equal(Ok, response.Value);
        Assert.All(waits, w => Assert.Equal(WaitReason.RetryAfter, w.Reason)); // a timer that fires a hair early waits the rest
        Assert.InRange(waits.First().Duration, TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(600));
    }

    [Fact]
    public async Task A_retry_after_date_is_read_as_a_wait_until_then()
    {
        var waits = new ConcurrentQueue<WaitEvent>();
        var handler = new StubHandler((_, n) => n == 2 ? StubHandler.Json(200, Ok) : Refusal(429, DateTimeOffset.UtcNow.AddSeconds(2).ToString("r", System.Globalization.CultureInfo.InvariantCulture), "{}"));
        using var client = StubHandler.Client(handler, o => o.WaitNoticeThreshold = TimeSpan.Zero);

        await StubHandler.Get(client, e => { if (e is WaitEvent w) { waits.Enqueue(w); } });

        Assert.InRange(waits.First().Duration, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(2.1));
    }

    [Theory]
    [InlineData("Way too much request weight used; IP banned until 100000000000000000.", "100000000000000")]
    [InlineData("Way too much request weight used; IP banned until 99999999999999999999999999.", "-1")]
    [InlineData("IP banned until 253402300800000.", "")]
    public async Task A_ban_end_past_the_year_9999_is_cut_to_three_days(string message, string retryAfter)
    {
        using var client = StubHandler.Client(new StubHandler((_, _) => Refusal(418, retryAfter, "{\"code\":-1003,\"msg\":\"" + message + "\"}")));

        var e = await Assert.ThrowsAsync<BinanceApiException>(() => StubHandler.Get(client));

        Assert.Equal(BinanceErrorKind.Banned, e.Kind);
        Assert.InRange(e.BannedUntil!.Value, DateTime.UtcNow.AddDays(3).AddMinutes(-1), DateTime.UtcNow.AddDays(3).AddMinutes(1));
        Assert.Equal(e.BannedUntil, client.GetWeightStatus(WeightPools.Sapi).BannedUntilUtc);
    }

    [Theory]
    [InlineData("IP banned until 1000.", "300", 300)] // an end in the past: Retry-After counts
    [InlineData("no end given", "", 120)] // nothing readable: Binance's shortest ban
    [InlineData("no end given", "-5", 120)]
    public async Task A_ban_without_a_usable_end_lasts_the_retry_after_or_two_minutes(string message, string retryAfter, int seconds)
    {
        using var client = StubHandler.Client(new StubHandler((_, _) => Refusal(418, retryAfter, "{\"code\":-1003,\"msg\":\"" + message + "\"}")));

        var e = await Assert.ThrowsAsync<BinanceApiException>(() => StubHandler.Get(client));

        var expected = DateTime.UtcNow.AddSeconds(seconds);
        Assert.InRange(e.BannedUntil!.Value, expected.AddSeconds(-5), expected.AddSeconds(1));
    }

    [Fact]
    public async Task After_a_ban_nothing_more_is_sent_from_any_connection_to_the_host()
    {
        var uri = new Uri("http://stub-" + Guid.NewGuid().ToString("N") + ".test/");
        var first = new StubHandler((_, _) => Refusal(418, "60", "{\"code\":-1003,\"msg\":\"banned\"}"));
        var second = new StubHandler((_, _) => StubHandler.Json(200, Ok));
        using var banned = StubHandler.Client(first, o => o.BaseUri = uri);
        using var other = StubHandler.Client(second, o => o.BaseUri = uri);

        await Assert.ThrowsAsync<BinanceApiException>(() => StubHandler.Get(banned));
        var e = await Assert.ThrowsAsync<BinanceApiException>(() => StubHandler.Get(other));

        Assert.Equal(BinanceErrorKind.Banned, e.Kind);
        Assert.Equal(0, second.Count);
    }

    private static HttpResponseMessage Refusal(int status, string retryAfter, string body)
    {
        var response = StubHandler.Json(status, body);
        if (retryAfter.Length > 0)
        {
            response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
        }

        return response;
    }
}
