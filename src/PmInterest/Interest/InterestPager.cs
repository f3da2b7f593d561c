using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace PmInterest.Interest;

/// <summary>
/// Walks an inclusive time range through an API that has no cursor, caps each window and
/// each page, and may answer newest-first or oldest-first, and hands on every record in the
/// range exactly once.
/// <para>
/// The range is cut into windows no longer than the span limit, newest first; each window
/// (per asset, when assets are named) is a unit. Inside a unit, a full page moves the
/// window's edge to the page's last instant, inclusive, and the records already handed on
/// at that instant are skipped when the next page repeats them: that overlap is the only
/// thing ever fetched twice. A full page that holds a single instant cannot move the edge;
/// the pager then splits the query by asset, and reports what it still could not fetch.
/// </para>
/// <para>
/// Units run concurrently, but their output is handed on strictly in unit order, so the
/// result is the same whatever the timing. Units that run ahead buffer a few pages and wait.
/// </para>
/// </summary>
internal sealed class InterestPager
{
    private const int NewestFirst = 1;
    private const int OldestFirst = -1;

    private readonly IInterestPageSource _source;
    private readonly PagerOptions _options;
    private readonly ConcurrentDictionary<string, byte> _knownAssets = new(StringComparer.Ordinal);
    private long _spanMs;
    private int _direction;
    private int _requests;
    private long _handedOn;

    public InterestPager(IInterestPageSource source, PagerOptions options)
    {
        _source = source;
        _options = options;
        _spanMs = (long)options.Span.TotalMilliseconds;
    }

    /// <summary>Requests made so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>The longest window the server accepts, as far as this run has learned.</summary>
    public TimeSpan Span => TimeSpan.FromMilliseconds(Volatile.Read(ref _spanMs));

