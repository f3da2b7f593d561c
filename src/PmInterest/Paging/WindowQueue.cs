using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace PmInterest.Paging;

/// <summary>
/// The output of one window, buffered until the sequencer reaches it. Pages are bounded so a
/// window fetched ahead cannot fill memory; reports, markers and the end are never refused.
/// </summary>
internal sealed class WindowQueue : IDisposable
{
    private const int Unbounded = 1 << 24;

    private readonly ConcurrentQueue<object> _items = new();
    private readonly SemaphoreSlim _available = new(0);
    private readonly SemaphoreSlim _space;
    private readonly object _growing = new();
    private int _capacity;

    public WindowQueue(int pageCapacity)
    {
        _capacity = pageCapacity;
        _space = new SemaphoreSlim(pageCapacity);
    }

    /// <summary>True when the next take would wait.</summary>
    public bool IsEmpty => _available.CurrentCount == 0;

    /// <summary>Lets the window buffer <paramref name="pages"/> more, up to <paramref name="maxCapacity"/>.</summary>
    public void Grow(int pages, int maxCapacity)
    {
        lock (_growing)
        {
            var more = Math.Min(pages, maxCapacity - _capacity);
            if (more > 0)
            {
                _capacity += more;
                _space.Release(more);
            }
        }
    }

    /// <summary>No bound any more: the output cannot move on until the whole range is walked.</summary>
    public void Unbound() => Grow(Unbounded, Unbounded);

    /// <summary>Queues a page (waiting for room) or any other output (never waiting).</summary>
    public async Task AddAsync(PagerOutput output, CancellationToken cancellationToken)
    {
        if (output is PagerPage)
        {
            await _space.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        _items.Enqueue(output);
        _available.Release();
    }

    public void Complete(Exception? failure)
    {
        _items.Enqueue(new End(failure));
        _available.Release();
    }

    /// <summary>Next output, or null at the end; rethrows the unit's failure.</summary>
    public async Task<PagerOutput?> TakeAsync(CancellationToken cancellationToken)
    {
        await _available.WaitAsync(cancellationToken).ConfigureAwait(false);
        _items.TryDequeue(out var item);
        switch (item)
        {
            case PagerPage page:
                _space.Release();
                return page;
            case End end:
                if (end.Failure is not null)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(end.Failure).Throw();
                }

                return null;
            default:
                return (PagerOutput)item!;
        }
    }

    public void Dispose()
    {
        _available.Dispose();
        _space.Dispose();
    }

    private sealed class End
    {
        public End(Exception? failure) => Failure = failure;

        public Exception? Failure { get; }
    }
}
