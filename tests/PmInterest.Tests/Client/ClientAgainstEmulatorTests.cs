using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PmInterest.Binance;
using PmInterest.Binance.Signing;
using PmInterest.Emulator;
using Xunit;
using static PmInterest.Tests.Client.EmulatorFixture;
using PmInterest.Paging;

namespace PmInterest.Tests.Client;

public sealed class ClientAgainstEmulatorTests
{
    private static readonly string[] BtcAndUsdt = { "BTC", "USDT" };

    [Theory]
    [InlineData(KeyType.Hmac)]
    [InlineData(KeyType.Rsa)]
    [InlineData(KeyType.Ed25519)]
    public async Task A_year_arrives_exactly_with_each_key_type(KeyType type)
    {
        await using var server = await EmulatorServer.StartAsync(Options());
        using var client = NewClient(server, type);

        var (records, overflows, requests) = await FetchAll(server, client);

        Assert.Equal(Canonical(server.Records), Canonical(records));
        Assert.Empty(overflows);
        Assert.Equal(requests, server.Stats.InterestHistoryOk);
    }

    [Theory]
    [InlineData(RecordOrder.NewestFirst, TieOrder.Shuffled, AccountType.PortfolioMarginPro)]
    [InlineData(RecordOrder.OldestFirst, TieOrder.Shuffled, AccountType.PortfolioMarginPro)]
    [InlineData(RecordOrder.OldestFirst, TieOrder.Stable, AccountType.PortfolioMarginPro)]
    [InlineData(RecordOrder.NewestFirst, TieOrder.Shuffled, AccountType.PortfolioMargin)]
    [InlineData(RecordOrder.OldestFirst, TieOrder.Shuffled, AccountType.PortfolioMargin)]
    public async Task Either_server_order_and_shuffled_ties_give_every_record_once(RecordOrder order, TieOrder ties, AccountType type)
    {
        var options = Options(days: 120, seed: 11);
        options.Order = order;
        options.TieOrder = ties;
        await using var server = await EmulatorServer.StartAsync(options);
        using var client = NewClient(server);

        var (records, _, _) = await FetchAll(server, client, type: type);

        Assert.Equal(Canonical(server.Records), Canonical(records));
    }

    [Fact]
    public async Task A_fifth_of_requests_failing_still_gives_exactly_the_right_records()
    {
        var options = Options(seed: 3);
        options.FaultRate = 0.2;
        await using var server = await EmulatorServer.StartAsync(options);
        using var client = NewClient(server);

        var (records, _, _) = await FetchAll(server, client);

        Assert.Equal(Canonical(server.Records), Canonical(records));
        Assert.True(server.Stats.FaultsInjected > 10, $"only {server.Stats.FaultsInjected} faults were injected");
    }

    [Theory]
    [InlineData(10)]
    [InlineData(-10)]
    public async Task A_server_clock_ten_seconds_off_is_measured_once_and_corrected(int skewSeconds)
    {
        var options = Options(days: 200);
        options.ClockSkew = TimeSpan.FromSeconds(skewSeconds);
        await using var server = await EmulatorServer.StartAsync(options);
        using var client = NewClient(server);

        var (records, _, _) = await FetchAll(server, client);

        Assert.Equal(Canonical(server.Records), Canonical(records));
        Assert.InRange(client.Clock.OffsetMs, (skewSeconds * 1000) - 500, (skewSeconds * 1000) + 500);
        Assert.Equal(1, server.Stats.RequestsForPath("/api/v3/time"));
    }

    [Fact]
    public async Task A_timestamp_refused_again_after_measuring_the_clock_is_reported_not_looped()
    {
        var options = Options(days: 10);
        options.Latency = TimeSpan.FromMilliseconds(60);
        await using var server = await EmulatorServer.StartAsync(options);
        using var client = NewClient(server, tweak: o =>
        {
            o.RecvWindow = 1; // every request arrives too late
            o.MaxConcurrency = 1;
        });

        var e = await Assert.ThrowsAsync<BinanceApiException>(() => FetchAll(server, client));

        Assert.Equal(BinanceErrorKind.Timestamp, e.Kind);
        Assert.Equal(-1021, e.BinanceCode);
        Assert.Equal(2, server.Stats.InterestHistoryRequests); // the first, and one retry after measuring
        Assert.Equal(1, server.Stats.RequestsForPath("/api/v3/time"));
    }

