using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using PmInterest.Binance;
using PmInterest.Interest;

namespace PmInterest.Commands;

/// <summary>
/// Streams the negative-balance interest history of a Portfolio Margin Pro account for any
/// time range, every record exactly once, newest first.
/// </summary>
[Cmdlet(VerbsCommon.Get, "PmNegativeBalanceInterest", SupportsPaging = true)]
[OutputType(typeof(NegativeBalanceInterest))]
public sealed class GetPmNegativeBalanceInterestCommand : PmCmdlet
{
    private const string Activity = "Get-PmNegativeBalanceInterest";

    // Binance asset codes are letters and digits (USDT, 1000SATS); anything else is a typo
    // that would silently match nothing.
    private static readonly Regex AssetPattern = new("^[A-Za-z0-9]{1,32}$", RegexOptions.CultureInvariant);

    private PmConnection? _connection;
    private bool _ownsConnection;
    private long _startMs;
    private long _endMs;
    private ulong _toSkip;
    private ulong _toWrite = ulong.MaxValue;
    private ulong _written;
    private ulong _matched;
    private bool _stoppedEarly;

    /// <summary>Assets to fetch (all when left out); also from the pipeline.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AssetCompleter))]
    public string[]? Asset { get; set; }

    [Parameter]
    public DateTime StartTime { get; set; }

    [Parameter]
    public DateTime EndTime { get; set; }

    [Parameter]
    [ValidateNotNull]
    public PmConnection? Connection { get; set; }

    protected override void BeginProcessing()
    {
        try
        {
            var bound = MyInvocation.BoundParameters;
            (_startMs, _endMs) = TimeRange.Resolve(
                bound.ContainsKey(nameof(StartTime)) ? StartTime : null,
                bound.ContainsKey(nameof(EndTime)) ? EndTime : null,
                DateTime.UtcNow);
            _connection = Connection ?? ConnectionStore.Current;
            if (_connection is null)
            {
                _connection = new ConnectionSettings().Connect(p => SessionState.Path.GetUnresolvedProviderPathFromPSPath(p));
                _ownsConnection = true;
            }
        }
        catch (PmInputException e)
        {
            ThrowTerminatingError(ErrorRecords.FromInput(e, null));
        }

        _toSkip = PagingParameters.Skip;
        _toWrite = PagingParameters.First;
        WriteVerbose(string.Format(
            CultureInfo.InvariantCulture,
            "Fetching {0:yyyy-MM-dd HH:mm:ss.fff}Z to {1:yyyy-MM-dd HH:mm:ss.fff}Z through {2}.",
            DateTimeOffset.FromUnixTimeMilliseconds(_startMs).UtcDateTime,
            DateTimeOffset.FromUnixTimeMilliseconds(_endMs).UtcDateTime,
            _connection));
    }

    protected override void ProcessRecord()
    {
        if (_stoppedEarly)
        {
            return;
        }

        var assets = NormalizeAssets(Asset);
        Fetch(assets);
    }

    protected override void EndProcessing()
    {
        if (PagingParameters.IncludeTotalCount)
        {
            // The total is known only when nothing stopped the walk early.
            WriteObject(PagingParameters.NewTotalCount(_matched, _stoppedEarly ? 0.0 : 1.0));
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _ownsConnection)
        {
            _connection?.Client.Dispose();
        }

        base.Dispose(disposing);
    }

    private IReadOnlyList<string?> NormalizeAssets(string[]? assets)
    {
        if (assets is null || assets.Length == 0)
        {
            return new string?[] { null };
        }

        var result = new List<string?>();
        foreach (var a in assets)
        {
            var trimmed = (a ?? string.Empty).Trim();
            if (!AssetPattern.IsMatch(trimmed))
            {
                ThrowTerminatingError(ErrorRecords.FromInput(
                    new PmInputException(ErrorIds.InvalidAsset,
                        "'" + a + "' is not a Binance asset code.",
                        "Give asset codes of letters and digits only, such as USDT or BTC."),
                    a));
            }

            var upper = trimmed.ToUpperInvariant();
            if (!result.Contains(upper))
            {
                result.Add(upper);
            }
        }

        return result;
    }

