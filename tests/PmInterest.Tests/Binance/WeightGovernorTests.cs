using System;
using System.Threading.Tasks;
using PmInterest.Binance;
using Xunit;

namespace PmInterest.Tests.Binance;

/// <summary>
/// The governor's rules, driven by a server clock moved by hand: a clock "measured" at a chosen
/// server time lets a test step from window to window without waiting.
/// </summary>
public sealed class WeightGovernorTests
{
    private const long WindowMs = 10_000;
    private const long Start = 1_735_689_600_000; // a multiple of the window: 2025-01-01T00:00Z
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public void A_learned_limit_rises_by_a_quarter_after_each_clean_window_and_is_forgotten_at_the_configured_one()
    {
        var (governor, clock) = Fresh();
        Answer(governor, clock, 200);
        Refuse(governor, clock, used: 400);
        Assert.Equal(400, governor.Status(clock, 1000).LearnedLimit);

        var seen = new System.Collections.Generic.List<int?>();
        for (var window = 1; window <= 6; window++)
        {
            At(clock, Start + (window * WindowMs) + 500);
            seen.Add(governor.Status(clock, 1000).LearnedLimit);
        }

        // Window 1 is not yet over; then 400 -> 500 -> 625 -> 782 -> 978 -> 1222 >= 1000: forgotten.
        Assert.Equal(new int?[] { 400, 500, 625, 782, 978, null }, seen);
        Assert.Equal(1000, governor.Status(clock, 1000).LimitInForce);
    }

    [Fact]
    public void A_rise_is_at_least_the_weight_of_the_refused_request()
    {
        var (governor, clock) = Fresh();
        Answer(governor, clock, 200);
        Refuse(governor, clock, used: 60, weight: 50);
        At(clock, Start + (2 * WindowMs) + 500);

        Assert.Equal(110, governor.Status(clock, 12000).LearnedLimit); // 60 + max(15, 50)
    }

    [Fact]
    public void A_429_in_a_window_starts_the_count_again()
    {
        var (governor, clock) = Fresh();
        Answer(governor, clock, 200);
        Refuse(governor, clock, used: 400);
        At(clock, Start + (2 * WindowMs) + 500);
        Assert.Equal(500, governor.Status(clock, 12000).LearnedLimit);
        Refuse(governor, clock, used: 450); // refused at 450: the limit in force comes down to it
        At(clock, Start + (3 * WindowMs) + 500);
        Assert.Equal(450, governor.Status(clock, 12000).LearnedLimit);
        At(clock, Start + (4 * WindowMs) + 500);
        Assert.Equal(563, governor.Status(clock, 12000).LearnedLimit);
    }

    [Fact]
    public void A_request_is_not_stamped_once_a_418_has_come_in_and_none_is_admitted_after()
    {
        var (governor, clock) = Fresh();
        Answer(governor, clock, 200);
        var waiting = Admit(governor, clock);
        var banned = Admit(governor, clock);
        governor.Answered(banned, clock, 418, null, TimeSpan.FromMinutes(5));

        Assert.False(governor.TryStamp(waiting, clock, out _));
        var after = governor.Admit(50, 12000, clock, Timeout);
        Assert.True(after.Banned);
        Assert.InRange(after.UntilMs, clock.NowMs + 299_000, clock.NowMs + 300_000);
    }

    [Fact]
    public void A_429_holds_every_request_until_its_retry_after_and_gives_the_weight_back()
    {
        var (governor, clock) = Fresh();
        Answer(governor, clock, 200);
        var waiting = Admit(governor, clock);
        var refused = Admit(governor, clock);
        var usedBefore = governor.Status(clock, 12000).UsedWeight;
        governor.Answered(refused, clock, 429, null, TimeSpan.FromSeconds(3));

        Assert.False(governor.TryStamp(waiting, clock, out _));
        Assert.Equal(usedBefore - 50, governor.Status(clock, 12000).UsedWeight);
        var wait = governor.Admit(50, 12000, clock, Timeout);
        Assert.Equal(WaitReason.RetryAfter, wait.Reason);
        Assert.InRange(wait.UntilMs - clock.NowMs, 2900, 3000);

        At(clock, clock.NowMs + 3001);
        Assert.NotNull(governor.Admit(50, 12000, clock, Timeout).Ticket);
    }

