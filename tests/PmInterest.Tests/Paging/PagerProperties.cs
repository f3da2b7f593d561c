using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Xunit;
using PmInterest.Interest;
using Xunit;
using PmInterest.Paging;
using PmInterest.Endpoints;

namespace PmInterest.Tests.Paging;

/// <summary>
/// Properties of the pager over random data sets, both server orders, shuffled ties,
/// random ranges and concurrency: every record in range exactly once, within the request
/// budget the API allows.
/// </summary>
public sealed class PagerProperties
{
    private const int PageSize = 10;
    private const long From = 1_700_000_000_000;
    private const long To = From + 20_000;
    private static readonly TimeSpan Span = TimeSpan.FromMilliseconds(1_000);
    private static readonly string[] SomeAssets = { "A001", "A004", "A007" };

    /// <summary>Pages go through the chosen endpoint's own reader, as JSON with its spelling of the time field.</summary>
    private static InterestHistoryEndpoint Wire(bool unified) =>
        unified ? PortfolioMargin.InterestHistory : PortfolioMarginPro.InterestHistory;

    [Property(MaxTest = 150)]
    public void Every_record_in_range_exactly_once_in_the_one_output_order(int seed, bool newestFirst, bool shuffleTies, PositiveInt concurrency, bool unified)
    {
        var random = new Random(seed);
        var data = RandomDataSet.Create(random, From, To, instants: random.Next(0, 400), maxTie: PageSize - 1, assetPool: 12);
        var (start, end) = RandomRange(random);
        var source = new FakeInterestSource(data, PageSize, newestFirst, shuffleTies, seed: seed, latency: true, wire: Wire(unified));
        var options = new PagerOptions { Span = Span, MaxConcurrency = 1 + (concurrency.Get % 6), LookaheadPages = 1 + (seed & 3) };

        var (records, overflows, requests) = PagerRun.RunAsync(source, new PagerRequest<NegativeBalanceInterest>(new string?[] { null }, start, end), options).GetAwaiter().GetResult();

        var expected = data.Where(r => r.AccruedMs >= start && r.AccruedMs <= end).ToList();
        expected.Sort(RecordOrder<NegativeBalanceInterest>.NewestFirst);
        Assert.Equal(expected, records);
        Assert.Empty(overflows);
        Assert.Equal(source.Requests, requests);
        Assert.True(requests <= RequestBound(data, start, end), $"{requests} requests exceed the bound {RequestBound(data, start, end)}");
    }

    [Property(MaxTest = 60)]
    public void The_output_does_not_depend_on_concurrency_latency_server_order_or_tie_order(int seed, bool newestFirst, bool shuffleTies, PositiveInt concurrency, bool unified)
    {
        var random = new Random(seed);
        var data = RandomDataSet.WithResolvableOverflows(random, From, To, PageSize, overflowInstants: random.Next(0, 4));

        var plain = PagerRun.RunAsync(
            new FakeInterestSource(data, PageSize, newestFirst: true, shuffleTies: false, seed: seed),
            new PagerRequest<NegativeBalanceInterest>(new string?[] { null }, From, To),
            new PagerOptions { Span = Span, MaxConcurrency = 1 }).GetAwaiter().GetResult();
        var varied = PagerRun.RunAsync(
            new FakeInterestSource(data, PageSize, newestFirst, shuffleTies, seed: seed + 1, latency: true, wire: Wire(unified)),
            new PagerRequest<NegativeBalanceInterest>(new string?[] { null }, From, To),
            new PagerOptions { Span = Span, MaxConcurrency = 1 + (concurrency.Get % 6), LookaheadPages = 1 + (seed & 3) }).GetAwaiter().GetResult();

        Assert.Equal(plain.Records, varied.Records);
        var expected = data.ToList();
        expected.Sort(RecordOrder<NegativeBalanceInterest>.NewestFirst);
        Assert.Equal(expected, varied.Records);
    }

    [Property(MaxTest = 60)]
    public void First_n_is_the_prefix_of_the_full_output(int seed, bool newestFirst, bool shuffleTies, PositiveInt n, bool unified)
    {
        var random = new Random(seed);
        var data = RandomDataSet.WithResolvableOverflows(random, From, To, PageSize, overflowInstants: random.Next(0, 3));
        var full = data.ToList();
        full.Sort(RecordOrder<NegativeBalanceInterest>.NewestFirst);
        var limit = 1 + (n.Get % Math.Max(1, full.Count + 5));

        var (records, _, _) = PagerRun.RunAsync(
            new FakeInterestSource(data, PageSize, newestFirst, shuffleTies, seed: seed, latency: true, wire: Wire(unified)),
            new PagerRequest<NegativeBalanceInterest>(new string?[] { null }, From, To, recordLimit: limit),
            new PagerOptions { Span = Span, MaxConcurrency = 4 }).GetAwaiter().GetResult();

        Assert.Equal(full.Take(limit), records.Take(limit));
        Assert.True(records.Count >= Math.Min(limit, full.Count));
    }