    /// <summary>
    /// Runs the walk. <paramref name="sink"/> is called from one task at a time, in order;
    /// it may wait (to apply backpressure). Returns when every unit is done.
    /// </summary>
    public async Task RunAsync(PagerRequest request, Func<PagerOutput, CancellationToken, Task> sink, CancellationToken cancellationToken)
    {
        var units = BuildUnits(request);
        var queues = units.Select(_ => new UnitQueue(_options.LookaheadPages)).ToArray();
        var concurrency = request.RecordLimit is null ? Math.Max(1, _options.MaxConcurrency) : 1;

        // Slots bound how many units may be started but not yet handed on, which bounds memory.
        var slotCount = concurrency + 2;
        using var slots = new SemaphoreSlim(slotCount);
        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Exception? firstFailure = null;
        var next = -1;

        async Task Worker()
        {
            while (!run.IsCancellationRequested)
            {
                await slots.WaitAsync(run.Token).ConfigureAwait(false);
                var index = Interlocked.Increment(ref next);
                if (index >= units.Count)
                {
                    slots.Release();
                    return;
                }

                try
                {
                    await WalkUnitAsync(units[index], request, queues[index], run.Token).ConfigureAwait(false);
                    queues[index].Complete(null);
                }
                catch (Exception e)
                {
                    if (e is not OperationCanceledException)
                    {
                        Interlocked.CompareExchange(ref firstFailure, e, null);
                    }

                    queues[index].Complete(e);
                    run.Cancel();
                    return;
                }
            }
        }

        var workers = Enumerable.Range(0, Math.Min(concurrency, units.Count)).Select(_ => Task.Run(Worker)).ToArray();
        try
        {
            for (var i = 0; i < units.Count; i++)
            {
                while (true)
                {
                    if (queues[i].IsEmpty)
                    {
                        // The output is about to wait on the network: let the units fetched
                        // ahead buffer deeper, so their requests overlap this one's.
                        for (var j = i + 1; j < Math.Min(units.Count, i + slotCount); j++)
                        {
                            queues[j].Grow(_options.LookaheadPages, _options.MaxLookaheadPages);
                        }
                    }

                    if (await queues[i].TakeAsync(run.Token).ConfigureAwait(false) is not { } output)
                    {
                        break;
                    }

                    await sink(output, run.Token).ConfigureAwait(false);
                }

                slots.Release();
                if (request.RecordLimit is long limit && Interlocked.Read(ref _handedOn) >= limit)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (firstFailure is not null && !cancellationToken.IsCancellationRequested)
        {
            // A worker failed and cancelled the rest; its failure is the one to report.
        }
        finally
        {
            run.Cancel();
            try
            {
                await Task.WhenAll(workers).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Workers stop by cancellation once the sequencer is done or has failed.
            }

            foreach (var q in queues)
            {
                q.Dispose();
            }
        }

        if (firstFailure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(firstFailure).Throw();
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    private List<Unit> BuildUnits(PagerRequest request)
    {
        // Windows newest first, each exactly one span long at most (end - start = span - 1 ms,
        // which satisfies "at most" and "less than" readings of the limit alike).
        var units = new List<Unit>();
        var span = Volatile.Read(ref _spanMs);
        for (var hi = request.EndMs; ; )
        {
            var lo = Math.Max(request.StartMs, hi - span + 1);
            foreach (var asset in request.Assets)
            {
                units.Add(new Unit(asset, lo, hi));
            }

            if (lo <= request.StartMs)
            {
                break;
            }

            hi = lo - 1;
        }

        return units;
    }

    private async Task WalkUnitAsync(Unit unit, PagerRequest request, UnitQueue queue, CancellationToken cancellationToken)
    {
        // Within a unit, sub-windows follow the span limit as currently known: a server that
        // refuses a window as too long teaches a shorter one, used from then on.
        for (var hi = unit.EndMs; hi >= unit.StartMs;)
        {
            var span = Volatile.Read(ref _spanMs);
            var lo = Math.Max(unit.StartMs, hi - span + 1);
            try
            {
                await WalkWindowAsync(unit.Asset, lo, hi, request, queue, cancellationToken).ConfigureAwait(false);
            }
            catch (SpanLimitExceededException e)
            {
                LearnSpan(span, e);
                continue;
            }

            if (lo <= unit.StartMs)
            {
                return;
            }

            hi = lo - 1;
        }
    }

    private void LearnSpan(long triedSpan, SpanLimitExceededException e)
    {
        var told = e.Limit is TimeSpan limit ? (long)limit.TotalMilliseconds : 0;
        var shorter = told > 0 && told < triedSpan ? told : triedSpan / 2;
        if (shorter < 1)
        {
            throw new InvalidOperationException("The server refuses every window as too long, even one of a millisecond.", e);
        }

        // Keep the shortest span any unit has learned.
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

    private async Task WalkWindowAsync(string? asset, long floor, long ceiling, PagerRequest request, UnitQueue queue, CancellationToken cancellationToken)
    {
        var windowStart = floor;
        var windowEnd = ceiling;
        long? boundaryTime = null;
        var boundary = new RecordMultiset();
        var pageSize = _source.PageSize;

        while (floor <= ceiling)
        {
            if (LimitReached(request))
            {
                return;
            }

            var page = await FetchAsync(asset, floor, ceiling, cancellationToken).ConfigureAwait(false);
            var full = page.Count >= pageSize;
            var inRange = new List<NegativeBalanceInterest>(page.Count);
            long minT = long.MaxValue, maxT = long.MinValue;
            foreach (var r in page)
            {
                var t = r.AccruedMs;
                if (t < floor || t > ceiling)
                {
                    continue; // Not asked for; never handed on.
                }

                inRange.Add(r);
                minT = Math.Min(minT, t);
                maxT = Math.Max(maxT, t);
            }

            // What was handed on at the boundary instant before this page, kept whole for
            // the overflow case; the working copy loses each record as the page repeats it.
            var handedAtBoundary = boundary.Clone();
            var fresh = new List<NegativeBalanceInterest>(inRange.Count);
            foreach (var r in inRange)
            {
                if (boundaryTime == r.AccruedMs && boundary.TryRemove(r))
                {
                    continue;
                }

                fresh.Add(r);
            }

            if (!full)
            {
                await HandOnAsync(fresh, asset, windowStart, windowEnd, floor, queue, cancellationToken).ConfigureAwait(false);
                return;
            }

            if (inRange.Count == 0)
            {
                throw new InvalidOperationException("The server answered a full page of records outside the window that was asked for.");
            }

            if (minT == maxT)
            {
                // The whole page is one instant: the edge cannot move past it by paging.
                var atInstant = boundaryTime == minT ? handedAtBoundary : new RecordMultiset();
                foreach (var r in fresh)
                {
                    atInstant.Add(r);
                }

                await HandOnAsync(fresh, asset, windowStart, windowEnd, minT, queue, cancellationToken).ConfigureAwait(false);
                await ResolveOverflowAsync(asset, minT, atInstant, request, windowStart, windowEnd, queue, cancellationToken).ConfigureAwait(false);
                boundaryTime = null;
                boundary = new RecordMultiset();
                var direction = Volatile.Read(ref _direction);
                if (direction != NewestFirst && minT < ceiling)
                {
                    // Oldest-first (or not yet known): the newer side of the instant may hold records.
                    await WalkWindowAsync(asset, minT + 1, ceiling, request, queue, cancellationToken).ConfigureAwait(false);
                }

                if (direction == OldestFirst)
                {
                    return;
                }

                ceiling = minT - 1;
                continue;
            }

            var pageDirection = page[0].AccruedMs > page[page.Count - 1].AccruedMs ? NewestFirst
                : page[0].AccruedMs < page[page.Count - 1].AccruedMs ? OldestFirst
                : Volatile.Read(ref _direction) == OldestFirst ? OldestFirst : NewestFirst;
            Interlocked.CompareExchange(ref _direction, pageDirection, 0);

            boundary = new RecordMultiset();
            if (pageDirection == NewestFirst)
            {
                // Everything newer than minT is complete; minT itself may continue on the next page.
                boundaryTime = minT;
                ceiling = minT;
            }
            else
            {
                boundaryTime = maxT;
                floor = maxT;
            }

            foreach (var r in inRange)
            {
                if (r.AccruedMs == boundaryTime)
                {
                    boundary.Add(r);
                }
            }

            await HandOnAsync(fresh, asset, windowStart, windowEnd, pageDirection == NewestFirst ? minT + 1 : windowEnd, queue, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ResolveOverflowAsync(string? asset, long instant, RecordMultiset atInstant, PagerRequest request, long windowStart, long windowEnd, UnitQueue queue, CancellationToken cancellationToken)
    {
        var when = DateTimeOffset.FromUnixTimeMilliseconds(instant).UtcDateTime;
        if (asset is not null)
        {
            // Already one asset: there is nothing left to split by.
            queue.Add(new PagerTieOverflow(when, asset, atInstant.Count, Array.Empty<string>(), _source.PageSize));
            return;
        }

        var assets = new SortedSet<string>(_knownAssets.Keys, StringComparer.Ordinal);
        foreach (var r in atInstant.Items)
        {
            assets.Add(r.Asset);
        }

        var fetched = atInstant.Count;
        foreach (var name in assets)
        {
            if (LimitReached(request))
            {
                return;
            }

            var page = await FetchAsync(name, instant, instant, cancellationToken).ConfigureAwait(false);
            var fresh = new List<NegativeBalanceInterest>();
            foreach (var r in page)
            {
                if (r.AccruedMs == instant && !atInstant.TryRemove(r))
                {
                    fresh.Add(r);
                }
            }

            fetched += fresh.Count;
            await HandOnAsync(fresh, asset, windowStart, windowEnd, instant, queue, cancellationToken).ConfigureAwait(false);
            if (page.Count >= _source.PageSize)
            {
                queue.Add(new PagerTieOverflow(when, name, page.Count, Array.Empty<string>(), _source.PageSize));
            }
        }

        // Assets that appear nowhere else in the run cannot be named, so completeness at this
        // instant cannot be proven: say so rather than lose records silently.
        queue.Add(new PagerTieOverflow(when, null, fetched, assets.ToArray(), _source.PageSize));
    }

    private async Task<IReadOnlyList<NegativeBalanceInterest>> FetchAsync(string? asset, long start, long end, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        var page = await _source.FetchAsync(asset, start, end, cancellationToken).ConfigureAwait(false);
        foreach (var r in page)
        {
            _knownAssets.TryAdd(r.Asset, 0);
        }

        return page;
    }

    private Task HandOnAsync(List<NegativeBalanceInterest> fresh, string? asset, long windowStart, long windowEnd, long completeDownTo, UnitQueue queue, CancellationToken cancellationToken)
    {
        // Newest first within a page whatever the server's order; ties by asset for a stable result.
        fresh.Sort(static (a, b) =>
        {
            var byTime = b.AccruedMs.CompareTo(a.AccruedMs);
            return byTime != 0 ? byTime : string.CompareOrdinal(a.Asset, b.Asset);
        });
        Interlocked.Add(ref _handedOn, fresh.Count);
        return queue.AddPageAsync(new PagerPage(fresh, asset, windowStart, windowEnd, completeDownTo, Requests), cancellationToken);
    }

    private bool LimitReached(PagerRequest request) =>
        request.RecordLimit is long limit && Interlocked.Read(ref _handedOn) >= limit;

    private sealed class Unit
    {
        public Unit(string? asset, long startMs, long endMs)
        {
            Asset = asset;
            StartMs = startMs;
            EndMs = endMs;
        }

        public string? Asset { get; }

        public long StartMs { get; }

        public long EndMs { get; }
    }
}
