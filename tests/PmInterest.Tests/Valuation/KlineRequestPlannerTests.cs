using System;
using System.Collections.Generic;
using System.Linq;
using PmInterest.Valuation;
using Xunit;

namespace PmInterest.Tests.Valuation;

/// <summary>
/// The fewest requests: per symbol the interval whose klines open on every needed minute and the
/// windows that cover them under the 1,000-kline limit, one kline before the first needed one
/// unless it is known.
/// </summary>
public sealed class KlineRequestPlannerTests
{
    private const long Minute = 60_000;
    private const long Hour = 3_600_000;
    private const long Day = 86_400_000;
    private static readonly long Jan1 = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static List<long> Every(long from, long step, int count) => Enumerable.Range(0, count).Select(i => from + (i * step)).ToList();

    private static List<KlineRequest> Plan(IReadOnlyList<long> needed, bool descending = false, Func<long, bool>? known = null) =>
        KlineRequestPlanner.Plan("BTCUSDT", needed, known ?? (_ => false), descending);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_year_of_daily_midnight_records_is_one_1d_request(bool descending)
    {
        var plan = Plan(Every(Jan1, Day, 365), descending);
        var request = Assert.Single(plan);
        Assert.Equal("1d", request.Interval.Name);
        Assert.Equal(365, request.Needed.Count);
        Assert.InRange(request.Limit, 366, 1000);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_hundred_and_twenty_days_of_hourly_records_is_three_1h_requests(bool descending)
    {
        var needed = Every(Jan1, Hour, 120 * 24);
        var plan = Plan(needed, descending);
        Assert.Equal(3, plan.Count);
        Assert.All(plan, r => Assert.Equal("1h", r.Interval.Name));
        Assert.All(plan, r => Assert.InRange(r.Limit, 1, KlineRequestPlanner.MaxKlines));
        Assert.Equal(needed, plan.SelectMany(r => r.Needed).OrderBy(m => m));
    }

    [Fact]
    public void Minutes_off_every_coarser_grid_are_asked_at_1m_a_thousand_minutes_a_request()
    {
        var needed = Every(Jan1 + (7 * Minute), 7 * Minute, 300); // 2,093 minutes
        var plan = Plan(needed);
        Assert.All(plan, r => Assert.Equal("1m", r.Interval.Name));
        Assert.Equal(3, plan.Count);
        Assert.Equal(needed, plan.SelectMany(r => r.Needed));
    }

    [Fact]
    public void Mondays_are_asked_weekly_and_firsts_of_the_month_monthly()
    {
        var mondays = Every(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), 7 * Day, 104);
        Assert.Equal("1w", Assert.Single(Plan(mondays)).Interval.Name);

        var firsts = Enumerable.Range(0, 36).Select(i => new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(i).ToUnixTimeMilliseconds()).ToList();
        Assert.Equal("1M", Assert.Single(Plan(firsts)).Interval.Name);
    }

    [Fact]
    public void A_window_holds_the_kline_before_its_first_needed_one_unless_that_one_is_known()
    {
        var needed = Every(Jan1, Hour, 1000);
        Assert.Equal(2, Plan(needed).Count); // 1,000 needed plus the one before do not fit one request
        var plan = Assert.Single(Plan(needed, known: m => m == Jan1 - Hour));
        Assert.Equal(Jan1, plan.StartMs);
        Assert.Equal(1000, plan.Limit);
    }

    [Fact]
    public void The_window_asks_to_the_close_of_its_last_kline_so_either_end_rule_includes_it()
    {
        var request = Assert.Single(Plan(new List<long> { Jan1 }));
        Assert.Equal("1M", request.Interval.Name); // one 1st of the month: the coarsest interval wins a tie
        Assert.Equal(request.Interval.CloseOf(request.LastOpenMs), request.EndMs);
        Assert.Equal(request.Interval.Previous(Jan1), request.StartMs);
    }

    [Fact]
    public void Far_apart_minutes_get_a_window_each()
    {
        var plan = Plan(new List<long> { Jan1 + (13 * Minute), Jan1 + (5000 * Minute) });
        Assert.Equal(2, plan.Count);
    }
}
