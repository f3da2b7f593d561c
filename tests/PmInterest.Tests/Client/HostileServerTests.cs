using System;
using System.Linq;
using System.Threading.Tasks;
using PmInterest.Binance;
using PmInterest.Emulator;
using Xunit;
using static PmInterest.Tests.Client.EmulatorFixture;

namespace PmInterest.Tests.Client;

/// <summary>
/// The client against the emulator's hostile modes: every answer a hostile or broken server
/// can give ends in the documented <see cref="BinanceApiException"/>, never in a raw .NET
/// exception, a leaked key or a silent empty result.
/// </summary>
public sealed class HostileServerTests
{
    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task A_redirect_to_another_port_is_a_protocol_error_and_the_other_port_hears_nothing(int status)
    {
        var options = Options(days: 10);
        options.RedirectStatus = status;
        await using var server = await EmulatorServer.StartAsync(options);
        using var client = NewClient(server);

        var e = await Assert.ThrowsAsync<BinanceApiException>(() => FetchAll(server, client));

        Assert.Equal(BinanceErrorKind.Protocol, e.Kind);
        Assert.Equal(status, e.HttpStatus);
        Assert.Contains("http://127.0.0.1:" + server.RedirectListenerUri.Port, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("?", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("signature", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("interest-history?", e.Message, StringComparison.Ordinal);
        Assert.Empty(server.RedirectedRequests);
    }

    [Fact]
    public async Task A_redirect_to_another_host_names_its_scheme_host_and_port_only()
    {
        var options = Options(days: 10);
        options.RedirectStatus = 302;
        options.RedirectTarget = new Uri("https://collector.example:8443/");
        await using var server = await EmulatorServer.StartAsync(options);
        using var client = NewClient(server);

        var e = await Assert.ThrowsAsync<BinanceApiException>(() => FetchAll(server, client));

        Assert.Contains("a redirect to https://collector.example:8443,", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.Stats.TotalRequests);
    }

    [Theory]
    [InlineData(HostileBody.FalseGzip, "labelled gzip")]
    [InlineData(HostileBody.UnknownCharset, "charset 'x-pminterest-unknown'")]
    [InlineData(HostileBody.InvalidUtf8, "not valid UTF-8")]
    [InlineData(HostileBody.TimeOutOfRange, "interestAccruedTime")]
    public async Task A_broken_page_is_a_protocol_error_that_says_what_was_wrong(HostileBody body, string said)
    {
        var options = Options(days: 10);
        options.HostileBody = body;
        await using var server = await EmulatorServer.StartAsync(options);
        using var client = NewClient(server);

        var e = await Assert.ThrowsAsync<BinanceApiException>(() => FetchAll(server, client));

        Assert.Equal(BinanceErrorKind.Protocol, e.Kind);
        Assert.Contains(said, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ban_ending_past_the_year_9999_stops_the_client_for_three_days()
    {
        var options = Options(days: 10);
        options.AbsurdBanEnd = true;
        await using var server = await EmulatorServer.StartAsync(options);
        server.BanAll(TimeSpan.FromMinutes(2));
        using var client = NewClient(server);

        var e = await Assert.ThrowsAsync<BinanceApiException>(() => FetchAll(server, client));

        Assert.Equal(BinanceErrorKind.Banned, e.Kind);
        Assert.InRange(e.BannedUntil!.Value, DateTime.UtcNow.AddDays(3).AddMinutes(-1), DateTime.UtcNow.AddDays(3).AddMinutes(1));
        Assert.Contains("banned until", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Control_characters_in_a_server_message_never_reach_the_caller()
    {
        var options = Options(days: 10);
        options.ControlCharactersInMessages = true;
        await using var server = await EmulatorServer.StartAsync(options);
        using var client = NewClient(server, signer: new PmInterest.Binance.Signing.HmacSha256Signer("wrong"u8.ToArray()));

        var e = await Assert.ThrowsAsync<BinanceApiException>(() => FetchAll(server, client));

        Assert.Equal(-1022, e.BinanceCode);
        Assert.Contains("Signature for this request is not valid.", e.BinanceMessage, StringComparison.Ordinal);
        foreach (var text in new[] { e.Message, e.BinanceMessage })
        {
            Assert.DoesNotContain(text, c => char.IsControl(c));
            Assert.DoesNotContain("[2J", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_unreadable_page_is_not_retried()
    {
        var options = Options(days: 10);
        options.HostileBody = HostileBody.FalseGzip;
        await using var server = await EmulatorServer.StartAsync(options);
        using var client = NewClient(server, tweak: o => o.MaxConcurrency = 1);

        await Assert.ThrowsAsync<BinanceApiException>(() => FetchAll(server, client));

        Assert.Equal(1, server.Stats.InterestHistoryRequests);
        Assert.Single(server.RequestLog, r => r.Path == "/sapi/v1/portfolio/interest-history");
    }
}
