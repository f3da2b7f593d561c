using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using PmInterest.Binance;
using PmInterest.Endpoints;
using PmInterest.Paging;

namespace PmInterest.Commands;

/// <summary>
/// The pager running on a background task, with everything it says queued for the one thread
/// that may write to PowerShell: pages (at most the one being written and the next, so a slow
/// pipeline holds the walk back), tie reports, verbose lines and waits. No PowerShell types.
/// </summary>
internal sealed class BackgroundWalk<T> : IDisposable
    where T : class, IPagedRecord<T>
{
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(5);

    private readonly BlockingCollection<object> _mailbox = new();
    private readonly SemaphoreSlim _pageSlots = new(2);
    private readonly CancellationTokenSource _run;
    private readonly WindowPager<T> _pager;
    private readonly Task _walk;
    private readonly Task _ended;

    /// <param name="source">Makes the page source, given where its verbose lines and waits go.</param>
    /// <param name="heldUntilEnd">Disposed when the walk's task has ended (the connection's use, so that a close waits for it).</param>
    public BackgroundWalk(Func<Action<string>, Action<WaitEvent>, IPageSource<T>> source, PagerOptions options, PagerRequest<T> request, CancellationToken cancellation, IDisposable? heldUntilEnd = null)
    {
        _run = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        try
        {
            _pager = new WindowPager<T>(source(line => _mailbox.Add(line), wait => _mailbox.Add(wait)), options);
            _walk = Task.Run(() => _pager.RunAsync(request, SinkAsync, _run.Token), CancellationToken.None);
        }
        catch
        {
            heldUntilEnd?.Dispose();
            throw;
        }

        // The mailbox ends when the walk does; this continuation is waited for on every way
        // out, so it never touches a disposed mailbox.
        _ended = _walk.ContinueWith(
            _ =>
            {
                heldUntilEnd?.Dispose();
                _mailbox.CompleteAdding();
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    public int Requests => _pager.Requests;

    /// <summary>The longest window the server accepted in this walk.</summary>
    public TimeSpan Span => _pager.Span;

    /// <summary>
    /// What the walk says, in order, until it ends: strings (verbose lines), <see cref="WaitEvent"/>,
    /// <see cref="PagerPage{T}"/> (call <see cref="PageHandled"/> after each) and <see cref="PagerTieOverflow"/>.
    /// </summary>
    public IEnumerable<object> Items(CancellationToken cancellation) => _mailbox.GetConsumingEnumerable(cancellation);

    /// <summary>A page is written: the walk may queue another.</summary>
    public void PageHandled() => _pageSlots.Release();

    /// <summary>Stops the walk (and the request in flight) and waits briefly for it.</summary>
    public void Stop()
    {
        _run.Cancel();
        _ended.Wait(StopWait);
    }

    /// <summary>Waits for the walk's end; rethrows its failure (a stop on purpose is not one).</summary>
    public void Finish()
    {
        _ended.Wait(CancellationToken.None);
        try
        {
            _walk.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (_run.IsCancellationRequested)
        {
            // Stopped on purpose: enough records, or Ctrl+C.
        }
    }

    public void Dispose()
    {
        _mailbox.Dispose();
        _pageSlots.Dispose();
        _run.Dispose();
    }

    private async Task SinkAsync(PagerOutput output, CancellationToken cancellationToken)
    {
        if (output is PagerPage<T>)
        {
            await _pageSlots.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        _mailbox.Add(output, CancellationToken.None);
    }
}

/// <summary>Walks of a connection's interest history.</summary>
internal static class BackgroundWalk
{
    /// <param name="use">The connection's use (<see cref="PmConnection.TryUse"/>), ended with the walk's task.</param>
    public static BackgroundWalk<NegativeBalanceInterest> Of(PmConnection connection, IDisposable use, PagerRequest<NegativeBalanceInterest> request, CancellationToken cancellation) =>
        new(
            (log, wait) => new PagedSource<NegativeBalanceInterest>(connection.Client, connection.Profile.InterestHistory, log, wait),
            new PagerOptions { MaxConcurrency = connection.Client.Options.MaxConcurrency, Span = connection.WindowSpan },
            request,
            cancellation,
            use);
}
