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
using PmInterest.Endpoints;

namespace PmInterest.Tests.Client;

/// <summary>
/// Bans and budgets against the emulator: nothing is signed once a 418 is known, a host not
/// heard from gets one request before the rest, and a learned limit recovers.
/// </summary>
public sealed class BanAndBudgetTests
{
    [Fact]
    public async Task Nothing_is_signed_after_the_client_learns_of_a_ban()
    {
        // A host that bans at once: two requests fit, the third is answered 418.
        var options = Limited(days: 365, weightLimit: 100, TimeSpan.FromSeconds(30), banAfter: 0);
        options.Latency = TimeSpan.FromMilliseconds(20);
        await using var server = await EmulatorServer.StartAsync(options);
        using var client = NewClient(server, tweak: o => o.MaxConcurrency = 4);
        long learnedAt = long.MaxValue;
        void Observe(string line)
        {
            if (line.Contains("HTTP 418", StringComparison.Ordinal))
            {
                Interlocked.CompareExchange(ref learnedAt, ServerClock.LocalNowMs, long.MaxValue);
            }
        }

        var e = await Assert.ThrowsAsync<BinanceApiException>(() => FetchAll(server, client, log: Observe));

        Assert.Equal(BinanceErrorKind.Banned, e.Kind);
        Assert.NotEqual(long.MaxValue, learnedAt);
        var signed = server.RequestLog.Where(r => r.Timestamp is not null).ToList();
        Assert.Contains(signed, r => r.Status == 418);
        Assert.All(signed, r => Assert.True(r.Timestamp <= learnedAt, $"a request stamped {r.Timestamp} was signed after the ban was known at {learnedAt}"));
    }

    [Fact]
    public async Task Nothing_is_signed_in_another_connection_after_a_ban_is_known()
    {
        // The host allows one request a window and bans at the second; each connection would
        // allow itself two, so requests wait for the next window when the ban comes in. The
        // run that meets the 418 cancels its own waiters; the other run's must see the ban.
        var window = TimeSpan.FromSeconds(1);
        var options = Limited(days: 365, weightLimit: 50, window, banAfter: 0);
        await using var server = await EmulatorServer.StartAsync(options);
        void Tweak(BinanceClientOptions o)
        {
            o.MaxConcurrency = 2;
            o.WeightLimit = 100;
            o.WeightWindow = window;
        }

        using var hmac = NewClient(server, KeyType.Hmac, Tweak);
        using var ed25519 = NewClient(server, KeyType.Ed25519, Tweak);
        long learnedAt = long.MaxValue;
        void Observe(string line)
        {
            if (line.Contains("HTTP 418", StringComparison.Ordinal))
            {
                Interlocked.CompareExchange(ref learnedAt, ServerClock.LocalNowMs, long.MaxValue);
            }
        }

        var both = await Task.WhenAll(
            Assert.ThrowsAsync<BinanceApiException>(() => FetchAll(server, hmac, log: Observe)),
            Assert.ThrowsAsync<BinanceApiException>(() => FetchAll(server, ed25519, log: Observe)));

        Assert.All(both, e => Assert.Equal(BinanceErrorKind.Banned, e.Kind));
        Assert.All(
            server.RequestLog.Where(r => r.Timestamp is not null),
            r => Assert.True(r.Timestamp <= learnedAt, $"a request stamped {r.Timestamp} was signed after the ban was known at {learnedAt}"));
        Assert.Equal(1, server.Stats.Banned);
    }

    [Fact]
    public async Task A_host_already_banned_gets_exactly_one_request()
    {
        var options = Options(days: 365);
        options.BannedAtStart = TimeSpan.FromMinutes(5);
        await using var server = await EmulatorServer.StartAsync(options);
        using var client = NewClient(server, tweak: o => o.MaxConcurrency = 4);

        var e = await Assert.ThrowsAsync<BinanceApiException>(() => FetchAll(server, client));

        Assert.Equal(BinanceErrorKind.Banned, e.Kind);
        Assert.Single(server.RequestLog);
        Assert.Equal(1, server.Stats.TotalRequests);
    }