    [Property(MaxTest = 60)]
    public void Oldest_first_output_is_the_same_records_in_the_ledger_order(int seed, bool newestFirst, bool shuffleTies, PositiveInt concurrency)
    {
        var random = new Random(seed);
        var data = RandomDataSet.WithResolvableOverflows(random, From, To, PageSize, overflowInstants: random.Next(0, 3));

        var (records, _, _) = PagerRun.RunAsync(
            new FakeInterestSource(data, PageSize, newestFirst, shuffleTies, seed: seed, latency: true),
            new PagerRequest<NegativeBalanceInterest>(new string?[] { null }, From, To, oldestFirst: true),
            new PagerOptions { Span = Span, MaxConcurrency = 1 + (concurrency.Get % 6) }).GetAwaiter().GetResult();

        var expected = data.ToList();
        expected.Sort(RecordOrder<NegativeBalanceInterest>.OldestFirst);
        Assert.Equal(expected, records);
    }

    [Property(MaxTest = 100)]
    public void Without_ties_the_request_count_is_the_minimum(int seed, bool newestFirst)
    {
        // Distinct instants: each full page repeats exactly its boundary record, so a window
        // of n records costs 1 + floor((n - 1) / (P - 1)) requests, and an empty one costs 1.
        var random = new Random(seed);
        var data = RandomDataSet.Create(random, From, To, instants: random.Next(0, 600), maxTie: 1, assetPool: 5);
        var source = new FakeInterestSource(data, PageSize, newestFirst, shuffleTies: false, seed: seed);

        var (records, _, requests) = PagerRun.RunAsync(source, new PagerRequest<NegativeBalanceInterest>(new string?[] { null }, From, To), new PagerOptions { Span = Span }).GetAwaiter().GetResult();

        Assert.Equal(data.Count, records.Count);
        var minimum = Windows(From, To).Sum(w =>
        {
            var n = data.Count(r => r.AccruedMs >= w.Start && r.AccruedMs <= w.End);
            return 1 + (Math.Max(0, n - 1) / (PageSize - 1));
        });
        Assert.Equal(minimum, requests);
    }

    [Property(MaxTest = 40)]
    public void Ties_larger_than_a_page_are_split_by_every_asset_of_the_range_and_never_lost_silently(int seed, bool newestFirst, bool shuffleTies)
    {
        var random = new Random(seed);
        var data = RandomDataSet.Create(random, From, To, instants: random.Next(1, 120), maxTie: 3 * PageSize, assetPool: 40);
        var source = new FakeInterestSource(data, PageSize, newestFirst, shuffleTies, seed: seed, latency: true);

        var (records, overflows, _) = PagerRun.RunAsync(source, new PagerRequest<NegativeBalanceInterest>(new string?[] { null }, From, To), new PagerOptions { Span = Span, MaxConcurrency = 3 })
            .GetAwaiter().GetResult();

        // Never a duplicate and never a record that is not in the data, in the one order.
        var expected = PagerRun.Canonical(data);
        var got = PagerRun.Canonical(records);
        Assert.Equal(got.Count, got.Distinct().Count());
        Assert.Empty(got.Except(expected));
        var sorted = records.ToList();
        sorted.Sort(RecordOrder<NegativeBalanceInterest>.NewestFirst);
        Assert.Equal(sorted, records);

        // A record may be missing only at a reported instant, and only if its asset appears at
        // no instant that a page can hold whole: every asset seen anywhere is asked for there.
        var reported = overflows.Where(o => o.Asset is null).Select(o => new DateTimeOffset(o.Instant).ToUnixTimeMilliseconds()).ToHashSet();
        var crowded = data.GroupBy(r => r.AccruedMs).Where(g => g.Count() >= PageSize).Select(g => g.Key).ToHashSet();
        var handedOn = records.ToHashSet();
        foreach (var r in data.Where(r => !handedOn.Contains(r)))
        {
            Assert.Contains(r.AccruedMs, reported);
            Assert.All(data.Where(o => o.Asset == r.Asset), o => Assert.Contains(o.AccruedMs, crowded));
        }

        // Each report names the instant and every asset of the range.
        var assetsOfRange = data.Select(r => r.Asset).Distinct().ToList();
        foreach (var o in overflows.Where(o => o.Asset is null))
        {
            var t = new DateTimeOffset(o.Instant).ToUnixTimeMilliseconds();
            Assert.True(data.Count(r => r.AccruedMs == t) >= PageSize);
            Assert.All(assetsOfRange.Where(a => handedOn.Any(r => r.Asset == a)), a => Assert.Contains(a, o.AssetsQueried));
        }
    }

