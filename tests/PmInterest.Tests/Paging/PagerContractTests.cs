using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PmInterest.Interest;
using Xunit;
using PmInterest.Paging;

namespace PmInterest.Tests.Paging;

/// <summary>Answers paging cannot trust stop the walk with the pager's own exception, never a record handed on twice or lost.</summary>
public sealed class PagerContractTests
{
    private const long From = 1_700_000_000_000;
    private const long To = From + 10_000;
    private static readonly string?[] OneAsset = { "USDT" };
    private static readonly string?[] AllAssets = { null };

    public static TheoryData<string> Breaches => new() { "outside the window", "another asset", "not in time order", "larger than a page" };

    [Theory]
    [MemberData(nameof(Breaches))]
    public async Task A_page_that_breaks_the_contract_stops_the_walk_with_PagerContractException(string breach)
    {
        var source = new BrokenSource(breach);
        IReadOnlyList<string?> assets = breach == "another asset" ? OneAsset : AllAssets;

        var e = await Assert.ThrowsAsync<PagerContractException>(() =>
            PagerRun.RunAsync(source, new PagerRequest<NegativeBalanceInterest>(assets, From, To), new PagerOptions { Span = TimeSpan.FromMilliseconds(20_000) }));

        Assert.False(string.IsNullOrWhiteSpace(e.Message));
    }

    /// <summary>Answers one page that breaks the named rule.</summary>
    private sealed class BrokenSource(string breach) : IPageSource<NegativeBalanceInterest>
    {
        public int PageSize => 10;

        public TimeSpan MaxSpan => TimeSpan.FromDays(30);

        public Task<IReadOnlyList<NegativeBalanceInterest>> FetchAsync(string? asset, long startMs, long endMs, CancellationToken cancellationToken)
        {
            var times = Enumerable.Range(0, PageSize).Select(i => endMs - (i * 10)).ToList();
            switch (breach)
            {
                case "outside the window":
                    times[3] = endMs + 1;
                    break;
                case "not in time order":
                    (times[2], times[7]) = (times[7], times[2]);
                    break;
                case "larger than a page":
                    times.Add(startMs);
                    break;
            }

            var page = times.Select(t => Record(breach == "another asset" ? "BTC" : "USDT", t)).ToList();
            return Task.FromResult<IReadOnlyList<NegativeBalanceInterest>>(page);
        }

        private static NegativeBalanceInterest Record(string asset, long t) =>
            new(asset, 1m, 0.0001m, 100m, DateTimeOffset.FromUnixTimeMilliseconds(t).UtcDateTime);
    }
}