    [Fact]
    public async Task Every_retry_is_signed_afresh_with_a_new_timestamp()
    {
        var options = Options(days: 10);
        options.FaultRate = 1.0;
        await using var server = await EmulatorServer.StartAsync(options);
        var signer = new PayloadRecorder(Signer(KeyType.Hmac));
        using var client = NewClient(server, tweak: o =>
        {
            o.MaxAttempts = 4;
            o.MaxConcurrency = 1;
            o.BaseBackoff = TimeSpan.FromMilliseconds(20);
        }, signer: signer);

        var e = await Assert.ThrowsAsync<BinanceApiException>(() => FetchAll(server, client));

        Assert.Equal(BinanceErrorKind.Unavailable, e.Kind);
        Assert.Equal(4, signer.Payloads.Count);
        Assert.Equal(4, signer.Payloads.Select(p => p[p.IndexOf("timestamp=", StringComparison.Ordinal)..]).Distinct().Count());
    }

    [Fact]
    public async Task A_server_that_allows_shorter_windows_is_walked_in_its_windows()
    {
        var options = Options(days: 90);
        options.SpanLimit = TimeSpan.FromDays(7);
        await using var server = await EmulatorServer.StartAsync(options);
        using var client = NewClient(server);

        var (records, _, _) = await FetchAll(server, client);

        Assert.Equal(Canonical(server.Records), Canonical(records));
        Assert.All(server.Stats.DistinctInterestQueries, q => Assert.True(q.EndTime - q.StartTime <= TimeSpan.FromDays(7).TotalMilliseconds));
    }