    private void Fetch(IReadOnlyList<string?> assets)
    {
        var connection = _connection!;
        using var mailbox = new BlockingCollection<object>();
        using var pageSlots = new SemaphoreSlim(2); // the page being written and the next one
        using var run = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);

        var source = new InterestHistorySource(connection.Client, line => mailbox.Add(line));
        var pager = new InterestPager(source, new PagerOptions { MaxConcurrency = connection.Client.Options.MaxConcurrency, Span = connection.WindowSpan });
        // -First and -Skip together bound what the walk needs; a bound past long.MaxValue is none.
        long? limit = _toWrite > (ulong)long.MaxValue - Math.Min(_toSkip, (ulong)long.MaxValue) ? null : (long)(_toWrite + _toSkip);
        var request = new PagerRequest(assets, _startMs, _endMs, limit);

        async Task Sink(PagerOutput output, CancellationToken ct)
        {
            if (output is PagerPage)
            {
                await pageSlots.WaitAsync(ct).ConfigureAwait(false);
            }

            mailbox.Add(output, CancellationToken.None);
        }

        var walk = Task.Run(() => pager.RunAsync(request, Sink, run.Token));

        // The mailbox ends when the walk does; this continuation is awaited on every way out,
        // so it never touches a disposed mailbox.
        var ended = walk.ContinueWith(_ => mailbox.CompleteAdding(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        var seen = ConnectionStore.SeenAssets;
        try
        {
            foreach (var item in mailbox.GetConsumingEnumerable(Cancellation))
            {
                switch (item)
                {
                    case string line:
                        WriteVerbose(line);
                        break;
                    case PagerPage page:
                        WritePage(page, seen);
                        pageSlots.Release();
                        break;
                    case PagerTieOverflow overflow:
                        WriteError(ErrorRecords.TieOverflow(overflow));
                        break;
                }

                if (_toWrite == 0)
                {
                    _stoppedEarly = true;
                    run.Cancel();
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
        {
            // Ctrl+C: the walk and its request in flight are cancelled with the same token.
            // Wait briefly for the workers so nothing outlives the buffers they write to.
            run.Cancel();
            ended.Wait(TimeSpan.FromSeconds(5));
            return;
        }

        try
        {
            ended.Wait(CancellationToken.None);
            connection.WindowSpan = pager.Span;
            walk.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (run.IsCancellationRequested)
        {
            // Stopped on purpose (-First reached, or Ctrl+C).
        }
        catch (BinanceApiException e)
        {
            ThrowTerminatingError(ErrorRecords.FromBinance(e, assets.Count == 1 ? assets[0] : null));
        }
        catch (PagerContractException e)
        {
            ThrowTerminatingError(ErrorRecords.PagingFailed(e));
        }
        finally
        {
            WriteProgress(new ProgressRecord(1, Activity, "Done") { RecordType = ProgressRecordType.Completed });
        }
    }

    private void WritePage(PagerPage page, ICollection<string> seen)
    {
        foreach (var record in page.Records)
        {
            _matched++;
            if (_toSkip > 0)
            {
                _toSkip--;
                continue;
            }

            if (_toWrite == 0)
            {
                break;
            }

            WriteObject(record);
            _written++;
            _toWrite--;
            if (!seen.Contains(record.Asset))
            {
                seen.Add(record.Asset);
            }
        }

        var span = Math.Max(1, _endMs - _startMs);
        var done = Math.Max(0, Math.Min(span, _endMs - page.CompleteMs));
        WriteProgress(new ProgressRecord(
            1,
            Activity,
            string.Format(CultureInfo.InvariantCulture, "{0} records from {1} requests", _written, page.Requests))
        {
            PercentComplete = (int)(done * 100 / span),
            CurrentOperation = string.Format(
                CultureInfo.InvariantCulture,
                "{0} {1:yyyy-MM-dd}..{2:yyyy-MM-dd}",
                page.Asset ?? "all assets",
                DateTimeOffset.FromUnixTimeMilliseconds(page.WindowStartMs).UtcDateTime,
                DateTimeOffset.FromUnixTimeMilliseconds(page.WindowEndMs).UtcDateTime),
        });
    }
}