    [Fact]
    public void A_stamp_is_the_server_time_when_nothing_stands_in_the_way()
    {
        var (governor, clock) = Fresh();
        var ticket = Admit(governor, clock);

        Assert.True(governor.TryStamp(ticket, clock, out var timestamp));
        Assert.InRange(timestamp, Start, Start + 1000);
    }

    [Fact]
    public void Without_a_recent_answer_one_request_goes_alone_until_it_is_answered()
    {
        var (governor, clock) = Fresh();
        var probe = Admit(governor, clock);

        var held = governor.Admit(50, 12000, clock, Timeout);
        Assert.Null(held.Ticket);
        Assert.Equal(WaitReason.FirstAnswer, held.Reason);
        Assert.InRange(held.UntilMs - clock.NowMs, 29_000, 30_000);
        Assert.False(held.WakeEarly!.IsCompleted);

        governor.Answered(probe, clock, 200, 50, null);

        Assert.True(held.WakeEarly.IsCompleted);
        Assert.NotNull(governor.Admit(50, 12000, clock, Timeout).Ticket);
        Assert.NotNull(governor.Admit(50, 12000, clock, Timeout).Ticket);
    }

    [Fact]
    public void A_first_request_without_an_answer_lets_the_next_one_probe_still_alone()
    {
        var (governor, clock) = Fresh();
        var probe = Admit(governor, clock);
        var held = governor.Admit(50, 12000, clock, Timeout);

        governor.NoAnswer(probe);

        Assert.True(held.WakeEarly!.IsCompleted);
        Assert.NotNull(governor.Admit(50, 12000, clock, Timeout).Ticket);
        Assert.Equal(WaitReason.FirstAnswer, governor.Admit(50, 12000, clock, Timeout).Reason);
    }

    [Fact]
    public void An_answer_older_than_a_window_makes_the_next_request_a_probe_again()
    {
        var (governor, clock) = Fresh();
        Answer(governor, clock, 200);
        At(clock, Start + WindowMs + 1000);

        Assert.NotNull(governor.Admit(50, 12000, clock, Timeout).Ticket);
        Assert.Equal(WaitReason.FirstAnswer, governor.Admit(50, 12000, clock, Timeout).Reason);
    }

    [Fact]
    public void A_request_that_would_pass_the_limit_waits_for_the_next_window_but_an_empty_window_takes_one()
    {
        var (governor, clock) = Fresh();
        Answer(governor, clock, 200);
        Admit(governor, clock, limit: 100);

        var wait = governor.Admit(50, 100, clock, Timeout);

        Assert.Equal(WaitReason.WeightLimit, wait.Reason);
        Assert.Equal(100, wait.UsedWeight);
        Assert.Equal(100, wait.LimitInForce);
        Assert.Equal(Start + WindowMs + 100, wait.UntilMs);
        At(clock, Start + WindowMs + 500);
        Assert.NotNull(governor.Admit(500, 100, clock, Timeout).Ticket); // heavier than the limit, alone in its window
    }

    [Fact]
    public void The_status_tells_limits_usage_window_block_ban_and_last_answer()
    {
        var (governor, clock) = Fresh();
        Answer(governor, clock, 200);
        Refuse(governor, clock, used: 300, retryAfter: TimeSpan.FromSeconds(2));

        var status = governor.Status(clock, 1000);

        Assert.Equal(1000, status.ConfiguredLimit);
        Assert.Equal(300, status.LearnedLimit);
        Assert.Equal(300, status.LimitInForce);
        Assert.Equal(300, status.UsedWeight);
        Assert.Equal(Utc(Start + WindowMs + 100), status.WindowResetsUtc);
        Assert.InRange(status.BlockedUntilUtc!.Value, Utc(Start + 1900), Utc(Start + 2600));
        Assert.Null(status.BannedUntilUtc);
        Assert.InRange(status.LastAnswerUtc!.Value, Utc(Start), Utc(Start + 600));
        Assert.Equal(TimeSpan.FromMilliseconds(WindowMs), status.WeightWindow);
    }

