using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace PmInterest.Paging;

/// <summary>
/// One run of the pager: workers walk windows concurrently, each into its own bounded queue,
/// and the sequencer hands the queues on strictly in window order, so the result is the same
/// whatever the timing. Slots bound how many windows are started but not yet handed on, which
/// bounds memory; an overflowing instant lifts every bound, because its records can be handed
/// on only once the whole range has been walked.
/// </summary>
internal sealed class WindowScheduler<T> : IDisposable
    where T : class, IPagedRecord<T>
{
    private readonly WindowPager<T> _pager;
    private readonly PagerRequest<T> _request;
    private readonly IReadOnlyList<WindowWalk<T>> _windows;
    private readonly WindowQueue[] _queues;
    private readonly SemaphoreSlim _slots;
    private readonly int _slotCount;
    private readonly int _concurrency;
    private readonly CancellationTokenSource _run;
    private readonly CancellationToken _caller;
    private Exception? _failure;
    private int _next = -1;
    private int _unbounded;
    private long _released;
    private long _handedOn;

    public WindowScheduler(WindowPager<T> pager, PagerRequest<T> request, IReadOnlyList<WindowWalk<T>> windows, CancellationToken cancellationToken)
    {
        _pager = pager;
        _request = request;
        _windows = windows;
        var options = pager.Options;
        _queues = windows.Select(_ => new WindowQueue(options.LookaheadPages)).ToArray();

        // A record limit (-First) walks one window at a time, so nothing past it is fetched.
        _concurrency = request.RecordLimit is null ? Math.Max(1, options.MaxConcurrency) : 1;
        _slotCount = _concurrency + 2;
        _slots = new SemaphoreSlim(_slotCount);
        _caller = cancellationToken;
        _run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    public async Task RunAsync(Func<PagerOutput, CancellationToken, Task> sink)
    {
        var workers = Enumerable.Range(0, Math.Min(_concurrency, _windows.Count)).Select(_ => Task.Run(WorkAsync)).ToArray();
        var allWalked = Task.WhenAll(workers);
        try
        {
            await SequenceAsync(sink, allWalked).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_failure is not null && !_caller.IsCancellationRequested)
        {
            // A worker failed and cancelled the rest; its failure is the one to report.
        }
        finally
        {
            _run.Cancel();
            await allWalked.ConfigureAwait(false);
        }

        if (_failure is not null)
        {
            ExceptionDispatchInfo.Capture(_failure).Throw();
        }

        _caller.ThrowIfCancellationRequested();
    }

    public void Dispose()
    {
        foreach (var q in _queues)
        {
            q.Dispose();
        }

        _slots.Dispose();
        _run.Dispose();
    }

    /// <summary>
    /// Hands each window's output on in window order. Output can only wait for the window it
    /// is at; while it does, the windows fetched ahead may buffer deeper so their requests
    /// overlap this one's.
    /// </summary>
    private async Task SequenceAsync(Func<PagerOutput, CancellationToken, Task> sink, Task allWalked)
    {
        for (var i = 0; i < _windows.Count; i++)
        {
            while (true)
            {
                if (_queues[i].IsEmpty)
                {
                    GrowAhead(i);
                }

                var output = await _queues[i].TakeAsync(_run.Token).ConfigureAwait(false);
                if (output is null)
                {
                    break;
                }

                if (output is PagerOverflowMarker<T> marker)
                {
                    await ResolveAsync(marker, sink, allWalked).ConfigureAwait(false);
                }
                else
                {
                    await HandOnAsync(output, sink).ConfigureAwait(false);
                }
            }

            _slots.Release();
            if (_request.RecordLimit is long limit && Interlocked.Read(ref _handedOn) >= limit)
            {
                return;
            }
        }
    }

    private async Task HandOnAsync(PagerOutput output, Func<PagerOutput, CancellationToken, Task> sink)
    {
        if (output is PagerPage<T> page)
        {
            Interlocked.Add(ref _handedOn, page.Records.Count);
        }

        await sink(output, _run.Token).ConfigureAwait(false);
    }

    private void GrowAhead(int current)
    {
        var options = _pager.Options;
        for (var j = current + 1; j < Math.Min(_windows.Count, current + _slotCount); j++)
        {
            _queues[j].Grow(options.LookaheadPages, options.MaxLookaheadPages);
        }
    }

    /// <summary>Waits until every window is walked (every asset of the range is then known), then hands on the instant's records.</summary>
    private async Task ResolveAsync(PagerOverflowMarker<T> marker, Func<PagerOutput, CancellationToken, Task> sink, Task allWalked)
    {
        LiftBounds();
        await allWalked.ConfigureAwait(false);
        if (_failure is not null)
        {
            ExceptionDispatchInfo.Capture(_failure).Throw();
        }

        var (records, reports) = await _pager.CreateResolver(_request.Order, Math.Max(1, _pager.Options.MaxConcurrency))
            .ResolveAsync(marker, _pager.AssetsSeen, _run.Token)
            .ConfigureAwait(false);
        var page = new PagerPage<T>(records, null, marker.WindowStartMs, marker.WindowEndMs, marker.InstantMs, _pager.Requests);
        await HandOnAsync(page, sink).ConfigureAwait(false);
        foreach (var report in reports)
        {
            await HandOnAsync(report, sink).ConfigureAwait(false);
        }
    }

    /// <summary>Once an instant overflows, the whole range must be walked before output can pass it: no slot or queue bound may stall that.</summary>
    private void LiftBounds()
    {
        if (Interlocked.Exchange(ref _unbounded, 1) == 1)
        {
            return;
        }

        _slots.Release(_windows.Count);
        foreach (var q in _queues)
        {
            q.Unbound();
        }
    }

    private async Task WorkAsync()
    {
        while (!_run.IsCancellationRequested)
        {
            try
            {
                await _slots.WaitAsync(_run.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var index = Interlocked.Increment(ref _next);
            if (index >= _windows.Count)
            {
                return;
            }

            // Any failure ends the run; it is carried to the sequencer unchanged.
            try
            {
                await WalkAsync(_windows[index], _queues[index]).ConfigureAwait(false);
                _queues[index].Complete(null);
            }
            catch (Exception e)
            {
                if (e is not OperationCanceledException)
                {
                    Interlocked.CompareExchange(ref _failure, e, null);
                }

                _queues[index].Complete(e);
                _run.Cancel();
                return;
            }
        }
    }

    private async Task WalkAsync(WindowWalk<T> window, WindowQueue queue)
    {
        while (window.Next(_pager.SpanMs) is PagerQuery query)
        {
            if (LimitReached())
            {
                return;
            }

            IReadOnlyList<T> page;
            try
            {
                page = await _pager.FetchAsync(query, _run.Token).ConfigureAwait(false);
            }
            catch (SpanLimitExceededException e)
            {
                _pager.LearnSpan(query, e);
                continue;
            }

            window.Accept(query, page);
            if (window.HasOverflowMarker)
            {
                LiftBounds();
            }

            foreach (var output in window.Release(_pager.Requests))
            {
                if (output is PagerPage<T> released)
                {
                    Interlocked.Add(ref _released, released.Records.Count);
                }

                await queue.AddAsync(output, _run.Token).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// With a record limit the walk stops once enough records are final, unless an instant
    /// overflowed: then every asset of the range must be known before its records can be placed.
    /// </summary>
    private bool LimitReached() =>
        _request.RecordLimit is long limit && Volatile.Read(ref _unbounded) == 0 && Interlocked.Read(ref _released) >= limit;
}
