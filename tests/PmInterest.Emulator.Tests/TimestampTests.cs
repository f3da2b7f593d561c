using System.Globalization;
using System.Net;
using System.Text.Json;

namespace PmInterest.Emulator.Tests;

/// <summary>timestamp and recvWindow: accepted when timestamp &lt; serverTime + 1000 and serverTime - timestamp &lt;= recvWindow.</summary>
public class TimestampTests : ServerTest
{
    private const string OutsideMessage = "Timestamp for this request is outside of the recvWindow.";

    [Theory]
    [InlineData(-6000, null, false)] // older than the default recvWindow of 5000
    [InlineData(-3000, null, true)]
    [InlineData(-20000, "30000", true)]
    [InlineData(-40000, "30000", false)]
    [InlineData(500, null, true)] // up to a second ahead of the server is tolerated
    [InlineData(2000, null, false)]
    public async Task Timestamp_is_checked_against_server_time_and_recvWindow(int offsetMs, string? recvWindow, bool accepted)
    {
        var parameters = new List<(string, string)>();
        if (recvWindow is not null)
        {
            parameters.Add(("recvWindow", recvWindow));
        }

        parameters.Add(("timestamp", (Api.ServerNow() + offsetMs).ToString(CultureInfo.InvariantCulture)));
        using HttpResponseMessage response = await Api.SignedAsync(Scheme.Hmac, [.. parameters]);
        if (accepted)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal((-1021, OutsideMessage), await ApiCaller.ErrorOf(response));
        }
    }

    [Theory]
    [InlineData(10)]
    [InlineData(-10)]
    public async Task Clock_skew_makes_the_local_clock_fail_and_the_server_clock_pass(int skewMinutes)
    {
        Server.Options.ClockSkew = TimeSpan.FromMinutes(skewMinutes);

        string local = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        using HttpResponseMessage refused = await Api.SignedAsync(Scheme.Hmac, ("timestamp", local));
        Assert.Equal((-1021, OutsideMessage), await ApiCaller.ErrorOf(refused));

        // What a client does on -1021: read /api/v3/time and sign with the server's clock.
        using HttpResponseMessage time = await Api.GetAsync("api/v3/time");
        using JsonDocument body = JsonDocument.Parse(await time.Content.ReadAsStringAsync());
        long serverTime = body.RootElement.GetProperty("serverTime").GetInt64();
        Assert.InRange(serverTime - DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), (skewMinutes * 60_000) - 5000, (skewMinutes * 60_000) + 5000);
        using HttpResponseMessage accepted = await Api.SignedAsync(Scheme.Hmac, ("timestamp", serverTime.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task RecvWindow_above_60000_is_refused_with_1131()
    {
        using HttpResponseMessage response = await Api.SignedAsync(Scheme.Hmac, ("recvWindow", "60001"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal((-1131, "recvWindow must be less than 60000."), await ApiCaller.ErrorOf(response));

        using HttpResponseMessage limit = await Api.SignedAsync(Scheme.Hmac, ("recvWindow", "60000"));
        Assert.Equal(HttpStatusCode.OK, limit.StatusCode);
    }

    [Fact]
    public async Task Missing_timestamp_is_refused_with_1102()
    {
        using HttpResponseMessage response = await Api.SignedRawAsync(Scheme.Hmac, "size=5");
        Assert.Equal(
            (-1102, "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed."),
            await ApiCaller.ErrorOf(response));
    }
}
