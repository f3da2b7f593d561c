using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using PmInterest.Emulator;
using Xunit;
using static PmInterest.Tests.Client.EmulatorFixture;

namespace PmInterest.Tests.Commands;

/// <summary>
/// What a user sees when the host cannot be reached for a reason no retry heals: an untrusted
/// certificate, https to a plain-http server, an unknown host, a dead proxy. Each is its own
/// documented error, says which it is, and comes after exactly one attempt.
/// </summary>
[Collection(DefaultProxyTests.Name)]
public sealed class NetworkFailureTests
{
    private const string Connect = "Connect-PmAccount -ApiKey $key -ApiSecret $secret -BaseUri $uri -Verbose";

    [Fact]
    public async Task An_untrusted_certificate_is_named_with_its_subject_and_why_after_one_connection()
    {
        var options = Options(days: 2);
        options.TlsListener = true;
        await using var server = await EmulatorServer.StartAsync(options);
        using var proxy = new DefaultProxyScope(null);
        using var host = new HostedRunspace();

        var result = host.Run(Connect, Vars(server, server.TlsBaseUri!));

        var error = result.SingleError();
        Assert.Equal("BinanceCertificateNotTrusted,PmInterest.Commands.ConnectPmAccountCommand", error.FullyQualifiedErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.SecurityError, error.CategoryInfo.Category);
        var message = error.ErrorDetails.Message;
        Assert.Contains("certificate not trusted", message, StringComparison.Ordinal);
        Assert.Contains(EmulatorServer.TlsCertificateSubject, message, StringComparison.Ordinal);
        Assert.Contains("UntrustedRoot", message, StringComparison.Ordinal);
        Assert.Equal(1, server.TlsConnections);
        Assert.Equal(0, server.Stats.TotalRequests);
        AssertOneAttempt(result);
    }

    [Fact]
    public async Task Https_to_a_plain_http_server_is_a_failed_handshake_after_one_connection()
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 2));
        using var proxy = new DefaultProxyScope(null);
        using var host = new HostedRunspace();
        var connectionsBefore = server.MainConnections;

        var result = host.Run(Connect, Vars(server, new Uri("https://127.0.0.1:" + server.BaseUri.Port + "/")));

        var error = result.SingleError();
        Assert.Equal("BinanceTlsHandshakeFailed,PmInterest.Commands.ConnectPmAccountCommand", error.FullyQualifiedErrorId);
        Assert.Contains("TLS handshake failed: 127.0.0.1:" + server.BaseUri.Port, error.ErrorDetails.Message, StringComparison.Ordinal);
        Assert.Equal(connectionsBefore + 1, server.MainConnections);
        Assert.Equal(0, server.Stats.TotalRequests);
        AssertOneAttempt(result);
    }

    [Fact]
    public void An_unknown_host_is_named_after_one_attempt()
    {
        using var proxy = new DefaultProxyScope(null);
        using var host = new HostedRunspace();

        var result = host.Run(Connect, Vars(null, new Uri("https://pminterest-test.invalid/")));

        var error = result.SingleError();
        Assert.Equal("BinanceHostNotFound,PmInterest.Commands.ConnectPmAccountCommand", error.FullyQualifiedErrorId);
        Assert.Contains("host not found: the name pminterest-test.invalid could not be resolved", error.ErrorDetails.Message, StringComparison.Ordinal);
        AssertOneAttempt(result);
    }

    [Fact]
    public void A_dead_proxy_is_named_without_its_credentials_after_one_attempt()
    {
        var port = ClosedPort();
        using var proxy = new DefaultProxyScope(new Uri("http://runbook:proxy-password@127.0.0.1:" + port + "/"));
        using var host = new HostedRunspace();

        var result = host.Run(Connect, Vars(null, new Uri("https://api.pminterest-test.example/")));

        var error = result.SingleError();
        Assert.Equal("BinanceProxyFailed,PmInterest.Commands.ConnectPmAccountCommand", error.FullyQualifiedErrorId);
        Assert.Contains("proxy refused or unreachable: the proxy http://127.0.0.1:" + port, error.ErrorDetails.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("proxy-password", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("runbook", error.ErrorDetails.Message, StringComparison.Ordinal);
        AssertOneAttempt(result);
    }

    [Fact]
    public async Task Plain_http_to_another_computer_warns_at_connect_and_the_proxy_saw_the_key_in_clear()
    {
        var options = Options(days: 2);
        options.ForwardProxy = true;
        await using var server = await EmulatorServer.StartAsync(options);
        using var proxy = new DefaultProxyScope(server.ProxyUri);
        using var host = new HostedRunspace();

        var result = host.Run(Connect, Vars(server, new Uri("http://api.pminterest-test.example/")));

        Assert.Null(result.Thrown);
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("http://api.pminterest-test.example is plain http to another computer", warning, StringComparison.Ordinal);
        Assert.Contains("the API key and every signed query travel unencrypted", warning, StringComparison.Ordinal);
        var seen = Assert.Single(server.ProxiedRequests);
        Assert.StartsWith("http://api.pminterest-test.example/sapi/v1/account/apiRestrictions?", seen.Target, StringComparison.Ordinal);
        Assert.Contains("&signature=", seen.Target, StringComparison.Ordinal);
        Assert.Equal(Keys.HmacApiKey, seen.Headers["X-MBX-APIKEY"]);
        Assert.Equal(1, server.Stats.TotalRequests);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    [InlineData("[::1]")]
    public async Task Plain_http_to_this_computer_is_silent(string loopback)
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 2));
        using var host = new HostedRunspace();

        var result = host.Run(Connect + " -SkipCheck; @() | Add-PmInterestValue -Quote USDT -BaseUri $uri", Vars(server, new Uri("http://" + loopback + ":" + server.BaseUri.Port + "/")));

        Assert.Null(result.Thrown);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Plain_http_market_data_from_another_computer_warns_that_prices_could_be_altered()
    {
        using var host = new HostedRunspace();

        var result = host.Run("@() | Add-PmInterestValue -Quote USDT -BaseUri http://prices.pminterest-test.example; @() | Add-PmInterestValue -Quote USDT -BaseUri https://prices.pminterest-test.example");

        Assert.Null(result.Thrown);
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("market data address http://prices.pminterest-test.example is plain http to another computer: no key is sent there", warning, StringComparison.Ordinal);
    }

    private static System.Collections.Generic.Dictionary<string, object?> Vars(EmulatorServer? server, Uri uri) => new()
    {
        ["key"] = Keys.HmacApiKey,
        ["secret"] = CmdletTests.Secure(Keys.HmacSecret),
        ["uri"] = uri,
    };

    /// <summary>The request was tried once: one attempt line on the verbose stream, saying it is not retried.</summary>
    private static void AssertOneAttempt(HostedRunspace.Result result)
    {
        var attempts = result.Verbose.Where(v => v.Contains(": attempt ", StringComparison.Ordinal)).ToList();
        var attempt = Assert.Single(attempts);
        Assert.Contains(": attempt 1, no response after ", attempt, StringComparison.Ordinal);
        Assert.EndsWith("; not retried.", attempt, StringComparison.Ordinal);
    }

    /// <summary>A port of 127.0.0.1 where nothing listens: one the OS gave out and took back.</summary>
    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
