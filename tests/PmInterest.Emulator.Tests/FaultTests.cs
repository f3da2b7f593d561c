using System.Diagnostics;
using System.Net;

namespace PmInterest.Emulator.Tests;

/// <summary>Injected faults and latency: what a client's retry logic must survive.</summary>
public class FaultTests : ServerTest
{
    [Fact]
    public async Task Service_unavailable_is_503_with_Binance_json()
    {
        Server.Options.FaultKinds = FaultKinds.ServiceUnavailable;
        Server.Options.FaultRate = 1.0;
        using HttpResponseMessage response = await Api.SignedAsync(Scheme.Hmac);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(
            (-1001, "Internal error; unable to process your request. Please try again."),
            await ApiCaller.ErrorOf(response));
    }

    [Fact]
    public async Task Bad_gateway_is_502_with_an_html_body()
    {
        Server.Options.FaultKinds = FaultKinds.BadGateway;
        Server.Options.FaultRate = 1.0;
        using HttpResponseMessage response = await Api.GetAsync("api/v3/ping");
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("<html><body><h1>502 Bad Gateway</h1></body></html>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Dropped_connection_fails_the_request_without_a_response()
    {
        Server.Options.FaultKinds = FaultKinds.DroppedConnection;
        Server.Options.FaultRate = 1.0;
        await Assert.ThrowsAsync<HttpRequestException>(() => Api.SignedAsync(Scheme.Hmac));
        Assert.Equal(1, Server.Stats.FaultsInjected);
        Assert.Equal(0, Server.Stats.CurrentWindowWeight); // the request never reached the handler
    }

    [Fact]
    public async Task Control_endpoints_are_never_faulted()
    {
        Server.Options.FaultRate = 1.0;
        using HttpResponseMessage response = await Api.GetAsync("_emulator/stats");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Partial_fault_rate_mixes_faults_with_answers_and_rate_0_stops_them()
    {
        Server.Options.FaultKinds = FaultKinds.ServiceUnavailable | FaultKinds.BadGateway;
        Server.Options.FaultRate = 0.5;
        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i < 40; i++)
        {
            using HttpResponseMessage response = await Api.GetAsync("api/v3/ping");
            statuses.Add(response.StatusCode);
        }

        Assert.InRange(statuses.Count(s => s == HttpStatusCode.OK), 8, 32);
        Assert.Contains(HttpStatusCode.ServiceUnavailable, statuses);
        Assert.Contains(HttpStatusCode.BadGateway, statuses);
        Assert.Equal(40 - statuses.Count(s => s == HttpStatusCode.OK), Server.Stats.FaultsInjected);

        Server.Options.FaultRate = 0;
        using HttpResponseMessage clean = await Api.GetAsync("api/v3/ping");
        Assert.Equal(HttpStatusCode.OK, clean.StatusCode);
    }

    [Fact]
    public async Task Latency_delays_each_answer()
    {
        Server.Options.Latency = TimeSpan.FromMilliseconds(300);
        var watch = Stopwatch.StartNew();
        using HttpResponseMessage response = await Api.GetAsync("api/v3/ping");
        Assert.True(watch.ElapsedMilliseconds >= 290, $"answered after {watch.ElapsedMilliseconds} ms");
    }
}
