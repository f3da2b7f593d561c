using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Net.Sockets;

namespace PmInterest.Emulator.Tests;

/// <summary>The network knobs: the TLS listener's certificate, the logging forward proxy, cut bodies and their command-line options.</summary>
public sealed class NetworkKnobTests : ServerTest
{
    [Fact]
    public async Task The_TLS_listener_serves_the_API_with_a_self_signed_certificate_for_loopback()
    {
        string? subject = null;
        SslPolicyErrors errors = SslPolicyErrors.None;
        using var handler = new HttpClientHandler
        {
            UseProxy = false,
            ServerCertificateCustomValidationCallback = (_, certificate, _, e) =>
            {
                subject = certificate?.Subject;
                errors = e;
                return true; // this test alone looks past the refusal, to see what is served
            },
        };
        using var client = new HttpClient(handler);

        using HttpResponseMessage response = await client.GetAsync(new Uri(Server.TlsBaseUri!, "api/v3/time"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(EmulatorServer.TlsCertificateSubject, subject);
        Assert.Equal(SslPolicyErrors.RemoteCertificateChainErrors, errors); // untrusted, but its name is right
        Assert.Equal(1, Server.TlsConnections);
    }

    [Fact]
    public async Task The_proxy_carries_a_plain_http_request_for_any_host_and_records_its_target_and_headers()
    {
        using var handler = new HttpClientHandler { Proxy = new WebProxy(Server.ProxyUri), UseProxy = true };
        using var client = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://api.pminterest-test.example/api/v3/time?x=1");
        request.Headers.Add("X-MBX-APIKEY", "seen-in-clear");

        using HttpResponseMessage response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("serverTime", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        ProxiedRequest seen = Assert.Single(Server.ProxiedRequests);
        Assert.Equal("http://api.pminterest-test.example/api/v3/time?x=1", seen.Target);
        Assert.Equal("seen-in-clear", seen.Headers["X-MBX-APIKEY"]);
        Assert.Equal(1, Server.Stats.TotalRequests);
    }

    [Fact]
    public async Task A_cut_body_sends_the_headers_and_the_first_bytes_then_stalls()
    {
        Server.Options.CutBodyAfterBytes = 5;
        Server.Options.CutBodies = 1;
        using var client = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var stop = new CancellationTokenSource();

        using HttpResponseMessage cut = await client.GetAsync(new Uri(Server.BaseUri, "api/v3/time"), HttpCompletionOption.ResponseHeadersRead);
        await using Stream body = await cut.Content.ReadAsStreamAsync();
        var buffer = new byte[64];
        int got = 0;
        while (got < 5)
        {
            got += await body.ReadAsync(buffer.AsMemory(got));
        }

        stop.CancelAfter(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await body.ReadAtLeastAsync(buffer.AsMemory(got), 1, throwOnEndOfStream: true, stop.Token));
        Assert.Equal(HttpStatusCode.OK, cut.StatusCode);
        Assert.Equal("{\"ser", System.Text.Encoding.ASCII.GetString(buffer, 0, got));
        Assert.Contains("serverTime", await client.GetStringAsync(new Uri(Server.BaseUri, "api/v3/time")), StringComparison.Ordinal);
    }

    [Fact]
    public void Each_network_option_is_parsed_and_listed()
    {
        EmulatorOptions o = CommandLine.Parse(["--tls-port", "0", "--proxy-port", "0", "--cut-body-bytes", "7", "--cut-bodies", "2"]).Options;

        Assert.True(o.TlsListener);
        Assert.True(o.ForwardProxy);
        Assert.Equal(7, o.CutBodyAfterBytes);
        Assert.Equal(2, o.CutBodies);
        foreach (string option in (string[])["--tls-port", "--proxy-port", "--cut-body-bytes", "--cut-bodies"])
        {
            Assert.Contains(option, CommandLine.Usage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_name_under_invalid_fails_to_resolve_at_once()
    {
        await Assert.ThrowsAsync<SocketException>(() => Dns.GetHostAddressesAsync("pminterest-test.invalid"));
    }

    private protected override void Configure(EmulatorOptions options)
    {
        options.TlsListener = true;
        options.ForwardProxy = true;
    }
}
