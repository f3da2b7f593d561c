using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace PmInterest.Paging;

/// <summary>
/// Hands on the records of an instant that more records share than a page holds. Binance
/// has no way to page inside one instant, so the query is split by asset: every asset seen
/// anywhere in the range is asked for at that instant alone. Runs after the whole range is
/// walked, so the result does not depend on how far concurrent windows had got.
/// </summary>
internal sealed class OverflowResolver<T>
    where T : class, IPagedRecord<T>
{
    private readonly Func<PagerQuery, CancellationToken, Task<IReadOnlyList<T>>> _fetch;
    private readonly int _pageSize;
    private readonly RecordOrder<T> _order;
    private readonly int _concurrency;

    public OverflowResolver(Func<PagerQuery, CancellationToken, Task<IReadOnlyList<T>>> fetch, int pageSize, RecordOrder<T> order, int concurrency)
    {
        _fetch = fetch;
        _pageSize = pageSize;
        _order = order;
        _concurrency = Math.Max(1, concurrency);
    }

    /// <summary>The instant's records in output order, then what could not be proven complete.</summary>
    public async Task<(List<T> Records, List<PagerTieOverflow> Reports)> ResolveAsync(
        PagerOverflowMarker<T> marker, IEnumerable<string> assetsInRange, CancellationToken cancellationToken)
    {
        var assets = new SortedSet<string>(assetsInRange, StringComparer.Ordinal);
        foreach (var r in marker.Fetched.Items)
        {
            assets.Add(r.Asset);
        }

        var when = DateTimeOffset.FromUnixTimeMilliseconds(marker.InstantMs).UtcDateTime;
        var pages = await FetchEachAsync(assets.ToList(), marker.InstantMs, cancellationToken).ConfigureAwait(false);

        // The union does not depend on the order the answers came in; reports go by asset.
        var all = marker.Fetched.Clone();
        var reports = new List<PagerTieOverflow>();
        foreach (var (asset, page) in pages)
        {
            all.UnionWith(page);
            if (page.Count >= _pageSize)
            {
                reports.Add(new PagerTieOverflow(when, asset, page.Count, Array.Empty<string>(), _pageSize));
            }
        }

        var records = all.Items.ToList();
        records.Sort(_order);

        // Assets that appear nowhere else in the range cannot be named, so completeness at
        // this instant cannot be proven: say so rather than lose records silently.
        reports.Add(new PagerTieOverflow(when, null, records.Count, assets.ToArray(), _pageSize));
        return (records, reports);
    }

    /// <summary>One request per asset at the instant, a few at a time; the answers in asset order.</summary>
    private async Task<List<(string Asset, IReadOnlyList<T> Page)>> FetchEachAsync(List<string> assets, long instant, CancellationToken cancellationToken)
    {
        var pages = new IReadOnlyList<T>[assets.Count];
        using var gate = new SemaphoreSlim(_concurrency);
        async Task FetchOne(int i)
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var query = new PagerQuery(assets[i], instant, instant);
                var page = await _fetch(query, cancellationToken).ConfigureAwait(false);
                PageCheck.Validate(query, page, _pageSize);
                pages[i] = page;
            }
            finally
            {
                gate.Release();
            }
        }

        await Task.WhenAll(Enumerable.Range(0, assets.Count).Select(FetchOne)).ConfigureAwait(false);
        return assets.Select((a, i) => (a, pages[i])).ToList();
    }
}
