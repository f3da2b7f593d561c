using System.Net;

namespace PmInterest.Emulator.Tests;

/// <summary>
/// Request weight, 429 and the 418 ban. Windows are 2 s long and the server clock is skewed so
/// that a test starts right at the beginning of a window: no test races a window boundary.
/// </summary>
public class RateLimitTests : ServerTest
{
    private const long WindowMs = 2000;

    private protected override void Configure(EmulatorOptions options)
    {
        options.WeightWindow = TimeSpan.FromMilliseconds(WindowMs);
        options.WeightLimit = 100; // two interest-history requests
        options.BanAfter = 3;
        options.BanDuration = TimeSpan.FromSeconds(1);
    }

    [Fact]
    public async Task Sapi_weight_header_grows_by_50_and_api_weight_by_1()
    {
        Server.Options.WeightLimit = 12000;
        AlignToWindowStart();
        using HttpResponseMessage first = await Api.SignedAsync(Scheme.Hmac);
        using HttpResponseMessage second = await Api.SignedAsync(Scheme.Hmac, ("size", "0")); // refused, still charged
        using HttpResponseMessage third = await Api.SignedAsync(Scheme.Hmac);
        Assert.Equal(["50", "100", "150"], new[] { first, second, third }.Select(r => Header(r, "X-SAPI-USED-IP-WEIGHT-1M")));

        using HttpResponseMessage ping = await Api.GetAsync("api/v3/ping");
        using HttpResponseMessage time = await Api.GetAsync("api/v3/time");
        Assert.Equal(["1", "2"], new[] { ping, time }.Select(r => Header(r, "X-MBX-USED-WEIGHT-1M")));
        Assert.Equal(150, Server.Stats.CurrentWindowWeight);
        Assert.Equal(2, Server.Stats.CurrentApiWindowWeight);
    }

    [Fact]
    public async Task Over_the_limit_is_429_with_Retry_After_and_the_next_window_serves_again()
    {
        AlignToWindowStart();
        using HttpResponseMessage first = await Api.SignedAsync(Scheme.Hmac);
        using HttpResponseMessage second = await Api.SignedAsync(Scheme.Hmac);
        using HttpResponseMessage over = await Api.SignedAsync(Scheme.Hmac);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal((HttpStatusCode)429, over.StatusCode);
        Assert.Equal(
            (-1003, "Too much request weight used; current limit is 100 request weight per 2 SECOND. Please use WebSocket Streams for live updates to avoid polling the API."),
            await ApiCaller.ErrorOf(over));
        TimeSpan retryAfter = over.Headers.RetryAfter?.Delta ?? throw new InvalidOperationException("no Retry-After");
        Assert.InRange(retryAfter.TotalSeconds, 1, 2);
        Assert.Equal(1, Server.Stats.TooManyRequests);

        await Task.Delay(retryAfter);
        using HttpResponseMessage again = await Api.SignedAsync(Scheme.Hmac);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task Repeated_violation_bans_the_IP_with_418_for_everything_until_the_ban_ends()
    {
        AlignToWindowStart();
        var statuses = new List<int>();
        for (int i = 0; i < 6; i++)
        {
            using HttpResponseMessage response = await Api.SignedAsync(Scheme.Hmac);
            statuses.Add((int)response.StatusCode);
        }

        Assert.Equal([200, 200, 429, 429, 429, 418], statuses);

        using HttpResponseMessage ping = await Api.GetAsync("api/v3/ping");
        Assert.Equal((HttpStatusCode)418, ping.StatusCode);
        (int code, string message) = await ApiCaller.ErrorOf(ping);
        Assert.Equal(-1003, code);
        Assert.Matches(@"^Way too much request weight used; IP banned until \d{13}\. Please use WebSocket Streams for live updates to avoid bans\.$", message);
        Assert.Equal(1, ping.Headers.RetryAfter?.Delta?.TotalSeconds);

        using HttpResponseMessage control = await Api.GetAsync("_emulator/stats");
        Assert.Equal(HttpStatusCode.OK, control.StatusCode);
        Assert.Equal(2, Server.Stats.Banned);
        Assert.Equal(3, Server.Stats.TooManyRequests);

        await Task.Delay(TimeSpan.FromMilliseconds(1100));
        using HttpResponseMessage afterBan = await Api.GetAsync("api/v3/ping");
        Assert.Equal(HttpStatusCode.OK, afterBan.StatusCode);
    }

    [Fact]
    public async Task Reset_lifts_a_ban()
    {
        Server.Options.BanAfter = 0;
        Server.Options.BanDuration = TimeSpan.FromMinutes(10);
        AlignToWindowStart();
        for (int i = 0; i < 3; i++)
        {
            using HttpResponseMessage response = await Api.SignedAsync(Scheme.Hmac);
        }

        using HttpResponseMessage banned = await Api.GetAsync("api/v3/ping");
        Assert.Equal((HttpStatusCode)418, banned.StatusCode);
        Assert.InRange(banned.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 590, 600);

        Server.Reset();
        using HttpResponseMessage free = await Api.GetAsync("api/v3/ping");
        Assert.Equal(HttpStatusCode.OK, free.StatusCode);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out IEnumerable<string>? values) ? values.Single() : null;

    /// <summary>Skews the server clock so that "now" is 20 ms into a weight window.</summary>
    private void AlignToWindowStart()
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Server.Options.ClockSkew = TimeSpan.FromMilliseconds(WindowMs - (now % WindowMs) + 20);
        Assert.InRange(Server.ServerTimeMilliseconds % WindowMs, 0, 500);
    }
}