    [Fact]
    public void A_weight_figure_of_int_MaxValue_fills_the_window_without_overflowing()
    {
        var (governor, clock) = Fresh();
        Answer(governor, clock, 200);
        governor.Answered(Admit(governor, clock), clock, 200, int.MaxValue, null);

        var wait = governor.Admit(50, 12000, clock, Timeout);

        Assert.Null(wait.Ticket);
        Assert.Equal(WaitReason.WeightLimit, wait.Reason);
        Assert.Equal(Start + WindowMs + 100, wait.UntilMs);
        At(clock, Start + WindowMs + 500);
        Assert.NotNull(governor.Admit(50, 12000, clock, Timeout).Ticket);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(-2147483648)]
    public void A_negative_weight_figure_counts_as_a_full_window(int figure)
    {
        var (governor, clock) = Fresh();
        Answer(governor, clock, 200);
        governor.Answered(Admit(governor, clock), clock, 200, figure, null);

        var wait = governor.Admit(50, 12000, clock, Timeout);

        Assert.Equal(WaitReason.WeightLimit, wait.Reason);
        Assert.Equal(12000, wait.UsedWeight);
        Assert.Equal(12000, governor.Status(clock, 12000).UsedWeight);
        At(clock, Start + WindowMs + 500);
        Assert.NotNull(governor.Admit(50, 12000, clock, Timeout).Ticket);
    }

    [Fact]
    public void An_unreadable_weight_figure_counts_as_a_full_window()
    {
        var (governor, clock) = Fresh();
        Answer(governor, clock, 200);
        governor.Answered(Admit(governor, clock), clock, 200, UsedWeight.Of(-1), null);

        Assert.Equal(WaitReason.WeightLimit, governor.Admit(50, 12000, clock, Timeout).Reason);
    }

    [Fact]
    public void A_server_figure_counts_the_requests_still_in_flight_on_top()
    {
        var (governor, clock) = Fresh();
        Answer(governor, clock, 200); // 50 used
        var answered = Admit(governor, clock);
        Admit(governor, clock);
        Admit(governor, clock); // 200 reserved, three in flight

        // Other programs spent 200: the figure counts the answered request, not the two in flight.
        governor.Answered(answered, clock, 200, 300, null);

        Assert.Equal(400, governor.Status(clock, 12000).UsedWeight);
        Assert.Equal(WaitReason.WeightLimit, governor.Admit(50, 420, clock, Timeout).Reason);
    }

    [Fact]
    public void After_a_429_one_request_goes_alone_when_the_wait_is_over_and_the_others_follow_its_answer()
    {
        var (governor, clock) = Fresh();
        Answer(governor, clock, 200);
        RefuseUncounted(governor, clock, retryAfter: TimeSpan.FromSeconds(1));
        At(clock, clock.NowMs + 1001);

        var probe = Admit(governor, clock);
        var held = governor.Admit(50, 12000, clock, Timeout);

        Assert.Equal(WaitReason.FirstAnswer, held.Reason);
        Assert.Contains("refused", held.Detail, StringComparison.Ordinal);
        Assert.True(governor.TryStamp(probe, clock, out _));
        governor.Answered(probe, clock, 200, 150, null);
        Assert.True(held.WakeEarly!.IsCompleted);
        Assert.NotNull(governor.Admit(50, 12000, clock, Timeout).Ticket);
        Assert.NotNull(governor.Admit(50, 12000, clock, Timeout).Ticket);
    }