    [Fact]
    public async Task Weight_spent_by_other_programs_costs_exactly_one_429()
    {
        // The whole run fits in one window, once the one spent by others is over.
        var window = TimeSpan.FromSeconds(2);
        var options = Limited(days: 120, weightLimit: 10_000, window);
        await using var server = await EmulatorServer.StartAsync(options);
        using var client = NewClient(server, tweak: o =>
        {
            o.MaxConcurrency = 4;
            o.WeightLimit = 10_000;
            o.WeightWindow = window;
        });
        await StartOfWindow(window);
        server.SpendWeight(10_000);

        var (records, _, requests) = await FetchAll(server, client);

        Assert.Equal(Canonical(server.Records), Canonical(records));
        Assert.Equal(1, server.Stats.TooManyRequests);
        Assert.Equal(429, server.RequestLog[0].Status);
        Assert.True(requests > 4, "the run must want more requests than its concurrency");
    }

    [Fact]
    public async Task A_learned_limit_recovers_after_clean_windows()
    {
        var window = TimeSpan.FromMilliseconds(250);
        var options = Limited(days: 20, weightLimit: 200, window);
        await using var server = await EmulatorServer.StartAsync(options);
        using var client = NewClient(server, tweak: o =>
        {
            o.MaxConcurrency = 1;
            o.WeightLimit = 1000;
            o.WeightWindow = window;
        });

        int? learned = null;
        void Observe(string line)
        {
            if (line.Contains("HTTP 429", StringComparison.Ordinal))
            {
                learned ??= client.GetWeightStatus(WeightPools.Sapi).LearnedLimit;
            }
        }

        var (records, _, _) = await FetchAll(server, client, log: Observe);
        Assert.Equal(Canonical(server.Records), Canonical(records));
        Assert.Equal(200, learned);

        // The server's limit is back to the client's; after clean windows the client follows.
        server.Options.WeightLimit = 1000;
        await Task.Delay(window * 3);
        var rising = client.GetWeightStatus(WeightPools.Sapi);
        Assert.True(rising.LearnedLimit is null || rising.LearnedLimit >= 250, $"after 3 clean windows the limit is {rising.LearnedLimit}");
        await Task.Delay(window * 8);
        var recovered = client.GetWeightStatus(WeightPools.Sapi);
        Assert.Null(recovered.LearnedLimit);
        Assert.Equal(1000, recovered.LimitInForce);
    }

    [Fact]
    public async Task Two_connections_to_a_banned_host_send_one_request_between_them()
    {
        var options = Options(days: 60);
        options.BannedAtStart = TimeSpan.FromMinutes(5);
        await using var server = await EmulatorServer.StartAsync(options);
        using var hmac = NewClient(server, KeyType.Hmac);
        using var ed25519 = NewClient(server, KeyType.Ed25519);

        var both = await Task.WhenAll(
            Assert.ThrowsAsync<BinanceApiException>(() => FetchAll(server, hmac)),
            Assert.ThrowsAsync<BinanceApiException>(() => FetchAll(server, ed25519)));

        Assert.All(both, e => Assert.Equal(BinanceErrorKind.Banned, e.Kind));
        Assert.Equal(1, server.Stats.TotalRequests);
    }

    [Fact]
    public async Task A_run_stops_once_429_waits_have_held_it_for_its_bound_quoting_binance()
    {
        var window = TimeSpan.FromSeconds(1);
        var options = Options(days: 60);
        options.AlwaysTooMuchWeight = true;
        options.TooMuchWeightRetryAfter = "1";
        options.WeightWindow = window;
        await using var server = await EmulatorServer.StartAsync(options);
        using var client = NewClient(server, tweak: o =>
        {
            o.MaxConcurrency = 4;
            o.WeightWindow = window;
            o.MaxRefusalsInARow = 100;
            // Not a whole number of the 1 s waits: two waits may come to a few ms over 2 s.
            o.MaxRefusalWaitPerRun = TimeSpan.FromSeconds(2.4);
        });

        var e = await Assert.ThrowsAsync<BinanceApiException>(() => FetchAll(server, client));

        // Held about 1 s after each refusal: the third wait would pass 2.4 s.
        Assert.Equal(BinanceErrorKind.RateLimited, e.Kind);
        Assert.Equal(-1003, e.BinanceCode);
        Assert.Contains("after 3 refusal(s) (HTTP 429), 3 in a row", e.Message, StringComparison.Ordinal);
        Assert.Contains("s held by refusals; one run allows 100 in a row and 2 s.", e.Message, StringComparison.Ordinal);
        Assert.Equal(3, server.Stats.TotalRequests);
    }

    /// <summary>Waits until the server clock is just past the start of a window, so a test does not race a boundary.</summary>
    private static async Task StartOfWindow(TimeSpan window)
    {
        var ms = (long)window.TotalMilliseconds;
        var into = ServerClock.LocalNowMs % ms;
        await Task.Delay(TimeSpan.FromMilliseconds(ms - into + 150));
    }
}
