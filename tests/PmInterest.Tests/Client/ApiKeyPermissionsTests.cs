using System;
using System.Threading;
using System.Threading.Tasks;
using PmInterest.Binance;
using PmInterest.Binance.Signing;
using PmInterest.Emulator;
using Xunit;
using static PmInterest.Tests.Client.EmulatorFixture;
using PmInterest.Endpoints;

namespace PmInterest.Tests.Client;

/// <summary>The key check (<c>GET /sapi/v1/account/apiRestrictions</c>) against the emulator: its answer and each refusal.</summary>
public sealed class ApiKeyPermissionsTests
{
    [Theory]
    [InlineData(KeyType.Hmac)]
    [InlineData(KeyType.Rsa)]
    [InlineData(KeyType.Ed25519)]
    public async Task A_good_key_gets_its_permissions_for_one_weight(KeyType type)
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 1));
        using var client = NewClient(server, type);

        var permissions = await KeyCheck(client);

        Assert.True(permissions.EnableReading);
        Assert.False(permissions.IpRestricted);
        Assert.False(permissions.EnableWithdrawals);
        Assert.True(permissions.EnablePortfolioMarginTrading);
        Assert.Equal(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), permissions.CreateTime);
        Assert.Equal(DateTimeKind.Utc, permissions.CreateTime!.Value.Kind);
        Assert.Null(permissions.TradingAuthorityExpirationTime);
        Assert.Equal(1, server.Stats.CurrentWindowWeight);
        Assert.Equal(1, client.GetWeightStatus(WeightPools.Sapi).UsedWeight);
    }

    [Fact]
    public async Task A_wrong_secret_is_an_authentication_error()
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 1));
        using var client = NewClient(server, signer: new HmacSha256Signer("not-the-secret"u8.ToArray()));

        var e = await Assert.ThrowsAsync<BinanceApiException>(() => KeyCheck(client));

        Assert.Equal(BinanceErrorKind.Authentication, e.Kind);
        Assert.Equal(-1022, e.BinanceCode);
        Assert.Equal(PortfolioMarginPro.KeyCheck.Path, e.Path);
        Assert.Equal(0, server.Stats.InterestHistoryRequests);
    }

    [Fact]
    public async Task An_unknown_key_is_an_authentication_error()
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 1));
        using var client = new BinanceClient("unknown-key", Signer(KeyType.Hmac), new BinanceClientOptions { BaseUri = server.BaseUri });

        var e = await Assert.ThrowsAsync<BinanceApiException>(() => KeyCheck(client));

        Assert.Equal(BinanceErrorKind.Authentication, e.Kind);
        Assert.Equal(-2015, e.BinanceCode);
    }

    [Fact]
    public async Task A_key_that_cannot_read_says_so_and_is_refused_by_the_interest_endpoint()
    {
        var options = Options(days: 10);
        options.KeyCannotRead = true;
        await using var server = await EmulatorServer.StartAsync(options);
        using var client = NewClient(server);

        var permissions = await KeyCheck(client);
        var e = await Assert.ThrowsAsync<BinanceApiException>(() => FetchAll(server, client));

        Assert.False(permissions.EnableReading);
        Assert.Equal(BinanceErrorKind.Authentication, e.Kind);
        Assert.Equal(-2015, e.BinanceCode);
    }

    [Fact]
    public async Task An_ip_restricted_key_says_so()
    {
        var options = Options(days: 1);
        options.IpRestrictReported = true;
        await using var server = await EmulatorServer.StartAsync(options);
        using var client = NewClient(server);

        Assert.True((await KeyCheck(client)).IpRestricted);
    }

    [Fact]
    public async Task An_ip_not_on_the_allow_list_is_an_authentication_error()
    {
        var options = Options(days: 1);
        options.IpNotAllowed = true;
        await using var server = await EmulatorServer.StartAsync(options);
        using var client = NewClient(server, KeyType.Ed25519);

        var e = await Assert.ThrowsAsync<BinanceApiException>(() => KeyCheck(client));

        Assert.Equal(BinanceErrorKind.Authentication, e.Kind);
        Assert.Equal(-2015, e.BinanceCode);
    }

    [Fact]
    public async Task An_answer_that_is_not_the_permissions_object_is_a_protocol_error()
    {
        var options = Options(days: 1);
        options.RedirectStatus = 302;
        await using var server = await EmulatorServer.StartAsync(options);
        using var client = NewClient(server);

        var e = await Assert.ThrowsAsync<BinanceApiException>(() => KeyCheck(client));

        Assert.Equal(BinanceErrorKind.Protocol, e.Kind);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{\"enableReading\":true}")]
    [InlineData("{\"ipRestrict\":\"maybe\",\"enableReading\":true}")]
    [InlineData("{\"ipRestrict\":false,\"enableReading\":true,\"createTime\":100000000000000000}")]
    public void A_body_without_the_needed_flags_is_refused(string body)
    {
        Assert.Throws<FormatException>(() => ApiKeyPermissions.Parse(body));
    }

    [Fact]
    public void Flags_Binance_does_not_send_are_null()
    {
        var permissions = ApiKeyPermissions.Parse("{\"ipRestrict\":true,\"enableReading\":false,\"someday\":1}");

        Assert.True(permissions.IpRestricted);
        Assert.False(permissions.EnableReading);
        Assert.Null(permissions.EnableMargin);
        Assert.Null(permissions.CreateTime);
    }
}