    [Fact]
    public void An_answer_to_a_request_sent_before_the_429_does_not_let_the_others_follow()
    {
        var (governor, clock) = Fresh();
        Answer(governor, clock, 200);
        var early = Admit(governor, clock);
        Assert.True(governor.TryStamp(early, clock, out _));
        RefuseUncounted(governor, clock, retryAfter: TimeSpan.FromSeconds(1));
        governor.Answered(early, clock, 200, 100, null);
        At(clock, clock.NowMs + 1001);

        Admit(governor, clock);

        Assert.Equal(WaitReason.FirstAnswer, governor.Admit(50, 12000, clock, Timeout).Reason);
    }

    [Fact]
    public void A_remembered_429_tells_since_when_and_forgetting_it_lets_one_request_go_alone()
    {
        var window = TimeSpan.FromMilliseconds(WindowMs);
        var host = new Uri("http://forget-" + Guid.NewGuid().ToString("N") + ".test/");
        var governor = WeightGovernor.For(host, "SAPI", window);
        var clock = new ServerClock();
        At(clock, Start + 200);
        Answer(governor, clock, 200);
        RefuseUncounted(governor, clock, retryAfter: TimeSpan.FromDays(3));
        var refusedAt = clock.NowMs;

        var held = governor.Admit(50, 12000, clock, Timeout);
        var status = governor.Status(clock, 12000);

        Assert.Equal(WaitReason.RetryAfter, held.Reason);
        Assert.Equal(refusedAt, held.SinceMs);
        Assert.Equal(Utc(refusedAt), status.BlockedSinceUtc);
        Assert.InRange(status.BlockedUntilUtc!.Value, Utc(refusedAt).AddDays(3).AddSeconds(-1), Utc(refusedAt).AddDays(3).AddSeconds(1));
        WeightGovernor.ForgetRefusals(host);
        Assert.Null(governor.Status(clock, 12000).BlockedUntilUtc);
        Assert.NotNull(governor.Admit(50, 12000, clock, Timeout).Ticket);
        Assert.Equal(WaitReason.FirstAnswer, governor.Admit(50, 12000, clock, Timeout).Reason);
        WeightGovernor.Forget(host);
    }

    private static (WeightGovernor Governor, ServerClock Clock) Fresh()
    {
        var clock = new ServerClock();
        At(clock, Start + 200);
        return (new WeightGovernor(TimeSpan.FromMilliseconds(WindowMs)), clock);
    }

    /// <summary>Makes the clock read <paramref name="serverMs"/> now.</summary>
    private static void At(ServerClock clock, long serverMs)
    {
        var local = ServerClock.LocalNowMs;
        clock.Observe(serverMs, local, local);
    }

    private static WeightTicket Admit(WeightGovernor governor, ServerClock clock, int limit = 12000) =>
        governor.Admit(50, limit, clock, Timeout).Ticket ?? throw new InvalidOperationException("not admitted");

    private static void Answer(WeightGovernor governor, ServerClock clock, int status)
    {
        var ticket = Admit(governor, clock);
        governor.TryStamp(ticket, clock, out _);
        governor.Answered(ticket, clock, status, null, null);
    }

    private static void Refuse(WeightGovernor governor, ServerClock clock, int used, int weight = 50, TimeSpan? retryAfter = null)
    {
        var ticket = governor.Admit(weight, 12000, clock, Timeout).Ticket ?? new WeightTicket(governor, weight, 0, false);
        governor.Answered(ticket, clock, 429, used, retryAfter ?? TimeSpan.FromMilliseconds(1));
    }

    /// <summary>A 429 without the server's count: it teaches no limit.</summary>
    private static void RefuseUncounted(WeightGovernor governor, ServerClock clock, TimeSpan retryAfter) =>
        governor.Answered(Admit(governor, clock), clock, 429, null, retryAfter);

    private static DateTime Utc(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime;
}
