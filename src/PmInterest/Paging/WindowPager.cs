using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace PmInterest.Paging;

/// <summary>
/// Walks an inclusive time range through an API that has no cursor, caps each window and
/// each page, and may answer newest-first or oldest-first, and hands on every record in the
/// range exactly once, in one order (<see cref="RecordOrder{T}"/>) whatever the server's order,
/// its tie order, the latency or the concurrency.
/// <para>
/// The range is cut into windows no longer than the span limit; each window is paged through
/// by a <see cref="WindowWalk{T}"/>, and windows are walked concurrently by a
/// <see cref="WindowScheduler{T}"/> that hands their output on strictly in window order. An
/// instant with more records than a page holds is resolved by asset once the whole range is
/// known (<see cref="OverflowResolver{T}"/>).
/// </para>
/// </summary>
internal sealed class WindowPager<T>
    where T : class, IPagedRecord<T>
{
    private readonly IPageSource<T> _source;
    private readonly PagerOptions _options;
    private readonly ConcurrentDictionary<string, byte> _assetsSeen = new(StringComparer.Ordinal);
    private readonly ServerDirection _direction = new();
    private long _spanMs;
    private int _requests;

    public WindowPager(IPageSource<T> source, PagerOptions options)
    {
        _source = source;
        _options = options;
        _spanMs = (long)(options.Span ?? source.MaxSpan).TotalMilliseconds;
    }

    /// <summary>Requests made so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>The longest window the server accepts, as far as this run has learned.</summary>
    public TimeSpan Span => TimeSpan.FromMilliseconds(Volatile.Read(ref _spanMs));

    internal PagerOptions Options => _options;

    internal int PageSize => _source.PageSize;

    internal long SpanMs => Volatile.Read(ref _spanMs);

    /// <summary>Every asset any page of this run has held: what an overflowing instant is split by.</summary>
    internal ICollection<string> AssetsSeen => _assetsSeen.Keys;

    /// <summary>
    /// Runs the walk. <paramref name="sink"/> is called from one task at a time, in output
    /// order; it may wait (to apply backpressure). Returns when everything is handed on.
    /// </summary>
    public async Task RunAsync(PagerRequest<T> request, Func<PagerOutput, CancellationToken, Task> sink, CancellationToken cancellationToken)
    {
        using var scheduler = new WindowScheduler<T>(this, request, BuildWindows(request), cancellationToken);
        await scheduler.RunAsync(sink).ConfigureAwait(false);
    }

    /// <summary>Fetches one page, counting it and noting the assets it holds.</summary>
    internal async Task<IReadOnlyList<T>> FetchAsync(PagerQuery query, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        var page = await _source.FetchAsync(query.Asset, query.StartMs, query.EndMs, cancellationToken).ConfigureAwait(false);
        foreach (var r in page)
        {
            _assetsSeen.TryAdd(r.Asset, 0);
        }

        return page;
    }

    /// <summary>The server refused <paramref name="tried"/> as too long: keep the shortest span any window has learned.</summary>
    internal void LearnSpan(PagerQuery tried, SpanLimitExceededException e)
    {
        var told = e.Limit is TimeSpan limit ? (long)limit.TotalMilliseconds : 0;
        var shorter = told > 0 && told < tried.Length ? told : tried.Length / 2;
        if (shorter < 1)
        {
            throw new PagerContractException("The server refuses every window as too long, even one of a millisecond.", e);
        }

        long current;
        do
        {
            current = Volatile.Read(ref _spanMs);
            if (current <= shorter)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _spanMs, shorter, current) != current);
    }

    internal OverflowResolver<T> CreateResolver(RecordOrder<T> order, int concurrency) => new(FetchAsync, _source.PageSize, order, concurrency);

    private List<WindowWalk<T>> BuildWindows(PagerRequest<T> request)
    {
        // Each window spans at most the span limit (end - start = span - 1 ms, which meets "at
        // most" and "less than" readings of the limit alike), in the order of the output.
        var order = request.Order;
        var span = SpanMs;
        var windows = new List<WindowWalk<T>>();
        if (order.Descending)
        {
            for (var hi = request.EndMs; ; hi -= span)
            {
                var lo = Math.Max(request.StartMs, hi - span + 1);
                windows.Add(new WindowWalk<T>(request.Assets, lo, hi, _source.PageSize, order, _direction));
                if (lo <= request.StartMs)
                {
                    break;
                }
            }
        }
        else
        {
            for (var lo = request.StartMs; ; lo += span)
            {
                var hi = Math.Min(request.EndMs, lo + span - 1);
                windows.Add(new WindowWalk<T>(request.Assets, lo, hi, _source.PageSize, order, _direction));
                if (hi >= request.EndMs)
                {
                    break;
                }
            }
        }

        return windows;
    }
}
