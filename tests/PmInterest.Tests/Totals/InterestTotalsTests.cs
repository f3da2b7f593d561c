using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using PmInterest.Totals;
using Xunit;
using static PmInterest.Tests.Ledger.LedgerTestData;

namespace PmInterest.Tests.Totals;

public sealed class InterestTotalsTests
{
    public static TheoryData<int> EveryGrouping()
    {
        var data = new TheoryData<int>();
        for (var by = 0; by < 16; by++)
        {
            data.Add(by);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryGrouping))]
    public void Totals_equal_an_independent_computation_for_every_grouping(int byFlags)
    {
        var by = (TotalsGrouping)byFlags;
        var random = new Random(byFlags);
        var records = Spread(random, 400).OrderBy(_ => random.Next()).ToList();
        var builder = new InterestTotalsBuilder(by);
        records.ForEach(builder.Add);

        var expected = records
            .GroupBy(r => (Asset: (by & TotalsGrouping.Asset) != 0 ? r.Asset : null, Period: PeriodOf(r.InterestAccruedTime, by)))
            .OrderBy(g => g.Key.Asset, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Period, StringComparer.Ordinal)
            .ToList();
        var totals = builder.Results();

        Assert.Equal(expected.Count, totals.Count);
        for (var i = 0; i < totals.Count; i++)
        {
            var group = expected[i].ToList();
            var assets = group.Select(r => r.Asset).Distinct().ToList();
            var total = totals[i];
            Assert.Equal(expected[i].Key.Asset ?? (assets.Count == 1 ? assets[0] : null), total.Asset);
            Assert.Equal(expected[i].Key.Period, total.Period);
            Assert.Equal(group.Count, total.Count);
            Assert.Equal(ExactSum(group.Select(r => r.Interest)), Exact(total.Interest));
            Assert.Equal(group.Min(r => r.InterestAccruedTime), total.First);
            Assert.Equal(group.Max(r => r.InterestAccruedTime), total.Last);
            Assert.Equal(assets.Count, total.AssetCount);
        }
    }

    [Fact]
    public void Sums_keep_their_scale()
    {
        var builder = new InterestTotalsBuilder(TotalsGrouping.None);
        builder.Add(R("2024-01-01T00:00:00.000Z", "BTC", "0.10"));
        builder.Add(R("2024-01-01T01:00:00.000Z", "BTC", "0.001"));
        Assert.Equal("0.101", builder.Results().Single().Interest.ToString(CultureInfo.InvariantCulture));

        var tens = new InterestTotalsBuilder(TotalsGrouping.None);
        tens.Add(R("2024-01-01T00:00:00.000Z", "BTC", "0.10"));
        tens.Add(R("2024-01-01T01:00:00.000Z", "BTC", "0.10"));
        Assert.Equal("0.20", tens.Results().Single().Interest.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_sum_that_doubles_would_round_is_exact()
    {
        // Measure-Object -Sum gives 140803758.726887 for data like this; the decimal sum is exact.
        var builder = new InterestTotalsBuilder(TotalsGrouping.None);
        builder.Add(R("2024-01-01T00:00:00.000Z", "USDT", "140803758.72688836"));
        builder.Add(R("2024-01-01T01:00:00.000Z", "USDT", "0.00000001"));

        Assert.Equal("140803758.72688837", builder.Results().Single().Interest.ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("Year", "2024")]
    [InlineData("Month", "2024-12")]
    [InlineData("Day", "2024-12-31")]
    [InlineData("Year, Month", "2024-12")]
    [InlineData("Year, Day", "2024-12-31")]
    [InlineData("Year, Month, Day, Asset", "2024-12-31")]
    [InlineData("Asset", null)]
    [InlineData("None", null)]
    public void Periods_are_UTC_and_the_finest_asked_for(string by, string? period)
    {
        using var culture = new Ledger.CultureScope("ar-SA");
        var builder = new InterestTotalsBuilder(Enum.Parse<TotalsGrouping>(by));
        builder.Add(R("2024-12-31T23:59:59.999Z", "BTC", "1"));
        builder.Add(R("2024-12-31T00:00:00.000Z", "BTC", "2"));

        var total = builder.Results().Single();

        Assert.Equal(period, total.Period);
        Assert.Equal(3m, total.Interest);
        Assert.Equal(new DateTime(2024, 12, 31, 0, 0, 0, DateTimeKind.Utc), total.First);
        Assert.Equal(new DateTime(2024, 12, 31, 23, 59, 59, 999, DateTimeKind.Utc), total.Last);
        Assert.Equal(DateTimeKind.Utc, total.First.Kind);
    }

    [Fact]
    public void Without_asset_grouping_the_asset_is_shown_only_when_all_records_share_it()
    {
        var builder = new InterestTotalsBuilder(TotalsGrouping.Month);
        builder.Add(R("2024-02-01T00:00:00.000Z", "USDT", "5"));
        builder.Add(R("2024-01-01T00:00:00.000Z", "BTC", "1"));
        builder.Add(R("2024-02-01T00:00:00.000Z", "BTC", "2"));
        builder.Add(R("2024-01-02T00:00:00.000Z", "BTC", "3"));

        var totals = builder.Results();

        Assert.Equal(["2024-01", "2024-02"], totals.Select(t => t.Period));
        Assert.Equal(["BTC", null], totals.Select(t => t.Asset));
        Assert.Equal([1, 2], totals.Select(t => t.AssetCount));
        Assert.Equal([4m, 7m], totals.Select(t => t.Interest));
    }

    [Fact]
    public void Groups_are_ordered_by_asset_ordinal_then_period()
    {
        var builder = new InterestTotalsBuilder(TotalsGrouping.Asset | TotalsGrouping.Year);
        builder.Add(R("2025-01-01T00:00:00.000Z", "usdt".ToUpperInvariant(), "1"));
        builder.Add(R("2024-01-01T00:00:00.000Z", "USDT", "1"));
        builder.Add(R("2025-01-01T00:00:00.000Z", "ÄÖ", "1"));
        builder.Add(R("2024-01-01T00:00:00.000Z", "BTC", "1"));
        builder.Add(R("2024-01-01T00:00:00.000Z", "1INCH", "1"));

        var keys = builder.Results().Select(t => t.Asset + " " + t.Period);

        Assert.Equal(["1INCH 2024", "BTC 2024", "USDT 2024", "USDT 2025", "ÄÖ 2025"], keys);
    }

    [Fact]
    public void No_records_give_no_totals()
    {
        Assert.Empty(new InterestTotalsBuilder(TotalsGrouping.None).Results());
    }

    [Fact]
    public void A_sum_beyond_a_decimal_is_an_exception_of_its_own()
    {
        var builder = new InterestTotalsBuilder(TotalsGrouping.Asset);
        builder.Add(R("2024-01-01T00:00:00.000Z", "BTC", "79228162514264337593543950335"));

        var e = Assert.Throws<InterestTotalOverflowException>(() => builder.Add(R("2024-01-01T01:00:00.000Z", "BTC", "1")));
        Assert.Contains("BTC", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sum_a_decimal_could_only_round_is_an_exception_not_a_rounded_total()
    {
        var builder = new InterestTotalsBuilder(TotalsGrouping.Month);
        builder.Add(R("2024-01-01T00:00:00.000Z", "BTC", "1000000000000000000000000000"));

        var e = Assert.Throws<InterestTotalOverflowException>(() => builder.Add(R("2024-01-01T01:00:00.000Z", "BTC", "0.01")));
        Assert.Contains("2024-01", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_grouping_flags_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new InterestTotalsBuilder((TotalsGrouping)16));
    }

    private static string? PeriodOf(DateTime utc, TotalsGrouping by) =>
        (by & TotalsGrouping.Day) != 0 ? utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : (by & TotalsGrouping.Month) != 0 ? utc.ToString("yyyy-MM", CultureInfo.InvariantCulture)
        : (by & TotalsGrouping.Year) != 0 ? utc.ToString("yyyy", CultureInfo.InvariantCulture)
        : null;

    /// <summary>Records over three years, several assets, amounts of many scales.</summary>
    private static IEnumerable<NegativeBalanceInterest> Spread(Random random, int count)
    {
        var assets = new[] { "BTC", "ETH", "USDT", "ÄÖ" };
        var start = new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < count; i++)
        {
            var time = start.AddHours(random.Next(3 * 365 * 24)).AddMilliseconds(random.Next(1000));
            var interest = Math.Round((decimal)random.NextDouble() * (decimal)Math.Pow(10, random.Next(-6, 7)), random.Next(0, 20));
            yield return new NegativeBalanceInterest(assets[random.Next(assets.Length)], interest, 0.0001m, 100m, time);
        }
    }

    // Independent of decimal arithmetic: each amount as an integer count of 10^-scale units.
    private static (BigInteger Units, int Scale) Exact(decimal value)
    {
        var bits = decimal.GetBits(value);
        var units = (new BigInteger((uint)bits[2]) << 64) | (new BigInteger((uint)bits[1]) << 32) | new BigInteger((uint)bits[0]);
        return ((bits[3] < 0 ? -units : units), (bits[3] >> 16) & 0xFF);
    }

    private static (BigInteger Units, int Scale) ExactSum(IEnumerable<decimal> values)
    {
        var parts = values.Select(Exact).ToList();
        var scale = parts.Max(p => p.Scale);
        var sum = parts.Aggregate(BigInteger.Zero, (s, p) => s + (p.Units * BigInteger.Pow(10, scale - p.Scale)));
        return (sum, scale);
    }
}