    [Fact]
    public async Task Named_assets_come_back_filtered_by_the_server()
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 90));
        using var client = NewClient(server);

        var (records, _, _) = await FetchAll(server, client, BtcAndUsdt);

        Assert.Equal(Canonical(server.Records.Where(r => r.Asset is "BTC" or "USDT")), Canonical(records));
        Assert.All(server.Stats.DistinctInterestQueries, q => Assert.Contains(q.Asset, BtcAndUsdt));
    }

    [Fact]
    public async Task The_governor_paces_below_the_limit_without_a_single_429()
    {
        var options = Limited(days: 60, weightLimit: 400, TimeSpan.FromSeconds(1), banAfter: 3); // 8 requests a window
        await using var server = await EmulatorServer.StartAsync(options);
        using var client = NewClient(server, tweak: o =>
        {
            o.WeightLimit = 400;
            o.WeightWindow = TimeSpan.FromSeconds(1);
        });

        await WarmUp(client);
        var watch = Stopwatch.StartNew();
        var (records, _, requests) = await FetchAll(server, client);

        Assert.Equal(Canonical(server.Records), Canonical(records));
        Assert.Equal(0, server.Stats.TooManyRequests);
        Assert.True(requests > 8, "the fetch must need more than one window's budget");
        // n requests touch at least ceil(n / 8) windows; all but the first and last are whole.
        var wholeWindows = ((requests + 7) / 8) - 2;
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(wholeWindows), $"{requests} requests took only {watch.Elapsed}");
    }

    [Fact]
    public async Task Two_connections_to_one_host_share_the_weight_budget_of_the_ip()
    {
        var options = Limited(days: 40, weightLimit: 800, TimeSpan.FromSeconds(2));
        await using var server = await EmulatorServer.StartAsync(options);
        void Tweak(BinanceClientOptions o)
        {
            o.WeightLimit = 800;
            o.WeightWindow = TimeSpan.FromSeconds(2);
        }

        using var hmac = NewClient(server, KeyType.Hmac, Tweak);
        using var ed25519 = NewClient(server, KeyType.Ed25519, Tweak);

        await WarmUp(hmac);
        await WarmUp(ed25519);

        var both = await Task.WhenAll(FetchAll(server, hmac), FetchAll(server, ed25519));

        Assert.All(both, run => Assert.Equal(Canonical(server.Records), Canonical(run.Records)));
        Assert.Equal(0, server.Stats.TooManyRequests);
    }

    [Fact]
    public async Task A_429_is_waited_out_and_the_walk_goes_on()
    {
        var options = Limited(days: 60, weightLimit: 400, TimeSpan.FromSeconds(1));
        await using var server = await EmulatorServer.StartAsync(options);
        using var client = NewClient(server, tweak: o => // does not know the limit
        {
            o.MaxConcurrency = 1;
            o.WeightWindow = TimeSpan.FromSeconds(1);
        });

        var watch = Stopwatch.StartNew();
        var (records, _, _) = await FetchAll(server, client);

        Assert.Equal(Canonical(server.Records), Canonical(records));
        Assert.Equal(0, server.Stats.Banned);

        // A 429 teaches the client the limit the server enforces. The learned limit is probed
        // upwards after each clean window (the client was told 1,000,000), so a 429 may come
        // again, but never in two windows running: at most one in every two windows.
        var windows = (int)Math.Ceiling(watch.Elapsed.TotalSeconds) + 1;
        Assert.InRange(server.Stats.TooManyRequests, 1, (windows / 2) + 1);
    }

    [Fact]
    public async Task A_418_stops_everything_and_says_until_when()
    {
        var options = Limited(days: 365, weightLimit: 100, TimeSpan.FromSeconds(30), banAfter: 0);
        options.BanDuration = TimeSpan.FromMinutes(3);
        await using var server = await EmulatorServer.StartAsync(options);
        using var client = NewClient(server, tweak: o => o.MaxConcurrency = 1);

        var before = DateTime.UtcNow;
        var e = await Assert.ThrowsAsync<BinanceApiException>(() => FetchAll(server, client));

        Assert.Equal(BinanceErrorKind.Banned, e.Kind);
        Assert.Equal(418, e.HttpStatus);
        Assert.NotNull(e.BannedUntil);
        Assert.InRange(e.BannedUntil!.Value, before.AddMinutes(3).AddSeconds(-5), DateTime.UtcNow.AddMinutes(3).AddSeconds(5));
        Assert.Contains("banned until", e.Message, StringComparison.Ordinal);
        var sent = server.Stats.TotalRequests;
        await Assert.ThrowsAsync<BinanceApiException>(() => FetchAll(server, client));
        Assert.Equal(sent, server.Stats.TotalRequests); // nothing more is sent while banned
    }

    [Fact]
    public async Task A_wrong_secret_is_an_authentication_error_and_not_retried()
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 30));
        using var client = NewClient(server, tweak: o => o.MaxConcurrency = 1, signer: new HmacSha256Signer("not-the-secret"u8.ToArray()));

        var e = await Assert.ThrowsAsync<BinanceApiException>(() => FetchAll(server, client));

        Assert.Equal(BinanceErrorKind.Authentication, e.Kind);
        Assert.Equal(-1022, e.BinanceCode);
        Assert.Equal("/sapi/v1/portfolio/interest-history", e.Path);
        Assert.Equal(1, server.Stats.InterestHistoryRequests);
    }

    [Fact]
    public async Task An_unknown_key_is_an_authentication_error()
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 30));
        var options = new BinanceClientOptions { BaseUri = server.BaseUri };
        using var client = new BinanceClient("unknown-key", Signer(KeyType.Hmac), options);

        var e = await Assert.ThrowsAsync<BinanceApiException>(() => FetchAll(server, client));

        Assert.Equal(BinanceErrorKind.Authentication, e.Kind);
        Assert.Equal(-2015, e.BinanceCode);
        Assert.Equal(401, e.HttpStatus);
    }

    [Fact]
    public async Task A_server_slower_than_the_timeout_is_retried_then_reported_unavailable()
    {
        var options = Options(days: 30);
        options.Latency = TimeSpan.FromSeconds(3);
        await using var server = await EmulatorServer.StartAsync(options);
        using var client = NewClient(server, tweak: o =>
        {
            o.RequestTimeout = TimeSpan.FromMilliseconds(150);
            o.MaxAttempts = 3;
        });

        var e = await Assert.ThrowsAsync<BinanceApiException>(() => FetchAll(server, client));

        Assert.Equal(BinanceErrorKind.Unavailable, e.Kind);
        Assert.Contains("after 3 attempts", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_abandons_the_request_in_flight_at_once()
    {
        var options = Options(days: 30);
        options.Latency = TimeSpan.FromSeconds(20);
        await using var server = await EmulatorServer.StartAsync(options);
        using var client = NewClient(server);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => FetchAll(server, client, cancellationToken: cts.Token));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"cancellation took {watch.Elapsed}");
    }

    [Fact]
    public async Task More_records_at_one_instant_than_a_page_holds_are_reported_never_duplicated()
    {
        var options = Options(days: 20);
        options.OverflowInstants = 2;
        await using var server = await EmulatorServer.StartAsync(options);
        using var client = NewClient(server);

        var (records, overflows, _) = await FetchAll(server, client);

        var got = Canonical(records);
        Assert.Equal(got.Count, got.Distinct().Count());
        Assert.Empty(got.Except(Canonical(server.Records)));
        var crowded = server.Records.GroupBy(r => r.InterestAccruedTime).Where(g => g.Count() > 100).Select(g => g.Key).ToList();
        Assert.Equal(2, crowded.Count);
        Assert.All(crowded, t => Assert.Contains(overflows, o => new DateTimeOffset(o.Instant).ToUnixTimeMilliseconds() == t));
        var notCrowded = server.Records.Where(r => !crowded.Contains(r.InterestAccruedTime));
        Assert.Empty(Canonical(notCrowded).Except(got));
    }

    /// <summary>Keeps every payload signed.</summary>
    private sealed class PayloadRecorder : IRequestSigner
    {
        private readonly IRequestSigner _inner;

        public PayloadRecorder(IRequestSigner inner) => _inner = inner;

        public System.Collections.Concurrent.ConcurrentQueue<string> Payloads { get; } = new();

        public KeyType KeyType => _inner.KeyType;

        public string Sign(string payload)
        {
            Payloads.Enqueue(payload);
            return _inner.Sign(payload);
        }

        public void Dispose() => _inner.Dispose();
    }
}
