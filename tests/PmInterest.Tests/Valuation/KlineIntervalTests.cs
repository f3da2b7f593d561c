using System;
using System.Linq;
using PmInterest.Valuation;
using Xunit;

namespace PmInterest.Tests.Valuation;

/// <summary>Where klines open: fixed intervals on multiples of their length, weeks on Mondays, months on the 1st.</summary>
public sealed class KlineIntervalTests
{
    private static long Ms(string utc) => DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();

    private static KlineInterval Named(string name) => KlineInterval.Plannable.Single(i => i.Name == name);

    [Theory]
    [InlineData("1m", "2025-03-05T13:47:00Z", true)]
    [InlineData("3m", "2025-03-05T13:48:00Z", true)]
    [InlineData("3m", "2025-03-05T13:47:00Z", false)]
    [InlineData("15m", "2025-03-05T13:45:00Z", true)]
    [InlineData("1h", "2025-03-05T13:00:00Z", true)]
    [InlineData("1h", "2025-03-05T13:01:00Z", false)]
    [InlineData("8h", "2025-03-05T16:00:00Z", true)]
    [InlineData("8h", "2025-03-05T12:00:00Z", false)]
    [InlineData("1d", "2025-03-05T00:00:00Z", true)]
    [InlineData("1d", "2025-03-05T08:00:00Z", false)]
    [InlineData("1w", "2025-03-03T00:00:00Z", true)] // a Monday
    [InlineData("1w", "2025-03-05T00:00:00Z", false)]
    [InlineData("1M", "2025-03-01T00:00:00Z", true)]
    [InlineData("1M", "2025-03-02T00:00:00Z", false)]
    public void An_interval_opens_where_binance_opens_it(string name, string utc, bool opens) =>
        Assert.Equal(opens, Named(name).Opens(Ms(utc)));

    [Fact]
    public void Months_step_by_the_calendar_and_count_inclusively()
    {
        var month = KlineInterval.OneMonth;
        Assert.Equal(Ms("2025-03-01T00:00:00Z"), month.Add(Ms("2024-12-01T00:00:00Z"), 3));
        Assert.Equal(Ms("2024-02-01T00:00:00Z"), month.Previous(Ms("2024-03-01T00:00:00Z")));
        Assert.Equal(Ms("2024-02-29T23:59:59.999Z"), month.CloseOf(Ms("2024-02-01T00:00:00Z")));
        Assert.Equal(13, month.Count(Ms("2024-01-01T00:00:00Z"), Ms("2025-01-01T00:00:00Z")));
    }

    [Fact]
    public void Fixed_intervals_close_one_millisecond_before_the_next_open()
    {
        var hour = KlineInterval.OneHour;
        Assert.Equal(Ms("2025-03-05T13:59:59.999Z"), hour.CloseOf(Ms("2025-03-05T13:00:00Z")));
        Assert.Equal(1000, hour.Count(Ms("2025-01-01T00:00:00Z"), hour.Add(Ms("2025-01-01T00:00:00Z"), 999)));
        Assert.Equal(Ms("2025-02-24T00:00:00Z"), KlineInterval.OneWeek.Previous(Ms("2025-03-03T00:00:00Z")));
    }

    [Fact]
    public void Three_day_and_one_second_klines_are_never_planned_with()
    {
        Assert.DoesNotContain(KlineInterval.Plannable, i => i.Name is "3d" or "1s");
        Assert.Equal(14, KlineInterval.Plannable.Count);
    }
}