    [Property(MaxTest = 60)]
    public void Named_assets_are_walked_one_by_one_and_filtered_exactly(int seed, bool newestFirst)
    {
        var random = new Random(seed);
        var data = RandomDataSet.Create(random, From, To, instants: random.Next(0, 300), maxTie: 8, assetPool: 8);
        var wanted = SomeAssets.Take(1 + random.Next(3)).ToArray();
        var source = new FakeInterestSource(data, PageSize, newestFirst, shuffleTies: true, seed: seed);

        var (records, _, _) = PagerRun.RunAsync(source, new PagerRequest<NegativeBalanceInterest>(wanted, From, To), new PagerOptions { Span = Span }).GetAwaiter().GetResult();

        var expected = data.Where(r => wanted.Contains(r.Asset)).ToList();
        expected.Sort(RecordOrder<NegativeBalanceInterest>.NewestFirst);
        Assert.Equal(expected, records);
        Assert.All(source.Queries, q => Assert.Contains(q.Asset, wanted));
    }

    [Fact]
    public async Task A_server_with_a_shorter_span_limit_teaches_the_pager_its_limit()
    {
        var random = new Random(7);
        var data = RandomDataSet.Create(random, From, To, instants: 300, maxTie: 5, assetPool: 6);
        var source = new FakeInterestSource(data, PageSize, newestFirst: true, shuffleTies: true, spanLimitMs: 299);

        var (records, _, _) = await PagerRun.RunAsync(source, new PagerRequest<NegativeBalanceInterest>(new string?[] { null }, From, To), new PagerOptions { Span = Span, MaxConcurrency = 3 })
            ;

        Assert.Equal(PagerRun.Canonical(data), PagerRun.Canonical(records));
        Assert.All(source.Queries.Where(q => q.End - q.Start > 299), q => Assert.True(q.End - q.Start == Span.TotalMilliseconds - 1));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(10)]
    [InlineData(25)]
    public async Task A_record_limit_fetches_no_page_beyond_the_one_that_reaches_it(int limit)
    {
        var data = Enumerable.Range(0, 100)
            .Select(i => new NegativeBalanceInterest("USDT", 1m, 0.0001m, 100m, DateTimeOffset.FromUnixTimeMilliseconds(To - (i * 10)).UtcDateTime))
            .ToList();
        var source = new FakeInterestSource(data, PageSize, newestFirst: true, shuffleTies: false);

        var (records, _, requests) = await PagerRun.RunAsync(source, new PagerRequest<NegativeBalanceInterest>(new string?[] { null }, From, To, recordLimit: limit), new PagerOptions { Span = Span })
            ;

        // Every page makes 9 records final: the one at its last instant waits for the next page,
        // which repeats it, because more records might share that instant and come first.
        var pagesNeeded = (int)Math.Ceiling(limit / (double)(PageSize - 1));
        Assert.Equal(pagesNeeded, requests);
        Assert.True(records.Count >= limit);
        Assert.Equal(data.Take(records.Count).Select(r => r.AccruedMs), records.Select(r => r.AccruedMs));
    }

    [Fact]
    public async Task An_empty_window_costs_one_request()
    {
        var source = new FakeInterestSource(Array.Empty<NegativeBalanceInterest>(), PageSize, newestFirst: true, shuffleTies: false);

        var (_, _, requests) = await PagerRun.RunAsync(source, new PagerRequest<NegativeBalanceInterest>(new string?[] { null }, From, To), new PagerOptions { Span = Span });

        Assert.Equal(Windows(From, To).Count(), requests);
    }

    private static (long Start, long End) RandomRange(Random random)
    {
        var a = From - 500 + (long)(random.NextDouble() * (To - From + 1000));
        var b = From - 500 + (long)(random.NextDouble() * (To - From + 1000));
        return (Math.Min(a, b), Math.Max(a, b));
    }

    private static IEnumerable<(long Start, long End)> Windows(long start, long end)
    {
        var span = (long)Span.TotalMilliseconds;
        for (var hi = end; ; hi -= span)
        {
            var lo = Math.Max(start, hi - span + 1);
            yield return (lo, hi);
            if (lo <= start)
            {
                yield break;
            }
        }
    }

    // Each full page yields at least P - T new records, T being the largest tie in its window.
    private static int RequestBound(List<NegativeBalanceInterest> data, long start, long end) =>
        Windows(start, end).Sum(w =>
        {
            var inWindow = data.Where(r => r.AccruedMs >= w.Start && r.AccruedMs <= w.End).ToList();
            var largestTie = inWindow.GroupBy(r => r.AccruedMs).Select(g => g.Count()).DefaultIfEmpty(0).Max();
            return 1 + (int)Math.Ceiling(inWindow.Count / (double)(PageSize - Math.Min(largestTie, PageSize - 1)));
        });
}
