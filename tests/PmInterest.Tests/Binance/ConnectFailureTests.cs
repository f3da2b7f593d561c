using System;
using System.IO;
using System.Net.Http;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using PmInterest.Binance;
using Xunit;

namespace PmInterest.Tests.Binance;

/// <summary>Which transport failures no retry heals, and what each is called.</summary>
public sealed class ConnectFailureTests
{
    private static readonly Uri Target = new("https://api.example.test/");

    [Fact]
    public void A_refused_or_dropped_connection_to_the_host_itself_stays_transient()
    {
        Assert.Null(ConnectFailure.Classify(new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused)), Target, null, null));
        Assert.Null(ConnectFailure.Classify(new IOException("reset"), Target, null, null));
    }

    [Fact]
    public void A_refused_connection_through_a_proxy_names_the_proxy()
    {
        var failure = ConnectFailure.Classify(new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused)), Target, "http://10.0.0.1:3128", null);

        Assert.Equal(BinanceErrorKind.ProxyFailed, failure!.Value.Kind);
        Assert.Equal("proxy refused or unreachable: the proxy http://10.0.0.1:3128 could not be reached", failure.Value.Text);
    }

    [Fact]
    public void A_failed_handshake_is_a_refused_certificate_only_when_the_validation_refused_one()
    {
        var e = new HttpRequestException("tls", new AuthenticationException("handshake"));

        Assert.Equal(BinanceErrorKind.TlsHandshakeFailed, ConnectFailure.Classify(e, Target, null, null)!.Value.Kind);
        Assert.Equal(BinanceErrorKind.CertificateNotTrusted, ConnectFailure.Classify(e, Target, null, "certificate not trusted: x")!.Value.Kind);
    }

    [Fact]
    public void An_unresolved_name_is_host_not_found()
    {
        var failure = ConnectFailure.Classify(new HttpRequestException("dns", new SocketException((int)SocketError.HostNotFound)), Target, null, null);

        Assert.Equal(BinanceErrorKind.HostNotFound, failure!.Value.Kind);
        Assert.Contains("api.example.test", failure.Value.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_certificate_says_whose_it_is_and_each_reason()
    {
        var text = CertificateCheck.Describe(
            "api.binance.com",
            "CN=portal.example",
            SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateChainErrors,
            "UntrustedRoot");

        Assert.Equal(
            "certificate not trusted: the certificate of api.binance.com (subject 'CN=portal.example') failed validation: it is not issued for api.binance.com; its chain does not lead to a trusted root (UntrustedRoot)",
            text);
    }
}
