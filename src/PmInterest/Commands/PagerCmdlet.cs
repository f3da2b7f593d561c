using System;
using System.Globalization;
using System.Management.Automation;
using PmInterest.Binance;
using PmInterest.Paging;

namespace PmInterest.Commands;

/// <summary>
/// Base of the cmdlets that walk the interest history: resolves the connection, runs the
/// pager on a background task and brings everything it says back to the pipeline thread
/// (the only thread that may call Write*): pages, tie reports, verbose lines, waits as
/// progress. Errors become the module's ErrorRecords here and nowhere else.
/// </summary>
public abstract class PagerCmdlet : PmCmdlet
{
    private const int ProgressId = 1;

    private PmConnection? _ownedConnection;

    /// <summary>The activity named in progress records.</summary>
    private protected abstract string Activity { get; }

    /// <summary>The connection given, else this runspace's, else one from environment variables (closed with the cmdlet).</summary>
    private protected PmConnection ResolveConnection(PmConnection? given)
    {
        if ((given ?? ConnectionStore.Current) is { } connection)
        {
            return connection.IsClosed ? throw ConnectionClosed() : connection;
        }

        _ownedConnection = new ConnectionSettings().Connect(p => SessionState.Path.GetUnresolvedProviderPathFromPSPath(p));
        if (PlainHttpWarning.ForAccount(_ownedConnection.BaseUri) is { } warning)
        {
            WriteWarning(warning);
        }

        return _ownedConnection;
    }

    /// <summary>
    /// Walks <paramref name="request"/> and calls <paramref name="onPage"/> on the pipeline
    /// thread for each page of records, in output order; it returns false to stop the walk.
    /// Returns the number of requests made. Binance and paging failures are terminating errors.
    /// </summary>
    private protected int RunPager(PmConnection connection, PagerRequest<NegativeBalanceInterest> request, Func<PagerPage<NegativeBalanceInterest>, bool> onPage, object? errorTarget)
    {
        var use = connection.TryUse();
        if (use is null)
        {
            // Closed since it was resolved (Remove-Module or Dispose in another runspace).
            ThrowTerminatingError(ErrorRecords.FromInput(ConnectionClosed(), errorTarget));
            return 0;
        }

        var profile = connection.Profile;
        var estimate = WeightEstimate.Warning(
            request.Assets.Count,
            request.StartMs,
            request.EndMs,
            connection.WindowSpan,
            profile.InterestHistory.Weight,
            connection.WeightLimitInForce,
            connection.Client.Options.WindowFor(profile.Pool),
            profile.Pool.Name);
        if (estimate is not null && request.RecordLimit is null)
        {
            WriteWarning(estimate);
        }

        using var walk = BackgroundWalk.Of(connection, use, request, Cancellation);
        var progress = new WalkProgress(Activity, ProgressId, request);
        try
        {
            if (!Drain(walk, onPage, progress))
            {
                walk.Stop();
            }
        }
        catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
        {
            // Ctrl+C: the walk and its request in flight are cancelled with the same token.
            walk.Stop();
            return walk.Requests;
        }
        catch
        {
            // A page handler stopped the command (a ledger that cannot be written, say): stop
            // the walk before its mailbox goes away, then let the error go on unchanged.
            walk.Stop();
            throw;
        }

        try
        {
            walk.Finish();
            connection.WindowSpan = walk.Span;
        }
        catch (BinanceApiException e)
        {
            ThrowTerminatingError(ErrorRecords.FromBinance(e, errorTarget, connection.AccountType));
        }
        catch (PagerContractException e)
        {
            ThrowTerminatingError(ErrorRecords.PagingFailed(e));
        }
        finally
        {
            WriteProgress(progress.Completed());
        }

        return walk.Requests;
    }

    private static PmInputException ConnectionClosed() =>
        new(ErrorIds.NoCredentials,
            "The connection was closed (by its Dispose method, or by Remove-Module PmInterest in the session that made it): its key is cleared.",
            "Run Connect-PmAccount again and pass the new connection.");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _ownedConnection?.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Everything the walk says, on the pipeline thread; false when <paramref name="onPage"/> asked to stop.</summary>
    private bool Drain(BackgroundWalk<NegativeBalanceInterest> walk, Func<PagerPage<NegativeBalanceInterest>, bool> onPage, WalkProgress progress)
    {
        foreach (var item in walk.Items(Cancellation))
        {
            if (TellClientEvent(item, ProgressId))
            {
                continue;
            }

            switch (item)
            {
                case PagerPage<NegativeBalanceInterest> page:
                    var goOn = onPage(page);
                    walk.PageHandled();
                    WriteProgress(progress.After(page));
                    if (!goOn)
                    {
                        return false;
                    }

                    break;
                case PagerTieOverflow overflow:
                    WriteError(ErrorRecords.TieOverflow(overflow));
                    break;
            }
        }

        return true;
    }

    /// <summary>The progress record of a walk: records so far, how much of the range is handed on, the window at hand.</summary>
    private sealed class WalkProgress
    {
        private readonly string _activity;
        private readonly int _id;
        private readonly PagerRequest<NegativeBalanceInterest> _request;
        private long _records;

        public WalkProgress(string activity, int id, PagerRequest<NegativeBalanceInterest> request)
        {
            _activity = activity;
            _id = id;
            _request = request;
        }

        public ProgressRecord After(PagerPage<NegativeBalanceInterest> page)
        {
            _records += page.Records.Count;
            var span = Math.Max(1, _request.EndMs - _request.StartMs);
            var done = _request.Order.Descending ? _request.EndMs - page.CompleteMs : page.CompleteMs - _request.StartMs;
            return new ProgressRecord(
                _id,
                _activity,
                string.Format(CultureInfo.InvariantCulture, "{0} records from {1} requests", _records, page.Requests))
            {
                PercentComplete = (int)(Math.Max(0, Math.Min(span, done)) * 100 / span),
                CurrentOperation = string.Format(
                    CultureInfo.InvariantCulture,
                    "{0} {1:yyyy-MM-dd}..{2:yyyy-MM-dd}",
                    page.Asset ?? "all assets",
                    DateTimeOffset.FromUnixTimeMilliseconds(page.WindowStartMs).UtcDateTime,
                    DateTimeOffset.FromUnixTimeMilliseconds(page.WindowEndMs).UtcDateTime),
            };
        }

        public ProgressRecord Completed() => new(_id, _activity, "Done") { RecordType = ProgressRecordType.Completed };
    }
}
