using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PmInterest.Binance;
using PmInterest.Emulator;
using Xunit;
using static PmInterest.Tests.Client.EmulatorFixture;

namespace PmInterest.Tests.Client;

/// <summary>
/// Every wait long enough to notice is told before it starts, with its reason, length, end and
/// the weight figures in force. The notice threshold is lowered so the tests stay quick.
/// </summary>
public sealed class WaitEventTests
{
    private static readonly TimeSpan Threshold = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task Pacing_for_weight_is_told_with_the_configured_limit_in_force()
    {
        var window = TimeSpan.FromSeconds(1);
        await using var server = await EmulatorServer.StartAsync(Limited(days: 20, weightLimit: 1000, window));
        using var client = NewClient(server, tweak: o =>
        {
            o.WeightLimit = 300;
            o.WeightWindow = window;
            o.WaitNoticeThreshold = Threshold;
        });

        var told = await Run(server, client);

        var waits = told.Where(t => t.Event.Reason == WaitReason.WeightLimit).ToList();
        Assert.NotEmpty(waits);
        Assert.All(waits, t =>
        {
            Assert.Equal(300, t.Event.WeightLimit);
            Assert.InRange(t.Event.UsedWeight, 251, 300);
            Assert.InRange(t.Event.Duration, Threshold, window + TimeSpan.FromMilliseconds(150));
            AssertToldBeforeItStarts(t);
        });
        Assert.Equal(0, server.Stats.TooManyRequests);
    }

    [Fact]
    public async Task Figures_after_a_429_are_the_learned_limit_never_the_configured_one()
    {
        var window = TimeSpan.FromSeconds(1);
        await using var server = await EmulatorServer.StartAsync(Limited(days: 20, weightLimit: 300, window));
        using var client = NewClient(server, tweak: o =>
        {
            o.MaxConcurrency = 1;
            o.WeightLimit = 12000;
            o.WeightWindow = window;
            o.WaitNoticeThreshold = Threshold;
        });

        var told = await Run(server, client);

        var retry = told.First(t => t.Event.Reason == WaitReason.RetryAfter);
        Assert.Contains("429", retry.Event.Detail, StringComparison.Ordinal);
        Assert.InRange(retry.Event.Duration, Threshold, TimeSpan.FromSeconds(1.2));
        AssertToldBeforeItStarts(retry);
        Assert.All(told.Where(t => t.Event.Reason is WaitReason.WeightLimit or WaitReason.RetryAfter), t => Assert.InRange(t.Event.WeightLimit, 300, 600));
        Assert.DoesNotContain(told, t => t.Event.WeightLimit == 12000);
    }

    [Fact]
    public async Task Backoff_after_a_fault_is_told_with_the_fault()
    {
        var options = Options(days: 10);
        options.FaultRate = 1.0;
        options.FaultKinds = FaultKinds.ServiceUnavailable;
        await using var server = await EmulatorServer.StartAsync(options);
        using var client = NewClient(server, tweak: o =>
        {
            o.MaxConcurrency = 1;
            o.MaxAttempts = 3;
            o.BaseBackoff = TimeSpan.FromMilliseconds(120);
            o.MaxBackoff = TimeSpan.FromMilliseconds(240);
            o.WaitNoticeThreshold = Threshold;
        });

        var told = new ConcurrentQueue<(WaitEvent Event, DateTime At)>();
        await Assert.ThrowsAsync<BinanceApiException>(() => FetchAll(server, client, observe: e => Keep(told, e)));

        Assert.Equal(2, told.Count); // between three attempts
        Assert.All(told, t =>
        {
            Assert.Equal(WaitReason.Backoff, t.Event.Reason);
            Assert.Equal("HTTP 503", t.Event.Detail);
            Assert.InRange(t.Event.Duration, TimeSpan.FromMilliseconds(60), TimeSpan.FromMilliseconds(240));
            AssertToldBeforeItStarts(t);
        });
    }

    [Fact]
    public async Task Waiting_for_the_first_answer_is_told_with_its_longest_length()
    {
        var options = Options(days: 40);
        options.Latency = TimeSpan.FromMilliseconds(300);
        await using var server = await EmulatorServer.StartAsync(options);
        using var client = NewClient(server, tweak: o =>
        {
            o.MaxConcurrency = 4;
            o.RequestTimeout = TimeSpan.FromSeconds(10);
            o.WaitNoticeThreshold = Threshold;
        });

        var told = await Run(server, client);

        var first = told.Where(t => t.Event.Reason == WaitReason.FirstAnswer).ToList();
        Assert.InRange(first.Count, 1, 3); // the other workers, while the first request is out
        Assert.All(first, t =>
        {
            Assert.InRange(t.Event.Duration, TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(10));
            AssertToldBeforeItStarts(t);
        });
        var log = server.RequestLog;
        Assert.True(log[1].ArrivedMs >= log[0].AnsweredMs, "the second request must wait for the first answer");
    }

    [Fact]
    public async Task Short_waits_are_not_told()
    {
        var window = TimeSpan.FromMilliseconds(300);
        await using var server = await EmulatorServer.StartAsync(Limited(days: 20, weightLimit: 1000, window));
        using var client = NewClient(server, tweak: o =>
        {
            o.WeightLimit = 100; // two requests a window: the run waits, each time for less than a window
            o.WeightWindow = window;
            o.RequestTimeout = TimeSpan.FromSeconds(0.9); // the longest a first answer can keep the others waiting
            o.WaitNoticeThreshold = TimeSpan.FromSeconds(1);
        });

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var told = await Run(server, client);

        // Five requests or more span at least three windows: the run must have waited.
        Assert.True(server.Stats.InterestHistoryRequests >= 5, "the run must need more than two windows");
        Assert.True(watch.Elapsed > window, "the run must have waited for weight");
        Assert.Empty(told);
    }

    private static async Task<List<(WaitEvent Event, DateTime At)>> Run(EmulatorServer server, BinanceClient client)
    {
        var told = new ConcurrentQueue<(WaitEvent Event, DateTime At)>();
        var (records, _, _) = await FetchAll(server, client, observe: e => Keep(told, e));
        Assert.Equal(Canonical(server.Records), Canonical(records));
        return told.ToList();
    }

    private static void Keep(ConcurrentQueue<(WaitEvent Event, DateTime At)> told, ClientEvent e)
    {
        if (e is WaitEvent wait)
        {
            told.Enqueue((wait, DateTime.UtcNow));
        }
    }

    /// <summary>Told at the wait's start: its end lies one duration after the moment it was told.</summary>
    private static void AssertToldBeforeItStarts((WaitEvent Event, DateTime At) told)
    {
        Assert.Equal(DateTimeKind.Utc, told.Event.UntilUtc.Kind);
        var expectedEnd = told.At + told.Event.Duration;
        Assert.InRange(told.Event.UntilUtc, expectedEnd - TimeSpan.FromMilliseconds(100), expectedEnd + TimeSpan.FromMilliseconds(100));
    }
}
